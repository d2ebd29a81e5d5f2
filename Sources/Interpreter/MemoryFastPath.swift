// The loops of single-scalar loads and stores. The allocation of the first active lane's
// address is resolved once per op; then one pass over the lanes checks each address against it
// (same allocation id, offset in bounds: two compares), runs the shadow checks of shared and
// global memory, and moves the data. A lane whose address falls elsewhere takes the per-lane
// path of MemoryAccess.swift, which resolves its allocation or reports the fault. A dense,
// contiguous access (or one contiguous per row of a two-dimensional block) takes the range or
// rows path of MemoryRanges.swift instead.

import KIR

extension ExecutionContext {
  /// Gives the active lanes global stamps for their current interval; false when global races
  /// are no longer tracked by this worker.
  @inline(__always) func prepareGlobalIntervals() -> Bool {
    if state.pointee.globalPending, let lane = state.pointee.active.first {
      _ = startGlobalInterval(lane: lane)
    }
    if state.pointee.anyWarpPending {
      let active = state.pointee.active
      for warp in 0..<warpCount where globalWarpPending[warp] && active.warpBits(warp) != 0 {
        _ = startGlobalInterval(lane: warp * 32)
      }
      state.pointee.anyWarpPending = (0..<warpCount).contains { globalWarpPending[$0] }
    }
    return state.pointee.globalTracking
  }

  /// Checks one lane's access of a shadowed region.
  @inline(__always)
  func checkLane(
    _ region: ResolvedRegion, words: UnsafeMutableRawPointer, tracking: Bool, offset: Int,
    size: Int, lane: Int, isWrite: Bool, other: inout UInt64
  ) -> AccessProblems {
    if region.shadowKind == 1 {
      if size == 4, offset & 3 == 0, state.pointee.sharedWarpsAligned {
        let base = state.pointee.sharedBarrierBase
        if checkSharedQuickly(
          words.assumingMemoryBound(to: UInt64.self), granule: offset >> 2,
          stamp: (base << 10) | UInt64(lane), base: base, isWrite: isWrite)
        {
          return .clean
        }
      }
      return checkShared(
        words.assumingMemoryBound(to: UInt64.self), offset: offset, size: size, lane: lane,
        isWrite: isWrite, other: &other)
    }
    let shift = region.granuleShift
    let granuleMask = (1 << shift) - 1
    guard tracking, offset & granuleMask == 0, size & granuleMask == 0 else { return .clean }
    return checkGlobal(
      words.assumingMemoryBound(to: AtomicWord.self), first: offset >> shift, count: size >> shift,
      lane: lane, isWrite: isWrite, other: &other)
  }

  /// The region of the first active lane's address (the one the op's lanes most likely share).
  @inline(__always) func leadRegion(_ pointers: UnsafeMutablePointer<UInt64>) -> ResolvedRegion {
    resolve(Address.id(pointers[state.pointee.rangeStart]))
  }
}

/// Load and store loops for single-scalar values, specialised per lane width.
enum MemoryKernels {
  static func load<T>(_ type: T.Type, _ address: Int, _ result: Int, _ meta: OpMeta) -> OpBody {
    let size = MemoryLayout<T>.size
    return { context in
      let pointers = context.register(address, as: UInt64.self)
      let values = context.register(result, as: T.self)
      let region = context.leadRegion(pointers)
      if loadRange(context, pointers, values, region, meta) { return }
      if loadRows(context, pointers, values, region, meta) { return }
      let id = UInt64(truncatingIfNeeded: region.id)
      // Offsets at most `limit` are in bounds (none when the region is unallocated).
      let limit = region.base == nil ? -1 : region.byteCount - size
      let base = region.base ?? context.sharedArena
      var cache = ResolvedRegion()
      // Lanes that took the per-lane path (counted there); the rest moved `size` bytes each.
      var slow = 0
      if let words = region.shadow {
        let tracking = region.shadowKind == 2 && context.prepareGlobalIntervals()
        context.markSharedTouched(region: region)
        for lane in context.activeLanes {
          let address = pointers[lane]
          let offset = Address.offset(address)
          guard address >> Address.offsetBits == id, offset >= 0, offset <= limit else {
            loadSlowly(context, address, lane, values, meta, &cache)
            slow &+= 1
            continue
          }
          var other: UInt64 = 0
          let problems = context.checkLane(
            region, words: words, tracking: tracking, offset: offset, size: size, lane: lane,
            isWrite: false, other: &other)
          if !problems.isEmpty {
            context.reportAccessProblems(
              problems, other: other, id: region.id, offset: offset, size: size, lane: lane,
              isWrite: false, isSameValue: false, meta: meta)
          }
          values[lane] = base.loadUnaligned(fromByteOffset: offset, as: T.self)
        }
      } else {
        for lane in context.activeLanes {
          let address = pointers[lane]
          let offset = Address.offset(address)
          guard address >> Address.offsetBits == id, offset >= 0, offset <= limit else {
            loadSlowly(context, address, lane, values, meta, &cache)
            slow &+= 1
            continue
          }
          values[lane] = base.loadUnaligned(fromByteOffset: offset, as: T.self)
        }
      }
      let fast = context.state.pointee.activeCount &- slow
      if fast != 0 {
        context.countBytes(size * fast, accesses: fast, space: region.space, isStore: false, line: meta.line)
      }
      context.finishRegion(&cache, isStore: false, line: meta.line)
    }
  }

  @inline(never)
  private static func loadSlowly<T>(
    _ context: ExecutionContext, _ address: UInt64, _ lane: Int, _ values: UnsafeMutablePointer<T>,
    _ meta: OpMeta, _ cache: inout ResolvedRegion
  ) {
    let size = MemoryLayout<T>.size
    if let source = context.addressForRead(
      address, size: size, lane: lane, meta: meta, cache: &cache)
    {
      values[lane] = source.loadUnaligned(as: T.self)
    } else {
      UnsafeMutableRawPointer(values + lane).initializeMemory(
        as: UInt8.self, repeating: 0, count: size)
    }
  }

  static func store<T: Equatable>(_ type: T.Type, _ value: Int, _ address: Int, _ meta: OpMeta)
    -> OpBody
  {
    let size = MemoryLayout<T>.size
    return { context in
      let pointers = context.register(address, as: UInt64.self)
      let values = context.register(value, as: T.self)
      let region = context.leadRegion(pointers)
      if storeRange(context, pointers, values, region, meta) { return }
      if storeRows(context, pointers, values, region, meta) { return }
      let id = UInt64(truncatingIfNeeded: region.id)
      let limit = region.base == nil ? -1 : region.byteCount - size
      let base = region.base ?? context.sharedArena
      var cache = ResolvedRegion()
      // Lanes that took the per-lane path (counted there); the rest moved `size` bytes each.
      var slow = 0
      if let words = region.shadow {
        let tracking = region.shadowKind == 2 && context.prepareGlobalIntervals()
        context.markSharedTouched(region: region)
        for lane in context.activeLanes {
          let address = pointers[lane]
          let offset = Address.offset(address)
          guard address >> Address.offsetBits == id, offset >= 0, offset <= limit else {
            storeSlowly(context, address, lane, values, meta, &cache)
            slow &+= 1
            continue
          }
          var other: UInt64 = 0
          let problems = context.checkLane(
            region, words: words, tracking: tracking, offset: offset, size: size, lane: lane,
            isWrite: true, other: &other)
          if !problems.isEmpty {
            let same =
              problems == .writeAfterWrite
              && base.loadUnaligned(fromByteOffset: offset, as: T.self) == values[lane]
            context.reportAccessProblems(
              problems, other: other, id: region.id, offset: offset, size: size, lane: lane,
              isWrite: true, isSameValue: same, meta: meta)
          }
          base.storeBytes(of: values[lane], toByteOffset: offset, as: T.self)
        }
      } else {
        for lane in context.activeLanes {
          let address = pointers[lane]
          let offset = Address.offset(address)
          guard address >> Address.offsetBits == id, offset >= 0, offset <= limit else {
            storeSlowly(context, address, lane, values, meta, &cache)
            slow &+= 1
            continue
          }
          base.storeBytes(of: values[lane], toByteOffset: offset, as: T.self)
        }
      }
      let fast = context.state.pointee.activeCount &- slow
      if fast != 0 {
        context.countBytes(size * fast, accesses: fast, space: region.space, isStore: true, line: meta.line)
      }
      context.finishRegion(&cache, isStore: true, line: meta.line)
    }
  }

  @inline(never)
  private static func storeSlowly<T: Equatable>(
    _ context: ExecutionContext, _ address: UInt64, _ lane: Int, _ values: UnsafeMutablePointer<T>,
    _ meta: OpMeta, _ cache: inout ResolvedRegion
  ) {
    let newValue = values[lane]
    if let target = context.addressForWrite(
      address, size: MemoryLayout<T>.size, lane: lane, meta: meta, cache: &cache,
      isSameValue: { $0.loadUnaligned(as: T.self) == newValue })
    {
      target.storeBytes(of: newValue, as: T.self)
    }
  }
}
