// GoldenHarness: runs one golden test file. Each RUN command runs kport, checks its exit
// status (`not`, `RUN-EXIT:`), verifies `%verify` diagnostics against expected-* annotations
// and pipes its output through FileCheck. Running kport and making temporary files go through
// the KportRunner protocol, which GoldenTests implements with Process and unit tests stub.

/// What one kport invocation did.
public struct CommandResult: Sendable, Hashable {
  /// How the process ended.
  public enum Termination: Sendable, Hashable {
    /// It exited with this status.
    case exited(Int32)
    /// It was killed by this signal (a crash, unless the runner killed it for a timeout).
    case signaled(Int32)
    /// It ran past the runner's time limit (given in seconds) and was killed.
    case timedOut(seconds: Int)
  }

  /// How the process ended.
  public var termination: Termination
  /// The bytes written to stdout (with stderr interleaved when it was merged).
  public var standardOutput: [UInt8]
  /// The bytes written to stderr (empty when it was merged into stdout).
  public var standardError: [UInt8]

  /// Creates a result.
  public init(termination: Termination, standardOutput: [UInt8], standardError: [UInt8]) {
    self.termination = termination
    self.standardOutput = standardOutput
    self.standardError = standardError
  }

  /// Creates a result from text (for stubs).
  public init(exitStatus: Int32, standardOutput: String = "", standardError: String = "") {
    self.init(
      termination: .exited(exitStatus), standardOutput: Array(standardOutput.utf8),
      standardError: Array(standardError.utf8))
  }

  /// stdout decoded as UTF-8 (invalid bytes replaced).
  public var outputText: String { String(decoding: standardOutput, as: UTF8.self) }
  /// stderr decoded as UTF-8 (invalid bytes replaced).
  public var errorText: String { String(decoding: standardError, as: UTF8.self) }

  /// The exit status, when the process exited on its own.
  public var exitStatus: Int32? {
    if case .exited(let status) = termination { return status }
    return nil
  }
}

/// A problem starting a command or writing a temporary file.
public struct CommandRunnerError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What went wrong.
  public var message: String

  /// Creates an error.
  public init(message: String) { self.message = message }

  /// A readable description.
  public var description: String { message }
}

/// Runs kport and manages temporary files for the golden-test pipeline.
public protocol KportRunner: Sendable {
  /// Runs kport with `arguments` (in the repository root, under the runner's time limit).
  ///
  /// - Parameter mergingStandardError: send stderr into the same stream as stdout (`2>&1`).
  /// - Throws: `CommandRunnerError` when kport cannot be started at all.
  func run(arguments: [String], mergingStandardError: Bool) throws(CommandRunnerError)
    -> CommandResult

  /// Writes `contents` to a new temporary file whose name ends in `name`; returns its path.
  func makeTemporaryFile(named name: String, contents: [UInt8]) throws(CommandRunnerError)
    -> String

  /// Removes a file made by `makeTemporaryFile`.
  func removeTemporaryFile(atPath path: String)
}

/// A golden test file.
public struct GoldenTestCase: Sendable, Hashable {
  /// The file's absolute path (what `%s` expands to).
  public var path: String
  /// The name failures are reported against, e.g. `Tests/golden/Passes/x.kir`.
  public var displayName: String
  /// The file's contents.
  public var text: String

  /// Creates a test case.
  public init(path: String, displayName: String, text: String) {
    self.path = path
    self.displayName = displayName
    self.text = text
  }

  /// Whether the file is textual IR, and therefore round-tripped.
  public var isIR: Bool { path.hasSuffix(".kir") }
}

/// Runs golden test files through kport, FileCheck and the diagnostic verifier.
public struct GoldenHarness: Sendable {
  /// How kport is run and temporary files are made.
  public var runner: any KportRunner

  /// Creates a harness over `runner`.
  public init(runner: any KportRunner) { self.runner = runner }

  /// Runs every RUN command of `test`, then (for `.kir` files) the round-trip check.
  ///
  /// - Returns: every failure; empty when the file passes. A file without RUN lines fails.
  public func run(_ test: GoldenTestCase) -> [CheckFailure] {
    let (script, failures) = RunScriptParser.parse(
      test.text, fileName: test.displayName, filePath: test.path)
    guard failures.isEmpty else { return failures }
    guard !script.commands.isEmpty else {
      return [
        CheckFailure(
          kind: .invalidRunLine, fileName: test.displayName, line: 0, directive: "RUN",
          message: "no RUN lines; a golden file needs at least one '// RUN: kport ...' line")
      ]
    }
    var result: [CheckFailure] = []
    for command in script.commands {
      result += run(command, of: script, in: test)
    }
    if test.isIR { result += checkRoundTrip(test, script: script) }
    return result
  }

  /// Runs one RUN command and checks its exit status, diagnostics and output.
  public func run(_ command: RunCommand, of script: RunScript, in test: GoldenTestCase)
    -> [CheckFailure]
  {
    var arguments = command.arguments
    if command.verifiesDiagnostics && !arguments.contains(where: { $0.hasPrefix("--format") }) {
      arguments += ["--format", "json"]
    }
    func failure(_ message: String, _ result: CommandResult? = nil) -> CheckFailure {
      var notes = ["note: ran: kport " + arguments.joined(separator: " ")]
      if let result { notes += GoldenHarness.outputNotes(result) }
      return CheckFailure(
        kind: .commandFailed, fileName: test.displayName, line: command.line, directive: "RUN",
        message: message, notes: notes)
    }
    let result: CommandResult
    do {
      result = try runner.run(
        arguments: arguments, mergingStandardError: command.mergesStandardError)
    } catch {
      return [failure("could not run kport: \(error.message)")]
    }
    var failures: [CheckFailure] = []
    switch result.termination {
    case .timedOut(let seconds):
      return [failure("kport timed out after \(seconds) s and was killed", result)]
    case .signaled(let signal):
      return [failure("kport crashed (signal \(signal))", result)]
    case .exited(let status):
      if let expected = script.expectedExitStatus {
        if status != expected {
          failures.append(
            failure("kport exited with status \(status); RUN-EXIT expects \(expected)", result))
        }
      } else if command.expectsFailure {
        if status == 0 {
          failures.append(failure("kport exited with status 0; 'not' expects failure", result))
        }
      } else if !command.verifiesDiagnostics && status != 0 {
        failures.append(failure("kport exited with status \(status)", result))
      }
    }
    if command.verifiesDiagnostics {
      failures += verifyDiagnostics(result, command: command, test: test)
    }
    if let stage = command.fileCheck {
      let options = FileCheckOptions(
        prefixes: stage.prefixes,
        toleratedPrefixes: script.allPrefixes.filter { !stage.prefixes.contains($0) },
        allowsEmptyInput: stage.allowsEmptyInput,
        inputName: "<output of RUN line \(command.line)>")
      failures += FileChecker.check(
        input: result.outputText, checkFile: test.text, checkFileName: test.displayName,
        options: options)
    }
    return failures
  }

  /// Decodes stderr's JSON diagnostics and verifies them against the file's annotations.
  private func verifyDiagnostics(
    _ result: CommandResult, command: RunCommand, test: GoldenTestCase
  ) -> [CheckFailure] {
    let produced: [ProducedDiagnostic]
    do {
      produced = try DiagnosticJSON.decode(result.errorText)
    } catch {
      return [
        CheckFailure(
          kind: .commandFailed, fileName: test.displayName, line: command.line,
          directive: "RUN", message: "cannot read kport's JSON diagnostics: \(error.message)",
          notes: GoldenHarness.outputNotes(result))
      ]
    }
    let ownFile = produced.filter { isSameFile($0.file, as: test) }
    let otherFiles = produced.filter { !isSameFile($0.file, as: test) }
    var failures = otherFiles.map { diagnostic in
      CheckFailure(
        kind: .unexpectedDiagnostic, fileName: diagnostic.file ?? test.displayName,
        line: diagnostic.line, column: diagnostic.column,
        message: "unexpected \(diagnostic.severity) produced in another file: "
          + "\"\(diagnostic.message)\"",
        notes: ["note: while verifying RUN line \(command.line) of \(test.displayName)"])
    }
    failures += DiagnosticVerifier.verify(
      source: test.text, fileName: test.displayName, produced: ownFile)
    return failures
  }

  /// Whether a diagnostic's `file` names the test file (absent means it does).
  private func isSameFile(_ file: String?, as test: GoldenTestCase) -> Bool {
    guard let file, !file.isEmpty else { return true }
    return file == test.path || file == test.displayName || test.path.hasSuffix("/" + file)
      || file.hasSuffix("/" + test.displayName)
  }

  /// Notes showing the command's stdout and stderr (at most 40 lines each).
  static func outputNotes(_ result: CommandResult) -> [String] {
    var notes: [String] = []
    for (name, text) in [("stdout", result.outputText), ("stderr", result.errorText)]
    where !text.isEmpty {
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      var shown = lines.prefix(40).joined(separator: "\n")
      if lines.count > 40 { shown += "\n... (\(lines.count - 40) more lines)" }
      notes.append("note: \(name):\n\(shown)")
    }
    return notes
  }
}
