// The jobs behind the commands, as a library: `ir` (CUDA -> KIR) and `opt` (KIR -> KIR).
// Each returns its output text, its diagnostics and the documented exit status:
// 0 success, 1 the input has errors, 2 usage error (decided by the CLI).
import Foundation
import Frontend
import KIR

/// What a job produced.
public struct JobResult: Sendable {
  public var output: String
  public var diagnostics: [Diagnostic]

  /// 0 when no error was reported, 1 otherwise.
  public var exitStatus: Int32 { diagnostics.contains { $0.severity == .error } ? 1 : 0 }
}

/// Options shared by the IR-printing jobs.
public struct IRJobOptions: Sendable {
  public var kernel: String?
  public var printLocations: Bool
  public var frontend: FrontendOptions

  public init(kernel: String? = nil, printLocations: Bool = false, frontend: FrontendOptions = FrontendOptions()) {
    self.kernel = kernel
    self.printLocations = printLocations
    self.frontend = frontend
  }
}

/// File extensions read as CUDA.
let cudaExtensions: Set<String> = ["cu", "cuh", "cc", "cpp", "cxx", "c", "h", "hpp", "hh", "inl"]

/// `kport ir`: CUDA in, verified KIR out.
public func runIR(path: String, options: IRJobOptions) -> JobResult {
  switch readSource(path) {
  case let .failure(diagnostic):
    return JobResult(output: "", diagnostics: [diagnostic])
  case .success:
    break
  }
  if path.hasSuffix(".kir") {
    return runOpt(path: path, printLocations: options.printLocations, kernel: options.kernel)
  }
  let result = CUDAFrontend.translate(path: path, options: options.frontend)
  var diagnostics = result.diagnostics
  guard let module = result.module else { return JobResult(output: "", diagnostics: diagnostics) }
  if module.functions.isEmpty && !diagnostics.contains(where: { $0.severity == .error }) {
    diagnostics.append(
      .error(.noKernels, "'\(path)' defines no __global__ kernel to translate", at: .file(path: path, line: 1, column: 1)))
  }
  return finish(module, diagnostics: diagnostics, kernel: options.kernel, printLocations: options.printLocations)
}

/// `kport opt`: KIR in, verified KIR out.
public func runOpt(path: String, printLocations: Bool, kernel: String? = nil) -> JobResult {
  let text: String
  switch readSource(path) {
  case let .failure(diagnostic): return JobResult(output: "", diagnostics: [diagnostic])
  case let .success(source): text = source
  }
  let (parsed, diagnostics) = parseModule(text, path: path)
  guard let module = parsed, !diagnostics.contains(where: { $0.severity == .error }) else {
    return JobResult(output: "", diagnostics: diagnostics)
  }
  return finish(module, diagnostics: diagnostics, kernel: kernel, printLocations: printLocations)
}

private func finish(_ module: Module, diagnostics: [Diagnostic], kernel: String?, printLocations: Bool) -> JobResult {
  var diagnostics = diagnostics
  if let kernel {
    guard module.functions.contains(where: { $0.name == kernel && $0.kind == .kernel }) else {
      let names = module.functions.filter { $0.kind == .kernel }.map(\.name)
      diagnostics.append(
        .error(.kernelNotFound, "no kernel named '\(kernel)'; kernels: \(names.isEmpty ? "none" : names.joined(separator: ", "))",
          at: .unknown))
      return JobResult(output: "", diagnostics: diagnostics)
    }
    keepOnly(kernel: kernel, in: module)
  }
  let timing = ProcessInfo.processInfo.environment["KPORT_PHASE_TIMES"] != nil
  var clock = Date()
  let problems = verify(module)
  if timing { FileHandle.standardError.write(Data("verify: \(Int(Date().timeIntervalSince(clock) * 1000)) ms\n".utf8)) }
  clock = Date()
  diagnostics += problems
  let output = problems.isEmpty || module.functions.isEmpty ? printModule(module, options: PrintOptions(printLocations: printLocations)) : ""
  if timing { FileHandle.standardError.write(Data("print: \(Int(Date().timeIntervalSince(clock) * 1000)) ms\n".utf8)) }
  return JobResult(output: output, diagnostics: diagnostics)
}

/// Removes every function that is neither `kernel` nor called from it, directly or not.
func keepOnly(kernel: String, in module: Module) {
  var keep: Set<String> = [kernel]
  var work = [kernel]
  while let name = work.popLast() {
    module.function(named: name)?.body.walk { op in
      if op.opcode == .call, let callee = op.attributes["callee"]?.symbolValue, !keep.contains(callee) {
        keep.insert(callee)
        work.append(callee)
      }
    }
  }
  module.functions.removeAll { !keep.contains($0.name) }
}
