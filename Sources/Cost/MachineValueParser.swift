// Values of machine-file entries: a number with the unit its key's dimension takes (Units.swift),
// a count, a word from a fixed set, a list of words, a quoted string or a machine name. Every
// problem is a located KP8005 (unit) or KP8006 (value) diagnostic pointing at the word.
import KIR

enum MachineValueParser {
  /// The typed value of `entry`, checked against `spec`.
  static func parse(_ entry: RawEntry, spec: KeySpec, path: String) -> Result<MachineValue, Diagnostic> {
    func fail(_ id: DiagnosticID, _ message: String, _ word: RawWord?) -> Result<MachineValue, Diagnostic> {
      let column = word?.column ?? entry.valueColumn
      let length = word?.text.count ?? 1
      return .failure(Diagnostic(.error, id, message, at: .file(path: path, line: entry.line, column: column), length: length))
    }
    let words = entry.words
    let first = words[0]
    if entry.isString != (spec.dimension == .text) {
      return entry.isString
        ? fail(.machineBadValue, "'\(entry.key)' takes \(expectation(spec)), not a quoted string", first)
        : fail(.machineBadValue, "'\(entry.key)' takes a double-quoted string", first)
    }
    switch spec.dimension {
    case .text:
      return .success(.text(first.text))
    case .identifier:
      guard words.count == 1, isIdentifier(first.text) else {
        return fail(.machineBadValue, "'\(entry.key)' takes a name of letters, digits, '-', '_' and '.'", words.count > 1 ? words[1] : first)
      }
      if spec.name == "shape", !isShape(first.text) {
        return fail(.machineBadValue, "'shape' takes a tile 'MxNxK' of positive integers (16x16x16), not '\(first.text)'", first)
      }
      return .success(.word(first.text))
    case .choice:
      guard words.count == 1 else { return fail(.machineBadValue, "'\(entry.key)' takes one word", words[1]) }
      guard spec.choices.contains(first.text) else {
        return fail(.machineBadValue, unknownChoice(first.text, spec), first)
      }
      return .success(.word(first.text))
    case .choices:
      var seen: [String] = []
      for word in words {
        guard spec.choices.contains(word.text) else { return fail(.machineBadValue, unknownChoice(word.text, spec), word) }
        guard !seen.contains(word.text) else { return fail(.machineBadValue, "'\(word.text)' is listed twice", word) }
        seen.append(word.text)
      }
      return .success(.words(seen))
    case .count:
      guard let number = parseNumber(first.text) else {
        return fail(.machineBadValue, "'\(entry.key)' takes a whole number, not '\(first.text)'", first)
      }
      if words.count > 1 { return fail(.machineBadUnit, "'\(entry.key)' is a count and takes no unit", words[1]) }
      if let problem = rangeProblem(number, spec) { return fail(.machineBadValue, problem, first) }
      guard number == number.rounded() else {
        return fail(.machineBadValue, "'\(entry.key)' takes a whole number, not '\(first.text)'", first)
      }
      return .success(.number(number))
    case .bytes, .frequency, .bandwidth, .bytesPerCycle, .cycles, .duration, .rate, .percent:
      return parseQuantity(entry, spec: spec, fail: fail)
    }
  }

  private static func parseQuantity(
    _ entry: RawEntry, spec: KeySpec, fail: (DiagnosticID, String, RawWord?) -> Result<MachineValue, Diagnostic>
  ) -> Result<MachineValue, Diagnostic> {
    let words = entry.words
    let first = words[0]
    let dimension = spec.dimension
    guard let number = parseNumber(first.text) else {
      if let split = splitGluedUnit(first.text) {
        return fail(.machineBadUnit, "put a space between the number and the unit: '\(split.0) \(split.1)'", first)
      }
      return fail(.machineBadValue, "'\(first.text)' is not a number", first)
    }
    guard words.count >= 2 else {
      return fail(.machineBadUnit, "'\(entry.key)' needs a unit after the number: one of \(dimension.unitList)", first)
    }
    let unit = words[1]
    guard let scale = dimension.scale(of: unit.text) else {
      return fail(.machineBadUnit, unknownUnitMessage(unit.text, key: entry.key, dimension: dimension), unit)
    }
    if words.count > 2 {
      return fail(.machineBadValue, "unexpected '\(words[2].text)' after the unit; a source goes in a '// [mark] …' comment", words[2])
    }
    if let problem = rangeProblem(number, spec) { return fail(.machineBadValue, problem, first) }
    // Percentages divide, so that 70 % is exactly 0.7.
    let value = dimension == .percent ? number / 100 : number * scale
    switch dimension {
    case .bytes:
      guard value == value.rounded() else {
        return fail(.machineBadValue, "'\(entry.key)' must be a whole number of bytes", first)
      }
      return .success(.number(value))
    case .percent:
      guard value <= 1 else { return fail(.machineBadValue, "'\(entry.key)' is a percentage and must be at most 100 %", first) }
      return .success(.number(value))
    case .duration:
      return .success(.duration(unit.text.hasPrefix("cycle") ? .cycles(number) : .seconds(value)))
    default:
      return .success(.number(value))
    }
  }

  /// "must be positive" style message when `number` is outside the key's range.
  private static func rangeProblem(_ number: Double, _ spec: KeySpec) -> String? {
    if number < 0 { return "'\(spec.name)' must not be negative (found \(formatNumber(number)))" }
    if number == 0, !spec.allowsZero { return "'\(spec.name)' must be positive (found 0)" }
    return nil
  }

  /// A plain decimal number: optional '-', digits, optional '.' and digits.
  static func parseNumber(_ text: String) -> Double? {
    var body = Substring(text)
    if body.first == "-" { body = body.dropFirst() }
    let parts = body.split(separator: ".", omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } })
    else { return nil }
    return Double(text)
  }

  /// "768KiB" → ("768", "KiB") when a number is glued to a unit word.
  private static func splitGluedUnit(_ text: String) -> (String, String)? {
    guard let index = text.firstIndex(where: { !($0.isNumber || $0 == "." || $0 == "-") }), index != text.startIndex,
      parseNumber(String(text[..<index])) != nil
    else { return nil }
    return (String(text[..<index]), String(text[index...]))
  }

  private static func unknownUnitMessage(_ unit: String, key: String, dimension: Dimension) -> String {
    var message = "'\(unit)' is not a unit of '\(key)'; expected one of \(dimension.unitList)"
    let binary = ["kB": "KiB", "KB": "KiB", "MB": "MiB", "GB": "GiB"]
    if dimension == .bytes, let intended = binary[unit] {
      return message + "; sizes are binary: did you mean '\(intended)'?"
    }
    if let other = Dimension.allCases.first(where: { $0 != dimension && $0 != .duration && $0.scale(of: unit) != nil }) {
      message += " ('\(unit)' measures \(name(of: other)), '\(key)' \(name(of: dimension)))"
    } else {
      message += didYouMean(unit, among: dimension.units.map(\.word))
    }
    return message
  }

  private static func name(of dimension: Dimension) -> String {
    switch dimension {
    case .bytes: return "a size"
    case .frequency: return "a frequency"
    case .bandwidth: return "a bandwidth"
    case .bytesPerCycle: return "bytes per cycle"
    case .cycles: return "cycles"
    case .duration: return "a duration"
    case .rate: return "an operation rate"
    case .percent: return "a percentage"
    case .count, .choice, .choices, .text, .identifier: return dimension.rawValue
    }
  }

  private static func expectation(_ spec: KeySpec) -> String {
    switch spec.dimension {
    case .choice, .choices: return "one of \(spec.choices.joined(separator: ", "))"
    case .count: return "a whole number"
    case .identifier: return "a name"
    case .text: return "a string"
    default: return "a number with a unit (\(spec.dimension.unitList))"
    }
  }

  private static func unknownChoice(_ word: String, _ spec: KeySpec) -> String {
    "'\(word)' is not one of \(spec.choices.joined(separator: ", "))\(didYouMean(word, among: spec.choices))"
  }

  private static func isIdentifier(_ text: String) -> Bool {
    !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
  }

  private static func isShape(_ text: String) -> Bool {
    let parts = text.split(separator: "x", omittingEmptySubsequences: false)
    return parts.count == 3 && parts.allSatisfy { Int($0).map { $0 > 0 } ?? false }
  }
}
