// State shared by the emitters of one module: the target, its rules and dialect, the diagnostics,
// the helper definitions and vector structs the code needs, and the C names of module symbols.
import KIR
import Rules

/// Module-wide emitter state.
final class EmitContext {
  let module: Module
  let target: TargetKind
  let rules: RuleSet
  let dialect: any DeviceDialect
  var diagnostics: [Diagnostic] = []
  /// Helpers the emitted code calls.
  var helpers: Set<EmitterHelper> = []
  /// Vector types used, in first-use order, each emitted as a small struct.
  private(set) var vectorTypes: [IRType] = []
  /// C names of module structs, functions, and struct members, by KIR name.
  var structNames: [String: String] = [:]
  var fieldNames: [String: [String]] = [:]
  var functionNames: [String: String] = [:]
  /// Identifiers taken at file scope.
  var fileScope: NameTable

  init(module: Module, target: TargetKind, rules: RuleSet, dialect: any DeviceDialect) {
    self.module = module
    self.target = target
    self.rules = rules
    self.dialect = dialect
    self.fileScope = NameTable(reserved: dialect.reservedNames)
    for decl in module.structs {
      let name = fileScope.fresh(decl.name, fallback: "record")
      structNames[decl.name] = name
      var members = NameTable()
      fieldNames[decl.name] = decl.fields.enumerated().map { members.fresh($1.name, fallback: "field\($0)") }
    }
    for function in module.functions {
      functionNames[function.name] = fileScope.fresh(function.name, fallback: "function")
    }
  }

  /// Records a diagnostic.
  func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  /// The C spelling of `type` in an expression or declaration context; nil when it has none
  /// (arrays, which only declarations spell, and pointers into spaces the target cannot name).
  func spell(_ type: IRType, isConst: Bool = false) -> String? {
    switch type {
    case .void, .bool, .int, .float: return TypeSpelling.spell(type, for: target)
    case let .vector(element, count):
      guard let elementName = TypeSpelling.spell(element, for: target) else { return nil }
      if !vectorTypes.contains(type) { vectorTypes.append(type) }
      return "kport_\(EmitContext.shortName(elementName))\(count)"
    case let .structure(name): return structNames[name]
    case let .pointer(space, pointee):
      guard let leaf = spell(ArrayLayout.leaf(pointee)) else { return nil }
      return dialect.pointerSpelling(space: space, leaf: leaf, isConst: isConst)
    case .array: return nil
    }
  }

  /// `type name` for a declaration, with array dimensions after the name.
  func declaration(_ type: IRType, _ name: String, isConst: Bool = false) -> String? {
    var dimensions = ""
    var element = type
    while case let .array(inner, count) = element {
      guard let count else { return nil }
      dimensions += "[\(count)]"
      element = inner
    }
    guard let spelled = spell(element, isConst: isConst) else { return nil }
    return BangDialect.declare(spelled, name) + dimensions
  }

  /// Member names of a vector or struct type.
  func memberName(of type: IRType, index: Int) -> String? {
    switch type {
    case .vector: return index < 4 ? ["x", "y", "z", "w"][index] : nil
    case let .structure(name):
      guard let names = fieldNames[name], index < names.count else { return nil }
      return names[index]
    default: return nil
    }
  }

  /// The vector structs, as C definitions.
  func vectorDefinitions() -> [String] {
    vectorTypes.compactMap { type in
      guard case let .vector(element, count) = type, let name = spell(type),
        let elementName = spell(element)
      else { return nil }
      let members = ["x", "y", "z", "w"].prefix(count).joined(separator: ", ")
      return "struct \(name) {\n  \(elementName) \(members);\n};"
    }
  }

  /// `uint32_t` → `uint`, `int8_t` → `char`…: CUDA-like names for vector structs.
  static func shortName(_ spelled: String) -> String {
    switch spelled {
    case "int8_t": return "char"
    case "uint8_t": return "uchar"
    case "int16_t": return "short"
    case "uint16_t": return "ushort"
    case "int32_t": return "int"
    case "uint32_t": return "uint"
    case "int64_t": return "longlong"
    case "uint64_t": return "ulonglong"
    case "bfloat16_t": return "bfloat16"
    default: return spelled
    }
  }
}
