// The automatic `.kir` round-trip with a stub printer: stable printers pass, unstable ones fail
// with a diff, chunks expected to fail are skipped, chunk files keep real line numbers, and
// temporary files are cleaned up. Also the unified diff itself.

import FileCheck
import Testing

@Suite("Round trip")
struct RoundTripTests {
  let file = """
    // RUN: kport opt %s | FileCheck %s
    // CHECK: func @a
    func @a
    // -----
    // expected-error@+1 {{bad}}
    func @broken(
    // -----
    func @c
    """

  func kir(_ text: String) -> GoldenTestCase {
    GoldenTestCase(path: "/repo/Tests/golden/x.kir", displayName: "Tests/golden/x.kir", text: text)
  }

  @Test("a stable printer passes; each parsable chunk is printed twice")
  func stable() {
    let runner = StubRunner { arguments, files in stablePrint(arguments, files) }
    // The RUN line itself prints the whole file, which the stub can't read: answer it apart.
    let harness = GoldenHarness(runner: runner)
    let failures = harness.checkRoundTrip(kir(file), script: RunScript(commands: []))
    #expect(failures.isEmpty, "\(failures.report)")
    #expect(runner.calls.count == 4)  // chunks 1 and 3, twice each; chunk 2 expects an error
    #expect(runner.calls.allSatisfy { $0.first == "opt" && $0.count == 2 })
    #expect(runner.liveFiles.isEmpty)
    #expect(runner.filesMade == 4)
  }

  @Test("chunks are written line-aligned under a descriptive name")
  func lineAligned() throws {
    let seen = StubRunner { arguments, files in
      guard let path = arguments.last, let bytes = files[path] else {
        return CommandResult(exitStatus: 2)
      }
      // Report the chunk's text back as an error so the test can inspect what was written.
      let text = String(decoding: bytes, as: UTF8.self)
      return CommandResult(
        exitStatus: 1,
        standardError: "\(path): \(text.count) chars, "
          + "\(text.filter { $0 == "\n" }.count) newlines")
    }
    let failures = GoldenHarness(runner: seen).checkRoundTrip(kir(file), script: RunScript())
    #expect(failures.count == 2)
    let third = try #require(failures.last)
    #expect(third.line == 8)
    #expect(third.directive == "round-trip")
    #expect(third.message == "kport opt exited with status 1 while printing chunk 3 (lines 8-8)")
    // The temporary path is replaced by the golden file's name in the shown stderr.
    #expect(third.notes.contains("note: stderr:\nTests/golden/x.kir: 14 chars, 7 newlines"))
    #expect(seen.calls.last?.last?.hasSuffix("x.chunk3.kir") == true)
  }

  @Test("an unstable printer fails with a diff")
  func unstable() throws {
    let runner = StubRunner { arguments, files in
      let stable = stablePrint(arguments, files)
      // Each print adds one more "// printed" line: never a fixed point.
      return CommandResult(
        exitStatus: 0,
        standardOutput: stable.outputText + "attr\n"
          + String(repeating: "extra\n", count: files.count))
    }
    let failures = GoldenHarness(runner: runner).checkRoundTrip(
      kir("func @a\nfunc @b\n"), script: RunScript())
    let failure = try #require(failures.first)
    #expect(failure.kind == .roundTripMismatch)
    #expect(failure.line == 1)
    let diff = try #require(failure.notes.first)
    #expect(diff.contains("--- print(parse(text))\n+++ print(parse(print(parse(text))))"))
    #expect(diff.contains("@@"))
  }

  @Test("files expected to fail are not round-tripped")
  func skippedWhenFailing() {
    let runner = StubRunner { arguments, files in stablePrint(arguments, files) }
    let harness = GoldenHarness(runner: runner)
    let failing = RunScript(commands: [
      RunCommand(line: 1, text: "not kport opt %s", expectsFailure: true, arguments: ["opt"])
    ])
    #expect(harness.checkRoundTrip(kir("func @a\n"), script: failing).isEmpty)
    #expect(
      harness.checkRoundTrip(kir("func @a\n"), script: RunScript(expectedExitStatus: 1)).isEmpty)
    #expect(runner.calls.isEmpty)
  }

  @Test(".cu files are not round-tripped by run(_:)")
  func notForCUDA() {
    let runner = StubRunner { _, _ in CommandResult(exitStatus: 0) }
    let test = GoldenTestCase(
      path: "/r/k.cu", displayName: "k.cu", text: "// RUN: kport convert %s\n")
    #expect(GoldenHarness(runner: runner).run(test).isEmpty)
    #expect(runner.calls.count == 1)
  }

  @Test("run(_:) on a .kir file runs the RUN lines and then the round trip")
  func fullKIR() {
    let runner = StubRunner { arguments, files in
      arguments.last == "/repo/Tests/golden/x.kir"
        ? CommandResult(exitStatus: 0, standardOutput: "func @a\nfunc @c\n")
        : stablePrint(arguments, files)
    }
    let failures = GoldenHarness(runner: runner).run(kir(file))
    #expect(failures.isEmpty, "\(failures.report)")
    #expect(runner.calls.count == 5)
  }

  @Test("unified diff")
  func diff() {
    let old = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n"
    let new = "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\n"
    let expected = """
      --- old
      +++ new
      @@ -1,7 +1,7 @@
       a
       b
       c
      -d
      +D
       e
       f
       g
      @@ -12,3 +12,4 @@
       l
       m
       n
      +o
      """
    #expect(TextDiff.unified(old, new, oldName: "old", newName: "new") == expected)
  }

  @Test("differences that do not show as lines are explained")
  func invisibleDiff() {
    #expect(TextDiff.unified("a\n", "a", newName: "P2").hasSuffix("(P2 does not end in a newline)"))
    #expect(TextDiff.unified("a", "a").contains("do not show"))
  }
}
