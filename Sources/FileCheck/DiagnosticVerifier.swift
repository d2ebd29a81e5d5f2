// DiagnosticVerifier: matches the diagnostics a tool produced against the source's `expected-*`
// annotations (see DiagnosticAnnotations.swift). Every produced diagnostic must be expected and
// every expectation produced; the failures name both sides and the closest near-miss.

/// A diagnostic produced by the tool under test, independent of any IR module.
public struct ProducedDiagnostic: Sendable, Hashable {
  /// The file the diagnostic points into, if the producer said.
  public var file: String?
  /// The 1-based line, or 0 for a diagnostic without a location.
  public var line: Int
  /// The 1-based column, if known.
  public var column: Int?
  /// The severity as the producer spelled it (`error`, `warning`, `note`, `remark`).
  public var severity: String
  /// The message text.
  public var message: String
  /// The stable diagnostic ID (e.g. `KP1234`), if any.
  public var id: String?

  /// Creates a diagnostic for the file being verified.
  public init(line: Int, column: Int?, severity: String, message: String) {
    self.init(file: nil, line: line, column: column, severity: severity, message: message)
  }

  /// Creates a diagnostic with every field.
  public init(
    file: String?, line: Int, column: Int?, severity: String, message: String,
    id: String? = nil
  ) {
    self.file = file
    self.line = line
    self.column = column
    self.severity = severity
    self.message = message
    self.id = id
  }

  /// `line:column: severity: message [id]`, for failure notes.
  public var summary: String {
    let place = line > 0 ? (column.map { "\(line):\($0)" } ?? "\(line)") : "<unknown>"
    let suffix = id.map { " [\($0)]" } ?? ""
    return "\(place): \(severity): \(message)\(suffix)"
  }
}

/// Verifies produced diagnostics against `expected-*` annotations (MLIR's
/// `-verify-diagnostics`).
public enum DiagnosticVerifier {
  /// Parses the annotations of `source` without verifying anything.
  ///
  /// - Returns: the expectations, and failures for malformed or unknown annotations.
  public static func expectations(
    in source: String, fileName: String, firstLineNumber: Int = 1
  ) -> (expectations: [ExpectedDiagnostic], failures: [CheckFailure]) {
    AnnotationParser.parse(source, fileName: fileName, firstLineNumber: firstLineNumber)
  }

  /// Checks `produced` against the annotations of `source`.
  ///
  /// A produced diagnostic matches an expectation with the same severity and target line whose
  /// message is a substring of the produced message; each expectation absorbs `count`
  /// diagnostics. Line numbers of `produced` use the same numbering as `source`, whose first
  /// line is `firstLineNumber`. Every diagnostic is taken to be in `source` (its `file` is not
  /// looked at): callers drop or report diagnostics of other files themselves.
  ///
  /// - Returns: malformed annotations, unexpected diagnostics and missing ones; empty on success.
  public static func verify(
    source: String, fileName: String, produced: [ProducedDiagnostic], firstLineNumber: Int = 1
  ) -> [CheckFailure] {
    let (expectations, annotationFailures) = Self.expectations(
      in: source, fileName: fileName, firstLineNumber: firstLineNumber)
    var remaining = expectations.map(\.count)
    var unexpected: [ProducedDiagnostic] = []
    for diagnostic in produced {
      let severity = DiagnosticSeverity(spelling: diagnostic.severity)
      let target: Int? = diagnostic.line > 0 ? diagnostic.line : nil
      let match = expectations.indices.first { index in
        remaining[index] > 0 && expectations[index].severity == severity
          && expectations[index].targetLine == target
          && (expectations[index].message.isEmpty
            || diagnostic.message.contains(expectations[index].message))
      }
      if let match { remaining[match] -= 1 } else { unexpected.append(diagnostic) }
    }
    var failures = annotationFailures
    for diagnostic in unexpected {
      failures.append(unexpectedFailure(diagnostic, fileName: fileName, expectations: expectations))
    }
    for (index, expectation) in expectations.enumerated() where remaining[index] > 0 {
      failures.append(
        missingFailure(
          expectation, produced: expectation.count - remaining[index], fileName: fileName,
          unexpected: unexpected))
    }
    return failures.sorted { ($0.line, $0.message) < ($1.line, $1.message) }
  }

  private static func unexpectedFailure(
    _ diagnostic: ProducedDiagnostic, fileName: String, expectations: [ExpectedDiagnostic]
  ) -> CheckFailure {
    let severity =
      DiagnosticSeverity(spelling: diagnostic.severity)?.rawValue
      ?? diagnostic.severity
    var notes = ["note: produced \(diagnostic.summary)"]
    let target: Int? = diagnostic.line > 0 ? diagnostic.line : nil
    for expectation in expectations where expectation.targetLine == target {
      notes.append(
        "note: line \(expectation.annotationLine) expects \(expectation.severity.rawValue) "
          + "\"\(expectation.message)\" here")
    }
    for expectation in expectations
    where expectation.targetLine != target && diagnostic.message.contains(expectation.message)
      && !expectation.message.isEmpty
    {
      let place = expectation.targetLine.map { "line \($0)" } ?? "no location"
      notes.append(
        "note: line \(expectation.annotationLine) expects this message at \(place)")
    }
    return CheckFailure(
      kind: .unexpectedDiagnostic, fileName: fileName,
      line: max(diagnostic.line, 0), column: diagnostic.column,
      message: "unexpected \(severity) produced: \"\(diagnostic.message)\"", notes: notes)
  }

  private static func missingFailure(
    _ expectation: ExpectedDiagnostic, produced count: Int, fileName: String,
    unexpected: [ProducedDiagnostic]
  ) -> CheckFailure {
    let place = expectation.targetLine.map { "at line \($0)" } ?? "without a location"
    var message =
      "expected \(expectation.severity.rawValue) \"\(expectation.message)\" "
      + "\(place) was not produced"
    if expectation.count > 1 {
      message =
        "expected \(expectation.count) \(expectation.severity.rawValue)s "
        + "\"\(expectation.message)\" \(place), \(count) produced"
    }
    var notes: [String] = []
    for diagnostic in unexpected {
      let target: Int? = diagnostic.line > 0 ? diagnostic.line : nil
      if target == expectation.targetLine {
        notes.append("note: possible intended match: \(diagnostic.summary)")
      } else if diagnostic.message.contains(expectation.message) {
        notes.append("note: possible intended match on another line: \(diagnostic.summary)")
      }
    }
    return CheckFailure(
      kind: .missingDiagnostic, fileName: fileName, line: expectation.annotationLine,
      directive: expectation.directive, message: message, notes: notes)
  }
}
