// The golden-test pipeline with a stub kport: exit-status rules, FileCheck and %verify stages,
// 2>&1, missing binaries, files without RUN lines, and the automatic `.kir` round-trip.

import FileCheck
import Synchronization
import Testing

/// A fake kport: answers each invocation with `respond`, records the calls, and keeps
/// "temporary files" in memory.
final class StubRunner: KportRunner {
  typealias Responder =
    @Sendable (_ arguments: [String], _ files: [String: [UInt8]]) throws(CommandRunnerError) ->
    CommandResult

  private let respond: Responder
  private let state = Mutex<
    (calls: [[String]], merged: [Bool], files: [String: [UInt8]], made: Int)
  >(
    ([], [], [:], 0))

  init(_ respond: @escaping Responder) { self.respond = respond }

  var calls: [[String]] { state.withLock { $0.calls } }
  var mergeFlags: [Bool] { state.withLock { $0.merged } }
  var liveFiles: [String: [UInt8]] { state.withLock { $0.files } }
  var filesMade: Int { state.withLock { $0.made } }

  func run(arguments: [String], mergingStandardError: Bool) throws(CommandRunnerError)
    -> CommandResult
  {
    let files = state.withLock { state in
      state.calls.append(arguments)
      state.merged.append(mergingStandardError)
      return state.files
    }
    return try respond(arguments, files)
  }

  func makeTemporaryFile(named name: String, contents: [UInt8]) throws(CommandRunnerError)
    -> String
  {
    state.withLock { state in
      state.made += 1
      let path = "/tmp/stub-\(state.made)/\(name)"
      state.files[path] = contents
      return path
    }
  }

  func removeTemporaryFile(atPath path: String) {
    _ = state.withLock { $0.files.removeValue(forKey: path) }
  }
}

/// A printer that is stable: it drops comments and blank lines and trims lines.
@Sendable func stablePrint(_ arguments: [String], _ files: [String: [UInt8]]) -> CommandResult {
  guard arguments.first == "opt", let path = arguments.last, let bytes = files[path] else {
    return CommandResult(exitStatus: 2, standardError: "no such file")
  }
  let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n")
    .map { $0.trimmingPrefix(while: \.isWhitespace) }
    .filter { !$0.isEmpty && !$0.hasPrefix("//") }
  return CommandResult(exitStatus: 0, standardOutput: lines.map { $0 + "\n" }.joined())
}

@Suite("Golden harness")
struct GoldenHarnessTests {
  func test(_ text: String, name: String = "t.cu") -> GoldenTestCase {
    GoldenTestCase(
      path: "/repo/Tests/golden/\(name)", displayName: "Tests/golden/\(name)", text: text)
  }

  func output(_ stdout: String, exit: Int32 = 0, stderr: String = "") -> StubRunner {
    StubRunner { _, _ in
      CommandResult(exitStatus: exit, standardOutput: stdout, standardError: stderr)
    }
  }

  @Test("a passing RUN line with FileCheck")
  func passing() {
    let runner = output("kernel @saxpy\n")
    let failures = GoldenHarness(runner: runner).run(
      test(
        """
        // RUN: kport convert %s | FileCheck %s
        // CHECK: kernel @saxpy
        """))
    #expect(failures.isEmpty, "\(failures.report)")
    #expect(runner.calls == [["convert", "/repo/Tests/golden/t.cu"]])
  }

  @Test("FileCheck failures name the golden file and line")
  func fileCheckFailure() throws {
    let failures = GoldenHarness(runner: output("kernel @axpy\n")).run(
      test(
        """
        // RUN: kport convert %s | FileCheck %s
        // CHECK: kernel @saxpy
        """))
    let failure = try #require(failures.first)
    #expect(
      failure.headline
        == "Tests/golden/t.cu:2: error: CHECK: expected string not found in input")
    #expect(
      failure.notes.contains { $0.hasPrefix("<output of RUN line 1>:1: note: scanning from here") })
  }

  @Test(
    "exit status rules",
    arguments: [
      ("// RUN: kport opt %s", Int32(0), true),
      ("// RUN: kport opt %s", Int32(1), false),
      ("// RUN: not kport opt %s", Int32(1), true),
      ("// RUN: not kport opt %s", Int32(0), false),
      ("// RUN: kport opt %s\n// RUN-EXIT: 2", Int32(2), true),
      ("// RUN: not kport opt %s\n// RUN-EXIT: 2", Int32(1), false),
      ("// RUN: %verify kport opt %s", Int32(1), true),
    ])
  func exitStatus(text: String, status: Int32, passes: Bool) {
    let failures = GoldenHarness(runner: output("", exit: status)).run(test(text))
    #expect(failures.isEmpty == passes, "\(failures.report)")
    #expect(failures.allSatisfy { $0.kind == .commandFailed && $0.directive == "RUN" })
  }

  @Test("crashes and timeouts fail even under 'not'")
  func crashes() throws {
    for termination in [CommandResult.Termination.signaled(11), .timedOut(seconds: 60)] {
      let runner = StubRunner { _, _ in
        CommandResult(
          termination: termination, standardOutput: [], standardError: Array("boom".utf8))
      }
      let failure = try #require(
        GoldenHarness(runner: runner).run(test("// RUN: not kport opt %s")).first)
      #expect(failure.kind == .commandFailed)
      #expect(failure.message.contains("crashed") || failure.message.contains("timed out"))
      #expect(failure.notes.contains("note: stderr:\nboom"))
    }
  }

  @Test("a missing kport binary fails loudly")
  func missingBinary() throws {
    let runner = StubRunner { _, _ throws(CommandRunnerError) in
      throw CommandRunnerError(message: "kport executable not found")
    }
    let failure = try #require(
      GoldenHarness(runner: runner).run(test("// RUN: kport opt %s")).first)
    #expect(
      failure.headline
        == "Tests/golden/t.cu:1: error: RUN: could not run kport: kport executable not found")
  }

  @Test("a file without RUN lines fails")
  func noRunLines() {
    let failures = GoldenHarness(runner: output("")).run(test("// CHECK: x\n"))
    #expect(kinds(failures) == [.invalidRunLine])
  }

  @Test("RUN-line errors are reported before anything runs")
  func runLineErrors() {
    let runner = output("")
    let failures = GoldenHarness(runner: runner).run(test("// RUN: kport opt %s > x"))
    #expect(kinds(failures) == [.invalidRunLine])
    #expect(runner.calls.isEmpty)
  }

  @Test("2>&1 asks the runner to merge stderr")
  func merge() {
    let runner = output("error: bad\n", exit: 1)
    let failures = GoldenHarness(runner: runner).run(
      test(
        """
        // RUN: not kport opt %s 2>&1 | FileCheck %s --check-prefix=ERR
        // ERR: error: bad
        """))
    #expect(failures.isEmpty, "\(failures.report)")
    #expect(runner.mergeFlags == [true])
  }

  @Test("each RUN line checks its own prefix; the others are tolerated")
  func prefixesPerRun() {
    let runner = StubRunner { arguments, _ in
      CommandResult(exitStatus: 0, standardOutput: arguments[0] == "a" ? "alpha\n" : "beta\n")
    }
    let failures = GoldenHarness(runner: runner).run(
      test(
        """
        // RUN: kport a %s | FileCheck %s --check-prefix=A
        // RUN: kport b %s | FileCheck %s --check-prefix=B
        // A: alpha
        // B-NXT: beta
        """))
    // The typo is reported by both RUN lines' FileCheck stages.
    #expect(failures.count >= 2, "\(failures.report)")
    #expect(failures.allSatisfy { $0.kind == .invalidCheckFile })
    #expect(failures.contains { $0.message == "unknown directive 'B-NXT:'" })
    let clean = GoldenHarness(runner: runner).run(
      test(
        """
        // RUN: kport a %s | FileCheck %s --check-prefix=A
        // RUN: kport b %s | FileCheck %s --check-prefix=B
        // A: alpha
        // B: beta
        """))
    #expect(clean.isEmpty, "\(clean.report)")
  }

  @Test("%verify adds --format json and verifies stderr's diagnostics")
  func verify() {
    let stderr = """
      [{"file": "/repo/Tests/golden/t.cu", "line": 2, "column": 3, "severity": "error",
        "message": "unsupported construct 'goto'", "id": "KP0100"}]
      """
    let runner = output("", exit: 1, stderr: stderr)
    let text =
      "// RUN: not %verify kport convert %s\n"
      + "  goto out; // expected-error {{unsupported construct}}\n"
    let failures = GoldenHarness(runner: runner).run(test(text))
    #expect(failures.isEmpty, "\(failures.report)")
    #expect(runner.calls == [["convert", "/repo/Tests/golden/t.cu", "--format", "json"]])
    #expect(runner.mergeFlags == [false])
  }

  @Test("%verify reports missing, unexpected and foreign diagnostics")
  func verifyFailures() {
    let stderr = """
      {"file": "Tests/golden/t.cu", "line": 3, "severity": "warning", "message": "surprise"}
      {"file": "/usr/include/other.h", "line": 9, "severity": "error", "message": "elsewhere"}
      """
    let text = "// RUN: %verify kport convert %s\n// expected-error@+1 {{wanted}}\nx\n"
    let failures = GoldenHarness(runner: output("", stderr: stderr)).run(test(text))
    #expect(Set(kinds(failures)) == [.missingDiagnostic, .unexpectedDiagnostic])
    #expect(failures.count == 3, "\(failures.report)")
    #expect(failures.contains { $0.fileName == "/usr/include/other.h" })
  }

  @Test("%verify with unreadable stderr fails")
  func verifyGarbage() {
    let failures = GoldenHarness(runner: output("", stderr: "t.cu:1:1: error: plain text")).run(
      test("// RUN: %verify kport convert %s\n"))
    #expect(failures.first?.message.hasPrefix("cannot read kport's JSON diagnostics") == true)
  }
}
