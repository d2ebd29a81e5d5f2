// `kport report`: what a port will cost on the chip, estimated from the interpreter's execution
// of the port and priced by the cost model on a machine description (docs/cost-model.md); the
// CUDA kernel gets the same on the A100, so a report reads "A100 x µs → MLU370-X8 y µs".
// Exit status: as `kport verify` (0 reported, 1 could not translate, 2 usage, 3 a side faulted);
// results that differ are reported with a warning, the estimate stands.

import Cost
import Frontend
import Foundation
import Interpreter
import KIR
import Passes
import Targets

/// Options of `kport report`.
public struct ReportOptions: Sendable {
  public var verify: VerifyOptions
  /// The machine of the port; nil: the target's default (mlu370-x8, ascend910b2).
  public var machine: String?
  /// The machine of the CUDA kernel.
  public var cudaMachine: String
  public var machineFiles: [String]

  public init(verify: VerifyOptions, machine: String? = nil, cudaMachine: String = "a100", machineFiles: [String] = []) {
    self.verify = verify
    self.machine = machine
    self.cudaMachine = cudaMachine
    self.machineFiles = machineFiles
  }
}

/// The estimated share of one source line in a launch's time.
public struct LineCost: Hashable, Sendable {
  /// The source file, as the profile names it, and the line in it.
  public var file: String
  public var number: Int
  /// `file.cu:LINE`, the file by its last path component (as the port's comments name it).
  public var line: String { "\(file.split(separator: "/").last.map(String.init) ?? file):\(number)" }
  /// The line's part of the estimate, in seconds.
  public var seconds: Double
  /// The line's part of the kernel's time outside launch overhead, in 0...1.
  public var share: Double
}

/// The on-chip memory a port declares, against the machine's buffer.
public struct OnChipUse: Hashable, Sendable {
  /// The machine's buffer (`nram`, `ub`).
  public var memory: String
  public var sharedBytes: Int
  public var arrayBytes: Int
  /// The bytes a kernel may use (the buffer's size minus its reserve).
  public var capacity: Int

  public var bytes: Int { sharedBytes + arrayBytes }
}

/// Bytes moved per memory level.
public struct LevelBytes: Hashable, Sendable {
  /// Off-chip: global and constant memory.
  public var offChipRead = 0
  public var offChipWritten = 0
  /// On-chip shared buffers.
  public var onChipRead = 0
  public var onChipWritten = 0
  /// Locals (registers, per-thread arrays).
  public var localRead = 0
  public var localWritten = 0

  init(_ profile: LineProfile) {
    offChipRead = (profile.bytesLoaded[.global] ?? 0) + (profile.bytesLoaded[.constant] ?? 0)
    offChipWritten = profile.bytesStored[.global] ?? 0
    onChipRead = profile.bytesLoaded[.shared] ?? 0
    onChipWritten = profile.bytesStored[.shared] ?? 0
    localRead = profile.bytesLoaded[.local] ?? 0
    localWritten = profile.bytesStored[.local] ?? 0
  }
}

/// The estimate of one launch: the port on its machine and the CUDA kernel on the A100.
public struct LaunchCost: Sendable {
  public var launch: String
  public var kernel: String
  public var target: TargetKind
  public var port: CostEstimate
  public var cuda: CostEstimate
  public var portWork: WorkProfile
  public var cudaWork: WorkProfile
  /// The port's bytes per memory level.
  public var bytes: LevelBytes
  public var operations: [OperationClass: Int]
  /// The port's time per source line, costliest first.
  public var lines: [LineCost]
  /// The CUDA kernel's time per source line on its machine, costliest first.
  public var cudaLines: [LineCost]
  /// The on-chip memory the port declares; nil when the machine names no such buffer.
  public var onChip: OnChipUse?
}

/// The machine files of a report, for its provenance line.
public struct ReportMachines: Sendable {
  public var port: Machine
  public var cuda: Machine
}

/// What `kport report` found.
public struct CostReportResult: Sendable {
  public var launches: [LaunchCost] = []
  public var diagnostics: [Diagnostic] = []
  public var exitStatus: Int32 = 0
  /// The machines priced on (nil when the report stopped before choosing them).
  public var machines: ReportMachines?
}

/// The default machine of a target.
public func defaultMachine(for target: TargetKind) -> String {
  target == .bang ? "mlu370-x8" : "ascend910b2"
}

/// The machines `options` names; nil with the result that says why not (exit status 1 for a bad
/// machine file, 2 for an unknown name).
public func reportMachines(_ options: ReportOptions) -> (machines: ReportMachines?, failure: CostReportResult) {
  var failed = CostReportResult()
  let (catalog, machineDiagnostics) = MachineCatalog.bundled(extendedWith: options.machineFiles)
  failed.diagnostics = machineDiagnostics
  if machineDiagnostics.contains(where: { $0.severity == .error }) {
    failed.exitStatus = 1
    return (nil, failed)
  }
  let portName = options.machine ?? defaultMachine(for: options.verify.target)
  switch (catalog.machine(named: portName), catalog.machine(named: options.cudaMachine)) {
  case let (.success(port), .success(cuda)):
    return (ReportMachines(port: port, cuda: cuda), failed)
  case let (.failure(problem), _), let (_, .failure(problem)):
    failed.diagnostics.append(problem)
    failed.exitStatus = 2
    return (nil, failed)
  }
}

/// Runs the CUDA kernel and its port and prices both.
public func costReport(path: String, options: ReportOptions) -> CostReportResult {
  // The machines first: a bad name or file stops the report before anything runs.
  let (found, failure) = reportMachines(options)
  guard let machines = found else { return failure }
  let verification = verifyLaunches(path: path, options: options.verify)
  return price(verification, on: machines, machineDiagnostics: failure.diagnostics, options: options)
}

/// Prices a verification's runs (`kport verify --report` reuses them).
public func costReport(pricing verification: VerifyResult, options: ReportOptions) -> CostReportResult {
  let (found, failure) = reportMachines(options)
  guard let machines = found else { return failure }
  return price(verification, on: machines, machineDiagnostics: failure.diagnostics, options: options)
}

/// The report of `verification` on `machines`, after the machine files' warnings.
private func price(
  _ verification: VerifyResult, on machines: ReportMachines, machineDiagnostics: [Diagnostic], options: ReportOptions
) -> CostReportResult {
  var result = CostReportResult()
  result.diagnostics = machineDiagnostics
  result.machines = machines
  result.diagnostics += verification.diagnostics
  if verification.exitStatus != 0 && verification.exitStatus != 4 {
    result.exitStatus = verification.exitStatus
    return result
  }
  if verification.exitStatus == 4 {
    result.diagnostics.append(
      .warning(.portResultsDiffer, "the port's results differ from the CUDA kernel's (see kport verify); the estimate is of the port as it is", at: .unknown))
  }
  let target = options.verify.target
  for (cuda, port) in zip(verification.reference, verification.port) {
    let portTasks = port.configuration.grid.count
    let cudaBlocks = cuda.configuration.grid.count
    let portWork = portWorkProfile(port.profile.total, tasks: portTasks)
    let portEstimate = CostModel.estimate(portWork, on: machines.port)
    let cudaWork = cudaWorkProfile(cuda.profile.total, tasks: cudaBlocks)
    let cudaEstimate = CostModel.estimate(cudaWork, on: machines.cuda)
    result.launches.append(
      LaunchCost(
        launch: port.launch, kernel: port.kernel, target: target, port: portEstimate, cuda: cudaEstimate,
        portWork: portWork, cudaWork: cudaWork, bytes: LevelBytes(port.profile.total), operations: port.profile.operations,
        lines: lineCosts(port.profile, estimate: portEstimate, machine: machines.port) { portWorkProfile($0, tasks: portTasks) },
        cudaLines: lineCosts(cuda.profile, estimate: cudaEstimate, machine: machines.cuda) { cudaWorkProfile($0, tasks: cudaBlocks) },
        onChip: onChipUse(port.onChip, target: target, machine: machines.port)))
  }
  return result
}

/// The port's footprint against the machine's buffer for the target's on-chip memory.
func onChipUse(_ footprint: OnChipFootprint?, target: TargetKind, machine: Machine) -> OnChipUse? {
  guard let footprint, let buffer = machine.buffer(target == .bang ? "nram" : "ub") else { return nil }
  return OnChipUse(memory: buffer.space, sharedBytes: footprint.sharedBytes, arrayBytes: footprint.arrayBytes, capacity: buffer.usable)
}

/// Each source line's part of `estimate`: every line's work priced alone (its pipes summed, no
/// launch overhead), and the estimate's time outside the launch overhead shared in proportion.
func lineCosts(
  _ profile: ExecutionProfile, estimate: CostEstimate, machine: Machine, work: (LineProfile) -> WorkProfile
) -> [LineCost] {
  var raw: [(file: String, number: Int, seconds: Double)] = []
  for (key, counts) in profile.lines {
    // Keys are `path:line`; ops without a source position (`<unknown>`) are left out.
    guard let colon = key.lastIndex(of: ":"), let number = Int(key[key.index(after: colon)...]) else { continue }
    let alone = CostModel.estimate(work(counts), on: machine).breakdown
    let seconds = alone.compute + alone.memory + alone.sync
    if seconds > 0 { raw.append((String(key[..<colon]), number, seconds)) }
  }
  raw.sort { ($0.file, $0.number) < ($1.file, $1.number) }
  let total = raw.reduce(0) { $0 + $1.seconds }
  guard total > 0 else { return [] }
  let body = max(0, estimate.seconds - estimate.breakdown.launch)
  return raw.map { LineCost(file: $0.file, number: $0.number, seconds: body * $0.seconds / total, share: $0.seconds / total) }
    .sorted { $0.share != $1.share ? $0.share > $1.share : ($0.file, $0.number) < ($1.file, $1.number) }
}

/// The port's work: scalar ops on the scalar unit, off-chip memory reached one access at a
/// time by scalar loads and stores and in whole tiles by DMA, vector ops on the vector unit.
func portWorkProfile(_ profile: LineProfile, tasks: Int) -> WorkProfile {
  let ops = profile.operations
  func count(_ opClass: OperationClass) -> Int { ops[opClass] ?? 0 }
  var scalar: [ScalarOpClass: Int] = [:]
  scalar[.add] = count(.integerArithmetic) + count(.floatArithmetic) + count(.conversion) + count(.other) + count(.warp)
  scalar[.special] = count(.math)
  scalar[.load] = count(.memory) + 2 * count(.atomic)
  scalar[.branch] = count(.control)
  let bytes = LevelBytes(profile)
  let offChipAccesses = (profile.loads[.global] ?? 0) + (profile.loads[.constant] ?? 0) + (profile.stores[.global] ?? 0)
  // DMA moves its bytes with no lane accesses (Interpreter/TargetOps.swift): the off-chip
  // accesses left are the scalar ones.
  return WorkProfile(
    scalarOps: scalar, offChipBytesRead: bytes.offChipRead, offChipBytesWritten: bytes.offChipWritten,
    scalarOffChipAccesses: offChipAccesses, dmaTransfers: count(.dma), vectorBytes: [.arith: profile.vectorBytes],
    floatingPointOperations: count(.floatArithmetic) + count(.math) + profile.vectorBytes / 4,
    synchronisations: count(.barrier), tasks: tasks)
}

/// The CUDA kernel's work on a GPU: each thread's op is one lane of a SIMT instruction (4-byte
/// lanes of the vector rate), loads are coalesced (priced at bandwidth), warps hide latency.
func cudaWorkProfile(_ profile: LineProfile, tasks: Int) -> WorkProfile {
  let ops = profile.operations
  func count(_ opClass: OperationClass) -> Int { ops[opClass] ?? 0 }
  let laneOps =
    count(.integerArithmetic) + count(.floatArithmetic) + count(.conversion) + count(.memory) + count(.control)
    + count(.other) + count(.warp) + count(.atomic)
  let bytes = LevelBytes(profile)
  return WorkProfile(
    offChipBytesRead: bytes.offChipRead, offChipBytesWritten: bytes.offChipWritten,
    vectorBytes: [.arith: 4 * laneOps, .special: 4 * count(.math)],
    floatingPointOperations: count(.floatArithmetic) + count(.math), synchronisations: profile.barriers,
    tasks: tasks, overlapsTransfers: true)
}

/// The CUDA text and, for an HTML report without one, the port `kport convert` writes.
public func reportSources(
  path: String, format: ReportFormat, options: ReportOptions, portText: String? = nil
) -> ReportSources {
  guard format == .html else { return ReportSources(cudaPath: path) }
  let cudaText = try? String(contentsOfFile: path, encoding: .utf8)
  var port = portText
  if port == nil {
    // The port's diagnostics were reported when it was verified; here only its text is wanted.
    let converted = convert(
      path: path,
      options: ConvertOptions(
        target: options.verify.target, frontend: FrontendOptions(clangArguments: options.verify.run.frontend.clangArguments),
        ruleFiles: options.verify.ruleFiles, pipeline: options.verify.pipeline))
    port = converted.text
  }
  return ReportSources(cudaPath: path, cudaText: cudaText, portText: port)
}

/// Writes `result` to `path` (`--report FILE`) in the form its extension names, atomically.
public func writeCostReport(_ result: CostReportResult, to path: String, sources: ReportSources) -> Diagnostic? {
  writeAtomically(renderCostReport(result, format: ReportFormat(forPath: path), sources: sources), to: path)
}
