// CheckFailure: the one failure value every checker in this module returns (FileCheck matching,
// check-file validation, expected-diagnostic verification, RUN-line and round-trip harness
// errors), and its clang-style rendering `file:line: error: DIRECTIVE: message`.

/// A located failure reported by `FileChecker`, `DiagnosticVerifier`, `RunScriptParser` or
/// `GoldenHarness`.
///
/// Failures are values, not thrown errors: a checker collects every failure it can find and
/// returns them all, so one test run shows every problem at once. `description` renders the
/// failure the way LLVM's FileCheck does:
///
/// ```
/// test.kir:12: error: CHECK-NEXT: expected string not found in input
/// // CHECK-NEXT: %1 = arith.addf %0, %0
/// <stdin>:5: note: scanning from here
///   %0 = arith.mulf %a, %b
/// <stdin>:6: note: possible intended match here
///   %1 = arith.addi %0, %0
/// ```
public struct CheckFailure: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong, for tests and tools that need to tell failures apart.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// The check file itself is malformed: an unknown or mis-cased directive, an empty pattern,
    /// no directive for the prefix, an invalid regex or variable block.
    case invalidCheckFile
    /// The input to check is empty and empty input was not allowed.
    case emptyInput
    /// A positive directive (CHECK, -NEXT, -SAME, -DAG, -LABEL, -EMPTY) found no match.
    case expectedNotFound
    /// A CHECK-NEXT, CHECK-SAME or CHECK-EMPTY matched, but on the wrong line.
    case wrongLine
    /// A CHECK-NOT pattern was found in the region it excludes.
    case excludedFound
    /// A pattern used a `[[NAME]]` variable that no earlier match defined.
    case undefinedVariable
    /// An `expected-*` annotation is malformed or names an unknown severity.
    case invalidAnnotation
    /// A diagnostic was produced that no `expected-*` annotation asked for.
    case unexpectedDiagnostic
    /// An `expected-*` annotation was not satisfied by any produced diagnostic.
    case missingDiagnostic
    /// A `RUN:` line could not be parsed.
    case invalidRunLine
    /// A command could not be started, crashed, timed out or exited with the wrong status.
    case commandFailed
    /// Printing the parsed IR and printing it again gave different bytes.
    case roundTripMismatch
  }

  /// What went wrong.
  public var kind: Kind
  /// The file the failure is reported against (usually the check or test file).
  public var fileName: String
  /// The 1-based line in `fileName`, or 0 when the failure has no line.
  public var line: Int
  /// The 1-based column, when known.
  public var column: Int?
  /// The directive spelling involved (`CHECK-NEXT`, `expected-error`, `RUN`), or empty.
  public var directive: String
  /// The one-line message, without location or directive.
  public var message: String
  /// Further explanation, one entry per note; an entry may span several lines.
  public var notes: [String]

  /// Creates a failure.
  public init(
    kind: Kind, fileName: String, line: Int, column: Int? = nil, directive: String = "",
    message: String, notes: [String] = []
  ) {
    self.kind = kind
    self.fileName = fileName
    self.line = line
    self.column = column
    self.directive = directive
    self.message = message
    self.notes = notes
  }

  /// The location prefix: `file:line:` or `file:line:column:` or `file:` when there is no line.
  public var location: String {
    guard line > 0 else { return "\(fileName):" }
    if let column { return "\(fileName):\(line):\(column):" }
    return "\(fileName):\(line):"
  }

  /// The first line of the rendering: `file:line: error: DIRECTIVE: message`.
  public var headline: String {
    let directivePart = directive.isEmpty ? "" : "\(directive): "
    return "\(location) error: \(directivePart)\(message)"
  }

  /// The full rendering: the headline followed by every note on its own line(s).
  public var description: String {
    ([headline] + notes).joined(separator: "\n")
  }

  /// The same failure moved by `offset` lines (used when a chunk of a file was checked alone).
  public func shiftingLines(by offset: Int) -> CheckFailure {
    var copy = self
    if copy.line > 0 { copy.line += offset }
    return copy
  }
}

extension Array where Element == CheckFailure {
  /// All failures rendered one after another, separated by blank lines.
  public var report: String {
    map(\.description).joined(separator: "\n\n")
  }
}
