// The contiguous-range path of single-scalar loads and stores, and the shared-memory shadow
// check of the common case.
//
// Range path: when every lane of the active range is active and lane l's address is the first
// lane's plus (l - first) * size (thread t touching element base + t, a coalesced access), all
// within one allocation, the bounds are checked once for the range, the shadow checks run in
// branch-free passes over consecutive granules with stamps computed incrementally (then, for
// granules not in the common state, one lane at a time), and the data moves with one copy.
// Any other access takes the per-lane loop of MemoryFastPath.swift, and any lane whose check
// finds something takes the general check of RaceDetector.swift, so the findings (and the
// shadow state they leave) are exactly those of the per-lane path.
//
// Shared fast check: a whole aligned 4-byte granule, while no `__syncwarp` has split the
// block's interval (the stamp of lane l is then `base << 10 | l` and an access is ordered
// before the current one exactly when its interval is below `base`).

import KIR

extension ExecutionContext {
  /// The offset of the first active lane's address when the op's access is a dense contiguous
  /// range of `size`-byte elements within `region`'s bounds; nil otherwise.
  @inline(__always)
  func contiguousOffset(
    _ pointers: UnsafeMutablePointer<UInt64>, size: Int, region: ResolvedRegion
  ) -> Int? {
    let range = activeRange
    let count = range.count
    guard count >= 2, state.pointee.activeCount == count, region.base != nil else { return nil }
    let lowest = range.lowerBound
    let first = pointers[lowest]
    let offset = Address.offset(first)
    guard Address.id(first) == region.id, offset >= 0, offset <= region.byteCount &- count &* size
    else { return nil }
    let step = UInt64(truncatingIfNeeded: size)
    // The last lane first: most non-contiguous accesses (the rows of a 2-D block) fail here.
    guard pointers[range.upperBound &- 1] == first &+ UInt64(truncatingIfNeeded: count &- 1) &* step
    else { return nil }
    var mismatch: UInt64 = 0
    for lane in range {
      mismatch |= pointers[lane] ^ (first &+ UInt64(truncatingIfNeeded: lane &- lowest) &* step)
    }
    return mismatch == 0 ? offset : nil
  }

  /// Checks and records a whole aligned shared granule accessed by the thread stamped `stamp`
  /// while the block's warps share interval `base`. Returns false, changing nothing, when the
  /// access is not clean (uninitialised, or conflicting): the general check then judges it.
  @inline(__always)
  func checkSharedQuickly(
    _ words: UnsafeMutablePointer<UInt64>, granule: Int, stamp: UInt64, base: UInt64,
    isWrite: Bool
  ) -> Bool {
    let writer = words[granule &* 2]
    let reader = words[granule &* 2 &+ 1]
    // Written bytes by another thread of this interval: a possible race.
    if writer & 0xF != 0, writer >> 8 != stamp, writer >> 18 >= base { return false }
    let readerStamp = reader >> 8
    if isWrite {
      if reader & 0xF != 0,
        readerStamp == stamp ? reader & ShadowBits.sameInterval != 0 : readerStamp >> 10 >= base
      {
        return false
      }
      let updated = (stamp << 8) | 0xFF
      if updated != writer { words[granule &* 2] = updated }
      return true
    }
    if writer & 0xF0 != 0xF0 { return false }
    let updated: UInt64
    if readerStamp == stamp {
      updated = reader | 0xF
    } else if reader & 0x1F == 0x1F, readerStamp >> 10 == base {
      updated = reader
    } else if reader & 0xF == 0 || readerStamp >> 10 < base {
      updated = (stamp << 8) | 0xF
    } else {
      updated = (stamp << 8) | 0x1F
    }
    if updated != reader { words[granule &* 2 &+ 1] = updated }
    return true
  }

  /// Runs the shadow checks of a contiguous range access (lane `first + i` at byte
  /// `offset + i * size`), reporting what they find. `isSameValue(lane, offset)` says whether
  /// memory already holds the value a lane writes (asked only on a write-write conflict).
  @inline(__always)
  func checkRange(
    _ region: ResolvedRegion, words: UnsafeMutableRawPointer, offset: Int, size: Int,
    isWrite: Bool, meta: OpMeta, isSameValue: (Int, Int) -> Bool
  ) {
    let range = activeRange
    let lowest = range.lowerBound
    if region.shadowKind == 1, size == 4, offset & 3 == 0, state.pointee.sharedWarpsAligned {
      let shared = words.assumingMemoryBound(to: UInt64.self)
      let base = state.pointee.sharedBarrierBase
      if checkSharedInBulk(shared, first: offset >> 2, range: range, base: base, isWrite: isWrite)
      {
        return
      }
      var granule = offset >> 2
      for lane in range {
        if !checkSharedQuickly(
          shared, granule: granule, stamp: (base << 10) | UInt64(lane), base: base,
          isWrite: isWrite)
        {
          checkRangeLane(
            region, words: words, tracking: false, offset: granule << 2, size: size, lane: lane,
            isWrite: isWrite, meta: meta, isSameValue: isSameValue)
        }
        granule &+= 1
      }
      return
    }
    let tracking = region.shadowKind == 2 && prepareGlobalIntervals()
    if region.shadowKind == 2, !tracking { return }
    let shift = region.granuleShift
    if tracking, size == 1 << shift, offset & (size &- 1) == 0, state.pointee.globalWarpsAligned {
      let global = words.assumingMemoryBound(to: AtomicWord.self)
      let stride = UInt64(1) << workerBits
      var stamp =
        ((state.pointee.globalBarrierBase &+ UInt64(lowest)) << workerBits) | UInt64(worker)
      var granule = offset >> shift
      let handled = checkGlobalInBulk(
        global, first: granule, stamp: stamp, stride: stride, isWrite: isWrite)
      if handled == range.count { return }
      stamp &+= UInt64(handled) &* stride
      granule &+= handled
      for lane in (lowest &+ handled)..<range.upperBound {
        // The common cases of `checkGlobal`: untouched, or touched only by this thread in this
        // interval.
        let word = global[granule].load(ordering: .relaxed)
        var isClean = true
        if isWrite {
          if word == 0 || word == stamp {
            global[granule].store((stamp << 32) | word, ordering: .relaxed)
          } else if word != stamp << 32, word != (stamp << 32) | stamp {
            isClean = false
          }
        } else if word == 0 {
          global[granule].store(stamp, ordering: .relaxed)
        } else if word & 0xFFFF_FFFF != stamp || (word >> 32 != 0 && word >> 32 != stamp) {
          isClean = false
        }
        if !isClean {
          checkRangeLane(
            region, words: words, tracking: true, offset: granule << shift, size: size,
            lane: lane, isWrite: isWrite, meta: meta, isSameValue: isSameValue)
        }
        stamp &+= stride
        granule &+= 1
      }
      return
    }
    for lane in range {
      checkRangeLane(
        region, words: words, tracking: tracking, offset: offset &+ (lane &- lowest) &* size,
        size: size, lane: lane, isWrite: isWrite, meta: meta, isSameValue: isSameValue)
    }
  }

  /// The shared check of a range in two branch-free passes, for the common case where every
  /// granule was last written and read in earlier intervals, by the accessing thread, or never:
  /// the reads record the reader, the writes the writer. Returns false, changing nothing, when
  /// some granule is not in that state.
  @inline(__always)
  func checkSharedInBulk(
    _ words: UnsafeMutablePointer<UInt64>, first: Int, range: Range<Int>, base: UInt64,
    isWrite: Bool
  ) -> Bool {
    let count = range.count
    let stamp = (base << 10) | UInt64(range.lowerBound)
    let checksInitialization: UInt8 = isWrite ? 0 : 1
    var dirty: UInt8 = 0
    for index in 0..<count {
      let writer = words[(first &+ index) &* 2]
      let reader = words[(first &+ index) &* 2 &+ 1]
      let own = (stamp &+ UInt64(index)) << 8
      // Clean: last written and read in an earlier interval, by this very thread (a reader
      // record without the several-readers bit), or never (a zero stamp, below any interval:
      // every record with a stamp has byte bits). Flags as bits, so that the loop has no
      // branches to mispredict.
      let isWriterUnordered = flag(writer >> 18 >= base) & flag(writer & ~0xFF != own)
      let isReaderUnordered = flag(reader >> 18 >= base) & flag(reader & ~0xF != own)
      let isUninitialized = checksInitialization & flag(writer & 0xF0 != 0xF0)
      dirty |= isWriterUnordered | isReaderUnordered | isUninitialized
    }
    if dirty != 0 { return false }
    let slot = isWrite ? 0 : 1
    let bits: UInt64 = isWrite ? 0xFF : 0xF
    for index in 0..<count {
      words[(first &+ index) &* 2 &+ slot] = ((stamp &+ UInt64(index)) << 8) | bits
    }
    return true
  }

  /// The global check of a range in two passes, for the common cases: reads of untouched
  /// granules, and writes of granules untouched or read only by the writing thread in this
  /// interval. Returns how many leading lanes it checked: 0, changing nothing, when some
  /// granule is in another state; fewer than all when another worker changed one meanwhile.
  @inline(__always)
  func checkGlobalInBulk(
    _ words: UnsafeMutablePointer<AtomicWord>, first: Int, stamp: UInt64, stride: UInt64,
    isWrite: Bool
  ) -> Int {
    let count = activeRange.count
    let acceptsOwnRead: UInt8 = isWrite ? 1 : 0
    var dirty: UInt8 = 0
    var expected = stamp
    for index in 0..<count {
      let word = words[first &+ index].load(ordering: .relaxed)
      dirty |= flag(word != 0) & (flag(word != expected) | (acceptsOwnRead ^ 1))
      expected &+= stride
    }
    if dirty != 0 { return 0 }
    var current = stamp
    for index in 0..<count {
      // Another worker may have written the granule since the first pass: then the lanes from
      // here on take the per-lane path, as they would have.
      let word = words[first &+ index].load(ordering: .relaxed)
      guard word == 0 || (isWrite && word == current) else { return index }
      words[first &+ index].store(isWrite ? (current << 32) | word : current, ordering: .relaxed)
      current &+= stride
    }
    return count
  }

  /// 1 when `condition` holds, else 0 (for branch-free loops).
  @inline(__always) func flag(_ condition: Bool) -> UInt8 { condition ? 1 : 0 }

  /// The general shadow check of one lane of a range access, and its report.
  @inline(never)
  func checkRangeLane(
    _ region: ResolvedRegion, words: UnsafeMutableRawPointer, tracking: Bool, offset: Int,
    size: Int, lane: Int, isWrite: Bool, meta: OpMeta, isSameValue: (Int, Int) -> Bool
  ) {
    var other: UInt64 = 0
    let problems = checkLane(
      region, words: words, tracking: tracking, offset: offset, size: size, lane: lane,
      isWrite: isWrite, other: &other)
    guard !problems.isEmpty else { return }
    let same = isWrite && problems == .writeAfterWrite && isSameValue(lane, offset)
    reportAccessProblems(
      problems, other: other, id: region.id, offset: offset, size: size, lane: lane,
      isWrite: isWrite, isSameValue: same, meta: meta)
  }
}

extension MemoryKernels {
  /// Loads a contiguous range of `T` (see `contiguousOffset`); false when the access is not one.
  @inline(__always)
  static func loadRange<T>(
    _ context: ExecutionContext, _ pointers: UnsafeMutablePointer<UInt64>,
    _ values: UnsafeMutablePointer<T>, _ region: ResolvedRegion, _ meta: OpMeta
  ) -> Bool {
    let size = MemoryLayout<T>.size
    guard let offset = context.contiguousOffset(pointers, size: size, region: region),
      let base = region.base
    else { return false }
    if let words = region.shadow {
      context.checkRange(
        region, words: words, offset: offset, size: size, isWrite: false, meta: meta
      ) { _, _ in false }
    }
    let range = context.activeRange
    UnsafeMutableRawPointer(values + range.lowerBound).copyMemory(
      from: base + offset, byteCount: range.count &* size)
    context.countBytes(range.count &* size, accesses: range.count, space: region.space, isStore: false, line: meta.line)
    return true
  }

  /// Stores a contiguous range of `T` (see `contiguousOffset`); false when the access is not
  /// one. The checks run before the copy, so a write-write conflict is graded against the
  /// memory's value before this op, as the per-lane loop does.
  @inline(__always)
  static func storeRange<T: Equatable>(
    _ context: ExecutionContext, _ pointers: UnsafeMutablePointer<UInt64>,
    _ values: UnsafeMutablePointer<T>, _ region: ResolvedRegion, _ meta: OpMeta
  ) -> Bool {
    let size = MemoryLayout<T>.size
    guard let offset = context.contiguousOffset(pointers, size: size, region: region),
      let base = region.base
    else { return false }
    if let words = region.shadow {
      context.checkRange(
        region, words: words, offset: offset, size: size, isWrite: true, meta: meta
      ) { lane, at in base.loadUnaligned(fromByteOffset: at, as: T.self) == values[lane] }
    }
    let range = context.activeRange
    (base + offset).copyMemory(from: values + range.lowerBound, byteCount: range.count &* size)
    context.countBytes(range.count &* size, accesses: range.count, space: region.space, isStore: true, line: meta.line)
    return true
  }
}
