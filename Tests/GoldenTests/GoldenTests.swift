// The golden suite: one test case per `.kir` / `.cu` file under Tests/golden/. Each file's RUN
// lines run kport and pipe its output through FileCheck or the expected-diagnostic verifier;
// `.kir` files are also round-tripped chunk by chunk. See docs/testing.md for the RUN grammar:
//
//   // RUN: [not] [%verify] kport <args...> [2>&1] [| FileCheck [--check-prefix=X] [%s]]
//   // RUN-EXIT: N        (optional: the exact exit status of every RUN command)
//
// A missing kport binary fails every case with a message; an empty Tests/golden fails the
// discovery test. Nothing here passes silently.

import FileCheck
import Foundation
import Testing

@Suite("Golden files")
struct GoldenTests {
  @Test("Tests/golden holds golden files")
  func discovery() {
    #expect(
      !GoldenFiles.relativePaths().isEmpty,
      "no .kir or .cu files found under \(GoldenFiles.directory.path)")
  }

  @Test("golden file", arguments: GoldenFiles.relativePaths())
  func golden(_ relativePath: String) throws {
    let file = GoldenFiles.repositoryRoot.appendingPathComponent(relativePath)
    let location = SourceLocation(
      fileID: "golden/\(file.lastPathComponent)", filePath: file.path, line: 1, column: 1)
    let kport: URL
    switch GoldenFiles.kportExecutable() {
    case .success(let url): kport = url
    case .failure(let problem):
      Issue.record(
        Comment(rawValue: "\(relativePath): \(problem.message)"), sourceLocation: location)
      return
    }
    let text = try String(contentsOf: file, encoding: .utf8)
    let runner = ProcessKportRunner(
      executable: kport, workingDirectory: GoldenFiles.repositoryRoot, timeoutSeconds: 60)
    let test = GoldenTestCase(path: file.path, displayName: relativePath, text: text)
    for failure in GoldenHarness(runner: runner).run(test) {
      var at = location
      at.line = max(failure.line, 1)
      Issue.record(Comment(rawValue: failure.description), sourceLocation: at)
    }
  }
}
