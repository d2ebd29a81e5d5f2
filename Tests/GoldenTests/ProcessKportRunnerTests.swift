// The real runner, exercised with /bin/sh instead of kport: large outputs on both pipes do not
// deadlock, 2>&1 merges, exit statuses and signals are reported, a hung command is killed at the
// time limit, and temporary files live under the temporary directory and are removed.

import FileCheck
import Foundation
import Testing

// Serialized, with a generous limit: Foundation reports a child's exit through GCD, which parallel
// tests on two cores can starve for many seconds. A real deadlock still fails at the limit.
@Suite("Process runner", .serialized)
struct ProcessKportRunnerTests {
  let shell = ProcessKportRunner(
    executable: URL(fileURLWithPath: "/bin/sh"),
    workingDirectory: GoldenFiles.repositoryRoot, timeoutSeconds: 120)

  @Test("outputs far larger than a pipe buffer on both pipes do not deadlock")
  func largeOutputs() throws {
    // 512 KiB to stdout, then 512 KiB to stderr: a reader blocked on one pipe while the child
    // fills the other (64 KiB buffers) would hang until the limit.
    let script = "yes o | head -c 524288; yes e | head -c 524288 >&2"
    let result = try shell.run(arguments: ["-c", script], mergingStandardError: false)
    #expect(result.exitStatus == 0)
    #expect(result.standardOutput.count == 524_288)
    #expect(result.standardError.count == 524_288)
  }

  @Test("2>&1 interleaves stderr into stdout")
  func merged() throws {
    let result = try shell.run(
      arguments: ["-c", "echo out; echo err >&2"], mergingStandardError: true)
    #expect(result.outputText == "out\nerr\n")
    #expect(result.standardError.isEmpty)
  }

  @Test("exit status, signal and working directory")
  func termination() throws {
    #expect(
      try shell.run(arguments: ["-c", "exit 3"], mergingStandardError: false).termination
        == .exited(3))
    #expect(
      try shell.run(arguments: ["-c", "kill -SEGV $$"], mergingStandardError: false)
        .termination == .signaled(SIGSEGV))
    let pwd = try shell.run(arguments: ["-c", "pwd"], mergingStandardError: false)
    #expect(pwd.outputText.hasSuffix(GoldenFiles.repositoryRoot.lastPathComponent + "\n"))
  }

  @Test("a command past the time limit is killed")
  func timeout() throws {
    let impatient = ProcessKportRunner(
      executable: URL(fileURLWithPath: "/bin/sh"),
      workingDirectory: GoldenFiles.repositoryRoot, timeoutSeconds: 1)
    let start = Date()
    let result = try impatient.run(arguments: ["-c", "exec sleep 30"], mergingStandardError: false)
    #expect(result.termination == .timedOut(seconds: 1))
    #expect(Date().timeIntervalSince(start) < 15)
  }

  @Test("a missing executable is an error, not a crash")
  func missingExecutable() {
    let nowhere = ProcessKportRunner(
      executable: URL(fileURLWithPath: "/nonexistent/kport"),
      workingDirectory: GoldenFiles.repositoryRoot)
    #expect(throws: CommandRunnerError.self) {
      try nowhere.run(arguments: [], mergingStandardError: false)
    }
  }

  @Test("temporary files live under the temporary directory and are removed")
  func temporaryFiles() throws {
    let path = try shell.makeTemporaryFile(named: "x.chunk1.kir", contents: Array("hi\n".utf8))
    let temporary = FileManager.default.temporaryDirectory.standardizedFileURL.path
    #expect(URL(fileURLWithPath: path).standardizedFileURL.path.hasPrefix(temporary))
    #expect(path.hasSuffix("/x.chunk1.kir"))
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "hi\n")
    shell.removeTemporaryFile(atPath: path)
    #expect(!FileManager.default.fileExists(atPath: path))
    #expect(
      !FileManager.default.fileExists(
        atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path))
  }

  @Test("the harness runs end to end through a real process")
  func endToEnd() throws {
    // /bin/sh stands in for kport: `sh -c '<script>' <file>` prints, and FileCheck checks it.
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "kport-golden-e2e-\(UUID().uuidString).cu")
    let text = """
      // RUN: kport -c "printf 'kernel @saxpy\\\\n'" %s | FileCheck %s
      // CHECK: kernel @saxpy
      // RUN: not kport -c "echo boom >&2; exit 1" %s 2>&1 | FileCheck %s --check-prefix=ERR
      // ERR: boom
      """
    try text.write(to: file, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: file) }
    let failures = GoldenHarness(runner: shell).run(
      GoldenTestCase(path: file.path, displayName: "e2e.cu", text: text))
    #expect(failures.isEmpty, "\(failures.report)")
  }
}
