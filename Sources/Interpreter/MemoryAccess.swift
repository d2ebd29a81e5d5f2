// One lane's memory access: decode the address, find the allocation (cached while consecutive
// lanes hit the same one), check the bounds, run the shadow checks of shared and global memory,
// and hand back the host address. Faults become findings through the never-inlined reporters
// below, so the common path stays small.

import KIR

extension ExecutionContext {
  /// The host address of a read of `size` bytes at `address` by `lane`, or nil when the access
  /// is invalid (reported).
  @inline(__always)
  func addressForRead(
    _ address: UInt64, size: Int, lane: Int, meta: OpMeta, cache: inout ResolvedRegion
  ) -> UnsafeMutableRawPointer? {
    let id = Address.id(address)
    if id != cache.id { switchRegion(&cache, to: id, isStore: false, line: meta.line) }
    let offset = Address.offset(address)
    guard let base = cache.base, offset >= 0, offset <= cache.byteCount &- size else {
      reportInvalidAccess(address, size: size, lane: lane, isWrite: false, meta: meta)
      return nil
    }
    cache.moved &+= size
    cache.accesses &+= 1
    if cache.shadowKind != 0 {
      var other: UInt64 = 0
      let problems = checkShadow(
        cache, offset: offset, size: size, lane: lane, isWrite: false, other: &other)
      if !problems.isEmpty {
        reportAccessProblems(
          problems, other: other, id: id, offset: offset, size: size, lane: lane, isWrite: false,
          isSameValue: false, meta: meta)
      }
    }
    return base + offset
  }

  /// The host address of a write of `size` bytes at `address` by `lane`, or nil when the access
  /// is invalid (reported). `isSameValue` says whether the memory there already holds the
  /// value being written (asked only on a write-write conflict, to grade it).
  @inline(__always)
  func addressForWrite(
    _ address: UInt64, size: Int, lane: Int, meta: OpMeta, cache: inout ResolvedRegion,
    isSameValue: (UnsafeMutableRawPointer) -> Bool
  ) -> UnsafeMutableRawPointer? {
    let id = Address.id(address)
    if id != cache.id { switchRegion(&cache, to: id, isStore: true, line: meta.line) }
    let offset = Address.offset(address)
    guard let base = cache.base, offset >= 0, offset <= cache.byteCount &- size else {
      reportInvalidAccess(address, size: size, lane: lane, isWrite: true, meta: meta)
      return nil
    }
    cache.moved &+= size
    cache.accesses &+= 1
    if cache.shadowKind != 0 {
      var other: UInt64 = 0
      let problems = checkShadow(
        cache, offset: offset, size: size, lane: lane, isWrite: true, other: &other)
      if !problems.isEmpty {
        let same = problems == .writeAfterWrite && isSameValue(base + offset)
        reportAccessProblems(
          problems, other: other, id: id, offset: offset, size: size, lane: lane, isWrite: true,
          isSameValue: same, meta: meta)
      }
    }
    return base + offset
  }

  /// Runs the shadow checks of a shared or global access.
  @inline(__always)
  func checkShadow(
    _ cache: ResolvedRegion, offset: Int, size: Int, lane: Int, isWrite: Bool, other: inout UInt64
  ) -> AccessProblems {
    guard let shadow = cache.shadow else { return .clean }
    if cache.shadowKind == 1 {
      return checkShared(
        shadow.assumingMemoryBound(to: UInt64.self), offset: offset, size: size, lane: lane,
        isWrite: isWrite, other: &other)
    }
    let shift = cache.granuleShift
    let granuleMask = (1 << shift) - 1
    guard state.pointee.globalTracking, offset & granuleMask == 0, size & granuleMask == 0 else {
      return .clean
    }
    if state.pointee.globalPending || globalWarpPending[lane >> 5] {
      guard startGlobalInterval(lane: lane) else { return .clean }
    }
    return checkGlobal(
      shadow.assumingMemoryBound(to: AtomicWord.self), first: offset >> shift, count: size >> shift,
      lane: lane, isWrite: isWrite, other: &other)
  }

  /// The host address of an atomic access of `size` bytes, checking bounds and (for shared
  /// memory) initialisation, or nil when invalid (reported).
  func addressForAtomic(
    _ address: UInt64, size: Int, lane: Int, meta: OpMeta, cache: inout ResolvedRegion
  ) -> UnsafeMutableRawPointer? {
    let id = Address.id(address)
    if id != cache.id { cache = resolve(id) }
    let offset = Address.offset(address)
    guard let base = cache.base, offset >= 0, offset <= cache.byteCount &- size else {
      reportInvalidAccess(address, size: size, lane: lane, isWrite: true, meta: meta)
      return nil
    }
    if cache.shadowKind == 1, let shadow = cache.shadow,
      !touchSharedAtomically(
        shadow.assumingMemoryBound(to: UInt64.self), offset: offset, size: size)
    {
      reportAccessProblems(
        .uninitialized, other: 0, id: id, offset: offset, size: size, lane: lane, isWrite: false,
        isSameValue: false, meta: meta)
    }
    return base + offset
  }

  /// Moves the byte count of the cached region to the profile and caches region `id`.
  @inline(never)
  func switchRegion(_ cache: inout ResolvedRegion, to id: Int, isStore: Bool, line: Int) {
    finishRegion(&cache, isStore: isStore, line: line)
    cache = resolve(id)
  }

  /// Moves the byte count of the cached region to the profile.
  @inline(__always) func finishRegion(_ cache: inout ResolvedRegion, isStore: Bool, line: Int) {
    if cache.moved != 0 {
      countBytes(cache.moved, accesses: cache.accesses, space: cache.space, isStore: isStore, line: line)
      cache.moved = 0
      cache.accesses = 0
    }
  }

  /// Reports an access outside any allocation or outside its allocation's bounds.
  @inline(never)
  func reportInvalidAccess(_ address: UInt64, size: Int, lane: Int, isWrite: Bool, meta: OpMeta) {
    let kind: FindingKind
    let id = Address.id(address)
    let verb = isWrite ? "store to" : "load from"
    let described = describeAllocation(id)
    if let described, resolve(id).base != nil {
      kind = .outOfBounds
      if findings.hasError(kind, op: meta.index) { return }
      let offset = Address.offset(address)
      let element = max(1, described.elementSize)
      let index = offset >= 0 ? offset / element : -((-offset + element - 1) / element)
      let count = resolve(id).byteCount / element
      record(
        kind, .error, meta: meta, lane: lane, space: described.space, buffer: described.name,
        index: index, size: count,
        message: "out-of-bounds \(verb) '\(described.name)'",
        details: "index \(index), size \(count)")
    } else {
      kind = .unallocated
      if findings.hasError(kind, op: meta.index) { return }
      let what =
        address == 0 ? "null pointer" : "unallocated address 0x\(String(address, radix: 16))"
      record(
        kind, .error, meta: meta, lane: lane, space: nil, buffer: nil, index: nil, size: nil,
        message: "\(isWrite ? "store to" : "load from") \(what)", details: nil)
    }
  }

  /// Reports what the shadow checks found about one access.
  @inline(never)
  func reportAccessProblems(
    _ problems: AccessProblems, other: UInt64, id: Int, offset: Int, size: Int, lane: Int,
    isWrite: Bool, isSameValue: Bool, meta: OpMeta
  ) {
    guard let described = describeAllocation(id) else { return }
    let element = max(1, described.elementSize)
    let index = offset / element
    let count = resolve(id).byteCount / element
    let location = "index \(index), size \(count)"
    if problems.contains(.uninitialized), !findings.hasError(.uninitializedRead, op: meta.index) {
      record(
        .uninitializedRead, .error, meta: meta, lane: lane, space: described.space,
        buffer: described.name, index: index, size: count,
        message: "read of uninitialized \(described.space.rawValue) memory '\(described.name)'",
        details: location)
    }
    let racing = problems.subtracting(.uninitialized)
    guard !racing.isEmpty else { return }
    let kind: FindingKind = described.space == .shared ? .sharedRace : .globalRace
    let severity: Severity = isSameValue ? .warning : .error
    if findings.hasError(kind, op: meta.index) { return }
    let otherAccess = racing.contains(.writeAfterRead) ? "a load" : "a store"
    let otherThread: String
    if let otherLane = laneOfStamp(other, shared: described.space == .shared, lane: lane) {
      otherThread = "thread \(describe(threadIndex(of: otherLane))) of the same block"
    } else {
      otherThread = "a thread of another block"
    }
    let what =
      isSameValue ? "write-write race storing the same value" : "data race"
    record(
      kind, severity, meta: meta, lane: lane, space: described.space, buffer: described.name,
      index: index, size: count,
      message:
        "\(described.space.rawValue)-memory \(what): \(isWrite ? "store to" : "load from") '\(described.name)'",
      details:
        "\(location); conflicts with \(otherAccess) by \(otherThread) not ordered by a barrier")
  }

  /// Records a finding at op `meta` for `lane` of the current block.
  func record(
    _ kind: FindingKind, _ severity: Severity, meta: OpMeta, lane: Int?, space: AddressSpace?,
    buffer: String?, index: Int?, size: Int?, message: String, details: String?
  ) {
    let opRecord = launch.program.records[meta.index]
    let block = lane.map(blockIndex(of:)) ?? state.pointee.blockIndex
    let thread = lane.map(threadIndex(of:))
    var text = "\(message) at \(describeShort(opRecord.location))"
    if let thread { text += ", thread \(describe(thread))" }
    text += " block \(describe(block))"
    if let details { text += ", \(details)" }
    let finding = Finding(
      kind: kind, severity: severity, kernel: launch.program.kernel.name,
      location: opRecord.location, block: block, thread: thread, space: space, buffer: buffer,
      index: index, size: size, message: text)
    findings.record(
      finding, op: meta.index, blockLinear: lane.map(blockLinear(of:)) ?? state.pointee.blockLinear)
  }

  /// Reports an integer division by zero by `lane`.
  @inline(never) func reportDivisionByZero(meta: OpMeta, lane: Int) {
    if findings.hasError(.divisionByZero, op: meta.index) { return }
    record(
      .divisionByZero, .error, meta: meta, lane: lane, space: nil, buffer: nil, index: nil,
      size: nil, message: "integer division by zero", details: nil)
  }
}
