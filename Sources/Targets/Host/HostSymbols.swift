// Module variables (`__constant__`, `__device__`) on the host side. The targets have no device
// symbols the host can write (targets.md A2, B2), so a lowered kernel takes each variable it uses
// as a buffer parameter (docs/spmd.md), and the host keeps, in place of the declaration:
//
//   static float kport_shadow_c_taps[MAX_TAPS];            // the declaration, host-side: its size
//                                                          // and initial value
//   static void *kport_symbol_c_taps() { ... }             // the device buffer, allocated and
//                                                          // filled from the shadow on first use
//
// Launches pass `kport_symbol_NAME()`; cudaMemcpyToSymbol / FromSymbol copy to and from it
// (host-runtime.rules).
import KIR

enum HostSymbols {
  /// The host function returning the device buffer of module variable `name`.
  static func accessor(_ name: String) -> String { "kport_symbol_\(name)" }

  /// The shadow and accessor that replace the declaration `declaration` of variable `name`.
  static func definitions(declaration: String, name: String, target: TargetKind) -> String? {
    var text = declaration.trimmingCharacters(in: .whitespacesAndNewlines)
    while text.hasSuffix(";") { text.removeLast() }
    var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
    words.removeAll { ["__constant__", "__device__", "__managed__", "static", "extern"].contains($0) }
    let shadow = "kport_shadow_\(name)"
    guard let renamed = renameFirst(name, in: words.joined(separator: " "), to: shadow) else { return nil }
    let allocate: String
    let fill: String
    switch target {
    case .bang:
      allocate = "cnrtMalloc(&device, sizeof(\(shadow)));"
      fill = "cnrtMemcpy(device, (void *)\(shadow), sizeof(\(shadow)), cnrtMemcpyHostToDev);"
    case .ascendc:
      allocate = "aclrtMalloc(&device, sizeof(\(shadow)), ACL_MEM_MALLOC_HUGE_FIRST);"
      fill = "aclrtMemcpy(device, sizeof(\(shadow)), (void *)\(shadow), sizeof(\(shadow)), ACL_MEMCPY_HOST_TO_DEVICE);"
    }
    return """
      #ifndef KPORT_SYMBOL_POINTER
      #define KPORT_SYMBOL_POINTER
      // The kernel parameter type of a module variable: a pointer to its element (arrays decay).
      template <class T, unsigned long N> T *kport_symbol_pointer(T (&)[N]);
      template <class T> T *kport_symbol_pointer(T &);
      #endif
      // kport: '\(name)' is a device buffer the kernels that use it take as a parameter; it is
      // allocated and filled from its initial value on first use.
      static \(renamed);
      static decltype(kport_symbol_pointer(\(shadow))) \(accessor(name))() {
        static void *buffer = [] {
          void *device = nullptr;
          \(allocate)
          \(fill)
          return device;
        }();
        return (decltype(kport_symbol_pointer(\(shadow))))buffer;
      }
      """
  }

  /// `text` with the first whole-word occurrence of `name` replaced by `replacement`.
  private static func renameFirst(_ name: String, in text: String, to replacement: String) -> String? {
    let characters = Array(text)
    let target = Array(name)
    func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
    var index = 0
    while index + target.count <= characters.count {
      if Array(characters[index..<(index + target.count)]) == target,
        index == 0 || !isWord(characters[index - 1]),
        index + target.count == characters.count || !isWord(characters[index + target.count])
      {
        return String(characters[..<index]) + replacement + String(characters[(index + target.count)...])
      }
      index += 1
    }
    return nil
  }
}
