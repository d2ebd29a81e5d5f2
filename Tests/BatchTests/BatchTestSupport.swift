// What the batch tests share: a temporary source tree, the built kport run as a child process
// (KPORT_BIN, else .build/debug/kport: `swift build --product kport` first), and the files of
// an output directory read back for byte-for-byte comparison.
import Foundation
import Testing

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// The kport under test.
let kportExecutable: String = {
  if let path = ProcessInfo.processInfo.environment["KPORT_BIN"], !path.isEmpty { return path }
  return repositoryRoot.appendingPathComponent(".build/debug/kport").path
}()

/// A kernel with a launch spec: ports to both targets with no diagnostic and verifies.
func scaleKernel(_ name: String) -> String {
  """
  // kport-launch \(name): --kernel \(name) --grid 1 --block 32 --arg n=32 --arg x=f32[n]:rand(1)
  __global__ void \(name)(int n, float *x) {
    int i = threadIdx.x;
    if (i < n) x[i] = 2.0f * x[i];
  }

  """
}

/// A file clang rejects.
let syntaxError = "__global__ void broken(float *x) { x[0] = ; }\n"

/// A fresh directory holding a source tree; removed with `remove()`.
struct TemporaryTree {
  let path: String

  init() {
    path = FileManager.default.temporaryDirectory.appendingPathComponent("kport-batch-\(UUID().uuidString)").path
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }

  /// Writes `text` to `relative`, creating directories.
  func write(_ relative: String, _ text: String) {
    let url = URL(fileURLWithPath: path + "/" + relative)
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try? Data(text.utf8).write(to: url)
  }

  func read(_ relative: String) -> String? { try? String(contentsOfFile: path + "/" + relative, encoding: .utf8) }

  func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + relative) }

  func remove() { try? FileManager.default.removeItem(atPath: path) }

  /// Every regular file under `relative`, by path under it, with its bytes.
  func files(under relative: String) -> [String: Data] {
    let base = path + "/" + relative
    var found: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: base) else { return found }
    while let name = enumerator.nextObject() as? String {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: base + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue {
        found[name] = FileManager.default.contents(atPath: base + "/" + name) ?? Data()
      }
    }
    return found
  }
}

/// What one kport run did.
struct KportRun {
  var status: Int32
  var stderr: String
}

/// Starts kport with `arguments` in `directory`; stderr goes to a file (no pipe to fill).
func startKport(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> (Process, String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: kportExecutable)
  process.arguments = arguments
  process.currentDirectoryURL = URL(fileURLWithPath: directory)
  process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  let errorPath = FileManager.default.temporaryDirectory.appendingPathComponent("kport-batch-stderr-\(UUID().uuidString)").path
  _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
  process.standardError = FileHandle(forWritingAtPath: errorPath)
  process.standardOutput = FileHandle.nullDevice
  try process.run()
  return (process, errorPath)
}

/// Runs kport to the end.
func kport(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> KportRun {
  let (process, errorPath) = try startKport(arguments, in: directory, environment: environment)
  process.waitUntilExit()
  defer { try? FileManager.default.removeItem(atPath: errorPath) }
  return KportRun(status: process.terminationStatus, stderr: (try? String(contentsOfFile: errorPath, encoding: .utf8)) ?? "")
}

/// The summary of `directory`/kport-batch.json as JSON objects.
func summary(_ tree: TemporaryTree, _ out: String = "out") -> [String: Any] {
  guard let data = FileManager.default.contents(atPath: tree.path + "/" + out + "/kport-batch.json"),
    let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
  else { return [:] }
  return object
}

/// The summary's entry for `path`.
func fileEntry(_ summary: [String: Any], _ path: String) -> [String: Any]? {
  (summary["files"] as? [[String: Any]])?.first { $0["path"] as? String == path }
}

/// The IDs of a summary entry's diagnostics.
func diagnosticIDs(_ entry: [String: Any]?) -> [String] {
  ((entry?["diagnostics"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
}
