// The parser of KIR's text form (grammars/kir.ebnf): module-level declarations and types.
// Literals, attributes and locations are in ParserAttributes.swift; functions, regions
// and ops in ParserOps.swift.
//
// Errors are diagnostics located in the .kir text itself (`.file(path, line, column)`):
//   KP2001 syntax ("expected X, found Y" at the offending token; also nesting deeper than 256),
//   KP2002 use of a value not defined earlier in the same or an enclosing region,
//   KP2003 a value defined twice in a function, or a function, global or struct defined twice,
//   KP2004 unknown op name,
//   KP2005 unknown type or address space, or a struct type that no `struct` declares.
// A syntax error, an unknown op or an unknown type stops the parse (what follows cannot be read
// reliably); undefined values, redefinitions and undeclared structs are collected and parsing
// goes on. Any error means no module is returned. The parser never traps and never loops: each
// step consumes a token or stops, and nesting is bounded.
//
// Declarations without a `loc(…)` get the position of their keyword in the .kir text, and ops the
// position of their name, so that verifier errors on hand-written IR point into it.

/// Parses KIR text.
///
/// - Parameters:
///   - text: The .kir text.
///   - path: The file name used in diagnostics and in the locations of unannotated ops.
/// - Returns: The module, or nil when there was an error, and the diagnostics.
public func parseModule(_ text: String, path: String) -> (Module?, [Diagnostic]) {
  let parser = Parser(text: text, path: path)
  return parser.parse()
}

/// Raised to abandon a parse after its diagnostic has been recorded.
struct ParseAbort: Error {}

/// The state of one parse.
final class Parser {
  /// The deepest nesting of regions, types, attributes and locations accepted.
  static let maximumDepth = 256

  let tokens: [Token]
  let path: String
  var position = 0
  var depth = 0
  var diagnostics: [Diagnostic] = []
  let module = Module()

  /// Function and global names (one namespace, as in C++) and struct names seen so far.
  var valueSymbols: Set<String> = []
  var structNames: Set<String> = []
  /// Struct types named by the text, checked against the declarations at the end.
  var structUses: [(name: String, token: Token)] = []

  /// Visible values: one dictionary per open region, keyed by the text after `%`.
  var scopes: [[String: Value]] = []
  /// Every value name defined in the current function.
  var functionValueNames: Set<String> = []

  init(text: String, path: String) {
    self.tokens = tokenize(text)
    self.path = path
    module.sourcePath = path
  }

  func parse() -> (Module?, [Diagnostic]) {
    do {
      while !atEnd { try parseTopLevel() }
      for use in structUses where !structNames.contains(use.name) {
        report(
          .kirUnknownType, "use of undeclared struct '\(IRType.symbolText(use.name))'",
          at: use.token)
      }
    } catch {
      // The diagnostic that stopped the parse is already recorded.
    }
    let hasErrors = diagnostics.contains { $0.severity == .error }
    return (hasErrors ? nil : module, diagnostics)
  }

  // MARK: Tokens

  var current: Token { tokens[min(position, tokens.count - 1)] }

  func peek(_ ahead: Int) -> Token { tokens[min(position + ahead, tokens.count - 1)] }

  var atEnd: Bool { current.kind == .endOfFile }

  @discardableResult
  func advance() -> Token {
    let token = current
    if position < tokens.count - 1 { position += 1 }
    return token
  }

  func location(of token: Token) -> Location {
    .file(path: path, line: token.line, column: token.column)
  }

  func report(_ id: DiagnosticID, _ message: String, at token: Token) {
    diagnostics.append(
      Diagnostic(.error, id, message, at: location(of: token), length: token.length))
  }

  /// Reports "expected X, found Y" at the current token and abandons the parse.
  func fail(expected: String) -> ParseAbort {
    report(.kirSyntax, "expected \(expected), found \(current.spelling)", at: current)
    return ParseAbort()
  }

  /// Consumes a token of `kind` or fails.
  @discardableResult
  func expect(_ kind: TokenKind, _ description: String) throws -> Token {
    guard current.kind == kind else { throw fail(expected: description) }
    return advance()
  }

  /// Consumes a token of `kind` if it is next.
  func consume(_ kind: TokenKind) -> Bool {
    guard current.kind == kind else { return false }
    advance()
    return true
  }

  func isIdentifier(_ text: String, at ahead: Int = 0) -> Bool {
    peek(ahead).identifier == text
  }

  func expectKeyword(_ text: String) throws {
    guard isIdentifier(text) else { throw fail(expected: "'\(text)'") }
    advance()
  }

  /// Runs `body` one nesting level deeper, failing past `maximumDepth`.
  func nested<T>(_ body: () throws -> T) throws -> T {
    guard depth < Self.maximumDepth else {
      report(.kirSyntax, "nesting deeper than \(Self.maximumDepth) levels", at: current)
      throw ParseAbort()
    }
    depth += 1
    defer { depth -= 1 }
    return try body()
  }

  // MARK: Module level

  private func parseTopLevel() throws {
    let start = current
    switch start.identifier {
    case "struct": try parseStruct()
    case "global": try parseGlobal()
    case "kernel", "device": try parseFunction()
    case let word? where word.hasPrefix("host."): try parseHostRecord()
    default:
      throw fail(expected: "'struct', 'global', 'kernel', 'device' or a host record")
    }
  }

  /// `@name` or `@"quoted name"`; returns the name and the `@` token.
  func parseSymbol() throws -> (String, Token) {
    let at = try expect(.at, "'@'")
    switch current.kind {
    case let .identifier(name):
      advance()
      return (name, at)
    case let .string(name):
      advance()
      return (name, at)
    default:
      throw fail(expected: "a symbol name")
    }
  }

  /// Records a module-level symbol, reporting KP2003 when it is taken.
  func declareSymbol(_ name: String, kind: String, at token: Token, structs: Bool = false) {
    let inserted = structs ? structNames.insert(name).inserted : valueSymbols.insert(name).inserted
    if !inserted {
      report(.kirRedefinition, "redefinition of \(kind) '@\(IRType.symbolText(name))'", at: token)
    }
  }

  /// A trailing `loc(…)` if present, else the location of `token` in the .kir text.
  func parseOptionalLocation(default token: Token) throws -> Location {
    guard isIdentifier("loc"), peek(1).kind == .leftParen else { return location(of: token) }
    advance()
    advance()
    let location = try parseLocationBody()
    try expect(.rightParen, "')'")
    return location
  }

  private func parseStruct() throws {
    let start = advance()
    let (name, nameToken) = try parseSymbol()
    declareSymbol(name, kind: "struct", at: nameToken, structs: true)
    try expect(.leftBrace, "'{'")
    var fields: [StructDecl.Field] = []
    if current.kind != .rightBrace {
      repeat {
        let fieldName = try parseKey(expected: "a field name")
        try expect(.colon, "':'")
        fields.append(StructDecl.Field(name: fieldName, type: try parseType()))
      } while consume(.comma)
    }
    try expect(.rightBrace, "',' or '}'")
    let location = try parseOptionalLocation(default: start)
    module.structs.append(StructDecl(name: name, fields: fields, location: location))
  }

  private func parseGlobal() throws {
    let start = advance()
    let (name, nameToken) = try parseSymbol()
    declareSymbol(name, kind: "global", at: nameToken)
    try expect(.colon, "':'")
    let space = try parseAddressSpace()
    let type = try parseType()
    var initializer: Attribute?
    if consume(.equal) { initializer = try parseAttribute() }
    let location = try parseOptionalLocation(default: start)
    module.globals.append(
      GlobalVariable(
        name: name, space: space, type: type, initializer: initializer, location: location))
  }

  private func parseHostRecord() throws {
    let start = advance()
    let kindText = String((start.identifier ?? "").dropFirst("host.".count))
    guard let kind = HostRecordKind(rawValue: kindText) else {
      position -= 1
      let kinds = HostRecordKind.allCases.map { "'host.\($0.rawValue)'" }.joined(separator: ", ")
      throw fail(expected: "a host record kind (\(kinds))")
    }
    let (name, _) = try parseSymbol()
    try expectKeyword("range")
    try expect(.leftParen, "'('")
    guard case let .string(file) = current.kind else { throw fail(expected: "a file name string") }
    advance()
    try expect(.comma, "','")
    let begin = try parseSourcePosition()
    try expect(.comma, "','")
    let end = try parseSourcePosition()
    try expect(.rightParen, "')'")
    var attributes: [String: Attribute] = [:]
    if current.kind == .leftBrace { attributes = try parseAttributeDictionary() }
    module.hostRecords.append(
      HostRecord(
        kind: kind, name: name, range: SourceRange(path: file, start: begin, end: end),
        attributes: attributes))
  }

  /// `line:column+offset`.
  private func parseSourcePosition() throws -> SourcePosition {
    let line = try parseInt()
    try expect(.colon, "':'")
    let column = try parseInt()
    try expect(.plus, "'+'")
    let offset = try parseInt()
    return SourcePosition(line: line, column: column, offset: offset)
  }

  // MARK: Types

  func parseAddressSpace() throws -> AddressSpace {
    guard let word = current.identifier else { throw fail(expected: "an address space") }
    guard let space = AddressSpace(rawValue: word) else {
      report(.kirUnknownType, "unknown address space '\(word)'", at: current)
      throw ParseAbort()
    }
    advance()
    return space
  }

  /// A type: `void`, `i1`, `i32`, `f32`, `vec<4 x f32>`, `ptr<global, f32>`, `array<? x f32>`,
  /// `struct<Name>`.
  func parseType() throws -> IRType {
    guard let word = current.identifier else { throw fail(expected: "a type") }
    let token = advance()
    switch word {
    case "void": return .void
    case "i1": return .bool
    case "i8": return .i8
    case "i16": return .i16
    case "i32": return .i32
    case "i64": return .i64
    case "u8": return .u8
    case "u16": return .u16
    case "u32": return .u32
    case "u64": return .u64
    case "f16": return .f16
    case "bf16": return .bf16
    case "f32": return .f32
    case "f64": return .f64
    case "vec", "array":
      return try nested {
        try expect(.less, "'<'")
        var count: Int?
        if word == "array" && consume(.question) {
          count = nil
        } else {
          count = try parseInt()
        }
        try expectKeyword("x")
        let element = try parseType()
        try expect(.greater, "'>'")
        if word == "vec" { return .vector(element: element, count: count ?? 0) }
        return .array(element: element, count: count)
      }
    case "ptr":
      return try nested {
        try expect(.less, "'<'")
        let space = try parseAddressSpace()
        try expect(.comma, "','")
        let pointee = try parseType()
        try expect(.greater, "'>'")
        return .pointer(space: space, pointee: pointee)
      }
    case "struct":
      try expect(.less, "'<'")
      let nameToken = current
      let name = try parseKey(expected: "a struct name")
      try expect(.greater, "'>'")
      structUses.append((name, nameToken))
      return .structure(name)
    default:
      report(.kirUnknownType, "unknown type '\(word)'", at: token)
      throw ParseAbort()
    }
  }

}
