// The printer: KIR in its canonical text form, the form the parser reads back byte for byte
// (print(parse(print(M))) == print(M)). grammars/kir.ebnf is the grammar; docs/IR.md describes it.
//
// Layout: structs and globals, functions (module order, one blank line between them), host
// records; a blank line between these three groups. Inside a function, two spaces of indentation
// per region level. An op line reads
//   [%r = | %r0, %r1 = ] name [positional attributes] [operands] [{attr-dict}] [: types] [loc(…)]
// followed by its regions: the first always, a later one only when it has ops or arguments.
//
// Values are named per function, in definition order (parameters, then op results before the
// ops in their regions, region arguments at the start of their region): a value with a source
// name prints as `%name` (sanitised to [A-Za-z0-9_], uniqued with `.1`, `.2`, … on collision), an
// unnamed one as `%0`, `%1`, ….

/// Options of the KIR printer.
public struct PrintOptions: Hashable, Sendable {
  /// Whether to print every op's, function's, struct's and global's location as `loc(…)`.
  public var printLocations: Bool

  /// Options that print locations when `printLocations` is true.
  public init(printLocations: Bool = false) {
    self.printLocations = printLocations
  }
}

/// The canonical text of a module.
///
/// - Parameters:
///   - module: The module to print.
///   - options: Whether to print locations.
/// - Returns: The text, ending with a newline unless the module is empty.
public func printModule(_ module: Module, options: PrintOptions = PrintOptions()) -> String {
  var groups: [String] = []
  let declarations =
    module.structs.map { printStruct($0, options: options) }.joined()
    + module.globals.map { printGlobal($0, options: options) }.joined()
  if !declarations.isEmpty { groups.append(declarations) }
  if !module.functions.isEmpty {
    groups.append(
      module.functions.map { printFunction($0, options: options) }.joined(separator: "\n"))
  }
  if !module.hostRecords.isEmpty {
    groups.append(module.hostRecords.map(printHostRecord).joined())
  }
  return groups.joined(separator: "\n")
}

/// The canonical text of one function, ending with a newline.
///
/// Values are numbered and named as in `printModule`, so the text is the same as the function's
/// part of the module's text.
public func printFunction(_ function: Function, options: PrintOptions = PrintOptions()) -> String {
  var printer = FunctionPrinter(options: options)
  return printer.print(function)
}

/// The `loc(…)` text of a location: `loc("a.cu":1:2)`, `loc(unknown)`,
/// `loc(fused["a.cu":1:2, "b.cu":3:4])`, `loc("inlined"("a.cu":1:2))`.
public func printLocation(_ location: Location) -> String {
  "loc(" + locationBody(location) + ")"
}

/// The text of a location without the `loc(…)` around it.
private func locationBody(_ location: Location) -> String {
  switch location {
  case let .file(path, line, column): return "\(quoted(path)):\(line):\(column)"
  case let .fused(parts): return "fused[" + parts.map(locationBody).joined(separator: ", ") + "]"
  case let .named(name, inner): return quoted(name) + "(" + locationBody(inner) + ")"
  case .unknown: return "unknown"
  }
}

/// A key of an attribute dictionary or a struct field name: bare when it is an identifier.
func keyText(_ key: String) -> String { isIdentifier(key) ? key : quoted(key) }

/// `{k = v, …}` with keys sorted, or "" when empty.
func attributeDictionaryText(_ attributes: [String: Attribute]) -> String {
  if attributes.isEmpty { return "" }
  let entries = attributes.keys.sorted().map { key in
    "\(keyText(key)) = \(attributes[key]?.description ?? "")"
  }
  return "{" + entries.joined(separator: ", ") + "}"
}

private func locationSuffix(_ location: Location, _ options: PrintOptions) -> String {
  options.printLocations ? " " + printLocation(location) : ""
}

private func printStruct(_ decl: StructDecl, options: PrintOptions) -> String {
  var out = "struct @\(IRType.symbolText(decl.name)) {\n"
  out += decl.fields.map { "  \(keyText($0.name)): \($0.type)" }.joined(separator: ",\n")
  if !decl.fields.isEmpty { out += "\n" }
  return out + "}" + locationSuffix(decl.location, options) + "\n"
}

private func printGlobal(_ global: GlobalVariable, options: PrintOptions) -> String {
  var out = "global @\(IRType.symbolText(global.name)) : \(global.space.rawValue) \(global.type)"
  if let initializer = global.initializer { out += " = \(initializer)" }
  return out + locationSuffix(global.location, options) + "\n"
}

private func printHostRecord(_ record: HostRecord) -> String {
  func position(_ position: SourcePosition) -> String {
    "\(position.line):\(position.column)+\(position.offset)"
  }
  let range = record.range
  var out = "host.\(record.kind.rawValue) @\(IRType.symbolText(record.name)) range("
  out += "\(quoted(range.path)), \(position(range.start)), \(position(range.end)))"
  if !record.attributes.isEmpty { out += " " + attributeDictionaryText(record.attributes) }
  return out + "\n"
}

/// Assigns the printed names of a function's values.
struct ValueNamer {
  private var names: [Value: String] = [:]
  /// How many values have taken each base name so far.
  private var baseCounts: [String: Int] = [:]
  private var nextNumber = 0

  /// Gives `value` its name, in definition order.
  mutating func define(_ value: Value) {
    if names[value] != nil { return }
    guard let base = value.name.flatMap(Self.sanitised) else {
      names[value] = String(nextNumber)
      nextNumber += 1
      return
    }
    let count = baseCounts[base, default: 0]
    baseCounts[base] = count + 1
    names[value] = count == 0 ? base : "\(base).\(count)"
  }

  /// The printed name of `value` with its `%`; a value never defined gets a fresh number.
  mutating func text(_ value: Value) -> String {
    if let name = names[value] { return "%" + name }
    define(value)
    return "%" + (names[value] ?? "")
  }

  /// A source name made printable: characters outside [A-Za-z0-9_] become `_`, and a leading
  /// digit gets a `_` before it so it cannot read as a number. Nil for an empty name.
  static func sanitised(_ name: String) -> String? {
    if name.isEmpty { return nil }
    var out = ""
    for scalar in name.unicodeScalars {
      let isWord =
        scalar.isASCII
        && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
      out.unicodeScalars.append(isWord ? scalar : "_")
    }
    if let first = out.unicodeScalars.first, ("0"..."9").contains(first) { out = "_" + out }
    return out
  }
}

/// Prints one function with its own value numbering.
private struct FunctionPrinter {
  let options: PrintOptions
  var namer = ValueNamer()
  var out = ""

  init(options: PrintOptions) { self.options = options }

  mutating func print(_ function: Function) -> String {
    for parameter in function.parameters { namer.define(parameter.value) }
    defineValues(in: function.body)

    out = "\(function.kind.rawValue) @\(IRType.symbolText(function.name))("
    out += function.parameters.map { parameter in
      var text = "\(namer.text(parameter.value)): \(parameter.value.type)"
      if !parameter.attributes.isEmpty {
        text += " " + attributeDictionaryText(parameter.attributes)
      }
      return text
    }.joined(separator: ", ")
    out += ")"
    if function.resultType != .void { out += " -> \(function.resultType)" }
    if !function.attributes.isEmpty {
      out += " attributes " + attributeDictionaryText(function.attributes)
    }
    out += locationSuffix(function.location, options)
    out += " {\n"
    printOperations(of: function.body, indent: 1)
    out += "}\n"
    return out
  }

  /// Names every value of a region in definition order, depth first.
  private mutating func defineValues(in region: Region) {
    for argument in region.arguments { namer.define(argument) }
    for op in region.operations {
      for result in op.results { namer.define(result) }
      for nested in op.regions { defineValues(in: nested) }
    }
  }

  private mutating func printOperations(of region: Region, indent: Int) {
    for op in region.operations { printOperation(op, indent: indent) }
  }

  private mutating func printOperation(_ op: Operation, indent: Int) {
    let padding = String(repeating: "  ", count: indent)
    var line = padding
    if !op.results.isEmpty {
      line += op.results.map { namer.text($0) }.joined(separator: ", ") + " = "
    }
    let info = op.info
    line += info.name
    // Positional attributes print bare while they are present; one missing ends the run and any
    // later ones go to the dictionary, so the parser reads back the same keys.
    var remaining = op.attributes
    for key in info.positional {
      guard let attribute = remaining[key] else { break }
      line += " " + attribute.description
      remaining[key] = nil
    }
    if !op.operands.isEmpty {
      line += " " + op.operands.map { namer.text($0) }.joined(separator: ", ")
    }
    if !remaining.isEmpty { line += " " + attributeDictionaryText(remaining) }
    if !op.results.isEmpty {
      line += " : " + op.results.map(\.type.description).joined(separator: ", ")
    }
    line += locationSuffix(op.location, options)
    out += line
    for (index, region) in op.regions.enumerated() {
      if index > 0 && region.isEmpty && region.arguments.isEmpty { continue }
      if index > 0 {
        out += " " + (index < info.regions.count ? info.regions[index] : "region\(index)")
      }
      if !region.arguments.isEmpty {
        out +=
          " ("
          + region.arguments.map { "\(namer.text($0)): \($0.type)" }
          .joined(separator: ", ") + ")"
      }
      out += " {\n"
      printOperations(of: region, indent: indent + 1)
      out += padding + "}"
    }
    out += "\n"
  }
}
