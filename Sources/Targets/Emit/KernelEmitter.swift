// The kernel emitters' entry point: SPMD-level KIR in (docs/spmd.md), the device part of a
// BANG C (.mlu) or Ascend C (.asc) file out. The text holds, in order: the helper definitions the
// code calls, vector structs, module structs, device functions (callees first) and kernels. It
// has no #include: the host part of the file brings the target headers. docs/emitters.md
// describes the mapping and the decisions behind it.
import KIR
import Rules

/// The device code of one module for one target, and what the emitter found.
public struct EmittedDevice: Sendable {
  /// The C text: helpers, structs, device functions and kernels.
  public var text: String
  /// Errors (a construct the target cannot express; the function holding it is left out and
  /// named in a comment) and warnings (partial rules), located at the ops.
  public var diagnostics: [Diagnostic]
  /// The C name of each function, by KIR name (`block_reduce<float, 256>` is
  /// `block_reduce_float_256`), for the host code that launches the kernels.
  public var functionNames: [String: String]

  public init(text: String, diagnostics: [Diagnostic], functionNames: [String: String] = [:]) {
    self.text = text
    self.diagnostics = diagnostics
    self.functionNames = functionNames
  }
}

/// Writes SPMD-level KIR as BANG C or Ascend C device code.
public enum KernelEmitter {
  /// The device code of `module` (structs, device globals, device functions, kernels) for `target`.
  ///
  /// Math functions, atomics, fences, the clock, printf and trap are spelled through `rules`.
  /// A function with an error is not emitted (a comment names it); the errors say why.
  ///
  /// With `includeStructs` false the module's structs are not written: the device code goes into
  /// the CUDA file, whose host part keeps their definitions (`kport convert`).
  ///
  /// Functions named in `skipping` are named (`functionNames`) but not written: a ported header
  /// the file includes emits them (`kport batch`). With `guardsSharedDefinitions` the helpers
  /// and vector structs, which such a header may define too, are guarded by macros.
  public static func emit(
    module: Module, target: TargetKind, rules: RuleSet, includeStructs: Bool = true, skipping: Set<String> = [],
    guardsSharedDefinitions: Bool = false
  ) -> EmittedDevice {
    let dialect: any DeviceDialect = target == .bang ? BangDialect() : AscendDialect()
    let context = EmitContext(module: module, target: target, rules: rules, dialect: dialect)
    var functions: [String] = []
    for function in orderedFunctions(module) where !skipping.contains(function.name) {
      let emitter = FunctionEmitter(context: context, function: function)
      if let text = emitter.emit() {
        functions.append(text)
      } else {
        let kind = function.kind == .kernel ? "kernel" : "device function"
        functions.append("// kport: \(kind) '\(function.name)' is not emitted for \(target.displayName); see the diagnostics.\n")
      }
    }
    var sections: [String] = []
    for helper in context.helpers.sorted() {
      guard let text = helperText(helper, dialect: dialect) else { continue }
      sections.append(guardsSharedDefinitions ? guarded(text, by: "KPORT_HELPER_\(helper.rawValue)") : text)
    }
    var structs: [String] = []
    for decl in module.structs where includeStructs {
      var lines = ["struct \(context.structNames[decl.name] ?? decl.name) {"]
      for (index, field) in decl.fields.enumerated() {
        let name = context.fieldNames[decl.name]?[index] ?? "field\(index)"
        guard let declared = context.declaration(field.type, name) else {
          context.report(
            .error(.emitUnsupportedType, "field '\(field.name)' of struct '\(decl.name)' has type \(field.type), which has no \(target.displayName) spelling", at: decl.location))
          continue
        }
        lines.append("  \(declared);")
      }
      lines.append("};")
      structs.append(lines.joined(separator: "\n"))
    }
    sections += context.vectorDefinitions().map { definition in
      guard guardsSharedDefinitions, let name = definition.split(separator: " ").dropFirst().first else { return definition }
      return guarded(definition, by: "KPORT_DEFINED_\(name)")
    }
    sections += structs
    sections += functions.map { $0.hasSuffix("\n") ? String($0.dropLast()) : $0 }
    let text = sections.isEmpty ? "" : sections.joined(separator: "\n\n") + "\n"
    return EmittedDevice(text: text, diagnostics: context.diagnostics, functionNames: context.functionNames)
  }

  /// The C name a module of its own would give function `name` (`reduce<float, 256>` is
  /// `reduce_float_256`): how another port's launches name a kernel a ported header emits.
  public static func cName(ofFunction name: String, target: TargetKind) -> String {
    let dialect: any DeviceDialect = target == .bang ? BangDialect() : AscendDialect()
    var table = NameTable(reserved: dialect.reservedNames)
    return table.fresh(name, fallback: "function")
  }

  /// `text` inside `#ifndef NAME` / `#define NAME` / `#endif`.
  static func guarded(_ text: String, by name: String) -> String {
    "#ifndef \(name)\n#define \(name)\n\(text)\n#endif  // \(name)"
  }

  /// Device functions before their callers, then kernels, each group in module order.
  static func orderedFunctions(_ module: Module) -> [Function] {
    var ordered: [Function] = []
    var visited: Set<String> = []
    func visit(_ function: Function) {
      guard visited.insert(function.name).inserted else { return }
      function.body.walk { op in
        if op.opcode == .call, let callee = op.attributes["callee"]?.symbolValue,
          let target = module.function(named: callee), target.kind == .device
        {
          visit(target)
        }
      }
      ordered.append(function)
    }
    for function in module.functions where function.kind == .device { visit(function) }
    return ordered + module.functions.filter { $0.kind == .kernel }
  }

  /// The definition of a helper on the dialect's target.
  static func helperText(_ helper: EmitterHelper, dialect: any DeviceDialect) -> String? {
    switch helper {
    case .bitcast:
      return """
        // The bits of a scalar as another scalar type of the same size.
        template <typename To, typename From>
        \(dialect.helperQualifier) To kport_bitcast(From value) {
          union {
            From from;
            To to;
          } bits;
          bits.from = value;
          return bits.to;
        }
        """
    case .ascendGlobalLoad, .ascendGlobalStore:
      return AscendHelpers.text(helper)
    }
  }
}
