// The parts of `kport batch` that need no process: the cache's hash, compile-command parsing,
// globs, the include scan, shard specs, and the merge's refusals.
import Foundation
import KIR
import Testing
@testable import Driver

@Suite struct BatchUnitTests {
  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
  ])
  func sha256MatchesTheStandardVectors(_ input: String, _ digest: String) {
    #expect(SHA256.hex(Data(input.utf8)) == digest)
  }

  @Test func compileCommandsKeepOnlyClangFlagsWithAbsolutePaths() {
    let words = shellWords("nvcc -O2 -I inc -Ithird/x -DN=4 '-DNAME=a b' -U OLD -std=c++17 -include pre.h -gencode arch=compute_80 -o a.o -c a.cu")
    #expect(words.contains("-DNAME=a b"))
    #expect(
      usableFlags(words, directory: "/w/build") == [
        "-I", "/w/build/inc", "-I", "/w/build/third/x", "-DN=4", "-DNAME=a b", "-U", "OLD", "-std=c++17", "-include",
        "/w/build/pre.h",
      ])
  }

  @Test func warningFlagsPassExceptThoseThatStopTheParseOrAreNotWarnings() {
    let words = shellWords("nvcc -Wall -Wno-deprecated-gpu-targets -Werror -Werror=shadow -Wfatal-errors -Wl,-rpath,x -Wa,-q -w -c a.cu")
    #expect(usableFlags(words, directory: "/w") == ["-Wall", "-Wno-deprecated-gpu-targets", "-w", "-Wno-unknown-warning-option"])
    #expect(usableFlags(["-O2", "-Werror"], directory: "/w") == [])
  }

  @Test func headerPortsAreNamedLikeSourcePortsUnlessTwoWouldCollide() {
    let stems = portStems(["/r/src/x.cuh", "/r/src/x.h", "/r/src/y.cuh", "/r/inc/x.hpp", "/r/noext"], root: "/r")
    #expect(stems == ["/r/src/x.cuh": "src/x.cuh", "/r/src/x.h": "src/x.h", "/r/src/y.cuh": "src/y", "/r/inc/x.hpp": "inc/x", "/r/noext": "noext"])
    #expect(headerPortName(stem: "src/y", fileExtension: "mlu") == "src/y.mlu.h")
  }

  @Test func compilationDatabaseResolvesFilesAgainstTheirDirectory() throws {
    let tree = TemporaryTree()
    defer { tree.remove() }
    tree.write(
      "build/compile_commands.json",
      #"[{"directory": "\#(tree.path)/build", "file": "../src/a.cu", "arguments": ["nvcc", "-I../inc", "-c", "../src/a.cu"]}, {"directory": "/x"}]"#)
    let (commands, problems) = readCompilationDatabase(tree.path + "/build/compile_commands.json")
    #expect(commands == [CompileCommand(file: tree.path + "/src/a.cu", clangArguments: ["-I", tree.path + "/inc"])])
    #expect(problems.map(\.id) == [.batchBadInput])
  }

  @Test func globsMatchThePathOrTheFileName() {
    #expect(selected("src/a.cu", includes: [], excludes: []))
    #expect(selected("src/a.cu", includes: ["src/*"], excludes: []))
    #expect(!selected("lib/a.cu", includes: ["src/*"], excludes: []))
    #expect(!selected("src/deep/test_a.cu", includes: [], excludes: ["test_*.cu"]))
    #expect(!selected("third_party/x/a.cu", includes: [], excludes: ["third_party/*"]))
  }

  @Test func includeScanFollowsQuotedAndSearchPathHeadersOnce() {
    let tree = TemporaryTree()
    defer { tree.remove() }
    tree.write("src/a.cu", "#include \"a.cuh\"\n  #  include <lib.h>\n#include <cuda_runtime.h>\n")
    tree.write("src/a.cuh", "#include \"common.h\"\n")
    tree.write("src/common.h", "#include \"a.cuh\"\n")
    tree.write("inc/lib.h", "// nothing\n")
    let headers = includedHeaders(of: tree.path + "/src/a.cu", clangArguments: ["-I", tree.path + "/inc"])
    let root = resolvedPath(tree.path)
    #expect(headers == [root + "/inc/lib.h", root + "/src/a.cuh", root + "/src/common.h"])
  }

  @Test func shardSpecs() {
    #expect(BatchShard("2/8") == BatchShard("2/8"))
    #expect(BatchShard("2/8")?.index == 2)
    for bad in ["0/2", "3/2", "1", "a/b", "1/0"] { #expect(BatchShard(bad) == nil) }
  }

  @Test func outsidePathsAreConfinedUnderExternal() {
    #expect(outputRelativePath("/w/src/a.cu", root: "/w") == "src/a.cu")
    #expect(outputRelativePath("/other/a.cu", root: "/w") == "_external/other/a.cu")
    #expect(outputRelativePath("/w2/a.cu", root: "/w") == "_external/w2/a.cu")
  }

  @Test func mergeRefusesSummariesOfOtherOptions() {
    let a = BatchSummary(settings: BatchSettings(targets: ["bang"], verify: false, failOn: .error), files: [])
    let b = BatchSummary(settings: BatchSettings(targets: ["bang"], verify: true, failOn: .error), files: [])
    guard case let .failure(problem) = mergeSummaries([a, b]) else {
      Issue.record("summaries of different options merged")
      return
    }
    #expect(problem.id == .batchBadSummary)
  }
}
