// `kport report`: what a port will cost on the chip, estimated from the interpreter's execution
// of the port and priced by the cost model on a machine description (docs/cost-model.md); the
// CUDA kernel gets the same on the A100, so a report reads "A100 x µs → MLU370-X8 y µs".
// Exit status: as `kport verify` (0 reported, 1 could not translate, 2 usage, 3 a side faulted);
// results that differ are reported with a warning, the estimate stands.

import Cost
import Foundation
import Interpreter
import KIR
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

/// The estimate of one launch: the port on its machine and the CUDA kernel on the A100.
public struct LaunchCost: Sendable {
  public var launch: String
  public var kernel: String
  public var target: TargetKind
  public var port: CostEstimate
  public var cuda: CostEstimate
  public var portWork: WorkProfile
  public var offChipBytesRead: Int
  public var offChipBytesWritten: Int
  public var operations: [OperationClass: Int]
}

/// What `kport report` found.
public struct CostReportResult: Sendable {
  public var launches: [LaunchCost] = []
  public var diagnostics: [Diagnostic] = []
  public var exitStatus: Int32 = 0
}

/// The default machine of a target.
public func defaultMachine(for target: TargetKind) -> String {
  target == .bang ? "mlu370-x8" : "ascend910b2"
}

/// Runs the CUDA kernel and its port and prices both.
public func costReport(path: String, options: ReportOptions) -> CostReportResult {
  var result = CostReportResult()
  let (catalog, machineDiagnostics) = MachineCatalog.bundled(extendedWith: options.machineFiles)
  result.diagnostics += machineDiagnostics
  if machineDiagnostics.contains(where: { $0.severity == .error }) {
    result.exitStatus = 1
    return result
  }
  let target = options.verify.target
  let portMachine: Machine
  let cudaMachine: Machine
  switch (catalog.machine(named: options.machine ?? defaultMachine(for: target)), catalog.machine(named: options.cudaMachine)) {
  case let (.success(port), .success(cuda)):
    portMachine = port
    cudaMachine = cuda
  case let (.failure(problem), _), let (_, .failure(problem)):
    result.diagnostics.append(problem)
    result.exitStatus = 2
    return result
  }
  let verification = verifyLaunches(path: path, options: options.verify)
  result.diagnostics += verification.diagnostics
  if verification.exitStatus != 0 && verification.exitStatus != 4 {
    result.exitStatus = verification.exitStatus
    return result
  }
  if verification.exitStatus == 4 {
    result.diagnostics.append(
      .warning(.portResultsDiffer, "the port's results differ from the CUDA kernel's (see kport verify); the estimate is of the port as it is", at: .unknown))
  }
  for (cuda, port) in zip(verification.reference, verification.port) {
    let portWork = portWorkProfile(port)
    let cudaWork = cudaWorkProfile(cuda)
    let profile = port.profile
    result.launches.append(
      LaunchCost(
        launch: port.launch, kernel: port.kernel, target: target,
        port: CostModel.estimate(portWork, on: portMachine), cuda: CostModel.estimate(cudaWork, on: cudaMachine),
        portWork: portWork,
        offChipBytesRead: (profile.bytesLoaded[.global] ?? 0) + (profile.bytesLoaded[.constant] ?? 0),
        offChipBytesWritten: profile.bytesStored[.global] ?? 0, operations: profile.operations))
  }
  return result
}

/// The port's work: the scalar form runs every op on the scalar unit and reaches off-chip memory
/// one access at a time.
func portWorkProfile(_ outcome: LaunchOutcome) -> WorkProfile {
  let profile = outcome.profile
  let ops = profile.operations
  func count(_ opClass: OperationClass) -> Int { ops[opClass] ?? 0 }
  var scalar: [ScalarOpClass: Int] = [:]
  scalar[.add] = count(.integerArithmetic) + count(.floatArithmetic) + count(.conversion) + count(.other) + count(.warp)
  scalar[.special] = count(.math)
  scalar[.load] = count(.memory) + 2 * count(.atomic)
  scalar[.branch] = count(.control)
  let offChipAccesses =
    (profile.total.loads[.global] ?? 0) + (profile.total.loads[.constant] ?? 0) + (profile.total.stores[.global] ?? 0)
  return WorkProfile(
    scalarOps: scalar,
    offChipBytesRead: (profile.bytesLoaded[.global] ?? 0) + (profile.bytesLoaded[.constant] ?? 0),
    offChipBytesWritten: profile.bytesStored[.global] ?? 0, scalarOffChipAccesses: offChipAccesses,
    floatingPointOperations: count(.floatArithmetic) + count(.math), tasks: outcome.configuration.grid.count)
}

/// The CUDA kernel's work on a GPU: each thread's op is one lane of a SIMT instruction (4-byte
/// lanes of the vector rate), loads are coalesced (priced at bandwidth), warps hide latency.
func cudaWorkProfile(_ outcome: LaunchOutcome) -> WorkProfile {
  let profile = outcome.profile
  let ops = profile.operations
  func count(_ opClass: OperationClass) -> Int { ops[opClass] ?? 0 }
  let laneOps =
    count(.integerArithmetic) + count(.floatArithmetic) + count(.conversion) + count(.memory) + count(.control)
    + count(.other) + count(.warp) + count(.atomic)
  return WorkProfile(
    offChipBytesRead: (profile.bytesLoaded[.global] ?? 0) + (profile.bytesLoaded[.constant] ?? 0),
    offChipBytesWritten: profile.bytesStored[.global] ?? 0,
    vectorBytes: [.arith: 4 * laneOps, .special: 4 * count(.math)],
    floatingPointOperations: count(.floatArithmetic) + count(.math), synchronisations: profile.barriers,
    tasks: outcome.configuration.grid.count, overlapsTransfers: true)
}
