// `kport nvcc` as build scripts use it: a shared library built with `-shared -Xcompiler -fPIC`
// from a .cu file with an extern "C" host wrapper, called from Python through ctypes and checked
// against numpy; objects with -c linked in a second step; nvcc options kport does not know.
import Foundation
import Testing

let saxpyLibrary = """
  #include <cuda_runtime.h>
  __global__ void saxpy(int n, float a, const float *x, float *y) {
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) y[i] = a * x[i] + y[i];
  }
  extern "C" int saxpy_host(int n, float a, const float *x, float *y) {
    float *dx, *dy;
    if (cudaMalloc(&dx, n * sizeof(float)) != cudaSuccess) return 1;
    if (cudaMalloc(&dy, n * sizeof(float)) != cudaSuccess) return 1;
    cudaMemcpy(dx, x, n * sizeof(float), cudaMemcpyHostToDevice);
    cudaMemcpy(dy, y, n * sizeof(float), cudaMemcpyHostToDevice);
    saxpy<<<(n + 255) / 256, 256>>>(n, a, dx, dy);
    cudaError_t err = cudaGetLastError();
    cudaMemcpy(y, dy, n * sizeof(float), cudaMemcpyDeviceToHost);
    cudaFree(dx);
    cudaFree(dy);
    return err == cudaSuccess ? 0 : 2;
  }
  """

let saxpyCheck = """
  import ctypes, sys
  import numpy as np
  lib = ctypes.CDLL(sys.argv[1])
  lib.saxpy_host.argtypes = [ctypes.c_int, ctypes.c_float, ctypes.c_void_p, ctypes.c_void_p]
  n = 10000
  rng = np.random.default_rng(1)
  x = rng.standard_normal(n).astype(np.float32)
  y = rng.standard_normal(n).astype(np.float32)
  expected = np.float32(2.5) * x + y
  assert lib.saxpy_host(n, 2.5, x.ctypes.data, y.ctypes.data) == 0
  np.testing.assert_allclose(y, expected, rtol=1e-6, atol=1e-6)
  print("PASS")
  """

/// Runs `executable` with `arguments` in `directory`; its status and standard output.
func runTool(_ executable: String, _ arguments: [String], in directory: String) throws -> (Int32, String) {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = [executable] + arguments
  process.currentDirectoryURL = URL(fileURLWithPath: directory)
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  return (process.terminationStatus, output)
}

@Suite struct NvccTests {
  @Test(arguments: ["cuda", "ascendc"])
  func sharedLibraryWorksFromPythonThroughCtypes(target: String) throws {
    let program = ScratchProgram(["saxpy.cu": saxpyLibrary, "check.py": saxpyCheck])
    defer { program.remove() }
    let build = try runKport(
      ["nvcc", "-shared", "-Xcompiler", "-fPIC", "-O2", "-arch=sm_80", "-o", "libsaxpy.so", "saxpy.cu", "--target", target],
      in: program.path)
    #expect(build.status == 0, "\(build.stderr)")
    let (status, output) = try runTool("python3", ["check.py", program.path + "/libsaxpy.so"], in: program.path)
    #expect(status == 0)
    #expect(output == "PASS\n")
  }

  @Test func objectsCompiledWithMinusCLinkLater() throws {
    let program = ScratchProgram([:])
    defer { program.remove() }
    let source = repositoryRoot.appendingPathComponent("samples/programs/histogram.cu").path
    let compile = try runKport(["nvcc", "-c", source, "-o", "histogram.o", "-gencode", "arch=compute_80,code=sm_80"], in: program.path)
    #expect(compile.status == 0, "\(compile.stderr)")
    let link = try runKport(["nvcc", "histogram.o", "-o", "histogram"], in: program.path)
    #expect(link.status == 0, "\(link.stderr)")
    let (status, output) = try runTool(program.path + "/histogram", [], in: program.path)
    #expect(status == 0)
    #expect(output.hasSuffix("PASS\n"))
  }

  @Test func unknownNvccOptionIsAUsageError() throws {
    let run = try runKport(["nvcc", "--frobnicate", "samples/programs/vector_add.cu"])
    #expect(run.status == 2)
    #expect(run.stderr.contains("'--frobnicate' is an nvcc option kport nvcc does not know [KP9509]"))
  }
}
