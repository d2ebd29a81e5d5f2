// `kport run`: launch specs -> buffers -> the reference interpreter -> findings and buffers.
// Exit status: 0 ran with no error finding, 1 the input has errors, 2 usage error, 3 the kernel
// faulted (an error-severity sanitizer finding, or a limit hit).
import Foundation
import Frontend
import Interpreter
import KIR
import Passes

/// Options of a run.
public struct RunOptions: Sendable {
  /// A launch given on the command line; nil to use the specs in the file or its sidecar.
  public var commandLineSpec: LaunchSpec?
  /// Run only the launch of this name.
  public var launchName: String?
  public var limits: ExecutionLimits
  public var workerThreads: Int
  public var frontend: FrontendOptions
  /// `--seed`: replaces every launch's seed (added to each rand/randn SEED).
  public var seed: UInt64?
  /// A pass pipeline run over the module before the launches (`--pipeline`).
  public var pipeline: String?
  /// Tasks an SPMD-level kernel runs as (`--tasks`; at most one per block).
  public var tasks: Int = 16
  /// Called with the module after the pipeline, before any launch; error diagnostics it returns
  /// stop the run with exit status 1 (`kport verify` emits the port here).
  public var inspectModule: (@Sendable (Module) -> [Diagnostic])?
  /// The file whose `// kport-launch` lines (or sidecar) give the launches, and whose directory
  /// their data files are found from; nil: the file run. (`kport batch` runs a ported header's
  /// launches in the translation unit it is ported in.)
  public var specificationPath: String?

  public init(
    commandLineSpec: LaunchSpec? = nil, launchName: String? = nil, limits: ExecutionLimits = ExecutionLimits(),
    workerThreads: Int = 1, frontend: FrontendOptions = FrontendOptions(recordsHost: false), seed: UInt64? = nil,
    pipeline: String? = nil
  ) {
    self.seed = seed
    self.pipeline = pipeline
    self.commandLineSpec = commandLineSpec
    self.launchName = launchName
    self.limits = limits
    self.workerThreads = workerThreads
    self.frontend = frontend
  }
}

/// A pointer argument's buffer before and after the launch.
public struct BufferOutcome: Sendable {
  public var name: String
  public var type: ElementType
  public var count: Int
  public var initial: [UInt8]
  public var final: [UInt8]
}

/// What one launch did.
public struct LaunchOutcome: Sendable {
  public var launch: String
  public var kernel: String
  public var configuration: LaunchConfiguration
  public var findings: [Finding]
  /// The pointer arguments, in parameter order.
  public var buffers: [BufferOutcome]
  /// Every argument in the kernel's parameter order, as the spec gave it.
  public var arguments: [(name: String, value: ArgumentSpec)]
  /// The `--symbol` globals as filled before the launch (initial = final = the filled bytes).
  public var symbols: [BufferOutcome]
  public var profile: ExecutionProfile
  /// Wall time of the launch in the interpreter (not parsing or input generation).
  public var seconds: Double
  /// The on-chip memory the kernel declares, for a kernel at the SPMD level.
  public var onChip: OnChipFootprint? = nil
}

/// What a run did, with its exit status.
public struct RunResult: Sendable {
  public var outcomes: [LaunchOutcome] = []
  public var diagnostics: [Diagnostic] = []
  /// 0, 1, 2 or 3 as documented above.
  public var exitStatus: Int32 = 0
}

/// The sidecar launch file of a source: same directory and stem, extension `.launch`.
public func sidecarPath(for path: String) -> String {
  URL(fileURLWithPath: path).deletingPathExtension().appendingPathExtension("launch").path
}

/// The launch specs of a file: its `// kport-launch` lines, else its sidecar `.launch` file;
/// empty when it has neither; a located KP4020 when one is malformed.
public func fileLaunchSpecs(path: String, text: String) -> Result<[LaunchSpec], Diagnostic> {
  do {
    var specs = try launchSpecs(inSource: text)
    if specs.isEmpty, let sidecar = try? String(contentsOfFile: sidecarPath(for: path), encoding: .utf8) {
      specs = try launchSpecs(inSidecar: sidecar)
    }
    return .success(specs)
  } catch let error as LaunchSpecError {
    let location: Location = error.line.map { .file(path: path, line: $0, column: 1) } ?? .unknown
    return .failure(.error(.badLaunchSpec, error.message, at: location))
  } catch {
    return .failure(.error(.badLaunchSpec, "\(error)", at: .unknown))
  }
}

/// Runs the launches of a CUDA (or KIR) file.
public func runLaunches(path: String, options: RunOptions) -> RunResult {
  var result = RunResult()
  let pipeline: PassPipeline?
  switch PipelineOptions(pipeline: options.pipeline).parsed() {
  case let .failure(problem): return RunResult(diagnostics: [problem], exitStatus: 2)
  case let .success(parsed): pipeline = parsed
  }
  let text: String
  switch readSource(path) {
  case let .failure(diagnostic):
    return RunResult(diagnostics: [diagnostic], exitStatus: 1)
  case let .success(source):
    text = source
  }
  var specs: [LaunchSpec]
  let specificationPath = options.specificationPath ?? path
  if let spec = options.commandLineSpec {
    specs = [spec]
  } else {
    var specificationText = text
    if specificationPath != path {
      switch readSource(specificationPath) {
      case let .failure(diagnostic): return RunResult(diagnostics: [diagnostic], exitStatus: 1)
      case let .success(source): specificationText = source
      }
    }
    switch fileLaunchSpecs(path: specificationPath, text: specificationText) {
    case let .failure(problem): return RunResult(diagnostics: [problem], exitStatus: 1)
    case let .success(found): specs = found
    }
    if specs.isEmpty {
      return RunResult(
        diagnostics: [.error(.badLaunchSpec, "no launch spec: give --kernel, --grid, --block and --arg, or add '// kport-launch NAME: ...' lines", at: .unknown)],
        exitStatus: 2)
    }
  }
  if let name = options.launchName {
    specs = specs.filter { $0.name == name }
    if specs.isEmpty {
      return RunResult(diagnostics: [.error(.badLaunchSpec, "no launch named '\(name)'", at: .unknown)], exitStatus: 2)
    }
  }
  if let seed = options.seed {
    for index in specs.indices { specs[index].seed = seed }
  }
  guard let module = loadModule(path: path, text: text, options: options, into: &result) else {
    result.exitStatus = 1
    return result
  }
  if let pipeline {
    let run = PassManager(pipeline: pipeline).run(on: module)
    result.diagnostics += run.diagnostics
    if run.stopped || run.diagnostics.contains(where: { $0.severity == .error }) {
      result.exitStatus = 1
      return result
    }
  }
  if let inspectModule = options.inspectModule {
    let problems = inspectModule(module)
    result.diagnostics += problems
    if problems.contains(where: { $0.severity == .error }) {
      result.exitStatus = 1
      return result
    }
  }
  let memory = DeviceMemory()
  let interpreter = Interpreter(module: module, limits: options.limits, workerThreads: options.workerThreads)
  let baseDirectory = URL(fileURLWithPath: specificationPath).deletingLastPathComponent().path
  for spec in specs {
    do {
      let outcome = try run(
        spec, module: module, interpreter: interpreter, memory: memory, baseDirectory: baseDirectory, tasks: options.tasks)
      result.outcomes.append(outcome)
      result.diagnostics += outcome.findings.map(diagnostic(for:))
    } catch let error as LaunchSpecError {
      result.diagnostics.append(.error(.badLaunchSpec, "launch '\(spec.name)': \(error.message)", at: .unknown))
      result.exitStatus = max(result.exitStatus, 1)
    } catch {
      result.diagnostics.append(.error(.badLaunchSpec, "launch '\(spec.name)': \(error)", at: .unknown))
      result.exitStatus = max(result.exitStatus, 1)
    }
  }
  if result.outcomes.contains(where: { $0.findings.contains { $0.severity == .error } }) {
    result.exitStatus = 3
  }
  return result
}

private func loadModule(path: String, text: String, options: RunOptions, into result: inout RunResult) -> Module? {
  if path.hasSuffix(".kir") {
    let (module, diagnostics) = parseModule(text, path: path)
    result.diagnostics += diagnostics
    return diagnostics.contains { $0.severity == .error } ? nil : module
  }
  let translated = CUDAFrontend.translate(path: path, options: options.frontend)
  result.diagnostics += translated.diagnostics
  guard let module = translated.module else { return nil }
  let problems = verify(module)
  result.diagnostics += problems
  return problems.isEmpty ? module : nil
}

/// A finding as a diagnostic with its catalog ID.
func diagnostic(for finding: Finding) -> Diagnostic {
  let id: DiagnosticID
  switch finding.kind {
  case .outOfBounds: id = .outOfBounds
  case .unallocated: id = .unallocatedAccess
  case .uninitializedRead: id = .uninitializedRead
  case .sharedRace: id = .sharedRace
  case .globalRace: id = .globalRace
  case .barrierDivergence: id = .barrierDivergence
  case .inactiveLaneShuffle: id = .inactiveLaneShuffle
  case .divisionByZero: id = .divisionByZero
  case .misaligned: id = .misalignedOperand
  case .pipeHazard: id = .pipeHazard
  case .trap: id = .kernelTrap
  case .stepLimit, .timeLimit, .memoryLimit: id = .executionLimit
  }
  return Diagnostic(finding.severity, id, finding.message, at: finding.location)
}
