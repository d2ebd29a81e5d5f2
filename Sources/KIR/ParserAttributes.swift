// The parser, continued: literals, attributes, attribute dictionaries and locations.
//
// Attributes: `42`, `-1` (int), `1.5`, `1e-05`, `inf`, `-inf`, `nan` (float), `"text"`,
// `true`/`false`, a bare keyword, `@symbol`, `type(T)` and `[a, b, …]`. Locations: the inside of
// `loc(…)` is `unknown`, `"file":line:col`, `fused[…]` or `"name"(location)`.

extension Parser {
  // MARK: Literals

  /// An integer literal with an optional `-`, as a 64-bit value.
  func parseInt64() throws -> Int64 {
    let negative = consume(.minus)
    guard case let .integer(digits) = current.kind else { throw fail(expected: "an integer") }
    guard let value = Int64((negative ? "-" : "") + digits) else {
      throw fail(expected: "an integer that fits in 64 bits")
    }
    advance()
    return value
  }

  func parseInt() throws -> Int {
    let token = current
    let value = try parseInt64()
    guard let result = Int(exactly: value) else {
      report(.kirSyntax, "expected an integer, found \(token.spelling)", at: token)
      throw ParseAbort()
    }
    return result
  }

  /// An attribute dictionary key or field name: an identifier or a string.
  func parseKey(expected: String) throws -> String {
    switch current.kind {
    case let .identifier(text), let .string(text):
      advance()
      return text
    default:
      throw fail(expected: expected)
    }
  }

  // MARK: Attributes

  /// Whether the current token can start an attribute value.
  var atAttributeStart: Bool {
    switch current.kind {
    case .integer, .float, .string, .at, .leftBracket, .minus, .identifier: return true
    default: return false
    }
  }

  /// An attribute: `42`, `-1.5`, `inf`, `-inf`, `nan`, `"text"`, `true`, `false`, a keyword,
  /// `@symbol`, `type(T)` or `[a, b, …]`.
  func parseAttribute() throws -> Attribute {
    switch current.kind {
    case .integer:
      return .int(try parseInt64())
    case let .float(text):
      advance()
      return .float(try floatValue(text))
    case .minus:
      switch peek(1).kind {
      case let .float(text):
        advance()
        advance()
        return .float(-(try floatValue(text)))
      case .identifier("inf"):
        advance()
        advance()
        return .float(-.infinity)
      default:
        return .int(try parseInt64())
      }
    case let .string(text):
      advance()
      return .string(text)
    case .at:
      return .symbol(try parseSymbol().0)
    case .leftBracket:
      return try nested {
        advance()
        var items: [Attribute] = []
        if current.kind != .rightBracket {
          repeat { items.append(try parseAttribute()) } while consume(.comma)
        }
        try expect(.rightBracket, "',' or ']'")
        return .array(items)
      }
    case let .identifier(word):
      switch word {
      case "true", "false":
        advance()
        return .bool(word == "true")
      case "inf":
        advance()
        return .float(.infinity)
      case "nan":
        advance()
        return .float(.nan)
      case "type" where peek(1).kind == .leftParen:
        advance()
        advance()
        let type = try nested { try parseType() }
        try expect(.rightParen, "')'")
        return .type(type)
      default:
        advance()
        return .keyword(word)
      }
    default:
      throw fail(expected: "an attribute value")
    }
  }

  private func floatValue(_ text: String) throws -> Double {
    guard let value = Double(text) else { throw fail(expected: "a floating-point number") }
    return value
  }

  /// `{key = value, …}`; keys are identifiers or strings, each at most once.
  func parseAttributeDictionary() throws -> [String: Attribute] {
    try expect(.leftBrace, "'{'")
    var attributes: [String: Attribute] = [:]
    if current.kind != .rightBrace {
      repeat {
        let keyToken = current
        let key = try parseKey(expected: "an attribute name")
        try expect(.equal, "'='")
        let value = try parseAttribute()
        if attributes[key] != nil {
          report(
            .kirSyntax, "expected a new attribute name, found duplicate '\(key)'", at: keyToken)
          throw ParseAbort()
        }
        attributes[key] = value
      } while consume(.comma)
    }
    try expect(.rightBrace, "',' or '}'")
    return attributes
  }

  // MARK: Locations

  /// The inside of `loc(…)`: `unknown`, `"file":line:col`, `fused[…]` or `"name"(loc)`.
  func parseLocationBody() throws -> Location {
    try nested {
      switch current.kind {
      case .identifier("unknown"):
        advance()
        return .unknown
      case .identifier("fused"):
        advance()
        try expect(.leftBracket, "'['")
        var parts: [Location] = []
        if current.kind != .rightBracket {
          repeat { parts.append(try parseLocationBody()) } while consume(.comma)
        }
        try expect(.rightBracket, "',' or ']'")
        return .fused(parts)
      case let .string(text):
        advance()
        if consume(.leftParen) {
          let inner = try parseLocationBody()
          try expect(.rightParen, "')'")
          return .named(text, inner)
        }
        try expect(.colon, "':' or '('")
        let line = try parseInt()
        try expect(.colon, "':'")
        let column = try parseInt()
        return .file(path: text, line: line, column: column)
      default:
        throw fail(expected: "a location")
      }
    }
  }
}
