// Bad input gets a located diagnostic with a stable ID and exit status 1, never a crash.
import Driver
import Foundation
import KIR
import Testing

/// Writes `contents` to a fresh temporary file named `name` and returns its path.
func temporaryFile(_ name: String, _ contents: Data) throws -> String {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kport-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  let url = directory.appendingPathComponent(name)
  try contents.write(to: url)
  return url.path
}

func temporaryFile(_ name: String, _ text: String) throws -> String {
  try temporaryFile(name, Data(text.utf8))
}

/// Runs `kport ir` on a source text and returns the errors.
func irErrors(_ source: String, name: String = "input.cu") throws -> [Diagnostic] {
  let path = try temporaryFile(name, source)
  let result = runIR(path: path, options: IRJobOptions(frontend: .init(recordsHost: false)))
  #expect(result.exitStatus == (result.diagnostics.contains { $0.severity == .error } ? 1 : 0))
  return result.diagnostics.filter { $0.severity == .error }
}

@Suite struct ErrorPathTests {
  @Test func missingFile() {
    let result = runIR(path: "/nonexistent/kport/missing.cu", options: IRJobOptions())
    #expect(result.exitStatus == 1)
    #expect(result.diagnostics.first?.id == .fileNotFound)
  }

  @Test func directoryInput() throws {
    let result = runIR(path: FileManager.default.temporaryDirectory.path, options: IRJobOptions())
    #expect(result.diagnostics.first?.id == .fileNotFound)
  }

  @Test func emptyFile() throws {
    let errors = try irErrors("")
    #expect(errors.first?.id == .emptyInput)
  }

  @Test func whitespaceOnlyFile() throws {
    #expect(try irErrors("  \n\n\t\n").first?.id == .emptyInput)
  }

  @Test func binaryFile() throws {
    let path = try temporaryFile("blob.cu", Data([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x00, 0x00, 0xFF]))
    let result = runIR(path: path, options: IRJobOptions())
    #expect(result.exitStatus == 1)
    #expect(result.diagnostics.first?.id == .binaryInput)
    #expect(result.diagnostics.first?.location.filePosition?.column == 7)
  }

  @Test func invalidUTF8() throws {
    let path = try temporaryFile("latin1.cu", Data("__global__ void k() {}\n// caf".utf8) + Data([0xE9, 0x0A]))
    #expect(runIR(path: path, options: IRJobOptions()).diagnostics.first?.id == .binaryInput)
  }

  @Test func syntaxErrorIsLocated() throws {
    let errors = try irErrors("__global__ void k(float* x) {\n  x[0] = 1.0f\n}\n")
    let first = try #require(errors.first)
    #expect(first.id == .clangError)
    #expect(first.location.filePosition?.line == 2)
  }

  @Test func nonCUDAInput() throws {
    let errors = try irErrors("import numpy as np\nprint(np.zeros(3))\n", name: "script.py")
    #expect(!errors.isEmpty)
    #expect(errors.allSatisfy { $0.id == .clangError })
  }

  @Test func noKernels() throws {
    let errors = try irErrors("int add(int a, int b) { return a + b; }\n")
    #expect(errors.map(\.id) == [.noKernels])
  }

  @Test func unknownKernelName() throws {
    let path = try temporaryFile("k.cu", "__global__ void k(float* x) { x[0] = 1.0f; }\n")
    let result = runIR(path: path, options: IRJobOptions(kernel: "nope", frontend: .init(recordsHost: false)))
    #expect(result.diagnostics.map(\.id) == [.kernelNotFound])
    #expect(result.diagnostics.first?.message.contains("kernels: k") == true)
  }

  /// Each unsupported construct: the source, the expected ID and the line it must point at.
  static let unsupported: [(String, DiagnosticID, Int)] = [
    ("__device__ int f(int n) { return n <= 1 ? 1 : n * f(n - 1); }\n__global__ void k(int* x) {\n  x[0] = f(x[0]);\n}\n", .recursion, 1),
    ("__global__ void k(int* x) {\n  int i = 0;\nagain:\n  if (++i < 3) goto again;\n  x[0] = i;\n}\n", .gotoStatement, 3),
    ("__global__ void k(int* x) {\n  asm volatile(\"membar.gl;\");\n  x[0] = 1;\n}\n", .inlineAssembly, 2),
    ("__device__ float sq(float v) { return v * v; }\n__global__ void k(float* x) {\n  float (*f)(float) = sq;\n  x[0] = f(x[0]);\n}\n", .functionPointer, 3),
    ("__global__ void child(int* x) { x[0] = 1; }\n__global__ void k(int* x) {\n  child<<<1, 1>>>(x);\n}\n", .dynamicParallelism, 3),
    ("#include <mma.h>\nusing namespace nvcuda;\n__global__ void k(half* a, float* c) {\n  wmma::fragment<wmma::accumulator, 16, 16, 16, float> acc;\n  wmma::fill_fragment(acc, 0.0f);\n  wmma::store_matrix_sync(c, acc, 16, wmma::mem_row_major);\n}\n", .tensorCore, 5),
    ("#include <cooperative_groups.h>\nnamespace cg = cooperative_groups;\n__global__ void k(int* x) {\n  cg::grid_group g = cg::this_grid();\n  g.sync();\n  x[0] = 1;\n}\n", .gridSync, 5),
    ("__device__ int g(int);\n__global__ void k(int* x) {\n  x[0] = g(1);\n}\n", .unknownFunction, 3),
    ("union U { int i; float f; };\n__global__ void k(U* x) {\n  x[0].i = 1;\n}\n", .unsupportedType, 2),
    ("__global__ void k(int* x) {\n  int* p = (int*)malloc(4);\n  x[0] = *p;\n}\n", .dynamicAllocation, 2),
  ]

  @Test(arguments: 0..<unsupported.count)
  func unsupportedConstructIsLocated(index: Int) throws {
    let (source, id, line) = Self.unsupported[index]
    let errors = try irErrors(source)
    let match = errors.first { $0.id == id }
    #expect(match != nil, "expected \(id.code), got \(errors.map { "\($0.id?.code ?? "-"): \($0.message)" })")
    #expect(match?.location.filePosition?.line == line)
  }

  @Test func otherKernelsStillTranslate() throws {
    let path = try temporaryFile("mixed.cu", "__global__ void bad(int* x) {\n  asm(\"trap;\");\n}\n__global__ void good(int* x) { x[0] = 1; }\n")
    let result = runIR(path: path, options: IRJobOptions(frontend: .init(recordsHost: false)))
    #expect(result.exitStatus == 1)
    #expect(result.output.contains("kernel @good"))
    #expect(!result.output.contains("kernel @bad"))
  }
}
