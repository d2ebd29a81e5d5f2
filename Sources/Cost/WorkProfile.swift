// What a kernel did, in the cost model's terms: the driver fills it from the interpreter's
// execution profile of a port (or of the CUDA kernel), and the model prices it on a machine.
// Counts are totals over the launch; `tasks` says how many cores share them.

/// The work of one launch.
public struct WorkProfile: Hashable, Sendable {
  /// Scalar ops executed, per class (summed over every task or thread).
  public var scalarOps: [ScalarOpClass: Int]
  /// Bytes read from and written to off-chip memory.
  public var offChipBytesRead: Int
  public var offChipBytesWritten: Int
  /// Scalar accesses of off-chip memory (each pays the machine's `scalar.global` latency);
  /// 0 when every off-chip byte moves by DMA.
  public var scalarOffChipAccesses: Int
  /// DMA transfers between off-chip memory and on-chip buffers (each pays `dma.overhead`).
  public var dmaTransfers: Int
  /// Result bytes of vector ops, per class.
  public var vectorBytes: [VectorOpClass: Int]
  /// Tensor/cube operations (multiply-adds count 2), with their input type.
  public var tensorOperations: Int
  public var tensorType: ElementType
  /// Floating-point operations (for the roofline's compute side).
  public var floatingPointOperations: Int
  /// Pipe synchronisations executed.
  public var synchronisations: Int
  /// Tasks (cores) the launch runs on.
  public var tasks: Int
  /// Whether DMA overlaps compute (double-buffered pipelines); false for the scalar form.
  public var overlapsTransfers: Bool

  public init(
    scalarOps: [ScalarOpClass: Int] = [:], offChipBytesRead: Int = 0, offChipBytesWritten: Int = 0,
    scalarOffChipAccesses: Int = 0, dmaTransfers: Int = 0, vectorBytes: [VectorOpClass: Int] = [:],
    tensorOperations: Int = 0, tensorType: ElementType = .f16, floatingPointOperations: Int = 0,
    synchronisations: Int = 0, tasks: Int = 1, overlapsTransfers: Bool = false
  ) {
    self.scalarOps = scalarOps
    self.offChipBytesRead = offChipBytesRead
    self.offChipBytesWritten = offChipBytesWritten
    self.scalarOffChipAccesses = scalarOffChipAccesses
    self.dmaTransfers = dmaTransfers
    self.vectorBytes = vectorBytes
    self.tensorOperations = tensorOperations
    self.tensorType = tensorType
    self.floatingPointOperations = floatingPointOperations
    self.synchronisations = synchronisations
    self.tasks = tasks
    self.overlapsTransfers = overlapsTransfers
  }
}
