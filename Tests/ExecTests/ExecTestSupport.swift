// What the exec tests share: the built kport (KPORT_BIN, else .build/debug/kport; its CUDA
// runtime library beside it: scripts/setup builds both) run as a child process with the
// program's stdout and stderr captured in files, and scratch directories for small programs.
import Foundation

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// The kport under test.
let kportExecutable: String = {
  if let path = ProcessInfo.processInfo.environment["KPORT_BIN"], !path.isEmpty { return path }
  return repositoryRoot.appendingPathComponent(".build/debug/kport").path
}()

/// What one `kport exec` did.
struct ExecRun {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs kport with `arguments` in `directory` to the end.
func runKport(_ arguments: [String], in directory: String = repositoryRoot.path) throws -> ExecRun {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: kportExecutable)
  process.arguments = arguments
  process.currentDirectoryURL = URL(fileURLWithPath: directory)
  let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("kport-exec-test-\(UUID().uuidString)")
  let outPath = scratch.path + ".out"
  let errPath = scratch.path + ".err"
  FileManager.default.createFile(atPath: outPath, contents: nil)
  FileManager.default.createFile(atPath: errPath, contents: nil)
  defer {
    try? FileManager.default.removeItem(atPath: outPath)
    try? FileManager.default.removeItem(atPath: errPath)
  }
  process.standardOutput = FileHandle(forWritingAtPath: outPath)
  process.standardError = FileHandle(forWritingAtPath: errPath)
  try process.run()
  process.waitUntilExit()
  return ExecRun(
    status: process.terminationStatus,
    stdout: (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "",
    stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "")
}

/// A fresh directory holding the files given; removed with `remove()`.
struct ScratchProgram {
  let path: String

  init(_ files: [String: String]) {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("kport-exec-program-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    for (name, text) in files { try? Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name)) }
  }

  func remove() { try? FileManager.default.removeItem(atPath: path) }
}
