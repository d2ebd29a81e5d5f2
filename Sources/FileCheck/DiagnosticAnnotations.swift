// Expected-diagnostic annotations (MLIR -verify-diagnostics, clang -verify):
//   // expected-error {{message}}            a diagnostic on this line
//   // expected-warning@+1 {{message}}       on the next line (@-N: N lines above)
//   // expected-note@12 {{message}}          on line 12 of the file
//   // expected-remark@above {{message}}     on the line above (@below: the line below)
//   // expected-error@unknown {{message}}    a diagnostic without a location (line 0)
//   // expected-error 2 {{message}}          exactly two such diagnostics
//   // expected-error {{first}} {{second}}   two expectations at the same place
// Several annotations may share a line. The message matches as a substring.

/// The severity of a diagnostic, as annotations and produced diagnostics spell it.
public enum DiagnosticSeverity: String, Sendable, Hashable, CaseIterable {
  case error, warning, note, remark

  /// The severity named by `text` (`error`, `Warning`, `fatal error`...), if any.
  public init?(spelling text: String) {
    let lowered = text.lowercased()
    if lowered == "fatal" || lowered == "fatal error" {
      self = .error
    } else {
      self.init(rawValue: lowered)
    }
  }
}

/// One expectation written in the source.
public struct ExpectedDiagnostic: Sendable, Hashable {
  /// The expected severity.
  public var severity: DiagnosticSeverity
  /// A substring the produced message must contain.
  public var message: String
  /// The line the diagnostic must be on, or nil for `@unknown` (no location).
  public var targetLine: Int?
  /// The line the annotation is written on.
  public var annotationLine: Int
  /// How many diagnostics must match (clang's `expected-error 2 {{...}}`).
  public var count: Int

  /// Creates an expectation.
  public init(
    severity: DiagnosticSeverity, message: String, targetLine: Int?, annotationLine: Int,
    count: Int = 1
  ) {
    self.severity = severity
    self.message = message
    self.targetLine = targetLine
    self.annotationLine = annotationLine
    self.count = count
  }

  /// The directive as written, e.g. `expected-error`.
  public var directive: String { "expected-\(severity.rawValue)" }
}

/// Parser for `expected-*` annotations.
enum AnnotationParser {
  /// Parses every annotation of `source`, whose first line is line `firstLineNumber`.
  static func parse(
    _ source: String, fileName: String, firstLineNumber: Int
  ) -> (expectations: [ExpectedDiagnostic], failures: [CheckFailure]) {
    var expectations: [ExpectedDiagnostic] = []
    var failures: [CheckFailure] = []
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    for (offset, line) in lines.enumerated() {
      let lineNumber = firstLineNumber + offset
      var scanner = LineScanner(characters: Array(line), lineNumber: lineNumber)
      while let found = scanner.nextAnnotation() {
        switch found {
        case .success(let parsed): expectations += parsed
        case .failure(let message):
          failures.append(
            CheckFailure(
              kind: .invalidAnnotation, fileName: fileName, line: lineNumber,
              directive: message.directive, message: message.text))
        }
      }
    }
    return (expectations, failures)
  }

  /// A problem with one annotation.
  struct Problem: Error {
    var directive: String
    var text: String
  }

  /// Scans one line for annotations, left to right.
  private struct LineScanner {
    let characters: [Character]
    let lineNumber: Int
    var index = 0

    init(characters: [Character], lineNumber: Int) {
      self.characters = characters
      self.lineNumber = lineNumber
    }

    private func character(_ at: Int) -> Character? {
      characters.indices.contains(at) ? characters[at] : nil
    }

    private mutating func skipSpaces() {
      while let next = character(index), next == " " || next == "\t" { index += 1 }
    }

    private func startsWith(_ text: String, at position: Int) -> Bool {
      let needle = Array(text)
      guard position + needle.count <= characters.count else { return false }
      return characters[position..<(position + needle.count)].elementsEqual(needle)
    }

    /// The next annotation on the line: its expectations, or the problem with it.
    mutating func nextAnnotation() -> Result<[ExpectedDiagnostic], Problem>? {
      while index < characters.count {
        let start = index
        let atWordStart = start == 0 || !Spelling.isWordCharacter(characters[start - 1])
        guard atWordStart, String(characters[start...].prefix(9)).lowercased() == "expected-"
        else {
          index += 1
          continue
        }
        index = start + 9
        var kindEnd = index
        while let next = character(kindEnd), Spelling.isWordCharacter(next) { kindEnd += 1 }
        let kind = String(characters[index..<kindEnd])
        let written = String(characters[start..<kindEnd])
        index = kindEnd
        // Only words followed by a location or a message are annotations; prose such as
        // "the expected-value" is not.
        var lookahead = index
        while let next = character(lookahead), next == " " || next == "\t" || next.isNumber {
          lookahead += 1
        }
        let looksLikeAnnotation = character(index) == "@" || startsWith("{{", at: lookahead)
        if let severity = DiagnosticSeverity(rawValue: kind),
          String(characters[start..<(start + 9)]) == "expected-"
        {
          return parseBody(severity: severity, written: written)
        }
        guard looksLikeAnnotation else { continue }
        let known = DiagnosticSeverity.allCases.map { "expected-\($0.rawValue)" }
        if let intended = known.first(where: { $0 == written.lowercased() }) {
          return .failure(
            Problem(
              directive: written,
              text: "mis-cased diagnostic annotation '\(written)'; did you mean '\(intended)'?"))
        }
        if kind.hasSuffix("-re"), DiagnosticSeverity(rawValue: String(kind.dropLast(3))) != nil {
          return .failure(
            Problem(
              directive: written,
              text: "'\(written)' is not supported; use '\(written.dropLast(3))' with a substring "
                + "of the message"))
        }
        var text = "unknown diagnostic annotation '\(written)'"
        if let intended = Spelling.closest(to: written.lowercased(), among: known) {
          text += "; did you mean '\(intended)'?"
        } else {
          text += "; expected one of " + known.joined(separator: ", ")
        }
        return .failure(Problem(directive: written, text: text))
      }
      return nil
    }

    /// Parses `[@location] [count] {{message}} [{{message}}...]` after the severity word.
    private mutating func parseBody(
      severity: DiagnosticSeverity, written: String
    ) -> Result<[ExpectedDiagnostic], Problem> {
      func problem(_ text: String) -> Result<[ExpectedDiagnostic], Problem> {
        .failure(Problem(directive: written, text: text))
      }
      var targetLine: Int? = lineNumber
      if character(index) == "@" {
        index += 1
        var end = index
        while let next = character(end), Spelling.isWordCharacter(next) || next == "+" {
          end += 1
        }
        let location = String(characters[index..<end])
        index = end
        switch location {
        case "above": targetLine = lineNumber - 1
        case "below": targetLine = lineNumber + 1
        case "unknown": targetLine = nil
        default:
          if let first = location.first, first == "+" || first == "-",
            let distance = Int(location.dropFirst())
          {
            targetLine = first == "+" ? lineNumber + distance : lineNumber - distance
          } else if let absolute = Int(location) {
            targetLine = absolute
          } else {
            return problem(
              "invalid location '@\(location)'; expected @+N, @-N, @N, @above, @below or @unknown")
          }
        }
        if let line = targetLine, line < 1 {
          return problem("location '@\(location)' points before the first line")
        }
      }
      skipSpaces()
      var count = 1
      var digitsEnd = index
      while let next = character(digitsEnd), next.isNumber { digitsEnd += 1 }
      if digitsEnd > index {
        guard let value = Int(String(characters[index..<digitsEnd])), value > 0 else {
          return problem("invalid count in '\(written)'")
        }
        count = value
        index = digitsEnd
        skipSpaces()
      }
      var expectations: [ExpectedDiagnostic] = []
      while startsWith("{{", at: index) {
        let messageStart = index + 2
        var close = messageStart
        while close + 1 < characters.count && !startsWith("}}", at: close) { close += 1 }
        guard startsWith("}}", at: close) else {
          return problem("cannot find the end ('}}') of the expected message")
        }
        expectations.append(
          ExpectedDiagnostic(
            severity: severity, message: String(characters[messageStart..<close]),
            targetLine: targetLine, annotationLine: lineNumber, count: count))
        index = close + 2
        skipSpaces()
      }
      if expectations.isEmpty {
        return problem("cannot find the start ('{{') of the expected message")
      }
      return .success(expectations)
    }
  }
}
