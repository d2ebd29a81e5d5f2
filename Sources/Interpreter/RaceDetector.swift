// Shadow state for the race and initialisation checks of shared and global memory.
//
// A stamp names one thread in one barrier interval: each interval takes `lanes` fresh ids from
// a counter (thread t gets base + t). A `__syncthreads` starts a new interval for the whole
// block, a `__syncwarp` one for its warp. Access a is ordered before the current access of
// thread t when a is from the same block and either precedes the block's last barrier, or is by
// a thread of t's warp and precedes that warp's last `__syncwarp`. Two accesses conflict when
// they touch a common byte, at least one writes, they are by different threads, and neither is
// ordered before the other. Only the last writer and reader are kept, so some races are missed
// (never invented): a conflict with a thread whose record was overwritten goes unseen.
//
// Shared memory (per worker, cleared for each block; a stamp is the interval's number, counted
// from 1 in each block, above 10 bits of lane):
// every 4-byte granule has two 64-bit words, the last writer (bits 0-3: the bytes it wrote,
// 4-7: bytes initialised, 8-63: its stamp) and the last reader (0-3: bytes read, bit 4: other
// threads of the same interval read them too, 8-63: its stamp).
//
// Global memory (per launch, shared by the workers, relaxed atomics): one 64-bit word per
// granule of the buffer's element alignment (at most 4 bytes), the writer's stamp in the high
// half and the reader's in the low half (bits 0-29: stamp, bit 30: other threads of the same
// interval read it, bit 31: threads of several blocks read it). Global stamps are 30 bits:
// the worker's counter shifted left by the bits of the worker index; an interval takes its ids
// only when it first touches global memory. When a worker's ids run out, it stops checking
// global races for the rest of the launch. Accesses narrower than a granule or misaligned to
// it are not race-checked (they could only be judged by bytes the shadow does not keep).

import Synchronization

/// One word of global shadow memory.
typealias AtomicWord = Atomic<UInt64>

/// What a shadow check found.
struct AccessProblems: OptionSet {
  let rawValue: UInt8
  static let uninitialized = AccessProblems(rawValue: 1)
  /// A read of bytes an unordered thread wrote.
  static let readAfterWrite = AccessProblems(rawValue: 2)
  /// A write of bytes an unordered thread wrote.
  static let writeAfterWrite = AccessProblems(rawValue: 4)
  /// A write of bytes an unordered thread read.
  static let writeAfterRead = AccessProblems(rawValue: 8)
  /// No problem. (Not the literal `[]`, which goes through an array wherever the optimiser does
  /// not fold it: retaining and releasing the empty array per lane in the per-lane shared check
  /// once cost a sixth of the tiled matmul.)
  @inline(__always) static var clean: AccessProblems { AccessProblems(rawValue: 0) }
}

/// Bits of the shadow words.
enum ShadowBits {
  static let byteMask: UInt64 = 0xF
  static let sameInterval: UInt64 = 0x10
  static let stampShift: UInt64 = 8
  static let globalStampMask: UInt64 = 0x3FFF_FFFF
  static let globalSameInterval: UInt64 = 1 << 30
  static let globalOtherBlock: UInt64 = 1 << 31
  /// The largest global stamp.
  static let globalStampLimit: UInt64 = 1 << 30
}

extension ExecutionContext {
  // MARK: Shared memory

  /// The shared stamp of `lane`: its interval number above the lane (10 bits).
  @inline(__always) func sharedStamp(_ lane: Int) -> UInt64 {
    (sharedWarpBase[lane >> 5] << 10) | UInt64(lane)
  }

  /// Whether the shared access stamped `stamp` is ordered before the current one of `lane`.
  @inline(__always) func isSharedOrdered(_ stamp: UInt64, lane: Int) -> Bool {
    let interval = stamp >> 10
    if interval < state.pointee.sharedBarrierBase { return true }
    let thread = Int(stamp & 1023)
    return thread >> 5 == lane >> 5 && interval < sharedWarpBase[lane >> 5]
  }

  /// Checks and records an access of bytes [offset, offset + size) of a shared allocation whose
  /// shadow starts at `words`, by `lane`; `other` receives the stamp of a conflicting access.
  @inline(__always)
  func checkShared(
    _ words: UnsafeMutablePointer<UInt64>, offset: Int, size: Int, lane: Int, isWrite: Bool,
    other: inout UInt64
  ) -> AccessProblems {
    var problems = AccessProblems.clean
    let stamp = sharedStamp(lane)
    if size == 4 && offset & 3 == 0 {
      checkSharedGranule(
        words, granule: offset >> 2, mask: 0xF, stamp: stamp, lane: lane, isWrite: isWrite,
        problems: &problems, other: &other)
      return problems
    }
    var byte = offset
    let end = offset + size
    while byte < end {
      let granule = byte >> 2
      let granuleEnd = min(end, (granule + 1) << 2)
      let mask = ((UInt64(1) << UInt64(granuleEnd - byte)) - 1) << UInt64(byte & 3)
      checkSharedGranule(
        words, granule: granule, mask: mask, stamp: stamp, lane: lane, isWrite: isWrite,
        problems: &problems, other: &other)
      byte = granuleEnd
    }
    return problems
  }

  /// Checks and records the bytes `mask` of one shared granule.
  @inline(__always)
  func checkSharedGranule(
    _ words: UnsafeMutablePointer<UInt64>, granule: Int, mask: UInt64, stamp: UInt64, lane: Int,
    isWrite: Bool, problems: inout AccessProblems, other: inout UInt64
  ) {
    markSharedTouched(words, granule: granule)
    let writer = words[granule * 2]
    let writerStamp = writer >> ShadowBits.stampShift
    let reader = words[granule * 2 + 1]
    if isWrite {
      if writerStamp != stamp, writer & mask != 0, !isSharedOrdered(writerStamp, lane: lane) {
        problems.insert(.writeAfterWrite)
        other = writerStamp
      }
      if reader & mask != 0 {
        let readerStamp = reader >> ShadowBits.stampShift
        let conflict =
          readerStamp == stamp
          ? reader & ShadowBits.sameInterval != 0 : !isSharedOrdered(readerStamp, lane: lane)
        if conflict {
          problems.insert(.writeAfterRead)
          other = readerStamp
        }
      }
      let updated =
        writerStamp == stamp
        ? writer | mask | (mask << 4)
        : (stamp << ShadowBits.stampShift) | (writer & 0xF0) | mask | (mask << 4)
      if updated != writer { words[granule * 2] = updated }
      return
    }
    if (writer >> 4) & mask != mask { problems.insert(.uninitialized) }
    if writerStamp != stamp, writer & mask != 0, !isSharedOrdered(writerStamp, lane: lane) {
      problems.insert(.readAfterWrite)
      other = writerStamp
    }
    let readerStamp = reader >> ShadowBits.stampShift
    guard readerStamp != stamp || reader & mask != mask else { return }
    let updated: UInt64
    if readerStamp == stamp {
      updated = reader | mask
    } else if reader & ShadowBits.sameInterval != 0, reader & mask == mask,
      readerStamp >> 10 == stamp >> 10
    {
      // Several threads of this interval read these bytes already: nothing new to record.
      updated = reader
    } else if reader & mask == 0 || isSharedOrdered(readerStamp, lane: lane) {
      // Other bytes of the granule, or an earlier interval: keep the newest reader only (which
      // can miss a race on the other bytes, never invent one).
      updated = (stamp << ShadowBits.stampShift) | mask
    } else {
      updated = (stamp << ShadowBits.stampShift) | ShadowBits.sameInterval | (reader & 0xF) | mask
    }
    if updated != reader { words[granule * 2 + 1] = updated }
  }

  /// For a shared atomic: whether bytes [offset, offset + size) are initialised, marking them
  /// so. Atomics are not race-checked against each other and leave no reader or writer record.
  func touchSharedAtomically(_ words: UnsafeMutablePointer<UInt64>, offset: Int, size: Int) -> Bool
  {
    var initialized = true
    var byte = offset
    let end = offset + size
    while byte < end {
      let granule = byte >> 2
      let granuleEnd = min(end, (granule + 1) << 2)
      let mask = ((UInt64(1) << UInt64(granuleEnd - byte)) - 1) << UInt64(byte & 3)
      if (words[granule * 2] >> 4) & mask != mask { initialized = false }
      words[granule * 2] |= mask << 4
      byte = granuleEnd
    }
    return initialized
  }

  // MARK: Global memory

  /// Whether the global access stamped `stamp` is from the block of `lane`. (A group of blocks,
  /// BlockGroups.swift, hands out its ids in chunks of `lanes`, one per lane.)
  @inline(__always) func isGlobalSameBlock(_ stamp: UInt64, lane: Int) -> Bool {
    guard stamp & workerMask == UInt64(worker), stamp >> workerBits >= state.pointee.globalBlockStart
    else { return false }
    if groupBlocks == 1 { return true }
    let thread = Int(((stamp >> workerBits) - state.pointee.globalBlockStart) % UInt64(lanes))
    return thread / blockLanes == lane / blockLanes
  }

  /// Whether the global access stamped `stamp` is ordered before the current one of `lane`.
  @inline(__always) func isGlobalOrdered(_ stamp: UInt64, lane: Int) -> Bool {
    guard isGlobalSameBlock(stamp, lane: lane) else { return false }
    let local = stamp >> workerBits
    if local < state.pointee.globalBarrierBase { return true }
    let thread = Int((local - state.pointee.globalBlockStart) % UInt64(lanes))
    return thread >> 5 == lane >> 5 && local < globalWarpBase[lane >> 5]
  }

  /// Whether an unordered global access stamped `stamp` counts as a conflict with one of
  /// `lane`.
  @inline(__always) func isReportable(_ stamp: UInt64, lane: Int) -> Bool {
    launch.reportsCrossBlockRaces || isGlobalSameBlock(stamp, lane: lane)
  }

  /// Checks and records an access of granules [first, first + count) of a global buffer's
  /// shadow by `lane`; `other` receives the stamp of a conflicting access.
  @inline(__always)
  func checkGlobal(
    _ words: UnsafeMutablePointer<AtomicWord>, first: Int, count: Int, lane: Int, isWrite: Bool,
    other: inout UInt64
  ) -> AccessProblems {
    var problems = AccessProblems.clean
    let stamp = ((globalWarpBase[lane >> 5] &+ UInt64(lane)) << workerBits) | UInt64(worker)
    for granule in first..<(first + count) {
      let word = words[granule].load(ordering: .relaxed)
      // The common cases inline: untouched, or touched only by this thread in this interval.
      if isWrite {
        if word == 0 || word == stamp {
          words[granule].store((stamp << 32) | word, ordering: .relaxed)
          continue
        }
        if word == stamp << 32 || word == (stamp << 32) | stamp { continue }
      } else {
        if word == 0 {
          words[granule].store(stamp, ordering: .relaxed)
          continue
        }
        if word & 0xFFFF_FFFF == stamp && (word >> 32 == 0 || word >> 32 == stamp) { continue }
      }
      problems.formUnion(
        checkGlobalSlowly(
          words + granule, word: word, stamp: stamp, lane: lane, isWrite: isWrite, other: &other))
    }
    return problems
  }

  /// The general case of `checkGlobal` for one granule.
  @inline(never)
  func checkGlobalSlowly(
    _ shadow: UnsafeMutablePointer<AtomicWord>, word: UInt64, stamp: UInt64, lane: Int,
    isWrite: Bool, other: inout UInt64
  ) -> AccessProblems {
    var problems = AccessProblems.clean
    let writer = word >> 32
    let reader = word & 0xFFFF_FFFF
    if writer != stamp, writer != 0, !isGlobalOrdered(writer, lane: lane), isReportable(writer, lane: lane) {
      problems.insert(isWrite ? .writeAfterWrite : .readAfterWrite)
      other = writer
    }
    let readerStamp = reader & ShadowBits.globalStampMask
    if isWrite {
      if reader != 0 {
        let conflict: Bool
        if reader & ShadowBits.globalOtherBlock != 0 {
          conflict = launch.reportsCrossBlockRaces
        } else if readerStamp == stamp {
          conflict = reader & ShadowBits.globalSameInterval != 0
        } else {
          conflict = !isGlobalOrdered(readerStamp, lane: lane) && isReportable(readerStamp, lane: lane)
        }
        if conflict {
          problems.insert(.writeAfterRead)
          other = readerStamp
        }
      }
      if writer != stamp { shadow.pointee.store((stamp << 32) | reader, ordering: .relaxed) }
    } else {
      let updated: UInt64
      if reader == 0
        || (readerStamp != stamp && reader & ShadowBits.globalOtherBlock == 0
          && isGlobalOrdered(readerStamp, lane: lane))
      {
        updated = stamp
      } else if readerStamp == stamp || reader & ShadowBits.globalOtherBlock != 0 {
        updated = reader
      } else if isGlobalSameBlock(readerStamp, lane: lane) {
        updated = stamp | ShadowBits.globalSameInterval
      } else {
        updated = stamp | ShadowBits.globalOtherBlock
      }
      if updated != reader { shadow.pointee.store((writer << 32) | updated, ordering: .relaxed) }
    }
    return problems
  }

  // MARK: Intervals

  /// Starts a new barrier interval for the whole block.
  func startBlockInterval() {
    let base = state.pointee.sharedCounter
    state.pointee.sharedCounter += 1
    state.pointee.sharedBarrierBase = base
    clearSharedTouched()
    for warp in 0..<warpCount { sharedWarpBase[warp] = base }
    state.pointee.sharedWarpsAligned = true
    state.pointee.globalPending = true
  }

  /// Starts a new interval for warp `warp` (after a `__syncwarp`).
  func startWarpInterval(_ warp: Int) {
    let base = state.pointee.sharedCounter
    state.pointee.sharedCounter += 1
    sharedWarpBase[warp] = base
    state.pointee.sharedWarpsAligned = false
    if !state.pointee.globalPending {
      globalWarpPending[warp] = true
      state.pointee.anyWarpPending = true
    }
  }

  /// Takes global ids for the interval `lane` is in, once it first touches global memory.
  /// Returns false when this worker's global ids are used up (global checks stop).
  @inline(never) func startGlobalInterval(lane: Int) -> Bool {
    let warp = lane >> 5
    guard state.pointee.globalPending || globalWarpPending[warp] else { return true }
    let base = state.pointee.globalCounter
    let end = base + UInt64(lanes)
    guard end << workerBits < ShadowBits.globalStampLimit else {
      state.pointee.globalTracking = false
      return false
    }
    state.pointee.globalCounter = end
    if state.pointee.globalPending {
      state.pointee.globalPending = false
      state.pointee.globalBarrierBase = base
      for index in 0..<warpCount {
        globalWarpBase[index] = base
        globalWarpPending[index] = false
      }
      state.pointee.globalWarpsAligned = true
    } else {
      globalWarpPending[warp] = false
      globalWarpBase[warp] = base
      state.pointee.globalWarpsAligned = false
    }
    return true
  }

  /// The lane that a stamp names, if it is from the block of `lane`.
  func laneOfStamp(_ stamp: UInt64, shared: Bool, lane: Int) -> Int? {
    if shared { return stamp == 0 ? nil : Int(stamp & 1023) }
    guard isGlobalSameBlock(stamp, lane: lane) else { return nil }
    return Int(((stamp >> workerBits) - state.pointee.globalBlockStart) % UInt64(lanes))
  }
}
