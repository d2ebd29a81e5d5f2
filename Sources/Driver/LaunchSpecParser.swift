// Parsing launch-spec values (`f32[n*n]:rand(1,0,1)`, `{1,2}`, `0.5`), splitting flag text into
// words as a shell would, and reading specs from `// kport-launch` lines and sidecar files.

/// Parses the value of an `--arg`: a buffer, an aggregate or a scalar literal.
func parseArgument(_ text: String) throws -> ArgumentSpec {
  if text.hasPrefix("{") {
    guard text.hasSuffix("}") else { throw LaunchSpecError("aggregate '\(text)' needs a closing '}'") }
    let fields = text.dropFirst().dropLast().split(separator: ",").map { $0.trimmingWhitespace() }
    guard !fields.isEmpty, fields.allSatisfy(isScalarLiteral) else {
      throw LaunchSpecError("aggregate '\(text)' must list scalar literals, e.g. {1.0,2,3}")
    }
    return .aggregate(fields)
  }
  if let open = text.firstIndex(of: "["), let type = ElementType(rawValue: String(text[..<open])) {
    guard let close = text.firstIndex(of: "]"), close > open else { throw LaunchSpecError("buffer '\(text)' needs ']'") }
    let length = try LengthExpression.parse(String(text[text.index(after: open)..<close]))
    let rest = text[text.index(after: close)...]
    guard rest.hasPrefix(":") else { throw LaunchSpecError("buffer '\(text)' needs ':INIT' after the length") }
    return .buffer(BufferSpec(type: type, length: length, initializer: try parseInitializer(String(rest.dropFirst()))))
  }
  guard isScalarLiteral(text) else {
    throw LaunchSpecError("'\(text)' is neither a number, a buffer TYPE[LEN]:INIT nor an aggregate {...}")
  }
  return .scalar(text)
}

/// Whether text is an integer, float (optionally with an `f` suffix) or boolean literal.
func isScalarLiteral(_ text: String) -> Bool {
  if text == "true" || text == "false" { return true }
  let body = text.hasSuffix("f") || text.hasSuffix("F") ? String(text.dropLast()) : text
  if Int64(body) != nil || UInt64(body) != nil { return true }
  if body.hasPrefix("0x"), UInt64(body.dropFirst(2), radix: 16) != nil { return true }
  return Double(body) != nil && !body.lowercased().contains("n")  // no nan/inf spelled as words
    || ["inf", "-inf", "nan"].contains(body)
}

/// The numeric value of a scalar literal.
func scalarNumber(_ text: String) -> Double? {
  if text == "true" { return 1 }
  if text == "false" { return 0 }
  let body = text.hasSuffix("f") || text.hasSuffix("F") ? String(text.dropLast()) : text
  if body.hasPrefix("0x") { return UInt64(body.dropFirst(2), radix: 16).map(Double.init) }
  switch body {
  case "inf": return .infinity
  case "-inf": return -.infinity
  case "nan": return .nan
  default: return Double(body)
  }
}

private func parseInitializer(_ text: String) throws -> BufferInitializer {
  func arguments(_ name: String) -> [String]? {
    guard text.hasPrefix(name + "("), text.hasSuffix(")") else { return nil }
    return text.dropFirst(name.count + 1).dropLast().split(separator: ",", omittingEmptySubsequences: false)
      .map { $0.trimmingWhitespace() }
  }
  switch text {
  case "zeros": return .zeros
  case "ones": return .ones
  case "iota": return .iota
  default: break
  }
  if let values = arguments("const") {
    guard values.count == 1, let value = scalarNumber(values[0]) else { throw LaunchSpecError("const(V) needs one number, got '\(text)'") }
    return .constant(value)
  }
  if let values = arguments("rand") {
    guard let seed = values.first.flatMap({ UInt64($0) }), values.count == 1 || values.count == 3 else {
      throw LaunchSpecError("rand needs (SEED) or (SEED,LO,HI), got '\(text)'")
    }
    if values.count == 3 {
      guard let low = scalarNumber(values[1]), let high = scalarNumber(values[2]), low < high else {
        throw LaunchSpecError("rand(SEED,LO,HI) needs LO < HI, got '\(text)'")
      }
      return .uniform(seed: seed, low: low, high: high)
    }
    return .uniform(seed: seed, low: -1, high: 1)
  }
  if let values = arguments("randn") {
    guard values.count == 1, let seed = UInt64(values[0]) else { throw LaunchSpecError("randn needs (SEED), got '\(text)'") }
    return .normal(seed: seed)
  }
  if let values = arguments("file") {
    guard values.count == 1, !values[0].isEmpty else { throw LaunchSpecError("file needs (PATH), got '\(text)'") }
    return .file(values[0])
  }
  throw LaunchSpecError("unknown initializer '\(text)' (zeros, ones, iota, const(V), rand(SEED[,LO,HI]), randn(SEED), file(PATH))")
}

/// Splits text into words as a POSIX shell would for plain words, '...' and "..." quotes.
public func splitWords(_ text: String) throws -> [String] {
  var words: [String] = []
  var current = ""
  var inWord = false
  var quote: Character?
  for character in text {
    if let open = quote {
      if character == open { quote = nil } else { current.append(character) }
      continue
    }
    if character == "'" || character == "\"" {
      quote = character
      inWord = true
    } else if character.isWhitespace {
      if inWord { words.append(current) }
      current = ""
      inWord = false
    } else {
      current.append(character)
      inWord = true
    }
  }
  if quote != nil { throw LaunchSpecError("unclosed quote in '\(text)'") }
  if inWord { words.append(current) }
  return words
}

/// The launch specs of a CUDA source: `// kport-launch NAME: flags` lines, concatenated per
/// name, in order of first appearance.
public func launchSpecs(inSource text: String) throws -> [LaunchSpec] {
  try launchSpecs(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)) { line in
    let trimmed = line.trimmingWhitespace()
    guard trimmed.hasPrefix("//") else { return nil }
    let body = trimmed.dropFirst(2).trimmingWhitespace()
    guard body.hasPrefix("kport-launch") else { return nil }
    return String(body.dropFirst("kport-launch".count))
  }
}

/// The launch specs of a sidecar file: `NAME: flags` lines; `#` starts a comment line.
public func launchSpecs(inSidecar text: String) throws -> [LaunchSpec] {
  try launchSpecs(lines: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)) { line in
    let trimmed = line.trimmingWhitespace()
    return trimmed.isEmpty || trimmed.hasPrefix("#") ? nil : trimmed
  }
}

private func launchSpecs(lines: [String], body: (String) -> String?) throws -> [LaunchSpec] {
  var specs: [LaunchSpec] = []
  for (number, line) in lines.enumerated() {
    guard let content = body(line) else { continue }
    guard let colon = content.firstIndex(of: ":") else {
      throw LaunchSpecError("a launch line needs 'NAME: flags'", line: number + 1)
    }
    let name = content[..<colon].trimmingWhitespace()
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
      throw LaunchSpecError("bad launch name '\(name)'", line: number + 1)
    }
    let words: [String]
    do { words = try splitWords(String(content[content.index(after: colon)...])) } catch let error as LaunchSpecError {
      throw LaunchSpecError(error.message, line: number + 1)
    }
    let position = specs.firstIndex { $0.name == name } ?? {
      specs.append(LaunchSpec(name: name))
      return specs.count - 1
    }()
    do { try specs[position].apply(flags: words) } catch let error as LaunchSpecError {
      throw LaunchSpecError(error.message, line: number + 1)
    }
  }
  return specs
}
