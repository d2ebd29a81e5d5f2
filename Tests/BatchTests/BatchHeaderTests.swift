// Ported headers (docs/ci.md, "Headers"): a user header the batch's files include is ported once
// per target beside them, its kernels and host code with it, and every includer names the
// header's port; template instantiations stay with the file that names them; what cannot be
// ported in a header is reported there, once; the ports of a header and its includers compile
// together against the vendor headers; caching, sharding and determinism still hold.
import Foundation
import Testing

@Suite(.serialized) struct BatchHeaderTests {
  /// Two files sharing a header with a kernel, a device function, a kernel template and an
  /// inline host launcher; a third reaching, through -I, a header that nests another and holds a
  /// module variable and a host template launching a kernel template.
  private func headerTree() -> TemporaryTree {
    let tree = TemporaryTree()
    tree.write(
      "src/common.cuh",
      """
      #pragma once
      #define BLOCK 128

      __device__ float twice(float v) { return 2.0f * v; }

      __global__ void scale(int n, float *x) {
        __shared__ float tile[BLOCK];
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        tile[threadIdx.x] = i < n ? x[i] : 0.0f;
        __syncthreads();
        if (i < n) x[i] = twice(tile[threadIdx.x]);
      }

      template <typename T>
      __global__ void fill(int n, T *x, T v) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        if (i < n) x[i] = v;
      }

      inline void run_scale(int n, float *d) {
        scale<<<(n + BLOCK - 1) / BLOCK, BLOCK>>>(n, d);
        cudaDeviceSynchronize();
      }

      """)
    tree.write(
      "src/a.cu",
      """
      #include "common.cuh"
      __global__ void add1(int n, float *x) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        if (i < n) x[i] = twice(x[i]) + 1.0f;
      }
      int main() {
        float *d;
        cudaMalloc(&d, 1024 * sizeof(float));
        run_scale(1024, d);
        add1<<<8, 128>>>(1024, d);
        fill<float><<<8, 128>>>(1024, d, 1.0f);
        cudaFree(d);
        return 0;
      }

      """)
    tree.write(
      "src/b.cu",
      """
      #include "common.cuh"
      int main() {
        int *d;
        cudaMalloc(&d, 1024 * sizeof(int));
        fill<int><<<8, 128>>>(1024, d, 3);
        scale<<<1, 128>>>(128, (float *)d);
        cudaFree(d);
        return 0;
      }

      """)
    tree.write(
      "inc/kern.cuh",
      """
      #pragma once
      template <typename T>
      __global__ void fill2(int n, T *x, T v) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        if (i < n) x[i] = v;
      }

      """)
    tree.write(
      "inc/launch.cuh",
      """
      #ifndef LAUNCH_CUH
      #define LAUNCH_CUH
      #include "kern.cuh"

      template <typename T>
      void launch_fill(T *p, int n, T v) {
        fill2<T><<<(n + 127) / 128, 128>>>(n, p, v);
      }

      __constant__ float coeff[4] = {1.0f, 2.0f, 3.0f, 4.0f};

      __global__ void use_coeff(float *x) { x[threadIdx.x] *= coeff[threadIdx.x % 4]; }
      #endif

      """)
    tree.write(
      "src/c.cu",
      """
      #include <launch.cuh>
      int main() {
        float *d;
        float host[4] = {4, 3, 2, 1};
        cudaMalloc(&d, 128 * sizeof(float));
        launch_fill<float>(d, 128, 1.0f);
        cudaMemcpyToSymbol(coeff, host, sizeof(host));
        use_coeff<<<1, 128>>>(d);
        cudaFree(d);
        return 0;
      }

      """)
    return tree
  }

  /// The names of the entries' kernels on `target`.
  private func kernels(_ entry: [String: Any]?, _ target: String) -> [String] {
    let result = (entry?["targets"] as? [[String: Any]])?.first { $0["target"] as? String == target }
    return ((result?["kernels"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String }
  }

  @Test func headersArePortedOnceWithTheirKernelsAndIncludersNameThePorts() throws {
    let tree = headerTree()
    defer { tree.remove() }
    let run = try kport(["batch", "src", "-I", "inc", "--out", "out", "--quiet"], in: tree.path)
    #expect(run.status == 0, "\(run.stderr)")
    let outputs = tree.files(under: "out").keys.filter { !$0.hasPrefix(".") && !$0.hasPrefix("kport-batch") && $0 != "index.html" }
    #expect(
      outputs.sorted() == [
        "inc/kern.asc.h", "inc/kern.mlu.h", "inc/launch.asc.h", "inc/launch.mlu.h", "src/a.asc", "src/a.mlu", "src/b.asc",
        "src/b.mlu", "src/c.asc", "src/c.mlu", "src/common.asc.h", "src/common.mlu.h",
      ])
    let result = summary(tree)
    #expect(fileEntry(result, "src/common.cuh")?["kind"] as? String == "header")
    #expect(fileEntry(result, "src/a.cu")?["kind"] == nil)
    for target in ["bang", "ascendc"] {
      // A kernel defined in the header is the header's; instantiations are their files'.
      #expect(kernels(fileEntry(result, "src/common.cuh"), target) == ["scale"])
      #expect(kernels(fileEntry(result, "src/a.cu"), target) == ["add1", "fill<float>"])
      #expect(kernels(fileEntry(result, "src/b.cu"), target) == ["fill<int>"])
      #expect(kernels(fileEntry(result, "inc/launch.cuh"), target) == ["use_coeff"])
      #expect(kernels(fileEntry(result, "src/c.cu"), target) == ["fill2<float>"])
    }
    // The header's device function is the header's construct; b.cu, which only launches the
    // header's kernel that calls it, does not count it.
    func constructs(_ path: String) -> [String: Any] {
      let targets = (fileEntry(result, path)?["targets"] as? [[String: Any]]) ?? []
      return (targets.first?["constructs"] as? [String: Any]) ?? [:]
    }
    #expect((constructs("src/common.cuh")["deviceFunctions"] as? [String: Any])?["converted"] as? Int == 1)
    #expect(constructs("src/b.cu")["deviceFunctions"] == nil)
    #expect((constructs("src/b.cu")["kernels"] as? [String: Any])?["found"] as? Int == 1)
    let header = tree.read("out/src/common.mlu.h") ?? ""
    let a = tree.read("out/src/a.mlu") ?? ""
    let b = tree.read("out/src/b.mlu") ?? ""
    // Emitted once, in the header's port; every includer names the port.
    #expect(header.components(separatedBy: "__mlu_global__ void scale(").count == 2)
    #expect(!a.contains("void scale(") && !b.contains("void scale("))
    #expect(a.contains("#include \"common.mlu.h\"") && b.contains("#include \"common.mlu.h\"") && !a.contains("#include \"common.cuh\""))
    #expect(tree.read("out/src/a.asc")?.contains("#include \"common.asc.h\"") == true)
    #expect(tree.read("out/src/c.mlu")?.contains("#include <launch.mlu.h>") == true)
    #expect(tree.read("out/inc/launch.mlu.h")?.contains("#include \"kern.mlu.h\"") == true)
    // The header's host code is rewritten like a file's: launches, runtime calls, no CUDA left.
    #expect(header.contains("scale<<<kport_task_dim(kport_grid), cnrtFuncTypeBlock, kport_default_queue()>>>(n, d, "))
    #expect(!header.contains("cudaDeviceSynchronize") && !header.contains("__global__") && !header.contains("__device__"))
    #expect(header.contains("#ifndef KPORT_PRELUDE_BANG") && a.contains("#ifndef KPORT_PRELUDE_BANG"))
    // Launches of the header's kernel from an includer pass the lowered interface.
    #expect(b.contains("scale<<<kport_task_dim(kport_grid), cnrtFuncTypeBlock, kport_default_queue()>>>(128, (float *)d, kport_grid.x"))
    #expect(a.contains("__mlu_global__ void fill_float(") && b.contains("__mlu_global__ void fill_int("))
    // A header's module variable and its host template's dispatcher serve the includers.
    let launch = tree.read("out/inc/launch.asc.h") ?? ""
    let c = tree.read("out/src/c.asc") ?? ""
    #expect(launch.contains("static decltype(kport_symbol_pointer(kport_shadow_coeff)) kport_symbol_coeff()"))
    #expect(c.contains("use_coeff<<<kport_num_blocks(kport_grid), nullptr, kport_default_stream()>>>((GM_ADDR)(d), (GM_ADDR)(kport_symbol_coeff())"))
    let primary = launch.range(of: "template <typename P0> struct kport_launch_fill2;")
    let use = launch.range(of: "kport_launch_fill2<T>::launch(")
    #expect(primary != nil && use != nil && (primary?.lowerBound ?? launch.endIndex) < (use?.lowerBound ?? launch.startIndex))
    #expect(c.contains("template <> struct kport_launch_fill2<float> {"))
    try checkCompiles(tree, ["src/a.mlu", "src/b.mlu", "src/c.mlu"], target: "bang")
    try checkCompiles(tree, ["src/a.asc", "src/b.asc", "src/c.asc"], target: "ascendc")
  }

  @Test func whatAHeaderCannotPortIsReportedOnceUnderTheHeader() throws {
    let tree = TemporaryTree()
    defer { tree.remove() }
    tree.write("util.cuh", "#pragma once\n__device__ int peek(int *p) {\n  asm(\"trap;\");\n  return p[0];\n}\n" + scaleKernel("h"))
    tree.write("a.cu", "#include \"util.cuh\"\n" + scaleKernel("a"))
    tree.write("b.cu", "#include \"util.cuh\"\n" + scaleKernel("b"))
    let run = try kport(["batch", ".", "--out", "out", "--quiet"], in: tree.path)
    #expect(run.status == 1)
    let result = summary(tree)
    let header = fileEntry(result, "util.cuh")
    #expect(header?["status"] as? String == "partial")
    let diagnostics = (header?["diagnostics"] as? [[String: Any]]) ?? []
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?["id"] as? String == "KP1014")
    #expect(diagnostics.first?["file"] as? String == "util.cuh")
    #expect(diagnostics.first?["line"] as? Int == 3)
    #expect(diagnostics.first?["column"] as? Int == 3)
    // The header's kernel is still ported; the includers report nothing of the header's.
    #expect(kernels(header, "bang") == ["h"])
    for file in ["a.cu", "b.cu"] {
      #expect(fileEntry(result, file)?["status"] as? String == "ported")
      #expect(diagnosticIDs(fileEntry(result, file)).isEmpty)
    }
    #expect((result["totals"] as? [String: Any])?["errors"] as? Int == 1)
    let sarif = tree.read("out/kport-batch.sarif") ?? ""
    #expect(sarif.contains("\"uri\" : \"util.cuh\""))
  }

  @Test func headerPortsAreDeterministicCachedAndShardedOnce() throws {
    let tree = headerTree()
    defer { tree.remove() }
    let one = try kport(["batch", "src", "-I", "inc", "--out", "one", "-j", "1"], in: tree.path)
    let two = try kport(["batch", "src", "-I", "inc", "--out", "two", "-j", "2", "--quiet"], in: tree.path)
    #expect(one.stderr.contains("(0 cached, 6 ported now)"), "\(one.stderr)")
    #expect(tree.files(under: "one") == tree.files(under: "two"), "\(two.stderr)")
    // Editing a header re-ports it and the files that include it, not the others.
    tree.write("inc/kern.cuh", (tree.read("inc/kern.cuh") ?? "") + "// edited\n")
    let edited = try kport(["batch", "src", "-I", "inc", "--out", "one", "-j", "1"], in: tree.path)
    #expect(edited.stderr.contains("(3 cached, 3 ported now)"), "\(edited.stderr)")
    #expect(edited.stderr.contains("inc/kern.cuh: ported\n") && edited.stderr.contains("inc/launch.cuh: ported\n"))
    #expect(edited.stderr.contains("src/c.cu: ported\n") && edited.stderr.contains("src/a.cu: ported (cached)"))
    // Shards: every header is ported by exactly one, and the merge is the unsharded summary.
    _ = try kport(["batch", "src", "-I", "inc", "--out", "all", "--quiet"], in: tree.path)
    for index in 1...3 {
      _ = try kport(["batch", "src", "-I", "inc", "--out", "s\(index)", "--shard", "\(index)/3", "--quiet"], in: tree.path)
    }
    for port in ["inc/kern.mlu.h", "inc/launch.asc.h", "src/common.mlu.h"] {
      let owners = (1...3).filter { tree.exists("s\($0)/\(port)") }
      #expect(owners.count == 1, "\(port): \(owners)")
      #expect(owners.first.flatMap { tree.read("s\($0)/\(port)") } == tree.read("all/\(port)"))
    }
    let merged = try kport(
      ["merge-reports", "s1/kport-batch.json", "s2/kport-batch.json", "s3/kport-batch.json", "-o", "merged/kport-batch.json"],
      in: tree.path)
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(tree.read("merged/kport-batch.json") == tree.read("all/kport-batch.json"))
  }

  @Test func staleOutputsOfEarlierRunsAreRemovedAndNothingElse() throws {
    let tree = headerTree()
    defer { tree.remove() }
    _ = try kport(["batch", "src", "-I", "inc", "--out", "out", "--quiet"], in: tree.path)
    tree.write("out/notes.txt", "mine\n")
    tree.write("out/src/extra.mlu", "mine too\n")
    tree.write("out/src/a.asc", (tree.read("out/src/a.asc") ?? "") + "// edited by hand\n")
    try FileManager.default.removeItem(atPath: tree.path + "/src/b.cu")
    let run = try kport(["batch", "src", "-I", "inc", "--out", "out", "--target", "bang"], in: tree.path)
    #expect(run.stderr.contains("outputs of earlier runs removed"), "\(run.stderr)")
    // b.cu is gone and Ascend C is no longer a target: their ports go, except a port edited
    // since kport wrote it; files kport did not write stay.
    #expect(!tree.exists("out/src/b.mlu") && !tree.exists("out/src/b.asc") && !tree.exists("out/src/common.asc.h"))
    #expect(!tree.exists("out/inc/launch.asc.h") && !tree.exists("out/src/c.asc"))
    #expect(tree.exists("out/src/a.asc") && tree.exists("out/notes.txt") && tree.exists("out/src/extra.mlu"))
    #expect(tree.exists("out/src/a.mlu") && tree.exists("out/src/common.mlu.h") && tree.exists("out/inc/kern.mlu.h"))
    // A header nobody includes any more is no longer ported, and its directory goes with it.
    try FileManager.default.removeItem(atPath: tree.path + "/src/c.cu")
    _ = try kport(["batch", "src", "-I", "inc", "--out", "out", "--target", "bang", "--quiet"], in: tree.path)
    #expect(!tree.exists("out/inc"))
    #expect(tree.exists("out/src/a.mlu") && tree.exists("out/notes.txt"))
  }

  @Test func warningFlagsReachClangAndWerrorDoesNot() throws {
    let tree = TemporaryTree()
    defer { tree.remove() }
    tree.write("w.cu", scaleKernel("w").replacingOccurrences(of: "int i = threadIdx.x;", with: "int i = threadIdx.x;\n  int unused = 0;"))
    tree.write(
      "compile_commands.json",
      """
      [{"directory": ".", "file": "w.cu", "command": "nvcc -Wunused-variable -Werror -Wno-deprecated-gpu-targets -Wl,--as-needed -c w.cu"}]
      """)
    func warnings(_ arguments: [String], _ out: String) throws -> [String] {
      _ = try kport(["batch", "--out", out, "--quiet", "--target", "bang"] + arguments, in: tree.path)
      let entry = fileEntry(summary(tree, out), "w.cu")
      return ((entry?["diagnostics"] as? [[String: Any]]) ?? []).map { "\($0["id"] ?? "") \($0["severity"] ?? "")" }
    }
    #expect(try warnings(["w.cu"], "plain") == [])
    #expect(try warnings(["w.cu", "-Wunused-variable"], "flag") == ["KP1002 warning"])
    #expect(try warnings(["-p", "compile_commands.json"], "database") == ["KP1002 warning"])
  }

  /// Runs Tests/vendor-headers/check.sh on OUT's `files` with OUT/inc on the include path
  /// (skipped without clang++).
  private func checkCompiles(_ tree: TemporaryTree, _ files: [String], target: String) throws {
    let hasClang = ["/opt/swift/usr/bin/clang++"].contains { FileManager.default.isExecutableFile(atPath: $0) }
      || (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
        FileManager.default.isExecutableFile(atPath: "\($0)/clang++")
      }
    guard hasClang else { return }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [repositoryRoot.appendingPathComponent("Tests/vendor-headers/check.sh").path, target] + files
    process.currentDirectoryURL = URL(fileURLWithPath: tree.path + "/out")
    process.environment = ProcessInfo.processInfo.environment.merging(["KPORT_CHECK_FLAGS": "-I inc"]) { $1 }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(output)")
    #expect(!output.contains("error"), "\(output)")
  }
}
