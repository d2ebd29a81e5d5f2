// One worker's execution state: the current frame's registers, the active mask and the masks
// of enclosing constructs, the block being run, frames and local storage, shared memory and
// its shadow, counters and findings. Hot mutable state sits behind an unsafe pointer
// (`WorkerState`) so that op loops read it without exclusivity checks.

import Foundation
import KIR

/// A worker's mutable hot state.
struct WorkerState {
  /// The registers of the frame being executed.
  var frame: UnsafeMutableRawPointer
  /// The frame's local slots start here in the worker's slot table.
  var slotBase = 0
  var active = LaneMask.none
  var activeCount = 0
  /// The span of active lanes (see `activeRange`).
  var rangeStart = 0
  var rangeEnd = 0
  /// The last compare of `threadIdx.x` with a uniform value, as the interval of lanes where
  /// it holds (LaneIndexCompare.swift), for the `scf.if` on its result.
  var laneInterval = LaneIntervalCondition()
  /// In a group: whether `blockRuns` describes the active lanes (BlockGroups.swift), how many
  /// runs it holds, and whether they are sparse enough to compute block by block.
  var blockRunsValid = false
  var blockRunCount = 0
  var blockRunsSparse = false
  /// Threads that have returned from the kernel or trapped: they no longer count for barriers.
  var exited = LaneMask.none
  /// Lanes that left the innermost breakable construct through `scf.break`.
  var breakMask = LaneMask.none
  /// Lanes that ended the innermost loop's iteration through `scf.continue`.
  var continueMask = LaneMask.none
  /// Lanes whose loop condition was false.
  var loopExit = LaneMask.none
  /// Lanes that returned from the current function.
  var returnMask = LaneMask.none
  var blockIndex = Dim3(0, 0, 0)
  var blockLinear = 0
  var steps = 0
  /// Steps already added to the launch's total.
  var flushedSteps = 0
  var stepCheckpoint = 0
  /// Shared-memory stamps: counted from 1 in each block.
  var sharedCounter: UInt64 = 1
  var sharedBarrierBase: UInt64 = 1
  /// Global-memory stamps: counted over the launch by this worker.
  var globalCounter: UInt64 = 1
  var globalBlockStart: UInt64 = 1
  var globalBarrierBase: UInt64 = 1
  /// Whether the block's current interval has no global ids yet.
  var globalPending = true
  /// Whether some warp's interval (after a `__syncwarp`) has no global ids yet.
  var anyWarpPending = false
  /// Whether global races are still checked (false once the worker's ids are used up).
  var globalTracking = true
  /// Whether every warp's shared interval is the block's (no `__syncwarp` since the last
  /// barrier), so that a lane's shared stamp is `sharedBarrierBase << 10 | lane`.
  var sharedWarpsAligned = true
  /// Whether every warp's global interval is the block's, so that a lane's global stamp is
  /// `(globalBarrierBase + lane) << workerBits | worker`.
  var globalWarpsAligned = true
  var callDepth = 0
}

/// A function's registers and local slots at one call depth.
final class Frame {
  let function: CompiledFunction
  let registers: UnsafeMutableRawPointer
  let slotBase: Int

  init(function: CompiledFunction, registers: UnsafeMutableRawPointer, slotBase: Int) {
    self.function = function
    self.registers = registers
    self.slotBase = slotBase
  }

  deinit { registers.deallocate() }
}

/// Why a launch stopped early.
enum LaunchAbort: Error {
  /// A limit was hit (and reported) by this worker.
  case limit
  /// Another worker stopped the launch.
  case stopped
}

/// The state of one worker thread running blocks of a launch.
final class ExecutionContext {
  let launch: LaunchState
  let worker: Int
  let lanes: Int
  /// Bytes of a frame per unit of register number: a register of an n-byte kind takes n units
  /// (its lanes, packed), and register r starts at r * laneStride (8-byte aligned).
  let laneStride: Int
  let warpCount: Int
  /// Whether the block is one-dimensional and runs alone: lane l is then thread (l, 0, 0).
  let isOneDimensionalBlock: Bool
  /// Threads per block, and blocks per group (BlockGroups.swift; 1 when blocks run alone).
  let blockLanes: Int
  let groupBlocks: Int
  /// Per block of a group: its lanes.
  let segmentMasks: [LaneMask]
  /// Per block of the group with active lanes, in order: its active lanes' count and span
  /// (valid while `state.pointee.blockRunsValid`).
  let blockRuns: UnsafeMutablePointer<BlockRun>
  /// Every lane of the block (of the blocks of the current group).
  private(set) var allLanes: LaneMask
  let state: UnsafeMutablePointer<WorkerState>
  let profile: ProfileCounters
  /// Per warp: the first shared stamp of its current interval.
  let sharedWarpBase: UnsafeMutablePointer<UInt64>
  /// Per warp: the first global id of its current interval.
  let globalWarpBase: UnsafeMutablePointer<UInt64>
  /// Per warp: whether its current interval (after a `__syncwarp`) has no global ids yet.
  let globalWarpPending: UnsafeMutablePointer<Bool>
  /// Bits of the worker index in global stamps, and their mask.
  let workerBits: UInt64
  let workerMask: UInt64
  let sharedArena: UnsafeMutableRawPointer
  let sharedShadow: UnsafeMutablePointer<UInt64>
  /// What `resolve` gives for each shared id (Addresses.swift).
  let sharedRegions: UnsafeMutablePointer<ResolvedRegion>
  let sharedRegionCount: Int
  /// One bit per shared granule: touched in the current block interval (SharedIntervalMap.swift).
  let sharedTouched: UnsafeMutablePointer<UInt64>
  let sharedTouchedWords: Int
  private(set) var localSlots: UnsafeMutablePointer<LocalSlot>
  private(set) var localSlotCount = 0
  private var localSlotCapacity = 64
  var findings = FindingLog()
  /// What each Ascend pipe touched since the last barrier, when the kernel has Ascend ops.
  let pipeHazards: PipeHazards?
  /// `printf` output per block.
  var output: [(block: Int, text: String)] = []
  /// What the current block has printed so far.
  var blockOutput = ""
  /// Frames by function index, then by recursion depth.
  var framePools: [[Frame]]
  /// Per function index: how deep the function is on the call stack now.
  var functionDepth: [Int]
  private var localStorage: [UnsafeMutableRawPointer] = []
  private(set) var allocatedBytes = 0

  init(launch: LaunchState, worker: Int) {
    self.launch = launch
    self.worker = worker
    lanes = launch.lanes
    laneStride = roundUp(max(1, launch.lanes), to: 8)
    warpCount = (launch.lanes + 31) / 32
    isOneDimensionalBlock = launch.configuration.block.x == launch.lanes
    blockLanes = launch.blockLanes
    groupBlocks = launch.groupBlocks
    segmentMasks = (0..<launch.groupBlocks).map { block in
      LaneMask.first((block + 1) * launch.blockLanes) - LaneMask.first(block * launch.blockLanes)
    }
    allLanes = LaneMask.first(launch.lanes)
    blockRuns = .allocate(capacity: launch.groupBlocks)
    blockRuns.initialize(repeating: BlockRun(), count: launch.groupBlocks)
    state = .allocate(capacity: 1)
    let arena = max(16, launch.sharedArenaBytes)
    sharedArena = .allocate(byteCount: arena, alignment: 64)
    sharedArena.initializeMemory(as: UInt8.self, repeating: 0, count: arena)
    let shadowWords = max(2, launch.sharedArenaBytes / 2 + 2)
    sharedShadow = .allocate(capacity: shadowWords)
    sharedShadow.initialize(repeating: 0, count: shadowWords)
    let regions = Self.sharedRegions(of: launch, arena: sharedArena, shadow: sharedShadow)
    sharedRegionCount = regions.count
    sharedRegions = .allocate(capacity: max(1, regions.count))
    sharedRegions.initialize(from: regions, count: regions.count)
    // A bit per granule of the shadow (two words each).
    sharedTouchedWords = (shadowWords / 2 + 64) / 64
    sharedTouched = .allocate(capacity: sharedTouchedWords)
    sharedTouched.initialize(repeating: 0, count: sharedTouchedWords)
    state.initialize(to: WorkerState(frame: sharedArena))
    profile = ProfileCounters(lineCount: launch.program.lineNames.count)
    sharedWarpBase = .allocate(capacity: 32)
    sharedWarpBase.initialize(repeating: 0, count: 32)
    globalWarpBase = .allocate(capacity: 32)
    globalWarpBase.initialize(repeating: 0, count: 32)
    globalWarpPending = .allocate(capacity: 32)
    globalWarpPending.initialize(repeating: false, count: 32)
    var bits: UInt64 = 0
    while (1 << bits) < launch.workers { bits += 1 }
    workerBits = bits
    workerMask = (1 << bits) - 1
    localSlots = .allocate(capacity: localSlotCapacity)
    framePools = Array(repeating: [], count: launch.program.functions.count)
    functionDepth = Array(repeating: 0, count: launch.program.functions.count)
    allocatedBytes = launch.sharedArenaBytes * 5 + laneStride
    pipeHazards = launch.program.checksPipes ? PipeHazards(launch: launch) : nil
    currentLocation =
      launch.program.module.function(named: launch.program.kernel.name)?.location ?? .unknown
  }

  deinit {
    localSlots.deinitialize(count: localSlotCount)
    localSlots.deallocate()
    for storage in localStorage { storage.deallocate() }
    framePools = []
    state.deinitialize(count: 1)
    state.deallocate()
    blockRuns.deallocate()
    sharedArena.deallocate()
    sharedShadow.deallocate()
    sharedRegions.deinitialize(count: sharedRegionCount)
    sharedRegions.deallocate()
    sharedTouched.deallocate()
    sharedWarpBase.deallocate()
    globalWarpBase.deallocate()
    globalWarpPending.deallocate()
  }

  /// Lane values of register `index` of the current frame.
  @inline(__always) func register<T>(_ index: Int, as type: T.Type) -> UnsafeMutablePointer<T> {
    (state.pointee.frame + index &* laneStride).assumingMemoryBound(to: T.self)
  }

  /// Register `index` of the current frame as raw bytes.
  @inline(__always) func rawRegister(_ index: Int) -> UnsafeMutableRawPointer {
    state.pointee.frame + index &* laneStride
  }

  /// The thread index of `lane` in its block.
  func threadIndex(of lane: Int) -> Dim3 {
    let block = launch.configuration.block
    let thread = lane % blockLanes
    return Dim3(thread % block.x, (thread / block.x) % block.y, thread / (block.x * block.y))
  }

  /// Makes the first `count` blocks of the group its lanes (fewer in a grid's last group).
  func setGroupBlocks(_ count: Int) {
    allLanes = LaneMask.first(count * blockLanes)
  }

  /// Counts one execution of the op `meta` over the active lanes.
  @inline(__always) func count(_ meta: OpMeta) {
    let active = state.pointee.activeCount
    state.pointee.steps &+= active
    profile.operations[meta.line &* ProfileCounters.classCount &+ meta.operationClass] &+= active
  }

  /// Adds bytes moved by an op, in `accesses` lane accesses, to the profile.
  @inline(__always) func countBytes(
    _ bytes: Int, accesses: Int, space: AddressSpace, isStore: Bool, line: Int
  ) {
    let slot = (line &* ProfileSpace.count &+ ProfileSpace.index(space)) &* 2 &+ (isStore ? 1 : 0)
    profile.bytes[slot] &+= bytes
    profile.accesses[slot] &+= accesses
  }

  /// The frame of `function` at the current depth of that function, created on first use.
  func frame(for function: CompiledFunction) throws -> Frame {
    let depth = functionDepth[function.index]
    if depth < framePools[function.index].count { return framePools[function.index][depth] }
    let registerBytes = max(1, function.registerKinds.count) * laneStride
    try reserve(registerBytes)
    let registers = UnsafeMutableRawPointer.allocate(byteCount: registerBytes, alignment: 64)
    registers.initializeMemory(as: UInt8.self, repeating: 0, count: registerBytes)
    let slotBase = localSlotCount
    for info in function.localSlots {
      let stride = roundUp(max(1, info.byteCount), to: 16)
      try reserve(stride * lanes)
      guard localSlotCount < Address.maximumLocalSlots else {
        try limitExceeded(
          .memoryLimit, "more than \(Address.maximumLocalSlots) local variables are live")
      }
      let storage = UnsafeMutableRawPointer.allocate(byteCount: stride * lanes, alignment: 16)
      storage.initializeMemory(as: UInt8.self, repeating: 0, count: stride * lanes)
      localStorage.append(storage)
      appendLocalSlot(
        LocalSlot(
          storage: storage, stride: stride, byteCount: info.byteCount,
          elementSize: info.elementSize, name: info.name))
    }
    let frame = Frame(function: function, registers: registers, slotBase: slotBase)
    framePools[function.index].append(frame)
    initialize(frame, function.launchInitializers)
    initialize(frame, function.blockInitializers)
    return frame
  }

  private func appendLocalSlot(_ slot: LocalSlot) {
    if localSlotCount == localSlotCapacity {
      let bigger = UnsafeMutablePointer<LocalSlot>.allocate(capacity: localSlotCapacity * 2)
      bigger.moveInitialize(from: localSlots, count: localSlotCount)
      localSlots.deallocate()
      localSlots = bigger
      localSlotCapacity *= 2
    }
    (localSlots + localSlotCount).initialize(to: slot)
    localSlotCount += 1
  }

  /// Accounts for `bytes` more memory, stopping the launch when the limit is passed.
  func reserve(_ bytes: Int) throws {
    allocatedBytes += bytes
    if launch.reserve(bytes) { return }
    try limitExceeded(
      .memoryLimit,
      "memory limit of \(launch.limits.maxMemoryBytes) bytes exceeded (registers, locals, shared memory and shadow state)"
    )
  }

  /// Fills registers of `frame` from `initializers`.
  func initialize(_ frame: Frame, _ initializers: [FrameInitializer]) {
    let block = launch.configuration.block
    let grid = launch.configuration.grid
    func pick(_ dim: Dim3, _ which: Int) -> UInt64 {
      UInt64(truncatingIfNeeded: which == 0 ? dim.x : which == 1 ? dim.y : dim.z)
    }
    for initializer in initializers {
      switch initializer {
      case .bits(let register, let bits):
        fill(frame, register, bits)
      case .threadIndex(let register, let dimension):
        let values = frame.registers + register * laneStride
        for lane in 0..<lanes {
          let thread = threadIndex(of: lane)
          values.storeBytes(
            of: UInt32(truncatingIfNeeded: pick(thread, dimension)), toByteOffset: lane * 4,
            as: UInt32.self)
        }
      case .blockDimension(let register, let dimension):
        fill(frame, register, pick(block, dimension))
      case .gridDimension(let register, let dimension): fill(frame, register, pick(grid, dimension))
      case .blockIndex(let register, let dimension):
        fillPerBlock(frame, register) { pick(self.blockIndex(of: $0), dimension) }
      case .sharedAddress(let register, let index):
        fillPerBlock(frame, register) { self.sharedAddress(index, lane: $0) }
      case .dynamicSharedAddress(let register):
        fillPerBlock(frame, register) { self.sharedAddress(self.launch.dynamicSharedIndex, lane: $0) }
      case .localAddress(let register, let slot):
        let values = (frame.registers + register * laneStride).assumingMemoryBound(to: UInt64.self)
        for lane in 0..<lanes {
          values[lane] = Address.make(
            id: Address.localID(slot: frame.slotBase + slot, lane: lane), offset: 0)
        }
      case .globalAddress(let register, let name):
        fill(frame, register, launch.globalAddresses[name] ?? 0)
      }
    }
  }

  /// The address of shared variable `index` for the block of `lane` (each block of a group
  /// has its own ids: `Address.sharedBase + block * variables + index`).
  func sharedAddress(_ index: Int, lane: Int) -> UInt64 {
    let block = lane / blockLanes
    return Address.make(
      id: Address.sharedBase + block * launch.sharedOffsets.count + index, offset: 0)
  }

  /// Writes `bits(first lane of the block)` to the lanes of each block of the group.
  func fillPerBlock(_ frame: Frame, _ register: Int, _ bits: (Int) -> UInt64) {
    if groupBlocks == 1 { return fill(frame, register, bits(0)) }
    let size = frame.function.registerKinds[register].byteSize
    for block in 0..<groupBlocks {
      Self.splat(
        bits(block * blockLanes), size: size, count: blockLanes,
        at: frame.registers + register * laneStride + block * blockLanes * size)
    }
  }

  /// Writes `bits` (the low bytes of the register's kind) to every lane of a register.
  func fill(_ frame: Frame, _ register: Int, _ bits: UInt64) {
    Self.splat(
      bits, size: frame.function.registerKinds[register].byteSize, count: lanes,
      at: frame.registers + register * laneStride)
  }

  /// Writes the low `size` bytes of `bits` `count` times from `values` on.
  private static func splat(_ bits: UInt64, size: Int, count: Int, at values: UnsafeMutableRawPointer) {
    switch size {
    case 1:
      values.initializeMemory(as: UInt8.self, repeating: UInt8(truncatingIfNeeded: bits), count: count)
    case 2:
      values.initializeMemory(
        as: UInt16.self, repeating: UInt16(truncatingIfNeeded: bits), count: count)
    case 4:
      values.initializeMemory(
        as: UInt32.self, repeating: UInt32(truncatingIfNeeded: bits), count: count)
    default: values.initializeMemory(as: UInt64.self, repeating: bits, count: count)
    }
  }

  /// Flushes the step count to the launch and checks the step, time and stop limits.
  func checkLimits() throws {
    let pending = state.pointee.steps - state.pointee.flushedSteps
    state.pointee.flushedSteps = state.pointee.steps
    let total = launch.addSteps(pending)
    state.pointee.stepCheckpoint = state.pointee.steps + LaunchState.stepChunk
    if launch.isStopped { throw LaunchAbort.stopped }
    if total > launch.limits.maxSteps {
      try limitExceeded(
        .stepLimit,
        "step limit of \(launch.limits.maxSteps) op executions exceeded; the kernel may not terminate (raise the limit if it is just long)"
      )
    }
    let elapsed = launch.elapsedSeconds()
    if elapsed > launch.limits.maxWallSeconds {
      try limitExceeded(
        .timeLimit,
        "time limit of \(launch.limits.maxWallSeconds) s exceeded after \(total) op executions")
    }
  }

  /// The location limit findings point at while a block runs.
  var currentLocation: Location = .unknown

  /// Records a limit finding, stops the launch and unwinds this worker.
  func limitExceeded(_ kind: FindingKind, _ detail: String) throws -> Never {
    let block = state.pointee.blockIndex
    let record = Finding(
      kind: kind, severity: .error, kernel: launch.program.kernel.name,
      location: currentLocation, block: block,
      message:
        "\(kind.rawValue) in kernel '\(launch.program.kernel.name)' at \(describeShort(currentLocation)), block \(describe(block)): \(detail)"
    )
    findings.record(record, op: -1, blockLinear: state.pointee.blockLinear)
    launch.stop()
    throw LaunchAbort.limit
  }
}
