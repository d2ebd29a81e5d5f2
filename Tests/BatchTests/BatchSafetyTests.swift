// What `kport batch` must never do: write outside --out (a compilation-database entry or a
// symlink leading out of the root), scan its own outputs, modify an input, or leave a
// half-written file when killed in the middle of a run.
import Foundation
import Testing

@Suite(.serialized) struct BatchSafetyTests {
  @Test func aDatabaseEntryOutsideTheRootIsReadButWrittenUnderExternal() throws {
    let tree = TemporaryTree()
    defer { tree.remove() }
    // VALUE comes from the entry's -D, the header from its -I (relative to its directory).
    tree.write("outside/x.cu", "#include \"value.h\"\n__global__ void x(float *p) { p[0] = VALUE + EXTRA; }\n")
    tree.write("outside/inc/value.h", "#define EXTRA 1.0f\n")
    tree.write("repo/a.cu", scaleKernel("a"))
    tree.write(
      "repo/compile_commands.json",
      """
      [
        {"directory": "\(tree.path)/repo", "file": "a.cu", "command": "nvcc -O3 -c a.cu"},
        {"directory": "\(tree.path)/repo", "file": "../outside/x.cu",
         "arguments": ["nvcc", "-DVALUE=2.0f", "-I../outside/inc", "--expt-relaxed-constexpr", "-c", "../outside/x.cu"]}
      ]
      """)
    let outsideBefore = tree.files(under: "outside")
    let run = try kport(["batch", "-p", "compile_commands.json", "--out", "out", "--quiet"], in: tree.path + "/repo")
    #expect(run.status == 0, "\(run.stderr)")
    let external = "_external" + resolvedTreePath(tree) + "/outside/x"
    let outputs = tree.files(under: "repo/out").keys
    #expect(outputs.contains(String(external.dropFirst(0)) + ".mlu"), "\(outputs.sorted())")
    #expect(outputs.contains("a.asc"))
    #expect(tree.files(under: "outside") == outsideBefore)
    let entry = fileEntry(summary(tree, "repo/out"), String(external) + ".cu")
    #expect(entry?["status"] as? String == "ported")
    #expect(diagnosticIDs(entry) == ["KP9003"])
    #expect((entry?["headers"] as? [String])?.first?.hasSuffix("outside/inc/value.h") == true)
  }

  @Test func aSymlinkLeadingOutOfTheRootIsConfinedToo() throws {
    let tree = TemporaryTree()
    defer { tree.remove() }
    tree.write("elsewhere/y.cu", scaleKernel("y"))
    tree.write("repo/a.cu", scaleKernel("a"))
    try FileManager.default.createSymbolicLink(atPath: tree.path + "/repo/link.cu", withDestinationPath: tree.path + "/elsewhere/y.cu")
    // A symlinked directory leading out is not entered (no cycles, no escapes by walking).
    try FileManager.default.createSymbolicLink(atPath: tree.path + "/repo/up", withDestinationPath: tree.path)
    let elsewhereBefore = tree.files(under: "elsewhere")
    let run = try kport(["batch", ".", "--out", "out", "--quiet"], in: tree.path + "/repo")
    #expect(run.status == 0, "\(run.stderr)")
    let outputs = Set(tree.files(under: "repo/out").keys)
    #expect(outputs.contains("_external" + resolvedTreePath(tree) + "/elsewhere/y.mlu"), "\(outputs.sorted())")
    #expect(!outputs.contains("link.mlu"))
    #expect(tree.files(under: "elsewhere") == elsewhereBefore)
    let paths = ((summary(tree, "repo/out")["files"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }
    #expect(paths.count == 2)
  }

  @Test func theOutputDirectoryIsNeverAnInputAndNeverScanned() throws {
    let tree = TemporaryTree()
    defer { tree.remove() }
    tree.write("src/a.cu", scaleKernel("a"))
    let onRoot = try kport(["batch", "src", "--out", ".", "--quiet"], in: tree.path)
    #expect(onRoot.status == 2)
    #expect(onRoot.stderr.contains("KP9005"))
    let onInput = try kport(["batch", "src", "--out", "src", "--quiet"], in: tree.path)
    #expect(onInput.status == 2)
    // Inside the scanned tree is allowed: a re-run does not scan the outputs (nor a stray .cu).
    let inside = try kport(["batch", "src", "--root", "src", "--out", "src/ported", "--quiet"], in: tree.path)
    #expect(inside.status == 0, "\(inside.stderr)")
    tree.write("src/ported/stray.cu", scaleKernel("stray"))
    let again = try kport(["batch", "src", "--root", "src", "--out", "src/ported"], in: tree.path)
    #expect(again.stderr.contains("1 files (1 cached, 0 ported now)"), "\(again.stderr)")
    #expect(tree.read("src/a.cu") == scaleKernel("a"))
  }

  @Test func aSymlinkInsideTheOutputDirectoryIsNotFollowedOut() throws {
    let tree = TemporaryTree()
    defer { tree.remove() }
    tree.write("repo/sub/a.cu", scaleKernel("a"))
    try FileManager.default.createDirectory(atPath: tree.path + "/repo/out", withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: tree.path + "/victim", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: tree.path + "/repo/out/sub", withDestinationPath: tree.path + "/victim")
    let run = try kport(["batch", "sub", "--out", "out", "--quiet"], in: tree.path + "/repo")
    #expect(run.status == 1)
    #expect(tree.files(under: "victim").isEmpty)
    #expect(diagnosticIDs(fileEntry(summary(tree, "repo/out"), "sub/a.cu")).contains("KP9006"))
    // The cache directory too: a batch whose OUT/.kport-cache leads out does not start.
    try FileManager.default.createDirectory(atPath: tree.path + "/repo/out2", withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(atPath: tree.path + "/repo/out2/.kport-cache", withDestinationPath: tree.path + "/victim")
    let cached = try kport(["batch", "sub", "--out", "out2", "--quiet"], in: tree.path + "/repo")
    #expect(cached.status == 2)
    #expect(cached.stderr.contains("KP9006"))
    #expect(tree.files(under: "victim").isEmpty)
  }

  @Test func aKilledRunLeavesOnlyCompleteOutputsAndTheNextRunFinishesIt() throws {
    let tree = TemporaryTree()
    defer { tree.remove() }
    for index in 0..<10 { tree.write("src/k\(index).cu", scaleKernel("k\(index)")) }
    _ = try kport(["batch", "src", "--out", "reference", "--quiet"], in: tree.path)
    let reference = tree.files(under: "reference")
    let (process, errorPath) = try startKport(["batch", "src", "--out", "out", "-j", "2"], in: tree.path)
    defer { try? FileManager.default.removeItem(atPath: errorPath) }
    // Kill it once it has begun writing ports (the first worker's outputs are there).
    let deadline = Date().addingTimeInterval(60)
    while Date() < deadline && !tree.files(under: "out").keys.contains(where: { $0.hasSuffix(".mlu") }) {
      usleep(20_000)
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    // Its workers notice and stop: nothing changes in the directory after a moment.
    usleep(500_000)
    let afterKill = tree.files(under: "out")
    usleep(1_000_000)
    #expect(tree.files(under: "out") == afterKill)
    #expect(afterKill["kport-batch.json"] == nil, "the summary is written last")
    for (path, bytes) in afterKill {
      let hidden = path.split(separator: "/").contains { $0.hasPrefix(".") }
      if hidden { continue }
      #expect(reference[path] == bytes, "\(path) is not a complete output")
    }
    let rerun = try kport(["batch", "src", "--out", "out"], in: tree.path)
    #expect(rerun.status == 0)
    let finished = tree.files(under: "out")
    #expect(!finished.keys.contains { $0.hasSuffix(".tmp") || $0.contains("/work/") })
    #expect(finished.filter { !$0.key.hasPrefix(".kport-cache") } == reference.filter { !$0.key.hasPrefix(".kport-cache") })
  }
}

/// The tree's path with symlinks resolved (macOS's /var is /private/var), as the batch sees it.
func resolvedTreePath(_ tree: TemporaryTree) -> String {
  URL(fileURLWithPath: tree.path).resolvingSymlinksInPath().path
}
