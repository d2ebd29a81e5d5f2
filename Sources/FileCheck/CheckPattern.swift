// CheckPattern: one directive's pattern, parsed into literal text, `{{regex}}` blocks,
// `[[NAME:regex]]` definitions, `[[NAME]]` uses and `[[@LINE±N]]` line numbers, and its search
// over an InputBuffer. Like LLVM, a pattern never matches across a newline unless its regex
// spells `\n`, and CHECK-EMPTY matches the start of an empty line.

/// A parsed check pattern and the directive that owns it.
struct CheckPattern: Sendable {
  /// One piece of a pattern.
  enum Piece: Sendable, Hashable {
    /// Text matched exactly.
    case literal(String)
    /// A `{{...}}` regular expression.
    case regex(String)
    /// `[[NAME:regex]]`: matches `regex` and binds its text to `NAME`.
    case definition(name: String, regex: String)
    /// `[[NAME]]`: matches the text bound to `NAME` by an earlier match.
    case use(name: String)
    /// `[[@LINE]]`, `[[@LINE+N]]`, `[[#@LINE-N]]`: the check line's number plus `offset`.
    case lineNumber(offset: Int)
  }

  /// The result of searching the input for a pattern.
  enum SearchResult {
    /// The pattern matched `range`, binding `definitions`.
    case found(range: Range<String.Index>, definitions: [String: String])
    /// The pattern did not match.
    case notFound
    /// The pattern could not be searched, e.g. it uses an undefined variable.
    case failed(message: String)
  }

  /// The directive's kind.
  var kind: DirectiveKind
  /// The prefix the directive was written with.
  var prefix: String
  /// How many consecutive matches a `-COUNT-n` directive needs (1 otherwise).
  var count: Int
  /// The check-file line of the directive (real file numbering).
  var line: Int
  /// The pattern's text as written (whitespace canonicalized, trimmed).
  var text: String
  /// The parsed pieces; empty for CHECK-EMPTY and for the implicit end-of-file pattern.
  var pieces: [Piece]
  /// Whether this is the implicit end-of-file pattern that carries trailing CHECK-DAG/NOTs.
  var isEndOfFile = false

  /// The directive as written, e.g. `CHECK-NEXT` or `CHECK-COUNT-3`.
  var directiveName: String {
    if isEndOfFile { return "\(prefix) (end of input)" }
    return count > 1 ? "\(prefix)-COUNT-\(count)" : kind.spelling(prefix: prefix)
  }

  /// Whether the pattern defines or uses a variable (CHECK-LABEL may not).
  var hasVariables: Bool {
    pieces.contains {
      switch $0 {
      case .definition, .use: return true
      case .literal, .regex, .lineNumber: return false
      }
    }
  }

  /// The names of the variables the pattern uses without defining them first.
  var usedVariableNames: [String] {
    var defined: Set<String> = []
    var used: [String] = []
    for piece in pieces {
      switch piece {
      case .definition(let name, _): defined.insert(name)
      case .use(let name) where !defined.contains(name) && !used.contains(name): used.append(name)
      case .use, .literal, .regex, .lineNumber: break
      }
    }
    return used
  }

  /// Text resembling what the pattern matches, for the fuzzy "possible intended match".
  func example(variables: [String: String]) -> String {
    pieces.map { piece -> String in
      switch piece {
      case .literal(let text): return text
      case .regex: return ""
      case .definition: return ""
      case .use(let name): return variables[name] ?? ""
      case .lineNumber(let offset): return String(line + offset)
      }
    }.joined()
  }

  /// Searches `start..<end` of `buffer` for the first match.
  func search(
    in buffer: InputBuffer, from start: String.Index, to end: String.Index,
    variables: [String: String]
  ) -> SearchResult {
    if isEndOfFile { return .found(range: end..<end, definitions: [:]) }
    if kind == .empty { return searchEmptyLine(in: buffer, from: start, to: end) }
    if case .literal(let fixed)? = pieces.first, pieces.count == 1 {
      guard start < end, let range = buffer.text[start..<end].firstRange(of: fixed) else {
        return .notFound
      }
      return .found(range: range, definitions: [:])
    }
    let compiled: CompiledPattern
    switch compile(variables: variables) {
    case .success(let value): compiled = value
    case .failure(let error): return .failed(message: error.message)
    }
    if compiled.spansLines {
      guard let match = buffer.text[start..<end].firstMatch(of: compiled.regex) else {
        return .notFound
      }
      return .found(range: match.range, definitions: compiled.definitions(of: match))
    }
    // Search line by line, so that `.`, `[^x]` and `\s` never run past a newline (LLVM
    // compiles patterns with REG_NEWLINE).
    var lineNumber = buffer.line(of: start)
    while lineNumber <= buffer.lineCount {
      let lineRange = buffer.range(ofLine: lineNumber)
      let segmentStart = max(lineRange.lowerBound, start)
      let segmentEnd = min(lineRange.upperBound, end)
      if segmentStart > end { break }
      if segmentStart <= segmentEnd,
        let match = buffer.text[segmentStart..<segmentEnd].firstMatch(of: compiled.regex)
      {
        return .found(range: match.range, definitions: compiled.definitions(of: match))
      }
      if lineRange.upperBound >= end { break }
      lineNumber += 1
    }
    return .notFound
  }

  /// CHECK-EMPTY: a newline followed by another newline or the end of the searched text; the
  /// match is the empty range at the start of the empty line.
  private func searchEmptyLine(
    in buffer: InputBuffer, from start: String.Index, to end: String.Index
  ) -> SearchResult {
    var index = start
    let text = buffer.text
    while index < end {
      if text[index] == "\n" {
        let next = text.index(after: index)
        if next >= end || text[next] == "\n" { return .found(range: next..<next, definitions: [:]) }
      }
      index = text.index(after: index)
    }
    return .notFound
  }
}

/// A pattern turned into a Swift `Regex`, with the capture group of each variable it defines.
struct CompiledPattern {
  /// The regular expression.
  var regex: Regex<AnyRegexOutput>
  /// Variable name -> capture group name in `regex`.
  var groups: [(variable: String, group: String)]
  /// Whether the regex spells a newline and must be searched across lines.
  var spansLines: Bool

  /// The variable bindings made by `match`.
  func definitions(of match: Regex<AnyRegexOutput>.Match) -> [String: String] {
    var result: [String: String] = [:]
    for (variable, group) in groups {
      if let text = match.output[group]?.substring { result[variable] = String(text) }
    }
    return result
  }
}

/// A problem found while parsing or compiling a pattern.
struct PatternError: Error, Sendable {
  /// What is wrong, e.g. `invalid regex: expected ')'`.
  var message: String
}

extension CheckPattern {
  /// Builds the regex for this pattern, substituting the current value of each used variable.
  func compile(variables: [String: String]) -> Result<CompiledPattern, PatternError> {
    var source = ""
    var groups: [(variable: String, group: String)] = []
    var spansLines = false
    for piece in pieces {
      switch piece {
      case .literal(let text):
        source += PatternSyntax.escaped(text)
      case .regex(let regex):
        spansLines = spansLines || regex.contains("\\n")
        source += "(?:\(regex))"
      case .definition(let name, let regex):
        spansLines = spansLines || regex.contains("\\n")
        let group = "kpvar\(groups.count)"
        groups.append((name, group))
        source += "(?<\(group)>\(regex))"
      case .use(let name):
        if let defined = groups.last(where: { $0.variable == name }) {
          source += "\\k<\(defined.group)>"
        } else if let value = variables[name] {
          source += PatternSyntax.escaped(value)
        } else {
          return .failure(PatternError(message: "undefined variable: \(name)"))
        }
      case .lineNumber(let offset):
        source += String(line + offset)
      }
    }
    do {
      let regex = try Regex(spansLines ? "(?m)" + source : source)
      return .success(CompiledPattern(regex: regex, groups: groups, spansLines: spansLines))
    } catch {
      return .failure(PatternError(message: "invalid regex: \(error)"))
    }
  }
}
