// The lexer of KIR's text form: turns .kir text into tokens with 1-based line and byte column.
//
// Token classes (grammars/kir.ebnf has the full grammar):
//   identifier  [A-Za-z_][A-Za-z0-9_.$]*      op names, keywords, types (`arith.add`, `lt`, `f32`)
//   value       %[A-Za-z0-9_.$]+              `%x`, `%x.1`, `%0`
//   number      [0-9]+ ('.' [0-9]+)? ([eE] [+-]? [0-9]+)?   a float when it has `.` or an exponent
//   string      "…" with escapes \" \\ \n \t \u{hex}
//   punctuation { } ( ) [ ] < > , : = ? + - -> @
// Whitespace separates tokens and is otherwise insignificant; `//` starts a comment to the end of
// the line. The lexer never fails: a character it does not know, or a malformed string, becomes an
// `invalid` token that the parser reports as "expected X, found <that>".

/// The class of a KIR token.
enum TokenKind: Equatable, Sendable {
  case identifier(String)
  /// A `%` value reference; the payload is the text after `%`.
  case value(String)
  /// An integer literal's digits (no sign).
  case integer(String)
  /// A float literal's text (no sign).
  case float(String)
  /// A string literal's decoded contents.
  case string(String)
  case leftBrace, rightBrace, leftParen, rightParen, leftBracket, rightBracket
  case less, greater, comma, colon, equal, question, plus, minus, arrow, at
  /// Text that is no token; the payload describes it for the "found …" part of an error.
  case invalid(String)
  case endOfFile
}

/// One token and where it starts.
struct Token: Sendable {
  var kind: TokenKind
  var line: Int
  var column: Int
  /// The number of bytes the token spans (at least 1), for underlining it in diagnostics.
  var length: Int = 1

  /// How the token reads in an "expected X, found Y" message.
  var spelling: String {
    switch kind {
    case let .identifier(text): return "'\(text)'"
    case let .value(text): return "'%\(text)'"
    case let .integer(text), let .float(text): return "'\(text)'"
    case let .string(text): return "string \(quoted(text))"
    case .leftBrace: return "'{'"
    case .rightBrace: return "'}'"
    case .leftParen: return "'('"
    case .rightParen: return "')'"
    case .leftBracket: return "'['"
    case .rightBracket: return "']'"
    case .less: return "'<'"
    case .greater: return "'>'"
    case .comma: return "','"
    case .colon: return "':'"
    case .equal: return "'='"
    case .question: return "'?'"
    case .plus: return "'+'"
    case .minus: return "'-'"
    case .arrow: return "'->'"
    case .at: return "'@'"
    case let .invalid(description): return description
    case .endOfFile: return "end of file"
    }
  }

  /// The identifier text, if the token is one.
  var identifier: String? {
    if case let .identifier(text) = kind { return text }
    return nil
  }
}

/// Splits KIR text into tokens, ending with one `endOfFile` token.
func tokenize(_ text: String) -> [Token] {
  var lexer = Lexer(bytes: Array(text.utf8))
  return lexer.run()
}

/// The state of one tokenization.
private struct Lexer {
  let bytes: [UInt8]
  var index = 0
  var line = 1
  /// Byte offset of the first byte of the current line.
  var lineStart = 0
  var tokens: [Token] = []

  init(bytes: [UInt8]) { self.bytes = bytes }

  private func peek(_ ahead: Int = 0) -> UInt8? {
    index + ahead < bytes.count ? bytes[index + ahead] : nil
  }

  private static func isIdentifierStart(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  private static func isIdentifierPart(_ byte: UInt8) -> Bool {
    isIdentifierStart(byte) || isDigit(byte) || byte == 0x2E || byte == 0x24
  }

  mutating func run() -> [Token] {
    while true {
      skipTrivia()
      let column = index - lineStart + 1
      guard let byte = peek() else {
        tokens.append(Token(kind: .endOfFile, line: line, column: column))
        return tokens
      }
      let start = index
      let kind = lexToken(startingWith: byte)
      tokens.append(Token(kind: kind, line: line, column: column, length: max(1, index - start)))
    }
  }

  /// Skips whitespace and `//` comments, counting lines.
  private mutating func skipTrivia() {
    while let byte = peek() {
      switch byte {
      case 0x0A:
        index += 1
        line += 1
        lineStart = index
      case 0x20, 0x09, 0x0D:
        index += 1
      case 0x2F where peek(1) == 0x2F:
        while let next = peek(), next != 0x0A { index += 1 }
      default:
        return
      }
    }
  }

  private mutating func lexToken(startingWith byte: UInt8) -> TokenKind {
    if Self.isIdentifierStart(byte) {
      return .identifier(take(while: Self.isIdentifierPart))
    }
    if Self.isDigit(byte) { return lexNumber() }
    index += 1
    switch byte {
    case 0x25:  // %
      let name = take(while: Self.isIdentifierPart)
      return name.isEmpty ? .invalid("'%'") : .value(name)
    case 0x22: return lexString()
    case 0x7B: return .leftBrace
    case 0x7D: return .rightBrace
    case 0x28: return .leftParen
    case 0x29: return .rightParen
    case 0x5B: return .leftBracket
    case 0x5D: return .rightBracket
    case 0x3C: return .less
    case 0x3E: return .greater
    case 0x2C: return .comma
    case 0x3A: return .colon
    case 0x3D: return .equal
    case 0x3F: return .question
    case 0x2B: return .plus
    case 0x40: return .at
    case 0x2D:
      if peek() == 0x3E {
        index += 1
        return .arrow
      }
      return .minus
    default:
      return .invalid(describeInvalid(byte))
    }
  }

  /// Describes an unexpected byte: the character when it is printable ASCII, else its code.
  private mutating func describeInvalid(_ byte: UInt8) -> String {
    if byte >= 0x21 && byte < 0x7F {
      return "'\(Character(Unicode.Scalar(byte)))'"
    }
    if byte < 0x80 { return "character U+\(hex4(UInt32(byte)))" }
    // Skip the continuation bytes of a multi-byte UTF-8 sequence so that one character makes
    // one invalid token.
    let start = index - 1
    while let next = peek(), next & 0xC0 == 0x80 { index += 1 }
    let scalars = String(decoding: bytes[start..<index], as: UTF8.self).unicodeScalars
    return "character U+\(hex4(scalars.first?.value ?? UInt32(byte)))"
  }

  private func hex4(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }

  private mutating func take(while predicate: (UInt8) -> Bool) -> String {
    let start = index
    while let byte = peek(), predicate(byte) { index += 1 }
    return String(decoding: bytes[start..<index], as: UTF8.self)
  }

  /// Digits, an optional fraction and an optional exponent. A `.` or `e` not followed by what
  /// completes it is left for the next token.
  private mutating func lexNumber() -> TokenKind {
    let start = index
    var isFloat = false
    while let byte = peek(), Self.isDigit(byte) { index += 1 }
    if peek() == 0x2E, let after = peek(1), Self.isDigit(after) {
      isFloat = true
      index += 1
      while let byte = peek(), Self.isDigit(byte) { index += 1 }
    }
    if let e = peek(), e == 0x65 || e == 0x45 {
      var ahead = 1
      if let sign = peek(1), sign == 0x2B || sign == 0x2D { ahead = 2 }
      if let digit = peek(ahead), Self.isDigit(digit) {
        isFloat = true
        index += ahead
        while let byte = peek(), Self.isDigit(byte) { index += 1 }
      }
    }
    let text = String(decoding: bytes[start..<index], as: UTF8.self)
    return isFloat ? .float(text) : .integer(text)
  }

  /// The rest of a string literal after its opening quote.
  private mutating func lexString() -> TokenKind {
    var contents: [UInt8] = []
    while let byte = peek() {
      index += 1
      switch byte {
      case 0x22:
        return .string(String(decoding: contents, as: UTF8.self))
      case 0x0A:
        // A raw newline: the printer always escapes it, so the literal is unterminated.
        index -= 1
        return .invalid("unterminated string")
      case 0x5C:
        guard let escaped = peek() else { return .invalid("unterminated string") }
        index += 1
        switch escaped {
        case 0x22: contents.append(0x22)
        case 0x5C: contents.append(0x5C)
        case 0x6E: contents.append(0x0A)
        case 0x74: contents.append(0x09)
        case 0x75:
          guard let scalar = lexUnicodeEscape() else { return .invalid("invalid \\u{…} escape") }
          contents += Array(String(Character(scalar)).utf8)
        default:
          return .invalid("invalid escape '\\\(Character(Unicode.Scalar(escaped)))'")
        }
      default:
        contents.append(byte)
      }
    }
    return .invalid("unterminated string")
  }

  /// `{hex}` after `\u`: one to eight hex digits naming a Unicode scalar.
  private mutating func lexUnicodeEscape() -> Unicode.Scalar? {
    guard peek() == 0x7B else { return nil }
    index += 1
    var value: UInt32 = 0
    var digits = 0
    while let byte = peek(), byte != 0x7D {
      guard let digit = hexValue(byte), digits < 8 else { return nil }
      value = value &* 16 &+ digit
      digits += 1
      index += 1
    }
    guard peek() == 0x7D, digits > 0 else { return nil }
    index += 1
    return Unicode.Scalar(value)
  }

  private func hexValue(_ byte: UInt8) -> UInt32? {
    switch byte {
    case 0x30...0x39: return UInt32(byte - 0x30)
    case 0x61...0x66: return UInt32(byte - 0x61 + 10)
    case 0x41...0x46: return UInt32(byte - 0x41 + 10)
    default: return nil
    }
  }
}
