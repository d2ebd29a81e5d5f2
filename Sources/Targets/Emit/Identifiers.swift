// Valid, unique C identifiers from KIR names: `%i.1` becomes `i_1`, `@"reduce<float, 256>"`
// becomes `reduce_float_256`; C and C++ keywords, reserved spellings and the targets' built-in
// names are avoided, and a repeated name gets a numeric suffix.

/// A scope of C identifiers in use.
struct NameTable {
  private var used: Set<String>

  init(reserved: Set<String> = []) { used = NameTable.keywords.union(reserved) }

  /// A fresh identifier derived from `name` (or `fallback` when the name is nil or empty).
  mutating func fresh(_ name: String?, fallback: String) -> String {
    let base = NameTable.sanitize(name ?? "").isEmpty ? NameTable.sanitize(fallback) : NameTable.sanitize(name ?? "")
    var candidate = base
    var counter = 1
    while used.contains(candidate) {
      candidate = "\(base)_\(counter)"
      counter += 1
    }
    used.insert(candidate)
    return candidate
  }

  /// Marks `name` as taken.
  mutating func reserve(_ name: String) { used.insert(name) }

  /// `text` with every character that cannot appear in a C identifier replaced by `_`, runs of
  /// `_` collapsed, leading and trailing `_` dropped (leading `__` and `_X` are reserved in C++),
  /// and `v_` in front of a leading digit.
  static func sanitize(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      let isWord = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
      if isWord {
        out.unicodeScalars.append(scalar)
      } else if !out.hasSuffix("_") {
        out += "_"
      }
    }
    while out.hasPrefix("_") { out.removeFirst() }
    while out.hasSuffix("_") { out.removeLast() }
    if let first = out.unicodeScalars.first, ("0"..."9").contains(first) { out = "v_" + out }
    return out
  }

  /// C and C++ keywords, and names of the C library and the emitted helpers.
  static let keywords: Set<String> = [
    "alignas", "alignof", "and", "asm", "auto", "bool", "break", "case", "catch", "char", "class",
    "const", "constexpr", "const_cast", "continue", "decltype", "default", "delete", "do", "double",
    "dynamic_cast", "else", "enum", "explicit", "export", "extern", "false", "float", "for",
    "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept",
    "not", "nullptr", "operator", "or", "private", "protected", "public", "register",
    "reinterpret_cast", "return", "short", "signed", "sizeof", "static", "static_assert",
    "static_cast", "struct", "switch", "template", "this", "throw", "true", "try", "typedef",
    "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "while",
    "xor", "half", "bfloat16_t", "int8_t", "int16_t", "int32_t", "int64_t", "uint8_t", "uint16_t",
    "uint32_t", "uint64_t", "size_t", "main", "printf", "abs", "min", "max",
  ]
}
