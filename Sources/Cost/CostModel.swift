// The cost model: a launch's work (WorkProfile) priced on a machine. Every figure is an
// estimate from the machine file's parameters (their sources and uncertainty are in the file);
// docs/cost-model.md gives the formulas.
//
//   cores      = min(tasks, the machine's vector cores), at least 1
//   scalar     = Σ ops(class) × scalar.cycles(class) / clock / cores
//   dma in/out = max(bytes / off-chip bandwidth,
//                    (scalar accesses × scalar.global + transfers × dma.overhead) / cores),
//                split between reads and writes by their share of the bytes
//   vector     = Σ bytes(class) / (bytes per cycle(class) × clock) / cores
//   tensor     = tensor operations / tensor peak(type)
//   sync       = synchronisations × sync.pipe / cores
//   launch     = launch.overhead + launch.per_core × cores
//   estimate   = launch + sync + (overlapping pipes: max(dma, compute); else dma + compute),
//                compute = scalar + vector + tensor
//   bound      = memory when dma ≥ 80 % of the estimate, compute when compute ≥ 80 %, else
//                latency (launch, sync and per-access latency dominate, or nothing does)
//   floor      = max(off-chip bytes / bandwidth, floating-point ops / peak rate): the roofline's
//                lower bound on the time at peak

/// Where an estimated time goes, in seconds.
public struct CostBreakdown: Hashable, Sendable {
  public var dmaIn: Double = 0
  public var dmaOut: Double = 0
  public var vector: Double = 0
  public var tensor: Double = 0
  public var scalar: Double = 0
  public var sync: Double = 0
  public var launch: Double = 0

  public var compute: Double { vector + tensor + scalar }
  public var memory: Double { dmaIn + dmaOut }
}

/// What limits a kernel.
public enum CostBound: String, Hashable, Sendable {
  case compute, memory, latency
}

/// The model's estimate for one launch on one machine.
public struct CostEstimate: Hashable, Sendable {
  public var machine: String
  public var seconds: Double
  public var breakdown: CostBreakdown
  public var bound: CostBound
  /// The roofline floor: the time at peak bandwidth or peak compute, whichever is longer.
  public var rooflineFloorSeconds: Double
  /// floor / estimate, in 0...1.
  public var fractionOfFloor: Double
  /// Floating-point operations per off-chip byte.
  public var arithmeticIntensity: Double
  /// The cores the launch uses.
  public var cores: Int
}

public enum CostModel {
  /// The share of the estimate a pipe needs to be the bound (the roofline view's 80 % rule).
  public static let boundShare = 0.8

  /// Prices `work` on `machine`.
  public static func estimate(_ work: WorkProfile, on machine: Machine) -> CostEstimate {
    let clock = max(machine.compute.clock, 1)
    let cores = max(1, min(work.tasks, max(1, machine.compute.vectorCores)))
    var breakdown = CostBreakdown()

    var scalarCycles = 0.0
    // (Summed in case order: a dictionary's order changes between runs, and so would the last bit.)
    for opClass in ScalarOpClass.allCases {
      guard let count = work.scalarOps[opClass] else { continue }
      scalarCycles += Double(count) * machine.scalar.cycles(opClass)
    }
    breakdown.scalar = scalarCycles / clock / Double(cores)

    let bytes = Double(work.offChipBytesRead + work.offChipBytesWritten)
    let bandwidthTime = bytes / max(machine.offChip.bandwidth, 1)
    let accessTime =
      (Double(work.scalarOffChipAccesses) * machine.seconds(machine.scalar.global)
        + Double(work.dmaTransfers) * machine.seconds(machine.dma.overhead)) / Double(cores)
    let memory = max(bandwidthTime, accessTime)
    let readShare = bytes > 0 ? Double(work.offChipBytesRead) / bytes : 0.5
    breakdown.dmaIn = memory * readShare
    breakdown.dmaOut = memory - breakdown.dmaIn

    var vectorCycles = 0.0
    for opClass in VectorOpClass.allCases {
      guard let count = work.vectorBytes[opClass], let rate = machine.vector.throughput[opClass], rate > 0 else { continue }
      vectorCycles += Double(count) / rate
    }
    breakdown.vector = vectorCycles / clock / Double(cores)

    if work.tensorOperations > 0, let peak = machine.tensor.peak[work.tensorType], peak > 0 {
      breakdown.tensor = Double(work.tensorOperations) / peak
    }
    breakdown.sync = Double(work.synchronisations) * machine.seconds(machine.sync.pipe) / Double(cores)
    breakdown.launch = machine.seconds(machine.launch.overhead) + machine.seconds(machine.launch.perCore) * Double(cores)

    let body = work.overlapsTransfers ? max(breakdown.memory, breakdown.compute) : breakdown.memory + breakdown.compute
    let seconds = breakdown.launch + breakdown.sync + body
    let bound: CostBound
    if seconds > 0, breakdown.memory >= boundShare * seconds, bandwidthTime >= accessTime {
      bound = .memory
    } else if seconds > 0, breakdown.compute >= boundShare * seconds {
      bound = .compute
    } else {
      bound = .latency
    }
    let peakFlops = peakFloatingPointRate(machine)
    let computeFloor = peakFlops > 0 ? Double(work.floatingPointOperations) / peakFlops : 0
    let floor = max(bandwidthTime, computeFloor)
    return CostEstimate(
      machine: machine.name, seconds: seconds, breakdown: breakdown, bound: bound,
      rooflineFloorSeconds: floor, fractionOfFloor: seconds > 0 ? min(1, floor / seconds) : 1,
      arithmeticIntensity: bytes > 0 ? Double(work.floatingPointOperations) / bytes : 0, cores: cores)
  }

  /// The machine's peak f32 rate in operations per second: its vector arith throughput over
  /// every vector core (4 bytes per f32 result).
  public static func peakFloatingPointRate(_ machine: Machine) -> Double {
    let perCycle = machine.vector.bytesPerCycle(.arith, .f32) ?? machine.vector.throughput[.arith] ?? 0
    return perCycle / 4 * Double(max(1, machine.compute.vectorCores)) * machine.compute.clock
  }
}
