// Launches of a kernel template inside a host function template: `block_reduce<T, BLOCK><<<...>>>`
// names the CUDA template, but the port emits one kernel per instantiation
// (`block_reduce_float_256`, ...). A dispatcher chooses the emitted kernel by the template
// arguments at the host template's instantiation:
//
//   template <typename P0, long long P1> struct kport_launch_block_reduce;
//   template <> struct kport_launch_block_reduce<float, 256> {
//     template <class... A>
//     static void launch(cnrtDim3_t dim, cnrtFunctionType_t type, cnrtQueue_t queue,
//                        const kport_dim3 &grid, const kport_dim3 &block, A... args) {
//       block_reduce_float_256<<<dim, type, queue>>>(args..., grid.x, ..., block.z);
//     }
//   };
//
// and the launch calls `kport_launch_block_reduce<T, BLOCK>::launch(...)`. The instantiations
// come from the kernels' names (`block_reduce<float, 256>`), so a launch with arguments the file
// never instantiates fails to compile, as it would fail to link in CUDA.
import KIR

enum HostKernelTemplates {
  /// The dispatcher of template `sourceName`.
  static func dispatcher(_ sourceName: String) -> String {
    "kport_launch_" + sourceName.map { $0.isLetter || $0.isNumber || $0 == "_" ? String($0) : "_" }.joined()
  }

  /// The template-argument text of an instantiation name `f<A, B>`, or nil.
  static func arguments(ofInstance name: String) -> String? {
    guard let open = name.firstIndex(of: "<"), name.hasSuffix(">") else { return nil }
    return String(name[name.index(after: open)..<name.index(before: name.endIndex)])
      .trimmingCharacters(in: .whitespaces)
  }

  /// The dispatcher definitions for every kernel template with emitted instantiations (kernels
  /// imported from a ported header have theirs in the header's port). With `guarded`, the
  /// Ascend argument helpers are guarded, as another port of the translation unit may define
  /// them too.
  static func definitions(_ kernels: [String: KernelInterface], target: TargetKind, guarded: Bool = false) -> String {
    var bySource: [String: [(arguments: String, interface: KernelInterface)]] = [:]
    for (name, interface) in kernels where !interface.isImported {
      guard let source = interface.sourceName, let arguments = arguments(ofInstance: name) else { continue }
      bySource[source, default: []].append((arguments, interface))
    }
    var text: [String] = []
    for source in bySource.keys.sorted() {
      let instances = (bySource[source] ?? []).sorted(by: { $0.arguments < $1.arguments })
      let kinds = instances.first.map { splitArguments($0.arguments).map(parameterKind) } ?? []
      let parameters = kinds.enumerated().map { index, kind in kind + " P\(index)" }
      let name = dispatcher(source)
      text.append("// kport: launches of kernel template '\(source)' from host templates pick the emitted instantiation.")
      text.append("template <\(parameters.joined(separator: ", "))> struct \(name);")
      for instance in instances {
        let kernel = instance.interface.emittedName ?? source
        let symbols = instance.interface.symbols.map { symbol in
          target == .ascendc ? "(GM_ADDR)(\(HostSymbols.accessor(symbol))())" : "\(HostSymbols.accessor(symbol))()"
        }
        let dims = ["grid.x", "grid.y", "grid.z", "block.x", "block.y", "block.z"]
        switch target {
        case .bang:
          let call = (["args..."] + symbols + dims).joined(separator: ", ")
          text.append("""
            template <> struct \(name)<\(instance.arguments)> {
              template <class... A>
              static void launch(cnrtDim3_t dim, cnrtFunctionType_t type, cnrtQueue_t queue, const kport_dim3 &grid, const kport_dim3 &block, A... args) {
                \(kernel)<<<dim, type, queue>>>(\(call));
              }
            };
            """)
        case .ascendc:
          let call = (["kport_gm_arg(args)..."] + symbols + dims).joined(separator: ", ")
          text.append("""
            template <> struct \(name)<\(instance.arguments)> {
              template <class... A>
              static void launch(uint32_t blocks, void *l2, aclrtStream stream, const kport_dim3 &grid, const kport_dim3 &block, A... args) {
                \(kernel)<<<blocks, l2, stream>>>(\(call));
              }
            };
            """)
        }
      }
    }
    guard !text.isEmpty else { return "" }
    if target == .ascendc && !bySource.isEmpty {
      let helpers = """
        // Kernel pointers are GM_ADDR (targets.md B2): pointer arguments are cast, others pass as they are.
        template <class T> GM_ADDR kport_gm_arg(T *pointer) { return (GM_ADDR)pointer; }
        template <class T> T kport_gm_arg(T value) { return value; }
        """
      text.insert(guarded ? HostHeaderIncludes.guarded(helpers, by: "KPORT_GM_ARG") : helpers, at: 0)
    }
    return text.joined(separator: "\n")
  }

  /// The primary declarations of the dispatchers of `templates` (name → parameter kinds), for a
  /// ported header whose host templates launch them: the files that instantiate the templates
  /// define the specializations (a class template may be declared again).
  static func primaryDeclarations(_ templates: [String: [String]]) -> String {
    guard !templates.isEmpty else { return "" }
    var lines = ["// kport: launches of kernel templates from host templates pick the instantiation the including file emits."]
    for (source, kinds) in templates.sorted(by: { $0.key < $1.key }) {
      let parameters = kinds.enumerated().map { index, kind in kind + " P\(index)" }
      lines.append("template <\(parameters.joined(separator: ", "))> struct \(dispatcher(source));")
    }
    return lines.joined(separator: "\n") + "\n\n"
  }

  /// The template arguments of `text`, split at top-level commas.
  static func splitArguments(_ text: String) -> [String] {
    var parts: [String] = []
    var depth = 0
    var current = ""
    for character in text {
      switch character {
      case "<", "(", "[": depth += 1
      case ">", ")", "]": depth -= 1
      case "," where depth == 0:
        parts.append(current.trimmingCharacters(in: .whitespaces))
        current = ""
        continue
      default: break
      }
      current.append(character)
    }
    parts.append(current.trimmingCharacters(in: .whitespaces))
    return parts
  }

  /// `typename` for a type argument, the parameter type of a value argument.
  private static func parameterKind(_ argument: String) -> String {
    if argument == "true" || argument == "false" { return "bool" }
    var digits = argument
    if digits.hasPrefix("-") { digits.removeFirst() }
    while let last = digits.last, "uUlL".contains(last) { digits.removeLast() }
    if !digits.isEmpty && digits.allSatisfy(\.isNumber) { return "long long" }
    return "typename"
  }
}
