// The contiguous-range path of single-scalar loads and stores, and the shared-memory shadow
// check of the common case.
//
// Range path: when every lane of the active range is active and lane l's address is the first
// lane's plus (l - first) * size (thread t touching element base + t, a coalesced access), all
// within one allocation, the bounds are checked once for the range, the shadow checks run in
// one pass over consecutive granules with stamps computed incrementally until a granule is not
// in the common state (from there, one lane at a time), and the data moves with one copy.
// The rows path does the same for each row of a two-dimensional block in turn when every row's
// access is such a range (a tile). Any other access takes the per-lane loop of
// MemoryFastPath.swift, and any lane whose check finds something takes the general check of
// RaceDetector.swift, so the findings (and the shadow state they leave) are exactly those of
// the per-lane path.
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
    guard range.count >= 2, state.pointee.activeCount == range.count else { return nil }
    return contiguousOffset(pointers, size: size, region: region, lanes: range)
  }

  /// The offset of lane `lanes.lowerBound`'s address when lanes `lanes` (all active) access a
  /// contiguous range of `size`-byte elements within `region`'s bounds; nil otherwise.
  @inline(__always)
  func contiguousOffset(
    _ pointers: UnsafeMutablePointer<UInt64>, size: Int, region: ResolvedRegion,
    lanes range: Range<Int>
  ) -> Int? {
    let count = range.count
    guard region.base != nil else { return nil }
    let lowest = range.lowerBound
    let first = pointers[lowest]
    let offset = Address.offset(first)
    guard Address.id(first) == region.id, offset >= 0, offset <= region.byteCount &- count &* size
    else { return nil }
    let step = UInt64(truncatingIfNeeded: size)
    // The last lane first: most non-contiguous accesses (the rows of a 2-D block) fail here.
    guard pointers[range.upperBound &- 1] == first &+ UInt64(truncatingIfNeeded: count &- 1) &* step
    else { return nil }
    // The expected address advances by addition (a multiply of 64-bit lanes does not vectorise).
    var mismatch: UInt64 = 0
    var expected = first
    for lane in range {
      mismatch |= pointers[lane] ^ expected
      expected &+= step
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
    // (The callers mark the granules touched: per op, SharedIntervalMap.swift.)
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
    _ region: ResolvedRegion, words: UnsafeMutableRawPointer, lanes range: Range<Int>,
    offset: Int, size: Int, isWrite: Bool, meta: OpMeta, isSameValue: (Int, Int) -> Bool
  ) {
    let lowest = range.lowerBound
    if region.shadowKind == 1, size == 4, offset & 3 == 0, state.pointee.sharedWarpsAligned {
      let shared = words.assumingMemoryBound(to: UInt64.self)
      let base = state.pointee.sharedBarrierBase
      let handled = checkSharedInBulk(
        shared, first: offset >> 2, range: range, base: base, isWrite: isWrite)
      if handled == range.count { return }
      var granule = (offset >> 2) &+ handled
      for lane in (lowest &+ handled)..<range.upperBound {
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
      // The shadow of a two-dimensional launch is mapped on first touch (LaunchState.swift).
      // Touching its pages by a write first (adding 0 changes nothing) maps each once, where
      // the check's read would map the shared zero page and its store fault a second time.
      global[granule].wrappingAdd(0, ordering: .relaxed)
      global[granule &+ range.count &- 1].wrappingAdd(0, ordering: .relaxed)
      let handled = checkGlobalInBulk(
        global, first: granule, count: range.count, stamp: stamp, stride: stride,
        isWrite: isWrite)
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

  /// The shared check of a range in one pass, for the common case where every granule was
  /// last written and read in earlier intervals, by the accessing thread, or never: a read
  /// records the reader, a write the writer. Returns how many leading lanes it checked; it
  /// stops, changing nothing more, at the first granule not in that state, and the per-lane
  /// checks take the lanes from there. (Each lane touches its own granule, so handling a clean
  /// prefix first leaves the same shadow state and findings as checking every lane in order.)
  @inline(__always)
  func checkSharedInBulk(
    _ words: UnsafeMutablePointer<UInt64>, first: Int, range: Range<Int>, base: UInt64,
    isWrite: Bool
  ) -> Int {
    let count = range.count
    let own = ((base << 10) | UInt64(range.lowerBound)) << 8
    let slot = words + first &* 2
    let arenaFirst = sharedGranuleIndex(words, first)
    // Every lane's records are written (clean lanes count towards `handled` only).
    defer { markSharedTouched(first: arenaFirst, count: count) }
    if !isAnySharedTouched(first: arenaFirst, count: count) {
      // No record of these granules is from this interval: all are clean for the race checks,
      // and a read needs only that the bytes were written.
      if isWrite || isWrittenInBulk(slot, count: count) {
        recordSharedInBulk(slot, count: count, own: own, isWrite: isWrite)
        return count
      }
      return recordCleanPrefix(slot, count: count, own: own, isWrite: isWrite) { lane, _ in
        isWrittenInBulk(lane, count: 1)
      }
    }
    // A record is from an earlier interval when its stamp (bits 8 up, interval above 10 bits
    // of lane) is below `base`: compared whole, without shifting.
    let intervalStart = base << 18
    // The pass that vectorises pays when every lane is clean. The first lane alone shows the
    // common failure: a row that other rows of threads read in this interval (a tile's
    // `b[k][tx]`) conflicts in every lane.
    if isCleanInBulk(slot, count: 1, own: own, intervalStart: intervalStart, isWrite: isWrite),
      isCleanInBulk(slot, count: count, own: own, intervalStart: intervalStart, isWrite: isWrite)
    {
      recordSharedInBulk(slot, count: count, own: own, isWrite: isWrite)
      return count
    }
    return recordCleanPrefix(slot, count: count, own: own, isWrite: isWrite) { lane, stamp in
      isCleanInBulk(lane, count: 1, own: stamp, intervalStart: intervalStart, isWrite: isWrite)
    }
  }

  /// Records lane after lane (stamps from `own`, one granule each from `slot`) while
  /// `isClean(records, stamp)` holds, and returns how many lanes it recorded.
  @inline(__always)
  private func recordCleanPrefix(
    _ slot: UnsafeMutablePointer<UInt64>, count: Int, own: UInt64, isWrite: Bool,
    isClean: (UnsafeMutablePointer<UInt64>, UInt64) -> Bool
  ) -> Int {
    var stamp = own
    for index in 0..<count {
      let lane = slot + index &* 2
      if !isClean(lane, stamp) { return index }
      recordSharedInBulk(lane, count: 1, own: stamp, isWrite: isWrite)
      stamp &+= 1 << 8
    }
    return count
  }

  /// Whether each of the `count` shared granules whose records start at `slot` has all its
  /// bytes written (what a clean read needs): one branch-free pass, which vectorises.
  @inline(__always)
  func isWrittenInBulk(_ slot: UnsafeMutablePointer<UInt64>, count: Int) -> Bool {
    var missing: UInt64 = 0
    for index in 0..<count { missing |= ~slot[index &* 2] & 0xF0 }
    return missing == 0
  }

  /// Whether the access of `count` lanes (stamps from `own`, one granule each from `slot`) is
  /// clean for every lane: each granule last written and read in an earlier interval, by this
  /// very thread (a reader record without the several-readers bit), or never (a zero stamp,
  /// below any interval: every record with a stamp has byte bits); for a read, its bytes
  /// written. One branch-free pass, which vectorises, before the records are written.
  @inline(__always)
  func isCleanInBulk(
    _ slot: UnsafeMutablePointer<UInt64>, count: Int, own: UInt64, intervalStart: UInt64,
    isWrite: Bool
  ) -> Bool {
    var conflicts: UInt64 = 0
    var expected = own
    for index in 0..<count {
      let writer = slot[index &* 2]
      let reader = slot[index &* 2 &+ 1]
      let writerConflict: UInt64 =
        (writer >= intervalStart ? 1 : 0) & (writer & ~0xFF != expected ? 1 : 0)
      let readerConflict: UInt64 =
        (reader >= intervalStart ? 1 : 0) & (reader & ~0xF != expected ? 1 : 0)
      conflicts |= writerConflict | readerConflict | (isWrite ? 0 : ~writer & 0xF0)
      expected &+= 1 << 8
    }
    return conflicts == 0
  }

  /// Writes the records of a clean access of `count` lanes (stamps from `own`): the writer
  /// record of each granule for a write, the reader record for a read.
  @inline(__always)
  func recordSharedInBulk(
    _ slot: UnsafeMutablePointer<UInt64>, count: Int, own: UInt64, isWrite: Bool
  ) {
    var stamp = own
    let (field, bits): (Int, UInt64) = isWrite ? (0, 0xFF) : (1, 0xF)
    for index in 0..<count {
      slot[index &* 2 &+ field] = stamp | bits
      stamp &+= 1 << 8
    }
  }

  /// The global check of a range in one pass, for the common cases: reads of untouched
  /// granules, and writes of granules untouched or read only by the writing thread in this
  /// interval. Returns how many leading lanes it checked, stopping at the first granule in
  /// another state (the per-lane checks take the lanes from there, as for shared memory).
  @inline(__always)
  func checkGlobalInBulk(
    _ words: UnsafeMutablePointer<AtomicWord>, first: Int, count: Int, stamp: UInt64,
    stride: UInt64, isWrite: Bool
  ) -> Int {
    var current = stamp
    for index in 0..<count {
      let word = words[first &+ index].load(ordering: .relaxed)
      guard word == 0 || (isWrite && word == current) else { return index }
      words[first &+ index].store(isWrite ? (current << 32) | word : current, ordering: .relaxed)
      current &+= stride
    }
    return count
  }

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
    guard let offset = context.contiguousOffset(pointers, size: size, region: region) else {
      return false
    }
    loadLanes(context, context.activeRange, at: offset, values, region, meta)
    return true
  }

  /// Stores a contiguous range of `T` (see `contiguousOffset`); false when the access is not
  /// one.
  @inline(__always)
  static func storeRange<T: Equatable>(
    _ context: ExecutionContext, _ pointers: UnsafeMutablePointer<UInt64>,
    _ values: UnsafeMutablePointer<T>, _ region: ResolvedRegion, _ meta: OpMeta
  ) -> Bool {
    let size = MemoryLayout<T>.size
    guard let offset = context.contiguousOffset(pointers, size: size, region: region) else {
      return false
    }
    storeLanes(context, context.activeRange, at: offset, values, region, meta)
    return true
  }

  /// Whether the access is by the rows of a two-dimensional block (`block.x` lanes each, every
  /// lane of the active range active) and each row's is a contiguous range within `region`
  /// (the rows of a tile, `a[y * n + x]`). The first lane of each row then has the row's
  /// offset.
  @inline(__always)
  static func isByContiguousRows(
    _ context: ExecutionContext, _ pointers: UnsafeMutablePointer<UInt64>, size: Int,
    _ region: ResolvedRegion
  ) -> Bool {
    let width = context.launch.configuration.block.x
    let range = context.activeRange
    guard width >= 4, range.count > width, context.state.pointee.activeCount == range.count,
      range.lowerBound % width == 0, range.upperBound % width == 0
    else { return false }
    for start in stride(from: range.lowerBound, to: range.upperBound, by: width) {
      guard
        context.contiguousOffset(
          pointers, size: size, region: region, lanes: start..<(start &+ width)) != nil
      else { return false }
    }
    return true
  }

  /// Loads a block's rows as contiguous ranges, one after another (see `isByContiguousRows`); false
  /// when the access is not such. Row by row in lane order, each row as the range path does
  /// it: the same shadow state, findings and counts as the per-lane loop.
  @inline(__always)
  static func loadRows<T>(
    _ context: ExecutionContext, _ pointers: UnsafeMutablePointer<UInt64>,
    _ values: UnsafeMutablePointer<T>, _ region: ResolvedRegion, _ meta: OpMeta
  ) -> Bool {
    guard isByContiguousRows(context, pointers, size: MemoryLayout<T>.size, region) else {
      return false
    }
    let width = context.launch.configuration.block.x
    let range = context.activeRange
    for start in stride(from: range.lowerBound, to: range.upperBound, by: width) {
      loadLanes(
        context, start..<(start &+ width), at: Address.offset(pointers[start]), values, region,
        meta)
    }
    return true
  }

  /// Stores a block's rows as contiguous ranges (see `loadRows`).
  @inline(__always)
  static func storeRows<T: Equatable>(
    _ context: ExecutionContext, _ pointers: UnsafeMutablePointer<UInt64>,
    _ values: UnsafeMutablePointer<T>, _ region: ResolvedRegion, _ meta: OpMeta
  ) -> Bool {
    guard isByContiguousRows(context, pointers, size: MemoryLayout<T>.size, region) else {
      return false
    }
    let width = context.launch.configuration.block.x
    let range = context.activeRange
    for start in stride(from: range.lowerBound, to: range.upperBound, by: width) {
      storeLanes(
        context, start..<(start &+ width), at: Address.offset(pointers[start]), values, region,
        meta)
    }
    return true
  }

  /// Copies `count` values: an inline loop, since the rows of a tile are short and a call to
  /// `memmove` per row costs as much as the copy.
  /// (Memory may be unaligned for `T`: it is read and written as raw bytes.)
  @inline(__always)
  static func copyLanes<T>(
    from source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, as type: T.Type,
    count: Int
  ) {
    let size = MemoryLayout<T>.size
    for index in 0..<count {
      destination.storeBytes(
        of: source.loadUnaligned(fromByteOffset: index &* size, as: T.self),
        toByteOffset: index &* size, as: T.self)
    }
  }

  /// Loads lanes `lanes` (active, contiguous from byte `offset` of `region`, in bounds).
  @inline(__always)
  static func loadLanes<T>(
    _ context: ExecutionContext, _ lanes: Range<Int>, at offset: Int,
    _ values: UnsafeMutablePointer<T>, _ region: ResolvedRegion, _ meta: OpMeta
  ) {
    guard let base = region.base else { return }
    let size = MemoryLayout<T>.size
    if let words = region.shadow {
      context.checkRange(
        region, words: words, lanes: lanes, offset: offset, size: size, isWrite: false,
        meta: meta
      ) { _, _ in false }
    }
    copyLanes(
      from: base + offset, to: values + lanes.lowerBound, as: T.self, count: lanes.count)
    context.countBytes(
      lanes.count &* size, accesses: lanes.count, space: region.space, isStore: false,
      line: meta.line)
  }

  /// Stores lanes `lanes` (active, contiguous from byte `offset` of `region`, in bounds). The
  /// checks run before the copy, so a write-write conflict is graded against the memory's
  /// value before this op, as the per-lane loop does.
  @inline(__always)
  static func storeLanes<T: Equatable>(
    _ context: ExecutionContext, _ lanes: Range<Int>, at offset: Int,
    _ values: UnsafeMutablePointer<T>, _ region: ResolvedRegion, _ meta: OpMeta
  ) {
    guard let base = region.base else { return }
    let size = MemoryLayout<T>.size
    if let words = region.shadow {
      context.checkRange(
        region, words: words, lanes: lanes, offset: offset, size: size, isWrite: true,
        meta: meta
      ) { lane, at in base.loadUnaligned(fromByteOffset: at, as: T.self) == values[lane] }
    }
    copyLanes(
      from: values + lanes.lowerBound, to: base + offset, as: T.self, count: lanes.count)
    context.countBytes(
      lanes.count &* size, accesses: lanes.count, space: region.space, isStore: true,
      line: meta.line)
  }
}
