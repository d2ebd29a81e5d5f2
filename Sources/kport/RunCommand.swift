// `kport run`: execute kernels in the reference interpreter with sanitizers.
import ArgumentParser
import Driver
import Foundation
import Frontend
import Interpreter
import KIR

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Run kernels on the CPU in kport's reference interpreter, with sanitizers.",
    discussion: """
      Launches come from the command line (--kernel, --grid, --block, --shared, --arg, --symbol, \
      --seed), or else from the file's `// kport-launch NAME: ...` lines, or else from a sidecar \
      file NAME.launch beside it (grammars/launch-spec.ebnf). Without --dump, a summary of every \
      buffer is printed. Exit status: 0 ran clean, 1 the input has errors, 2 usage error, \
      3 the kernel faulted (an error finding or a limit hit).
      """)

  @Argument(help: "The CUDA source (.cu) or KIR (.kir) file.")
  var file: String

  @Option(help: "Run only the launch of this name (from the file's specs).")
  var launch: String?

  @Option(help: "The kernel to launch (template instantiations as 'name<float, 256>').")
  var kernel: String?

  @Option(help: "Grid size X[,Y[,Z]].")
  var grid: String?

  @Option(help: "Block size X[,Y[,Z]].")
  var block: String?

  @Option(help: "Dynamic shared memory in bytes.")
  var shared: Int?

  @Option(name: .customLong("arg"), help: "NAME=VALUE: a literal, TYPE[LEN]:INIT or {fields}. Repeat per parameter.")
  var arguments: [String] = []

  @Option(name: .customLong("symbol"), help: "NAME=TYPE[LEN]:INIT: fill a __constant__/__device__ array first.")
  var symbols: [String] = []

  @Option(help: "Added to every rand/randn seed.")
  var seed: UInt64?

  @Option(name: .customLong("pipeline"), help: ArgumentHelp("Run these passes over the kernels before launching (see 'kport passes').", valueName: "PIPELINE"))
  var pipeline: String?

  @Option(help: "Write every pointer argument after the run as DIR/NAME.npy.")
  var dump: String?

  @Option(name: .customLong("max-steps"), help: "Stop after this many lane-op executions.")
  var maxSteps: Int?

  @Option(name: .customLong("max-seconds"), help: "Stop a launch after this many seconds of wall time.")
  var maxSeconds: Double?

  @Option(help: "Worker threads for blocks (results do not depend on it).")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(name: .customLong("format"), help: "Diagnostics format: text or json.")
  var format: DiagnosticFormat = .text

  @Argument(parsing: .allUnrecognized, help: "Clang flags: -I, -D, -U, -std=, -include, -isystem.")
  var clangFlags: [String] = []

  func validate() throws {
    _ = try checkedClangFlags(clangFlags)
    if threads < 1 { throw ValidationError("--threads must be at least 1") }
  }

  /// The launch given by flags, or nil when none of the launch flags is present.
  private func commandLineSpec() throws -> LaunchSpec? {
    guard kernel != nil || grid != nil || block != nil || !arguments.isEmpty || !symbols.isEmpty else { return nil }
    var words: [String] = []
    if let kernel { words += ["--kernel", kernel] }
    if let grid { words += ["--grid", grid] }
    if let block { words += ["--block", block] }
    if let shared { words += ["--shared", String(shared)] }
    for argument in arguments { words += ["--arg", argument] }
    for symbol in symbols { words += ["--symbol", symbol] }
    var spec = LaunchSpec(name: "command-line")
    do { try spec.apply(flags: words) } catch let error as LaunchSpecError { throw ValidationError(error.message) }
    return spec
  }

  func run() throws {
    var limits = ExecutionLimits()
    if let maxSteps { limits.maxSteps = maxSteps }
    if let maxSeconds { limits.maxWallSeconds = maxSeconds }
    let options = RunOptions(
      commandLineSpec: try commandLineSpec(), launchName: launch, limits: limits, workerThreads: threads,
      frontend: FrontendOptions(clangArguments: try checkedClangFlags(clangFlags), recordsHost: false), seed: seed,
      pipeline: pipeline)
    let result = runLaunches(path: file, options: options)
    var diagnostics = result.diagnostics
    if let dump {
      diagnostics += dumpBuffers(result.outcomes, to: dump)
    } else {
      FileHandle.standardOutput.write(Data(runSummary(result.outcomes).utf8))
    }
    printDiagnostics(diagnostics, format: format)
    var status = result.exitStatus
    if status == 0 && diagnostics.contains(where: { $0.severity == .error }) { status = 1 }
    if status != 0 { throw ExitCode(status) }
  }
}
