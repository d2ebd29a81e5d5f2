// A machine description as typed values: what the cost model reads. Built from a machine file
// (and the files it extends) by MachineBuilder.swift; every figure keeps its provenance.

/// The language kport emits for a machine.
public enum MachineTarget: String, Hashable, Sendable, CaseIterable {
  case bang, ascendc, cuda
}

/// Element types named by per-type keys.
public enum ElementType: String, Hashable, Sendable, CaseIterable {
  case i4, i8, i16, i32, i64, f16, bf16, tf32, f32, f64
}

/// Classes of vector ops, each with one throughput figure (docs/machines.md lists the ops).
public enum VectorOpClass: String, Hashable, Sendable, CaseIterable {
  /// add, sub, mul, max, min, abs, relu, fused multiply-add, fill and copy.
  case arith
  /// Division.
  case div
  /// exp, log, sqrt, rsqrt, reciprocal, sin, cos, tanh.
  case special
  /// Compare and select.
  case compare
  /// Type conversion.
  case convert
  /// Reductions (sum, max, min), per input byte.
  case reduce
  /// Bitwise ops and shifts.
  case logic
}

/// Classes of scalar ops, each with an issue cost in cycles.
public enum ScalarOpClass: String, Hashable, Sendable, CaseIterable {
  case add, mul, div, special, branch, load
}

/// A complete, validated machine description.
public struct Machine: Hashable, Sendable {
  /// The name `--machine` takes.
  public var name: String
  public var title: String
  public var target: MachineTarget
  public var arch: String
  /// The files that defined it, the one it extends first.
  public var files: [String]
  public var compute: Compute
  /// The on-chip memories, in file order.
  public var buffers: [Buffer]
  public var offChip: OffChip
  public var dma: DMA
  public var vector: Vector
  public var tensor: Tensor
  public var scalar: Scalar
  public var sync: Sync
  public var launch: Launch
  /// The source of every figure, by dotted key (`compute.clock`, `buffer.nram.size`).
  public var provenance: [String: Provenance]

  /// The buffer for address space `space` (`nram`, `ub`), if the machine has one.
  public func buffer(_ space: String) -> Buffer? { buffers.first { $0.space == space } }

  /// The dotted keys whose figures are uncertain or estimated, sorted.
  public var uncertainKeys: [String] {
    provenance.filter { $0.value.confidence.isUncertain }.map(\.key).sorted()
  }

  /// Seconds for `duration` at this machine's core clock.
  public func seconds(_ duration: Duration) -> Double { duration.seconds(atClock: compute.clock) }
}

/// Clock and core structure.
public struct Compute: Hashable, Sendable {
  /// Core clock in hertz.
  public var clock: Double
  public var clusters: Int
  public var coresPerCluster: Int
  public var tensorCoresPerCluster: Int
  public var memoryCoresPerCluster: Int
  public var extraVectorCores: Int
  /// Whether vector and tensor units share a core.
  public var isCoupled: Bool

  /// All cores with a vector unit.
  public var vectorCores: Int { clusters * coresPerCluster + extraVectorCores }
  /// All cores with a tensor unit.
  public var tensorCores: Int { clusters * tensorCoresPerCluster }
}

/// Who shares one instance of a buffer.
public enum BufferScope: String, Hashable, Sendable, CaseIterable {
  case core, cluster, device
}

/// One on-chip memory.
public struct Buffer: Hashable, Sendable {
  /// The address space (`nram`, `ub`, `l0a`, `shared`, `l2`).
  public var space: String
  public var size: Int
  public var scope: BufferScope
  public var reserve: Int
  public var align: Int
  /// Read bandwidth in bytes per cycle, where a source gives one.
  public var bandwidth: Double?

  /// The bytes a kernel may use: size minus the reserve.
  public var usable: Int { size - reserve }
}

/// The off-chip device memory.
public struct OffChip: Hashable, Sendable {
  public var technology: String?
  public var size: Int
  /// Peak bandwidth in bytes per second.
  public var bandwidth: Double
  public var minTransfer: Int
  public var align: Int
  /// Fraction of the bandwidth misaligned accesses reach (1 when the file gives none).
  public var misalignedEfficiency: Double
}

/// Transfers between device memory and on-chip buffers.
public struct DMA: Hashable, Sendable {
  public var latency: Duration
  public var overhead: Duration
  public var granule: Int
  public var efficientSize: Int?
}

/// The per-core vector unit.
public struct Vector: Hashable, Sendable {
  public var repeatBytes: Int
  public var maxRepeats: Int?
  /// Start-up overhead per instruction, in cycles.
  public var startup: Double
  public var operandAlign: Int
  public var countMultiple: Int
  public var types: [ElementType]
  /// Result bytes per cycle per class, and per class and type where a file overrides it.
  public var throughput: [VectorOpClass: Double]
  public var typedThroughput: [VectorOpClass: [ElementType: Double]]

  /// Result bytes per cycle per core of op class `opClass` on `type`; nil if the vector unit
  /// does not compute in `type`.
  public func bytesPerCycle(_ opClass: VectorOpClass, _ type: ElementType) -> Double? {
    guard types.contains(type) else { return nil }
    return typedThroughput[opClass]?[type] ?? throughput[opClass]
  }
}

/// The tensor/cube unit.
public struct Tensor: Hashable, Sendable {
  /// The M, N, K of one tensor instruction, where a source gives it.
  public var shape: (m: Int, n: Int, k: Int)? {
    get { shapeValues.count == 3 ? (shapeValues[0], shapeValues[1], shapeValues[2]) : nil }
    set { shapeValues = newValue.map { [$0.m, $0.n, $0.k] } ?? [] }
  }
  var shapeValues: [Int]
  public var startup: Double
  /// Device-wide dense peak in operations per second, per input type.
  public var peak: [ElementType: Double]
}

/// The scalar unit.
public struct Scalar: Hashable, Sendable {
  public var costs: [ScalarOpClass: Double]
  public var typedCosts: [ScalarOpClass: [ElementType: Double]]
  public var global: Duration

  /// Issue cycles of one scalar op of `opClass`, on `type` where the file gives a per-type cost.
  public func cycles(_ opClass: ScalarOpClass, _ type: ElementType? = nil) -> Double {
    if let type, let typed = typedCosts[opClass]?[type] { return typed }
    return costs[opClass] ?? 0
  }
}

/// Barrier and synchronisation costs.
public struct Sync: Hashable, Sendable {
  public var pipe: Duration
  public var cluster: Duration
  public var device: Duration
}

/// Kernel launch costs.
public struct Launch: Hashable, Sendable {
  public var overhead: Duration
  public var perCore: Duration
}
