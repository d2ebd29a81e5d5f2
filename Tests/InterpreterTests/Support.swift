// Helpers shared by the interpreter tests: modules from CUDA files, CUDA text or KIR text,
// buffers from arrays, and one-call launches.

import Foundation
import Frontend
import Interpreter
import KIR
import Testing

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// Errors of the test helpers.
struct TestFailure: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// The module of a CUDA file, failing on front-end errors.
func moduleFromCUDA(path: String) throws -> Module {
  let result = CUDAFrontend.translate(path: path)
  let errors = result.diagnostics.filter { $0.severity == .error }
  guard let module = result.module, errors.isEmpty else {
    throw TestFailure(
      "front end failed on \(path): \(errors.map { "\($0.location): \($0.message)" })")
  }
  return module
}

/// The module of CUDA source text, written to a temporary file named `name`.
func moduleFromCUDA(source: String, name: String = "test.cu") throws -> Module {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("kport-interpreter-tests-\(ProcessInfo.processInfo.processIdentifier)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  let path = directory.appendingPathComponent(name).path
  try source.write(toFile: path, atomically: true, encoding: .utf8)
  return try moduleFromCUDA(path: path)
}

/// The module of KIR text, failing on parse or verifier errors.
func moduleFromKIR(_ text: String) throws -> Module {
  let (parsed, diagnostics) = parseModule(text, path: "test.kir")
  guard let module = parsed, diagnostics.isEmpty else {
    throw TestFailure("KIR does not parse: \(diagnostics.map { "\($0.location): \($0.message)" })")
  }
  let problems = verify(module)
  guard problems.isEmpty else {
    throw TestFailure("KIR does not verify: \(problems.map { "\($0.location): \($0.message)" })")
  }
  return module
}

extension DeviceMemory {
  /// A buffer holding `values`.
  func buffer<T>(_ name: String, _ type: IRType, _ values: [T]) -> BufferID {
    let id = allocate(name: name, elementType: type, count: values.count)
    withBytes(id) { bytes in
      values.withUnsafeBytes { source in bytes.copyMemory(from: source) }
    }
    return id
  }

  /// The contents of buffer `id` as `T`s.
  func values<T>(_ id: BufferID, as type: T.Type) -> [T] {
    withBytes(id) { bytes in
      Array(bytes.bindMemory(to: T.self))
    }
  }
}

/// Runs `kernel` of `module` once.
@discardableResult
func launch(
  _ module: Module, _ kernel: String, grid: Dim3, block: Dim3, shared: Int = 0,
  _ arguments: [KernelArgument], memory: DeviceMemory, limits: ExecutionLimits = ExecutionLimits(),
  workers: Int = 1
) throws -> LaunchResult {
  let interpreter = Interpreter(module: module, limits: limits, workerThreads: workers)
  return try interpreter.launch(
    kernel: kernel,
    configuration: LaunchConfiguration(grid: grid, block: block, dynamicSharedBytes: shared),
    arguments: arguments, memory: memory)
}

/// The findings of a result as readable lines.
func describe(_ findings: [Finding]) -> [String] {
  findings.map { "\($0.kind.rawValue) [\($0.severity.rawValue)] \($0.message)" }
}

/// The source line of a finding.
func line(of finding: Finding) -> Int? { finding.location.filePosition?.line }

/// A kernel run for the unit tests: compile CUDA source, fill buffers, launch, read back.
struct KernelHarness {
  let module: Module
  let memory = DeviceMemory()
  var limits = ExecutionLimits()
  var workers = 1

  /// Compiles `source`, written to a file of its own (tests run in parallel).
  init(_ source: String, name: String? = nil) throws {
    module = try moduleFromCUDA(source: source, name: name ?? "test-\(UUID().uuidString).cu")
  }

  init(kir: String) throws {
    module = try moduleFromKIR(kir)
  }

  /// A buffer holding `values`.
  func buffer<T>(_ name: String, _ type: IRType, _ values: [T]) -> KernelArgument {
    .buffer(memory.buffer(name, type, values))
  }

  /// Runs `kernel`.
  @discardableResult
  func run(
    _ kernel: String, grid: Dim3 = Dim3(1), block: Dim3 = Dim3(32), shared: Int = 0,
    _ arguments: [KernelArgument]
  ) throws -> LaunchResult {
    try launch(
      module, kernel, grid: grid, block: block, shared: shared, arguments, memory: memory,
      limits: limits, workers: workers)
  }

  /// The contents of the buffer passed as `argument`.
  func values<T>(_ argument: KernelArgument, as type: T.Type) -> [T] {
    guard case .buffer(let id, _) = argument else { return [] }
    return memory.values(id, as: T.self)
  }
}
