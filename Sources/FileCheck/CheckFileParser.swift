// CheckFileParser: finds the directives of a check file with LLVM's rules (a prefix at the start
// of a word, then a suffix and a colon; comment prefixes COM and RUN hide the rest of the line)
// and, unlike LLVM, rejects what looks like a directive but is not one: `CHECK-Next:`,
// `CHECK-NXT:`, `CHEKC:`, `check:`, `CHECK_NEXT:`, `CHECK-DAG-NOT:`, `CHECK-COUNT-0:`.

/// A positive directive together with the CHECK-DAG and CHECK-NOT patterns written before it.
struct CheckString: Sendable {
  /// The positive pattern (or the implicit end-of-file pattern).
  var pattern: CheckPattern
  /// The CHECK-DAG and CHECK-NOT patterns between the previous positive directive and this one.
  var dagNots: [CheckPattern]
}

/// A parsed check file: its check strings and its lines, for echoing in failures.
struct CheckProgram: Sendable {
  /// The check strings in file order.
  var strings: [CheckString]
  /// The raw lines of the check file.
  var lines: [Substring]
  /// The real line number of `lines[0]`.
  var firstLineNumber: Int

  /// The raw text of check-file line `line`, if it exists.
  func text(ofLine line: Int) -> String? {
    let index = line - firstLineNumber
    return lines.indices.contains(index) ? String(lines[index]) : nil
  }
}

/// Parses a check file into a `CheckProgram`, collecting every problem as a failure.
struct CheckFileParser {
  /// The options of the run (prefixes, comment prefixes, tolerated prefixes, first line).
  let options: FileCheckOptions
  /// The check file's name, for failures.
  let fileName: String

  /// What the scanner found on one line.
  private enum Scan {
    case directive(
      kind: DirectiveKind, count: Int, isLiteral: Bool, prefix: String, start: Int,
      patternStart: Int)
    case comment(start: Int)
    case malformed(start: Int, message: String)

    var start: Int {
      switch self {
      case .directive(_, _, _, _, let start, _), .comment(let start), .malformed(let start, _):
        return start
      }
    }
  }

  /// Parses `text`; the program is only usable when the failures are empty.
  func parse(_ text: String) -> (program: CheckProgram, failures: [CheckFailure]) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var strings: [CheckString] = []
    var pendingDagNots: [CheckPattern] = []
    var usedPrefixes: Set<String> = []
    var failures = validatePrefixes()
    for (offset, rawLine) in lines.enumerated() {
      let lineNumber = options.firstLineNumber + offset
      let characters = Array(Spelling.canonicalizingWhitespace(rawLine))
      let scan = scanDirective(characters)
      failures += lookalikeFailures(
        characters, upTo: scan?.start ?? characters.count, line: lineNumber)
      guard let scan else { continue }
      switch scan {
      case .comment:
        continue
      case .malformed(_, let message):
        failures.append(failure(line: lineNumber, directive: "", message: message))
      case .directive(let kind, let count, let isLiteral, let prefix, _, let patternStart):
        usedPrefixes.insert(prefix)
        let patternText = String(characters[patternStart...])
          .trimmingPrefix(while: Spelling.isHorizontalSpace)
        let trimmed = String(
          patternText.reversed().drop(while: Spelling.isHorizontalSpace).reversed())
        let name = count > 1 ? "\(prefix)-COUNT-\(count)" : kind.spelling(prefix: prefix)
        var pattern = CheckPattern(
          kind: kind, prefix: prefix, count: count, line: lineNumber, text: trimmed, pieces: [])
        if let message = structuralProblem(
          kind: kind, name: name, prefix: prefix, text: trimmed, hasPrevious: !strings.isEmpty)
        {
          failures.append(failure(line: lineNumber, directive: name, message: message))
          continue
        }
        if kind != .empty {
          do {
            pattern.pieces = try PatternSyntax.parse(trimmed, isLiteral: isLiteral)
          } catch {
            failures.append(failure(line: lineNumber, directive: name, message: error.message))
            continue
          }
        }
        if kind == .label && pattern.hasVariables {
          failures.append(
            failure(
              line: lineNumber, directive: name,
              message: "found '\(name):' with variable definition or use"))
          continue
        }
        if kind == .dag || kind == .not {
          pendingDagNots.append(pattern)
        } else {
          strings.append(CheckString(pattern: pattern, dagNots: pendingDagNots))
          pendingDagNots = []
        }
      }
    }
    let unused = options.prefixes.filter { !usedPrefixes.contains($0) }
    if !unused.isEmpty {
      let list = unused.map { "'\($0):'" }.joined(separator: ", ")
      failures.append(
        failure(
          line: 0, directive: "",
          message: "no check strings found with prefix\(unused.count > 1 ? "es" : "") \(list)"))
    }
    if !pendingDagNots.isEmpty {
      let prefix = options.prefixes.first ?? "CHECK"
      let endOfFile = CheckPattern(
        kind: .plain, prefix: prefix, count: 1, line: options.firstLineNumber + lines.count,
        text: "", pieces: [], isEndOfFile: true)
      strings.append(CheckString(pattern: endOfFile, dagNots: pendingDagNots))
    }
    let program = CheckProgram(
      strings: strings, lines: lines, firstLineNumber: options.firstLineNumber)
    return (program, failures)
  }

  /// LLVM's checks on a directive before its pattern is parsed.
  private func structuralProblem(
    kind: DirectiveKind, name: String, prefix: String, text: String, hasPrevious: Bool
  ) -> String? {
    if text.isEmpty && kind != .empty {
      return "found empty check string with prefix '\(name):'"
    }
    if !text.isEmpty && kind == .empty {
      return "found non-empty check string for empty check with prefix '\(name):'"
    }
    if kind.needsPreviousMatch && !hasPrevious {
      return "found '\(name)' without previous '\(prefix):' line"
    }
    return nil
  }

  /// Rejects empty, malformed and duplicate prefixes, as LLVM does.
  private func validatePrefixes() -> [CheckFailure] {
    var seen: Set<String> = []
    var failures: [CheckFailure] = []
    if options.prefixes.isEmpty {
      failures.append(failure(line: 0, directive: "", message: "no check prefix supplied"))
    }
    for prefix in options.prefixes + options.commentPrefixes {
      if !Spelling.isValidPrefix(prefix) {
        failures.append(
          failure(
            line: 0, directive: "",
            message: "supplied prefix must start with a letter and contain only alphanumeric "
              + "characters, hyphens, and underscores: '\(prefix)'"))
      } else if !seen.insert(prefix).inserted {
        failures.append(
          failure(
            line: 0, directive: "",
            message: "supplied prefix must be unique among check and comment prefixes: '\(prefix)'")
        )
      }
    }
    return failures
  }

  private func failure(line: Int, directive: String, message: String) -> CheckFailure {
    CheckFailure(
      kind: .invalidCheckFile, fileName: fileName, line: line, directive: directive,
      message: message)
  }

  // MARK: Finding directives

  /// Finds the first directive or comment directive on the line (LLVM's
  /// `FindFirstMatchingPrefix`): the earliest prefix occurrence at the start of a word, longest
  /// prefix first, followed by a valid suffix.
  private func scanDirective(_ characters: [Character]) -> Scan? {
    let prefixes = (options.prefixes + options.commentPrefixes).map { Array($0) }
    var position = 0
    while position < characters.count {
      var best: (at: Int, prefix: [Character])?
      for prefix in prefixes {
        guard let at = firstOccurrence(of: prefix, in: characters, from: position) else { continue }
        if best.map({ at < $0.at || (at == $0.at && prefix.count > $0.prefix.count) }) ?? true {
          best = (at, prefix)
        }
      }
      guard let best else { return nil }
      if best.at == 0 || !Spelling.isWordCharacter(characters[best.at - 1]),
        let scan = scanSuffix(characters, at: best.at, prefix: String(best.prefix))
      {
        return scan
      }
      var next = best.at + best.prefix.count
      while next < characters.count && Spelling.isWordCharacter(characters[next]) { next += 1 }
      position = next
    }
    return nil
  }

  /// LLVM's `FindCheckType`: the suffix after a prefix, or nil when this is not a directive.
  private func scanSuffix(_ characters: [Character], at start: Int, prefix: String) -> Scan? {
    func character(_ index: Int) -> Character? {
      characters.indices.contains(index) ? characters[index] : nil
    }
    func rest(_ index: Int) -> String { String(characters[min(index, characters.count)...]) }
    var index = start + prefix.count
    if options.commentPrefixes.contains(prefix) {
      return character(index) == ":" ? .comment(start: start) : nil
    }
    func finish(_ kind: DirectiveKind, count: Int, at index: Int, misspelled: Bool) -> Scan? {
      var isLiteral = false
      var patternStart = index + 1
      if character(index) == "{" {
        let modifiers = rest(index + 1)
        guard let close = modifiers.firstIndex(of: "}"),
          modifiers[modifiers.index(after: close)...].first == ":"
        else { return nil }
        let names = modifiers[..<close].split(separator: ",").map {
          $0.filter { !Spelling.isHorizontalSpace($0) }
        }
        guard names.allSatisfy({ $0 == "LITERAL" }) else {
          return .malformed(start: start, message: "unknown directive modifier in '\(prefix)'")
        }
        isLiteral = true
        patternStart = index + 1 + modifiers.distance(from: modifiers.startIndex, to: close) + 2
      } else if character(index) != ":" {
        return nil
      }
      if misspelled {
        let written = String(characters[start..<patternStart])
        return .malformed(start: start, message: "misspelled directive '\(written)'")
      }
      return .directive(
        kind: kind, count: count, isLiteral: isLiteral, prefix: prefix, start: start,
        patternStart: patternStart)
    }
    guard let separator = character(index) else { return nil }
    if separator == ":" || separator == "{" {
      return finish(.plain, count: 1, at: index, misspelled: false)
    }
    guard separator == "-" || separator == "_" else { return nil }
    let misspelled = separator == "_"
    index += 1
    let suffix = rest(index)
    if suffix.hasPrefix("COUNT-") {
      let digits = suffix.dropFirst("COUNT-".count).prefix(while: \.isNumber)
      let after = character(index + "COUNT-".count + digits.count)
      guard let count = Int(digits), count > 0, after == ":" || after == "{" else {
        return .malformed(
          start: start, message: "invalid count in -COUNT specification on prefix '\(prefix)'")
      }
      return finish(
        .plain, count: count, at: index + "COUNT-".count + digits.count,
        misspelled: misspelled)
    }
    for combination in [
      "DAG-NOT", "NOT-DAG", "NEXT-NOT", "NOT-NEXT", "SAME-NOT", "NOT-SAME",
      "EMPTY-NOT", "NOT-EMPTY",
    ] where suffix.hasPrefix(combination + ":") {
      return .malformed(start: start, message: "unsupported -NOT combo on prefix '\(prefix)'")
    }
    for kind in DirectiveKind.allCases where kind != .plain {
      let word = kind.suffix.dropFirst()
      if suffix.hasPrefix(word) {
        return finish(kind, count: 1, at: index + word.count, misspelled: misspelled)
      }
    }
    return nil
  }

  private func firstOccurrence(
    of needle: [Character], in haystack: [Character], from start: Int
  ) -> Int? {
    guard !needle.isEmpty, haystack.count >= needle.count, start <= haystack.count - needle.count
    else { return nil }
    for index in start...(haystack.count - needle.count)
    where haystack[index..<(index + needle.count)].elementsEqual(needle) {
      return index
    }
    return nil
  }
}
