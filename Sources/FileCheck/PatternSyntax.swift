// PatternSyntax: parses the text after a directive into CheckPattern pieces with LLVM's rules:
// `{{regex}}` ends at the first `}}`; `[[...]]` ends at the first `]]` outside a bracket
// expression; `[[[` keeps its first `[` literal; variable names are `[A-Za-z_][A-Za-z0-9_]*`
// (optionally `$`-prefixed); `[[@LINE]]`, `[[@LINE+N]]`, `[[#@LINE-N]]` give line numbers.

/// Parsing and escaping of FileCheck pattern text.
enum PatternSyntax {
  /// Parses `text` into pieces; with `isLiteral` (the `{LITERAL}` modifier) it is one literal.
  ///
  /// - Throws: `PatternError` for an unterminated block, an invalid regex or variable name.
  static func parse(_ text: String, isLiteral: Bool) throws(PatternError) -> [CheckPattern.Piece] {
    if isLiteral { return [.literal(text)] }
    var pieces: [CheckPattern.Piece] = []
    var rest = Substring(text)
    while !rest.isEmpty {
      if rest.hasPrefix("{{") {
        let body = rest.dropFirst(2)
        guard let close = body.firstRange(of: "}}") else {
          throw PatternError(message: "found start of regex string with no end '}}'")
        }
        let regex = String(body[..<close.lowerBound])
        try validate(regex: regex)
        pieces.append(.regex(regex))
        rest = body[close.upperBound...]
        continue
      }
      if rest.hasPrefix("[["), !rest.hasPrefix("[[[") {
        let body = rest.dropFirst(2)
        guard let close = substitutionEnd(in: body) else {
          throw PatternError(message: "invalid substitution block, no ']]' found")
        }
        pieces.append(try substitution(String(body[..<close])))
        rest = body[body.index(close, offsetBy: 2)...]
        continue
      }
      // Literal text runs up to the next `{{` or `[[` (not at the very first character, so
      // that the extra `[` of `[[[` stays literal).
      let searchFrom = rest.index(after: rest.startIndex)
      let nextRegex = rest[searchFrom...].firstRange(of: "{{")?.lowerBound ?? rest.endIndex
      let nextVariable = rest[searchFrom...].firstRange(of: "[[")?.lowerBound ?? rest.endIndex
      let end = min(nextRegex, nextVariable)
      let literal = String(rest[..<end])
      if case .literal(let previous)? = pieces.last {
        pieces[pieces.count - 1] = .literal(previous + literal)
      } else {
        pieces.append(.literal(literal))
      }
      rest = rest[end...]
    }
    return pieces
  }

  /// The start of the `]]` closing a substitution block: the first `]]` outside `[...]`,
  /// skipping backslash escapes (LLVM's `FindRegexVarEnd`).
  private static func substitutionEnd(in body: Substring) -> Substring.Index? {
    var depth = 0
    var index = body.startIndex
    while index < body.endIndex {
      if depth == 0, body[index...].hasPrefix("]]") { return index }
      let character = body[index]
      if character == "\\" {
        index = body.index(after: index)
        if index < body.endIndex { index = body.index(after: index) }
        continue
      }
      if character == "[" { depth += 1 }
      if character == "]" { depth = max(0, depth - 1) }
      index = body.index(after: index)
    }
    return nil
  }

  /// Parses the inside of a `[[...]]` block.
  private static func substitution(_ block: String) throws(PatternError) -> CheckPattern.Piece {
    var content = Substring(block)
    let isNumeric = content.first == "#"
    if isNumeric { content = content.dropFirst() }
    if content.hasPrefix("@LINE") {
      let expression = content.dropFirst("@LINE".count).filter { $0 != " " }
      if expression.isEmpty { return .lineNumber(offset: 0) }
      guard let sign = expression.first, sign == "+" || sign == "-",
        let magnitude = Int(expression.dropFirst())
      else {
        throw PatternError(message: "invalid @LINE expression '[[\(block)]]'")
      }
      return .lineNumber(offset: sign == "+" ? magnitude : -magnitude)
    }
    if isNumeric {
      throw PatternError(
        message: "numeric substitution '[[\(block)]]' is not supported (only [[#@LINE]] is)")
    }
    let colon = content.firstIndex(of: ":")
    let name = content[..<(colon ?? content.endIndex)]
    if name.contains(where: Spelling.isHorizontalSpace) {
      throw PatternError(message: "unexpected whitespace in '[[\(block)]]'")
    }
    guard isValidVariableName(name) else {
      let role = colon == nil ? "use" : "definition"
      throw PatternError(message: "invalid name in string variable \(role): '\(name)'")
    }
    guard let colon else { return .use(name: String(name)) }
    let regex = String(content[content.index(after: colon)...])
    try validate(regex: regex)
    return .definition(name: String(name), regex: regex)
  }

  /// Whether `name` is `[$]?[A-Za-z_][A-Za-z0-9_]*`.
  static func isValidVariableName(_ name: Substring) -> Bool {
    let bare = name.first == "$" ? name.dropFirst() : name
    guard let first = bare.first, first.isASCII, first.isLetter || first == "_" else {
      return false
    }
    return bare.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
  }

  /// Throws if `regex` does not compile.
  private static func validate(regex: String) throws(PatternError) {
    do {
      _ = try Regex(regex)
    } catch {
      throw PatternError(message: "invalid regex '\(regex)': \(error)")
    }
  }

  /// `text` with every ASCII punctuation character backslash-escaped, for use inside a regex.
  static func escaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for character in text {
      if character.isASCII, character.isPunctuation || character.isSymbol {
        result.append("\\")
      }
      result.append(character)
    }
    return result
  }
}
