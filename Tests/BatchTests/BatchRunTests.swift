// `kport batch` end to end on small trees: determinism (every output byte-identical at -j 1 and
// -j 2 and under another input order), the cache, shards and their merge, bad files that do
// not stop the batch, --fail-on exit statuses, --verify with cost reports, headers listed and
// ported once (BatchHeaderTests has the rest of the header cases).
import Foundation
import Testing

@Suite(.serialized) struct BatchRunTests {
  /// A tree of three good files (one in a subdirectory, two sharing a header) and a broken one.
  private func sampleTree() -> TemporaryTree {
    let tree = TemporaryTree()
    tree.write("src/a.cu", "#include \"common.cuh\"\n" + scaleKernel("a"))
    tree.write("src/b.cu", "#include \"common.cuh\"\n" + scaleKernel("b"))
    tree.write("src/common.cuh", "#define SCALE 2.0f\n")
    tree.write("src/deep/c.cu", scaleKernel("c"))
    tree.write("src/broken.cu", syntaxError)
    return tree
  }

  @Test func outputsAreByteIdenticalWhateverJobsAndInputOrder() throws {
    let tree = sampleTree()
    defer { tree.remove() }
    tree.write("forward.txt", "src/a.cu\nsrc/b.cu\nsrc/broken.cu\nsrc/deep/c.cu\n")
    tree.write("backward.txt", "src/deep/c.cu\nsrc/broken.cu\nsrc/b.cu\nsrc/a.cu\n")
    let one = try kport(["batch", "--files-from", "forward.txt", "--out", "one", "-j", "1"], in: tree.path)
    let two = try kport(["batch", "--files-from", "backward.txt", "--out", "two", "-j", "2"], in: tree.path)
    let walked = try kport(["batch", "src", "--out", "walked", "-j", "2"], in: tree.path)
    #expect([one.status, two.status, walked.status] == [1, 1, 1], "\(one.stderr)")
    let reference = tree.files(under: "one")
    #expect(reference.keys.contains("src/deep/c.mlu") && reference.keys.contains("kport-batch.sarif"))
    #expect(tree.files(under: "two") == reference)
    #expect(tree.files(under: "walked") == reference)
  }

  @Test func secondRunTakesEverythingFromTheCache() throws {
    let tree = sampleTree()
    defer { tree.remove() }
    // Four translation units and the header two of them include.
    let first = try kport(["batch", "src", "--out", "out"], in: tree.path)
    #expect(first.stderr.contains("(0 cached, 5 ported now)"), "\(first.stderr)")
    let before = tree.files(under: "out")
    let second = try kport(["batch", "src", "--out", "out"], in: tree.path)
    #expect(second.stderr.contains("(5 cached, 0 ported now)"), "\(second.stderr)")
    #expect(second.status == first.status)
    #expect(tree.files(under: "out") == before)
    // A header change misses for the header and its includers only; a deleted output is made
    // again.
    tree.write("src/common.cuh", "#define SCALE 3.0f\n")
    try FileManager.default.removeItem(atPath: tree.path + "/out/src/deep/c.asc")
    let third = try kport(["batch", "src", "--out", "out"], in: tree.path)
    #expect(third.stderr.contains("(1 cached, 4 ported now)"), "\(third.stderr)")
    #expect(tree.read("out/src/common.mlu.h")?.contains("#define SCALE 3.0f") == true)
    #expect(tree.exists("out/src/deep/c.asc"))
  }

  @Test func shardsMergeIntoTheUnshardedSummaryAndReports() throws {
    let tree = sampleTree()
    defer { tree.remove() }
    _ = try kport(["batch", "src", "--out", "all", "--quiet"], in: tree.path)
    _ = try kport(["batch", "src", "--out", "s1", "--shard", "1/2", "--quiet"], in: tree.path)
    _ = try kport(["batch", "src", "--out", "s2", "--shard", "2/2", "--quiet"], in: tree.path)
    // a.cu, broken.cu, deep/c.cu | b.cu, common.cuh: the header is ported by one shard only.
    let shardFiles = [summary(tree, "s1"), summary(tree, "s2")].map { ($0["files"] as? [Any])?.count ?? 0 }
    #expect(shardFiles == [3, 2])
    #expect(!tree.exists("s1/src/common.mlu.h") && tree.exists("s2/src/common.mlu.h"))
    #expect(tree.read("s2/src/common.asc.h") == tree.read("all/src/common.asc.h"))
    let merged = try kport(
      ["merge-reports", "s1/kport-batch.json", "s2/kport-batch.json", "-o", "merged/kport-batch.json", "--reports"], in: tree.path)
    #expect(merged.status == 1, "the broken file fails the merged batch too: \(merged.stderr)")
    for name in ["kport-batch.json", "kport-batch.sarif", "kport-batch.junit.xml", "index.html"] {
      #expect(tree.read("merged/" + name) == tree.read("all/" + name), "\(name)")
    }
    let mismatched = try kport(["merge-reports", "s1/kport-batch.json", "src/a.cu", "-o", "x.json"], in: tree.path)
    #expect(mismatched.status == 2)
    #expect(mismatched.stderr.contains("KP9007"))
  }

  @Test func aSyntaxErrorAndACrashingWorkerDoNotStopTheBatch() throws {
    let tree = sampleTree()
    defer { tree.remove() }
    let run = try kport(["batch", "src", "--out", "out", "-j", "2"], in: tree.path, environment: ["KPORT_BATCH_CRASH_ON": "b.cu"])
    #expect(run.status == 1)
    let result = summary(tree)
    #expect(fileEntry(result, "src/broken.cu")?["status"] as? String == "failed")
    #expect(diagnosticIDs(fileEntry(result, "src/broken.cu")) == ["KP1001"])
    #expect(fileEntry(result, "src/b.cu")?["status"] as? String == "failed")
    #expect(diagnosticIDs(fileEntry(result, "src/b.cu")) == ["KP9001"])
    let crash = (fileEntry(result, "src/b.cu")?["diagnostics"] as? [[String: Any]])?.first?["message"] as? String ?? ""
    #expect(crash.contains("crashed (signal") && crash.contains("crashing on purpose"), "\(crash)")
    #expect(fileEntry(result, "src/a.cu")?["status"] as? String == "ported")
    #expect(fileEntry(result, "src/deep/c.cu")?["status"] as? String == "ported")
    #expect(tree.exists("out/src/a.mlu") && tree.exists("out/src/deep/c.asc") && !tree.exists("out/src/b.mlu"))
    let junit = tree.read("out/kport-batch.junit.xml") ?? ""
    #expect(junit.contains("<testcase classname=\"src/b.cu\" name=\"b.cu@bang\">\n      <failure"))
    #expect(junit.contains("<testcase classname=\"src/a.cu\" name=\"a@ascendc\"/>"))
  }

  @Test func aHangingWorkerIsKilledAtTheTimeout() throws {
    let tree = TemporaryTree()
    defer { tree.remove() }
    tree.write("a.cu", scaleKernel("a"))
    tree.write("slow.cu", scaleKernel("slow"))
    let run = try kport(["batch", ".", "--out", "out", "--timeout", "2"], in: tree.path, environment: ["KPORT_BATCH_HANG_ON": "slow.cu"])
    #expect(run.status == 1)
    #expect(diagnosticIDs(fileEntry(summary(tree), "slow.cu")) == ["KP9002"])
    #expect(fileEntry(summary(tree), "a.cu")?["status"] as? String == "ported")
  }

  @Test func failOnDecidesTheExitStatus() throws {
    let tree = TemporaryTree()
    defer { tree.remove() }
    tree.write("clean/a.cu", scaleKernel("a"))
    tree.write("warned/w.cu", scaleKernel("w") + "void host(float *x) { cudaDeviceSynchronize(); }\n")
    func status(_ arguments: [String]) throws -> Int32 { try kport(["batch", "--quiet"] + arguments, in: tree.path).status }
    #expect(try status(["clean", "--out", "o1"]) == 0)
    #expect(try status(["clean", "--out", "o1", "--fail-on", "warning"]) == 0)
    #expect(try status(["clean", "--out", "o1", "--fail-on", "unverified"]) == 1)
    #expect(try status(["clean", "--out", "o2", "--fail-on", "unverified", "--verify", "--target", "bang"]) == 0)
    #expect(try status(["warned", "--out", "o3", "--target", "bang"]) == 0)
    #expect(try status(["warned", "--out", "o3", "--target", "bang", "--fail-on", "warning"]) == 1)
    #expect(try status(["clean", "--out", "o1", "--shard", "3/2"]) == 2)
    #expect(try status(["clean", "--out", "o1", "--target", "cuda"]) == 2)
    #expect(try status(["--out", "o1"]) == 2)
  }

  @Test func verifyRecordsResultsCostAndLinksThemFromTheIndex() throws {
    let tree = sampleTree()
    defer { tree.remove() }
    try FileManager.default.removeItem(atPath: tree.path + "/src/broken.cu")
    let run = try kport(["batch", "src", "--out", "out", "--verify", "--quiet"], in: tree.path)
    #expect(run.status == 0, "\(run.stderr)")
    let result = summary(tree)
    let targets = (fileEntry(result, "src/a.cu")?["targets"] as? [[String: Any]]) ?? []
    #expect(targets.map { $0["target"] as? String } == ["bang", "ascendc"])
    for target in targets {
      let kernel = (target["kernels"] as? [[String: Any]])?.first
      #expect(kernel?["verification"] as? String == "passed")
      let launch = (kernel?["launches"] as? [[String: Any]])?.first
      #expect((launch?["portSeconds"] as? Double ?? 0) > 0)
    }
    #expect(tree.exists("out/src/a.bang.report.json") && tree.exists("out/src/a.ascendc.report.json"))
    let index = tree.read("out/index.html") ?? ""
    for link in ["src/a.mlu", "src/a.asc", "src/a.bang.report.json", "src/deep/c.ascendc.report.json"] {
      #expect(index.contains("href=\"\(link)\""), "\(link)")
    }
    #expect(!index.contains("<script"))
    // The shared header is listed once, with both includers, and ported once per target.
    let headers = result["headers"] as? [[String: Any]]
    #expect(headers?.count == 1)
    #expect(headers?.first?["includedBy"] as? [String] == ["src/a.cu", "src/b.cu"])
    #expect(tree.files(under: "out").keys.filter { $0.contains("common") }.sorted() == ["src/common.asc.h", "src/common.mlu.h"])
    #expect(fileEntry(result, "src/common.cuh")?["kind"] as? String == "header")
    #expect(tree.read("out/src/a.mlu")?.contains("#include \"common.mlu.h\"") == true)
    let totals = result["totals"] as? [String: Any]
    #expect(totals?["verified"] as? Int == 6)
  }

  @Test func aLaunchThatCannotRunFailsItsKernelsVerification() throws {
    let tree = TemporaryTree()
    defer { tree.remove() }
    // The spec reads past the end of x: the CUDA run faults, nothing is compared.
    tree.write("oob.cu", scaleKernel("oob").replacingOccurrences(of: "f32[n]", with: "f32[4]"))
    let run = try kport(["batch", "oob.cu", "--out", "out", "--verify", "--target", "bang", "--quiet"], in: tree.path)
    #expect(run.status == 1)
    let entry = fileEntry(summary(tree), "oob.cu")
    let kernel = ((entry?["targets"] as? [[String: Any]])?.first?["kernels"] as? [[String: Any]])?.first
    #expect(kernel?["verification"] as? String == "failed")
    #expect(diagnosticIDs(entry).contains("KP4001"), "\(diagnosticIDs(entry))")
    #expect(tree.read("out/kport-batch.junit.xml")?.contains("kernel 'oob' does not verify on bang") == true)
    #expect(!tree.exists("out/oob.bang.report.json"))
  }

  @Test func sarifNamesRulesLevelsAndRelativeLocations() throws {
    let tree = sampleTree()
    defer { tree.remove() }
    _ = try kport(["batch", "src", "--out", "out", "--quiet"], in: tree.path)
    guard let data = FileManager.default.contents(atPath: tree.path + "/out/kport-batch.sarif"),
      let log = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let run = (log["runs"] as? [[String: Any]])?.first
    else {
      Issue.record("no SARIF log")
      return
    }
    #expect(log["version"] as? String == "2.1.0")
    let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any]
    #expect(driver?["name"] as? String == "kport")
    let rules = driver?["rules"] as? [[String: Any]] ?? []
    #expect(rules.contains { $0["id"] as? String == "KP9001" })
    let result = (run["results"] as? [[String: Any]])?.first { $0["ruleId"] as? String == "KP1001" }
    #expect(result?["level"] as? String == "error")
    let location = ((result?["locations"] as? [[String: Any]])?.first?["physicalLocation"]) as? [String: Any]
    #expect((location?["artifactLocation"] as? [String: Any])?["uri"] as? String == "src/broken.cu")
    #expect((location?["region"] as? [String: Any])?["startLine"] as? Int == 1)
  }

  @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script(1) gives kport a terminal"))
  func progressIsABarOnATerminalLinesOtherwiseAndNothingWhenQuiet() throws {
    let tree = TemporaryTree()
    defer { tree.remove() }
    tree.write("a.cu", scaleKernel("a"))
    tree.write("b.cu", scaleKernel("b"))
    // script(1) runs the command on a pseudo-terminal and copies what it printed to its stdout.
    let script = Process()
    script.executableURL = URL(fileURLWithPath: "/usr/bin/script")
    script.arguments = ["-qec", "'\(kportExecutable)' batch a.cu b.cu --out bar -j 1", "/dev/null"]
    script.currentDirectoryURL = URL(fileURLWithPath: tree.path)
    let output = Pipe()
    script.standardOutput = output
    script.standardInput = FileHandle.nullDevice
    try script.run()
    let terminal = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    script.waitUntilExit()
    #expect(terminal.contains("\r\u{1B}[2K[" + String(repeating: "=", count: 15)), "\(terminal)")
    #expect(terminal.contains("] 2/2 b.cu\r\n"))
    let lines = try kport(["batch", "a.cu", "b.cu", "--out", "lines", "-j", "1"], in: tree.path)
    #expect(lines.stderr.hasPrefix("kport batch: [1/2] a.cu: ported\nkport batch: [2/2] b.cu: ported\nkport batch: 2 files"), "\(lines.stderr)")
    let quiet = try kport(["batch", "a.cu", "b.cu", "--out", "quiet", "--quiet"], in: tree.path)
    #expect(quiet.stderr.isEmpty)
  }

  @Test func includeAndExcludeGlobsPickTheFiles() throws {
    let tree = sampleTree()
    defer { tree.remove() }
    _ = try kport(["batch", "src", "--out", "out", "--exclude", "broken.cu", "--exclude", "src/deep/*", "--quiet"], in: tree.path)
    let paths = ((summary(tree)["files"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String }
    // The header a.cu and b.cu include comes with them.
    #expect(paths == ["src/a.cu", "src/b.cu", "src/common.cuh"])
    _ = try kport(["batch", "src", "--out", "out2", "--include", "c.cu", "--quiet"], in: tree.path)
    #expect(((summary(tree, "out2")["files"] as? [[String: Any]]) ?? []).compactMap { $0["path"] as? String } == ["src/deep/c.cu"])
  }
}
