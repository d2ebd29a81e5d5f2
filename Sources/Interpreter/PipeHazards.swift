// Pipe hazards of Ascend ports (targets.md B9). An AI Core issues its instructions to pipes that
// run their queues independently: the scalar unit (PIPE_S: LocalTensor::GetValue/SetValue on UB,
// GlobalTensor::GetValue/SetValue on GM), the vector unit (PIPE_V), DMA in (PIPE_MTE2, GM→UB) and
// DMA out (PIPE_MTE3, UB→GM). Instructions of one pipe run in order; nothing orders two pipes but
// a synchronisation (SetFlag/WaitFlag, or the PipeBarrier<PIPE_ALL> kport emits as
// `ascend.pipe_barrier`). The interpreter runs a task's ops in program order, so on its own it
// would compute the right result for a port that the chip computes wrong. This checker records,
// per task and since the last barrier, which bytes each pipe read and wrote, on-chip (UB buffers)
// and off-chip (GM buffers: MTE2 reads them, MTE3 writes them, the scalar unit does both), and
// reports an access that conflicts with an earlier access of another pipe to the same bytes, at
// least one of them a write (read after write, write after read, write after write). Two DMA
// transfers of one pipe whose addresses overlap conflict too: the vendor leaves their order to
// the developer even where its compiler inserts the other synchronisations (BiSheng
// `--cce-auto-sync`). Two vector instructions are taken to run in order (that compiler option,
// on by default, inserts PipeBarrier<PIPE_V> between dependent ones).
//
// State: per allocation, one 32-bit cell per granule (a byte of UB; an element's alignment, at
// most 4 bytes, of GM, as the race detector's granules): the barrier epoch in the high 24 bits,
// the pipes that read (bits 0-3) and wrote (bits 4-7) it in that epoch in the low 8. A barrier,
// and the start of a task, moves to the next epoch, which clears every cell at once; the cells
// are mapped per worker on first use, so a buffer no pipe touches costs nothing.

import KIR

/// A pipe of an Ascend AI Core's vector side (targets.md B9).
enum Pipe: Int, CaseIterable {
  case scalar = 0, vector, dmaIn, dmaOut

  /// How findings name the pipe.
  var title: String {
    switch self {
    case .scalar: return "the scalar unit (S)"
    case .vector: return "the vector unit (V)"
    case .dmaIn: return "DMA in (MTE2)"
    case .dmaOut: return "DMA out (MTE3)"
    }
  }

  /// The pipe's name in `HardEvent` (SetFlag/WaitFlag) and `PIPE_*`.
  var eventName: String {
    switch self {
    case .scalar: return "S"
    case .vector: return "V"
    case .dmaIn: return "MTE2"
    case .dmaOut: return "MTE3"
    }
  }

  @inline(__always) var readBit: UInt32 { 1 << UInt32(rawValue) }
  @inline(__always) var writeBit: UInt32 { 1 << UInt32(4 + rawValue) }

  /// The bits an earlier access must not have for a read by this pipe: another pipe's writes.
  @inline(__always) var readConflicts: UInt32 { 0xF0 & ~writeBit }

  /// The bits an earlier access must not have for a write by this pipe: another pipe's reads
  /// and writes, and for a DMA pipe its own writes (overlapping transfers, see above).
  @inline(__always) var writeConflicts: UInt32 {
    let own = self == .dmaIn || self == .dmaOut ? readBit : readBit | writeBit
    return 0xFF & ~own
  }
}

/// An access that conflicts with earlier accesses of another pipe since the last barrier.
struct PipeConflict {
  /// The earlier pipe and whether it wrote (else it read).
  var earlier: Pipe
  var earlierWrote: Bool
  /// The conflicting bytes of the access, from the first to the last, in the allocation.
  var bytes: Range<Int>
}

/// One worker's record of which pipe touched which bytes since the last barrier.
final class PipeHazards {
  /// The cells of one allocation, mapped on first use.
  private struct Slot {
    var cells: UnsafeMutablePointer<UInt32>?
    var count = 0
    var shift = 0
  }

  /// Device buffers by allocation id, then the shared (UB) variables by index.
  private let slots: UnsafeMutablePointer<Slot>
  private let slotCount: Int
  private let deviceCount: Int
  /// The current epoch, in the cells' high 24 bits.
  private var epoch: UInt32 = 1

  init(launch: LaunchState) {
    deviceCount = launch.deviceRegionCount
    slotCount = deviceCount + launch.sharedSizes.count
    slots = .allocate(capacity: slotCount)
    for id in 0..<deviceCount {
      let region = launch.deviceRegions[id]
      let granule = 1 << region.granuleShift
      (slots + id).initialize(to: Slot(count: (region.byteCount + granule - 1) / granule, shift: region.granuleShift))
    }
    for (index, size) in launch.sharedSizes.enumerated() {
      (slots + deviceCount + index).initialize(to: Slot(count: size, shift: 0))
    }
  }

  deinit {
    release()
    slots.deinitialize(count: slotCount)
    slots.deallocate()
  }

  private func release() {
    for index in 0..<slotCount {
      if let cells = slots[index].cells { ShadowMemory.free(UnsafeMutableRawPointer(cells), byteCount: slots[index].count * 4) }
      slots[index].cells = nil
    }
  }

  /// A barrier (or a new task): every pipe has finished what it was given.
  func barrier() {
    epoch &+= 1
    if epoch == 1 << 24 {
      // Cells of epoch 1 would look current: start afresh.
      release()
      epoch = 1
    }
  }

  /// The slot of allocation `id`, or nil for memory no pipe tracks (locals, null).
  @inline(__always) private func slotIndex(_ id: Int) -> Int? {
    if id >= Address.localBase { return nil }
    if id >= Address.sharedBase {
      let index = deviceCount + id - Address.sharedBase
      return index < slotCount ? index : nil
    }
    return id > 0 && id < deviceCount ? id : nil
  }

  /// Records an access by `pipe` of `bytes` bytes at byte `offset` of allocation `id` (the part
  /// inside the allocation) and returns its conflict with earlier accesses, if any.
  func access(id: Int, offset: Int, bytes: Int, pipe: Pipe, isWrite: Bool) -> PipeConflict? {
    guard bytes > 0, let index = slotIndex(id) else { return nil }
    let shift = slots[index].shift
    let first = max(0, offset) >> shift
    let end = min(slots[index].count, (offset + bytes + (1 << shift) - 1) >> shift)
    guard first < end else { return nil }
    let cells: UnsafeMutablePointer<UInt32>
    if let mapped = slots[index].cells {
      cells = mapped
    } else {
      guard let mapped = ShadowMemory.allocate(byteCount: slots[index].count * 4, populate: false) else { return nil }
      cells = mapped.bindMemory(to: UInt32.self, capacity: slots[index].count)
      slots[index].cells = cells
    }
    let current = epoch << 8
    let conflicts = isWrite ? pipe.writeConflicts : pipe.readConflicts
    let bit = isWrite ? pipe.writeBit : pipe.readBit
    var found: UInt32 = 0
    var low = -1
    var high = -1
    for granule in first..<end {
      let cell = cells[granule]
      let bits = cell >> 8 == epoch ? cell & 0xFF : 0
      if bits & conflicts != 0 {
        if low < 0 { low = granule }
        high = granule
        found |= bits & conflicts
      }
      cells[granule] = current | bits | bit
    }
    guard low >= 0 else { return nil }
    // Name a write first: a read after write or a write after write says more than a read.
    let writers = found >> 4
    let earlierWrote = writers != 0
    let raw = UInt32((earlierWrote ? writers : found).trailingZeroBitCount)
    return PipeConflict(
      earlier: Pipe(rawValue: Int(raw)) ?? .scalar, earlierWrote: earlierWrote,
      bytes: max(offset, low << shift)..<min(offset + bytes, (high + 1) << shift))
  }
}

extension ExecutionContext {
  /// Records an access of pipe `pipe` to `bytes` bytes at `address` and reports a conflict.
  @inline(__always)
  func notePipeAccess(_ address: UInt64, bytes: Int, pipe: Pipe, isWrite: Bool, meta: OpMeta) {
    guard let pipeHazards else { return }
    let id = Address.id(address)
    guard let conflict = pipeHazards.access(id: id, offset: Address.offset(address), bytes: bytes, pipe: pipe, isWrite: isWrite)
    else { return }
    reportPipeHazard(conflict, id: id, pipe: pipe, isWrite: isWrite, meta: meta)
  }

  @inline(never)
  private func reportPipeHazard(_ conflict: PipeConflict, id: Int, pipe: Pipe, isWrite: Bool, meta: OpMeta) {
    guard !findings.hasError(.pipeHazard, op: meta.index), let described = describeAllocation(id) else { return }
    let element = max(1, described.elementSize)
    let count = resolve(id).byteCount / element
    let verb = isWrite ? "overwrites" : "reads"
    let done = conflict.earlierWrote ? "wrote" : "read"
    let sync =
      conflict.earlier == pipe
      ? "PipeBarrier<PIPE_\(pipe.eventName)>"
      : "SetFlag/WaitFlag<HardEvent::\(conflict.earlier.eventName)_\(pipe.eventName)>"
    let bytes = conflict.bytes
    let lastElement = (bytes.upperBound - 1) / element
    record(
      .pipeHazard, .error, meta: meta, lane: nil, space: described.space, buffer: described.name,
      index: bytes.lowerBound / element, size: count,
      message:
        "pipe hazard: \(pipe.title) \(verb) bytes of '\(described.name)' that \(conflict.earlier == pipe ? "an earlier transfer of the same pipe" : conflict.earlier.title) \(done), with no barrier between",
      details:
        "bytes [\(bytes.lowerBound), \(bytes.upperBound)) (elements \(bytes.lowerBound / element) to \(lastElement) of \(count)); a PipeBarrier<PIPE_ALL> (or \(sync)) between the two orders them"
    )
  }
}

extension FunctionCompiler {
  /// The scalar unit's part of a load, store or atomic of `size` bytes through the pointer in
  /// register `address` (GetValue/SetValue, on UB or GM), for the pipe hazard checker: nil in a
  /// module without Ascend ops, where no pipe is checked.
  func scalarPipeAccess(_ address: Int, size: Int, reads: Bool, writes: Bool, meta: OpMeta) -> OpBody? {
    guard program.checksPipes else { return nil }
    return { context in
      guard context.pipeHazards != nil else { return }
      let pointers = context.register(address, as: UInt64.self)
      for lane in context.activeLanes {
        if reads { context.notePipeAccess(pointers[lane], bytes: size, pipe: .scalar, isWrite: false, meta: meta) }
        if writes { context.notePipeAccess(pointers[lane], bytes: size, pipe: .scalar, isWrite: true, meta: meta) }
      }
    }
  }
}

/// `body` after `first`, when there is one.
func prefixed(_ first: OpBody?, _ body: @escaping OpBody) -> OpBody {
  guard let first else { return body }
  return { context in
    try first(context)
    try body(context)
  }
}
