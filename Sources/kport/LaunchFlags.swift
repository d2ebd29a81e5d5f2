// The launch flags `kport run` and `kport verify` share: which launch, its grid, block and
// arguments (grammars/launch-spec.ebnf), limits, worker threads and buffer dumps.
import ArgumentParser
import Driver
import Foundation
import Interpreter

struct LaunchFlags: ParsableArguments {
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

  @Option(help: "Write every pointer argument after the run as DIR/NAME.npy.")
  var dump: String?

  @Option(name: .customLong("max-steps"), help: "Stop after this many lane-op executions.")
  var maxSteps: Int?

  @Option(name: .customLong("max-seconds"), help: "Stop a launch after this many seconds of wall time.")
  var maxSeconds: Double?

  @Option(help: "Worker threads for blocks (results do not depend on it).")
  var threads: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: "Tasks a kernel lowered to the SPMD level runs as, at most one per block (default: 16 for run, the target's core count for verify).")
  var tasks: Int?

  func validate() throws {
    if threads < 1 { throw ValidationError("--threads must be at least 1") }
    if let tasks, tasks < 1 { throw ValidationError("--tasks must be at least 1") }
  }

  /// The launch given by flags, or nil when none of the launch flags is present.
  func commandLineSpec() throws -> LaunchSpec? {
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

  /// The run options these flags give (frontend and pipeline left to the command).
  func runOptions() throws -> RunOptions {
    var limits = ExecutionLimits()
    if let maxSteps { limits.maxSteps = maxSteps }
    if let maxSeconds { limits.maxWallSeconds = maxSeconds }
    var options = RunOptions(
      commandLineSpec: try commandLineSpec(), launchName: launch, limits: limits, workerThreads: threads, seed: seed)
    options.tasks = tasks ?? 16
    return options
  }
}
