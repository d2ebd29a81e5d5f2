// `kport exec` where something goes wrong: an unsupported runtime call, device code that does
// not translate, a host crash, bad launches and memory misuse, usage errors. Each gives a clear
// message with its ID and a non-zero status. Also: the program's arguments, output and exit
// status pass through, programs of several files, and the runtime library defining every
// function of the bundled cuda_runtime_api.h.
import Foundation
import Testing

@Suite struct ExecErrorTests {
  @Test func unsupportedRuntimeCallIsNamedAndFailsTheRun() throws {
    let program = ScratchProgram([
      "graph.cu": """
      #include <cstdio>
      __global__ void k(int *x) { x[0] = 1; }
      int main() {
        cudaGraph_t graph;
        cudaError_t err = cudaGraphCreate(&graph, 0);
        printf("returned %s\\n", cudaGetErrorName(err));
        return 0;
      }
      """
    ])
    defer { program.remove() }
    let run = try runKport(["exec", "graph.cu"], in: program.path)
    #expect(run.status == 1)
    #expect(run.stdout == "returned cudaErrorNotSupported\n")
    #expect(run.stderr.contains("cudaGraphCreate is not implemented by kport's CUDA runtime"), "\(run.stderr)")
    #expect(run.stderr.contains("[KP9505]"))
  }

  @Test(arguments: ["cuda", "bang"])
  func kernelThatDoesNotTranslateStopsBeforeRunning(target: String) throws {
    let program = ScratchProgram([
      "jump.cu": """
      #include <cstdio>
      __global__ void k(int *x, int n) {
        int i = 0;
      again:
        x[i] = i;
        if (++i < n) goto again;
      }
      int main() {
        int *d;
        cudaMalloc(&d, 16);
        k<<<1, 1>>>(d, 4);
        printf("PASS\\n");
        return 0;
      }
      """
    ])
    defer { program.remove() }
    let run = try runKport(["exec", "jump.cu", "--target", target], in: program.path)
    #expect(run.status == 1)
    #expect(run.stdout.isEmpty)
    #expect(run.stderr.contains("jump.cu:4:1: error: 'goto' and labels cannot be translated [KP1017]"), "\(run.stderr)")
    #expect(run.stderr.contains("the device code of jump.cu does not translate"))
    #expect(run.stderr.contains("[KP9503]"))
  }

  @Test func hostCrashIsReportedWithItsSignal() throws {
    let program = ScratchProgram([
      "crash.cu": """
      #include <cstdio>
      __global__ void k(float *x) { x[threadIdx.x] = 1.0f; }
      int main() {
        float *d;
        cudaMalloc(&d, 32 * sizeof(float));
        k<<<1, 32>>>(d);
        printf("%f\\n", d[0]);  // the host reads device memory
        return 0;
      }
      """
    ])
    defer { program.remove() }
    let run = try runKport(["exec", "crash.cu"], in: program.path)
    #expect(run.status == 128 + 11)
    #expect(run.stderr.contains("the program was killed by signal 11 (SIGSEGV"), "\(run.stderr)")
    #expect(run.stderr.contains("[KP9504]"))
    #expect(!run.stderr.contains("Backtracing"))
  }

  @Test func badLaunchesAndMemoryMisuseReturnErrors() throws {
    let program = ScratchProgram([
      "misuse.cu": """
      #include <cstdio>
      __global__ void k(float *x) { x[threadIdx.x] = 1.0f; }
      int main() {
        float *d;
        cudaMalloc(&d, 32 * sizeof(float));
        k<<<1, 2048>>>(d);
        printf("%s\\n", cudaGetErrorName(cudaGetLastError()));
        printf("%s\\n", cudaGetErrorName(cudaGetLastError()));
        float host[40];
        printf("%s\\n", cudaGetErrorName(cudaMemcpy(host, d, sizeof(host), cudaMemcpyDeviceToHost)));
        printf("%s\\n", cudaGetErrorName(cudaFree(d)));
        printf("%s\\n", cudaGetErrorName(cudaFree(d)));
        return 0;
      }
      """
    ])
    defer { program.remove() }
    let run = try runKport(["exec", "misuse.cu"], in: program.path)
    #expect(run.status == 0)
    #expect(
      run.stdout
        == "cudaErrorInvalidConfiguration\ncudaSuccess\ncudaErrorInvalidValue\ncudaSuccess\ncudaErrorInvalidDevicePointer\n")
    #expect(run.stderr.contains("at most 1024 threads per block"), "\(run.stderr)")
    #expect(run.stderr.contains("[KP9507]"))
    #expect(run.stderr.contains("160 bytes at offset 0 reach past the end of a 128-byte device allocation [KP9510]"))
    #expect(run.stderr.contains("which was already freed"))
  }

  @Test func argumentsOutputAndStatusPassThroughForSeveralFiles() throws {
    let program = ScratchProgram([
      "kernels.cu": """
      __global__ void fill(int *x, int value) { x[threadIdx.x] = value + threadIdx.x; }
      extern "C" int sumFilled(int value) {
        int *d, h[8], sum = 0;
        cudaMalloc(&d, sizeof(h));
        fill<<<1, 8>>>(d, value);
        cudaMemcpy(h, d, sizeof(h), cudaMemcpyDeviceToHost);
        for (int i = 0; i < 8; i++) sum += h[i];
        printf("device says hello\\n");
        return sum;
      }
      """,
      "main.cpp": """
      #include <cstdio>
      #include <cstdlib>
      extern "C" int sumFilled(int value);
      int main(int argc, char **argv) {
        int value = atoi(argv[1]);
        printf("%s %d\\n", argv[2], sumFilled(value));
        return value;
      }
      """,
    ])
    defer { program.remove() }
    let run = try runKport(["exec", "kernels.cu", "main.cpp", "-DUNUSED=1", "--", "5", "sum"], in: program.path)
    #expect(run.status == 5, "\(run.stderr)")
    #expect(run.stdout == "device says hello\nsum 68\n")
  }

  @Test func usageErrors() throws {
    let noSource = try runKport(["exec", "--target", "bang"])
    #expect(noSource.status == 2)
    #expect(noSource.stderr.contains("no .cu file given [KP9509]") || noSource.stderr.contains("[KP9509]"))
    let badTarget = try runKport(["exec", "samples/programs/vector_add.cu", "--target", "hip"])
    #expect(badTarget.status == 2)
    #expect(badTarget.stderr.contains("unknown target 'hip'"))
  }

  /// Every function of the bundled runtime API header links: implemented, or a stub that names
  /// itself (unsupported.c), never an undefined symbol.
  @Test func runtimeLibraryDefinesEveryDeclaredFunction() throws {
    let header = try String(
      contentsOf: repositoryRoot.appendingPathComponent("Sources/Frontend/Resources/cuda-include/cuda_runtime_api.h"),
      encoding: .utf8)
    let declared = try Regex(#"extern\s+(?:__KPORT_HD\s+)?cudaError_t\s+(\w+)\s*\("#)
    var names = Set(header.matches(of: declared).compactMap { $0.output[1].substring.map(String.init) })
    names.remove("cudaLaunchDevice")  // device-side (dynamic parallelism)
    let library = URL(fileURLWithPath: kportExecutable).deletingLastPathComponent().appendingPathComponent("libKportCudaRuntime.so").path
    let nm = Process()
    nm.executableURL = URL(fileURLWithPath: "/usr/bin/nm")
    nm.arguments = ["-D", "--defined-only", library]
    let pipe = Pipe()
    nm.standardOutput = pipe
    try nm.run()
    let symbols = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    nm.waitUntilExit()
    let defined = Set(symbols.split(separator: "\n").compactMap { $0.split(separator: " ").last.map(String.init) })
    #expect(names.count > 150)
    #expect(names.subtracting(defined).sorted() == [])
  }
}
