// The parser, continued: functions, regions, ops and SSA value scopes.
//
// Value names: `%<digits>` is an unnamed value, `%name` a named one and `%name.N` the printer's
// uniquing of a repeated name (the value's name is `name`). Scopes follow regions: a use must
// name a value defined earlier in the same region or an enclosing one; an op's results become
// visible after its regions, which therefore cannot use them.

extension Parser {
  /// `kernel|device @name(params) [-> T] [attributes {…}] [loc(…)] { ops }`.
  func parseFunction() throws {
    let start = advance()
    let kind: FunctionKind = start.identifier == "kernel" ? .kernel : .device
    let (name, nameToken) = try parseSymbol()
    declareSymbol(name, kind: "function", at: nameToken)
    scopes = [[:]]
    functionValueNames = []
    try expect(.leftParen, "'('")
    var parameters: [Parameter] = []
    if current.kind != .rightParen {
      repeat {
        let value = try parseValueDefinition()
        try expect(.colon, "':'")
        let type = try parseType()
        var attributes: [String: Attribute] = [:]
        if current.kind == .leftBrace { attributes = try parseAttributeDictionary() }
        parameters.append(Parameter(value: define(value, type: type), attributes: attributes))
      } while consume(.comma)
    }
    try expect(.rightParen, "',' or ')'")
    var resultType = IRType.void
    if consume(.arrow) { resultType = try parseType() }
    var attributes: [String: Attribute] = [:]
    if isIdentifier("attributes") {
      advance()
      attributes = try parseAttributeDictionary()
    }
    let location = try parseOptionalLocation(default: start)
    let body = try parseRegion(allowsArguments: false)
    scopes = []
    module.functions.append(
      Function(
        name: name, kind: kind, parameters: parameters, resultType: resultType,
        attributes: attributes, body: body, location: location))
  }

  // MARK: Values

  /// A `%` token to be defined, with its text and the value name it stands for.
  struct ValueToken {
    var token: Token
    /// The text after `%`, the key of the scope tables.
    var text: String
    /// The source name; nil for `%<digits>`.
    var name: String?
  }

  /// Reads a `%` token, checking its form.
  func parseValueToken() throws -> ValueToken {
    guard case let .value(text) = current.kind else { throw fail(expected: "a value ('%name')") }
    guard let name = Self.valueName(text) else {
      throw fail(expected: "a value name of the form %name, %name.N or %N")
    }
    return ValueToken(token: advance(), text: text, name: name.isEmpty ? nil : name)
  }

  /// The name a value token stands for: "" for `%<digits>`, the base of `%name` or `%name.N`,
  /// nil when the text has neither form.
  static func valueName(_ text: String) -> String? {
    let scalars = Array(text.unicodeScalars)
    func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
    func isWord(_ scalar: Unicode.Scalar) -> Bool {
      scalar.isASCII && (scalar.properties.isAlphabetic || isDigit(scalar) || scalar == "_")
    }
    if scalars.allSatisfy(isDigit) { return "" }
    guard let first = scalars.first, !isDigit(first) else { return nil }
    var baseEnd = scalars.count
    if let dot = scalars.firstIndex(of: ".") {
      let suffix = scalars[(dot + 1)...]
      guard !suffix.isEmpty, suffix.allSatisfy(isDigit) else { return nil }
      baseEnd = dot
    }
    let base = scalars[..<baseEnd]
    guard base.allSatisfy(isWord) else { return nil }
    var name = ""
    name.unicodeScalars.append(contentsOf: base)
    return name
  }

  func parseValueDefinition() throws -> ValueToken { try parseValueToken() }

  /// Makes the value a definition token names and makes it visible in the innermost scope.
  func define(_ definition: ValueToken, type: IRType) -> Value {
    let value = Value(type: type, name: definition.name)
    bind(definition, to: value)
    return value
  }

  /// Makes `value` visible under the definition token's text, reporting KP2003 on a repeat.
  func bind(_ definition: ValueToken, to value: Value) {
    if !functionValueNames.insert(definition.text).inserted {
      report(.kirRedefinition, "redefinition of value '%\(definition.text)'", at: definition.token)
    }
    if scopes.isEmpty { scopes = [[:]] }
    scopes[scopes.count - 1][definition.text] = value
  }

  /// The value a use names, or a placeholder after reporting KP2002.
  func parseUse() throws -> Value {
    let use = try parseValueToken()
    for scope in scopes.reversed() {
      if let value = scope[use.text] { return value }
    }
    report(
      .kirUndefinedValue, "use of undefined value '%\(use.text)'", at: use.token)
    return Value(type: .void, name: use.name)
  }

  // MARK: Regions

  /// `[(%a: T, …)] { ops }`, in a new scope; a function body has no argument list.
  func parseRegion(allowsArguments: Bool = true) throws -> Region {
    try nested {
      scopes.append([:])
      defer { scopes.removeLast() }
      let region = Region()
      if allowsArguments, consume(.leftParen) {
        if current.kind != .rightParen {
          repeat {
            let definition = try parseValueDefinition()
            try expect(.colon, "':'")
            region.arguments.append(define(definition, type: try parseType()))
          } while consume(.comma)
        }
        try expect(.rightParen, "',' or ')'")
      }
      try expect(.leftBrace, "'{'")
      while current.kind != .rightBrace {
        guard !atEnd else { throw fail(expected: "an op or '}'") }
        region.operations.append(try parseOperation())
      }
      advance()
      return region
    }
  }

  // MARK: Ops

  /// Whether the current token can start a positional attribute: an attribute, but not the
  /// `loc(` of a location nor the name of an op (the next line, when an attribute is missing).
  private var atPositionalAttribute: Bool {
    guard atAttributeStart else { return false }
    if let word = current.identifier {
      if word == "loc" && peek(1).kind == .leftParen { return false }
      if Opcode(name: word) != nil { return false }
    }
    return true
  }

  /// Whether the `%` values ahead are this op's operands rather than the results of the next op
  /// (`cuda.syncthreads` followed by `%p = …`): a list of values followed by `=` is results.
  private var atOperandList: Bool {
    var ahead = 0
    while case .value = peek(ahead).kind {
      guard peek(ahead + 1).kind == .comma else { return peek(ahead + 1).kind != .equal }
      ahead += 2
    }
    return ahead > 0
  }

  /// Whether a `{` at the current token opens an attribute dictionary rather than a region.
  private var atAttributeDictionary: Bool {
    guard current.kind == .leftBrace, peek(2).kind == .equal else { return false }
    switch peek(1).kind {
    case .identifier, .string: return true
    default: return false
    }
  }

  /// One op with its regions.
  func parseOperation() throws -> Operation {
    var resultTokens: [ValueToken] = []
    if case .value = current.kind {
      repeat { resultTokens.append(try parseValueDefinition()) } while consume(.comma)
      try expect(.equal, "',' or '='")
    }
    let nameToken = current
    guard let name = nameToken.identifier else { throw fail(expected: "an op name") }
    guard let opcode = Opcode(name: name) else {
      report(.kirUnknownOp, "unknown op '\(name)'", at: nameToken)
      throw ParseAbort()
    }
    advance()
    let info = opcode.info
    var attributes: [String: Attribute] = [:]
    for key in info.positional {
      guard atPositionalAttribute else { break }
      attributes[key] = try parseAttribute()
    }
    var operands: [Value] = []
    if atOperandList {
      repeat { operands.append(try parseUse()) } while consume(.comma)
    }
    if atAttributeDictionary {
      let dictionaryToken = current
      for (key, value) in try parseAttributeDictionary() {
        guard attributes[key] == nil else {
          report(
            .kirSyntax, "expected a new attribute name, found duplicate '\(key)'",
            at: dictionaryToken)
          throw ParseAbort()
        }
        attributes[key] = value
      }
    }
    var resultTypes: [IRType] = []
    if !resultTokens.isEmpty {
      try expect(
        .colon, "':' and \(resultTokens.count) result type\(resultTokens.count == 1 ? "" : "s")")
      repeat { resultTypes.append(try parseType()) } while consume(.comma)
      guard resultTypes.count == resultTokens.count else {
        report(
          .kirSyntax,
          "expected \(resultTokens.count) result type\(resultTokens.count == 1 ? "" : "s"), found \(resultTypes.count)",
          at: nameToken)
        throw ParseAbort()
      }
    }
    let location = try parseOptionalLocation(default: nameToken)
    let regions = try parseRegions(of: info)
    let op = Operation(
      opcode, operands: operands, resultTypes: resultTypes,
      resultNames: resultTokens.map(\.name), attributes: attributes, regions: regions,
      location: location)
    for (token, result) in zip(resultTokens, op.results) { bind(token, to: result) }
    return op
  }

  /// The regions after an op: none when the first is absent; otherwise as many as the op table
  /// lists (later ones absent from the text are empty), each later one after its label.
  private func parseRegions(of info: OpInfo) throws -> [Region] {
    guard current.kind == .leftBrace || current.kind == .leftParen else { return [] }
    var regions = [try parseRegion()]
    for index in 1..<max(1, info.regions.count) {
      let label = info.regions[index]
      if isIdentifier(label), peek(1).kind == .leftBrace || peek(1).kind == .leftParen {
        advance()
        regions.append(try parseRegion())
      } else {
        regions.append(Region())
      }
    }
    return regions
  }
}
