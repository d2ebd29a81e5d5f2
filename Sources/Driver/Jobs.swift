// The jobs behind the commands, as a library: `ir` (CUDA -> KIR) and `opt` (KIR -> KIR).
// Each returns its output text, its diagnostics and the documented exit status:
// 0 success, 1 the input has errors, 2 usage error (a bad pipeline string here; the rest is
// decided by the CLI).
import Foundation
import Frontend
import KIR
import Passes

/// What a job produced.
public struct JobResult: Sendable {
  public var output: String
  public var diagnostics: [Diagnostic]
  /// What the pass instrumentation printed (IR dumps, timing, statistics, the expanded
  /// pipeline), for standard error.
  public var report: String
  /// Set for usage errors (status 2), which are not a property of the input.
  public var usageError: Bool

  public init(output: String, diagnostics: [Diagnostic], report: String = "", usageError: Bool = false) {
    self.output = output
    self.diagnostics = diagnostics
    self.report = report
    self.usageError = usageError
  }

  /// 2 for a usage error, 1 when an error was reported, 0 otherwise.
  public var exitStatus: Int32 {
    if usageError { return 2 }
    return diagnostics.contains { $0.severity == .error } ? 1 : 0
  }
}

/// A pass pipeline to run and how to instrument it.
public struct PipelineOptions: Sendable {
  /// The pipeline string (`inline,canonicalize{max-iterations=4},dce`); nil runs no pass.
  public var pipeline: String?
  public var instrumentation: PassInstrumentation
  /// Print the pipeline with every option spelled out before running it.
  public var dumpPipeline: Bool

  public init(pipeline: String? = nil, instrumentation: PassInstrumentation = PassInstrumentation(), dumpPipeline: Bool = false) {
    self.pipeline = pipeline
    self.instrumentation = instrumentation
    self.dumpPipeline = dumpPipeline
  }
}

/// Options shared by the IR-printing jobs.
public struct IRJobOptions: Sendable {
  public var kernel: String?
  public var printLocations: Bool
  public var frontend: FrontendOptions
  public var passes: PipelineOptions

  public init(
    kernel: String? = nil, printLocations: Bool = false, frontend: FrontendOptions = FrontendOptions(),
    passes: PipelineOptions = PipelineOptions()
  ) {
    self.kernel = kernel
    self.printLocations = printLocations
    self.frontend = frontend
    self.passes = passes
  }
}

extension PipelineOptions {
  /// The checked pipeline (nil when no `--pipeline` was given), or the KP3001 usage error.
  /// Jobs check it before reading any input, so a typo costs no parse.
  public func parsed() -> Result<PassPipeline?, Diagnostic> {
    guard let pipeline else { return .success(nil) }
    return PassPipeline.parse(pipeline).map { Optional($0) }
  }
}

/// File extensions read as CUDA.
let cudaExtensions: Set<String> = ["cu", "cuh", "cc", "cpp", "cxx", "c", "h", "hpp", "hh", "inl"]

/// `kport ir`: CUDA in, verified KIR out.
public func runIR(path: String, options: IRJobOptions) -> JobResult {
  if case let .failure(problem) = options.passes.parsed() {
    return JobResult(output: "", diagnostics: [problem], usageError: true)
  }
  switch readSource(path) {
  case let .failure(diagnostic):
    return JobResult(output: "", diagnostics: [diagnostic])
  case .success:
    break
  }
  if path.hasSuffix(".kir") {
    return runOpt(path: path, printLocations: options.printLocations, kernel: options.kernel, passes: options.passes)
  }
  let result = CUDAFrontend.translate(path: path, options: options.frontend)
  var diagnostics = result.diagnostics
  guard let module = result.module else { return JobResult(output: "", diagnostics: diagnostics) }
  if module.functions.isEmpty && !diagnostics.contains(where: { $0.severity == .error }) {
    diagnostics.append(
      .error(.noKernels, "'\(path)' defines no __global__ kernel to translate", at: .file(path: path, line: 1, column: 1)))
  }
  return finish(module, diagnostics: diagnostics, kernel: options.kernel, printLocations: options.printLocations, passes: options.passes)
}

/// `kport opt`: KIR in, the pipeline run over it, verified KIR out.
public func runOpt(path: String, printLocations: Bool, kernel: String? = nil, passes: PipelineOptions = PipelineOptions()) -> JobResult {
  if case let .failure(problem) = passes.parsed() {
    return JobResult(output: "", diagnostics: [problem], usageError: true)
  }
  let text: String
  switch readSource(path) {
  case let .failure(diagnostic): return JobResult(output: "", diagnostics: [diagnostic])
  case let .success(source): text = source
  }
  let (parsed, diagnostics) = parseModule(text, path: path)
  guard let module = parsed, !diagnostics.contains(where: { $0.severity == .error }) else {
    return JobResult(output: "", diagnostics: diagnostics)
  }
  return finish(module, diagnostics: diagnostics, kernel: kernel, printLocations: printLocations, passes: passes)
}

private func finish(
  _ module: Module, diagnostics: [Diagnostic], kernel: String?, printLocations: Bool, passes: PipelineOptions
) -> JobResult {
  var diagnostics = diagnostics
  // Checked by the caller before reading the input.
  let pipeline = try? passes.parsed().get()
  var report = ""
  if passes.dumpPipeline, let pipeline { report += "// pipeline: \(pipeline.description)\n" }
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
  var problems = verify(module)
  if timing { FileHandle.standardError.write(Data("verify: \(Int(Date().timeIntervalSince(clock) * 1000)) ms\n".utf8)) }
  if let pipeline, problems.isEmpty, !diagnostics.contains(where: { $0.severity == .error }) {
    var instrumentation = passes.instrumentation
    instrumentation.printLocations = instrumentation.printLocations || printLocations
    let run = PassManager(pipeline: pipeline, instrumentation: instrumentation).run(on: module)
    diagnostics += run.diagnostics
    report += run.report
    if run.stopped { return JobResult(output: "", diagnostics: diagnostics, report: report) }
    problems = verify(module)
  }
  clock = Date()
  diagnostics += problems
  let output = problems.isEmpty || module.functions.isEmpty ? printModule(module, options: PrintOptions(printLocations: printLocations)) : ""
  if timing { FileHandle.standardError.write(Data("print: \(Int(Date().timeIntervalSince(clock) * 1000)) ms\n".utf8)) }
  return JobResult(output: output, diagnostics: diagnostics, report: report)
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
