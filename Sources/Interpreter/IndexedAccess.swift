// Loads and stores fused with their address op. `mem.offset p, i` and `mem.element p, i` whose
// base `p` is uniform, whose index `i` varies, and whose every use is the address of a
// single-scalar load or store of the element's size, in the op's own region, are not run: they
// are counted where they stand (the profile is unchanged), and each access reads `p` and `i`
// itself. When the active lanes are dense and hold consecutive indices (`a[base + tid]`, or
// every row of a two-dimensional block: `a[y * n + x]`), the access takes the range or rows
// path of MemoryRanges.swift with the offset computed from the first index, and no address is
// formed per lane or checked for contiguity per lane (the indices are, at half the width).
// Otherwise the access computes the address register as the op would have and takes its
// general path. Either way the checks, findings, shadow state and counts are those of the
// unfused ops.
//
// The access reads `p` and `i` after the address op, so neither may change in between: both
// are SSA values whose registers only their defining op writes, unless they are a promoted
// local's registers (a load of the local read in place, PromotedLoads.swift), which stores to
// the local rewrite; such operands are not fused.

import KIR

/// The address operands of a fused access, and the address op's own work for its fallback.
struct IndexedAddress {
  /// The register of the uniform base pointer.
  let pointer: Int
  /// The register of the index, and its kind (sign- or zero-extended by it).
  let index: Int
  let indexKind: ScalarKind
  /// The element size: the accessed scalar's size.
  let stride: Int
  /// Whether the base is the same only within a block (grouped blocks' shared memory): the
  /// access then runs block by block.
  let isPerBlock: Bool
  /// The address op: computes its result register (for the general path).
  let computeAddress: OpBody
}

extension FunctionCompiler {
  /// The `mem.offset` / `mem.element` results whose only uses are accesses that can read their
  /// operands instead (see the file comment). Needs the uniformity analysis.
  mutating func findIndexedAddresses() {
    // The pipe-hazard checker reads each scalar access's address register (PipeHazards.swift).
    guard let uniformity, !program.checksPipes else { return }
    var candidates: [ObjectIdentifier: (region: ObjectIdentifier, stride: Int)] = [:]
    var disqualified: Set<ObjectIdentifier> = []
    func visit(_ region: Region) {
      for op in region.operations {
        if op.opcode == .offset || op.opcode == .element, op.operands.count == 2,
          let result = op.result, let stride = elementStride(of: op), [1, 2, 4, 8].contains(stride),
          (blockUniformity ?? uniformity).isUniform(op.operands[0]),
          !uniformity.isUniform(op.operands[1]),
          let kind = ScalarKind(op.operands[1].type), [.i32, .u32, .i64, .u64].contains(kind)
        {
          candidates[ObjectIdentifier(result)] = (ObjectIdentifier(region), stride)
        }
        for (position, operand) in op.operands.enumerated() {
          let key = ObjectIdentifier(operand)
          guard let candidate = candidates[key] else { continue }
          let accessed = op.opcode == .load ? op.result?.type : op.operands.first?.type
          let isAddress =
            (op.opcode == .load && position == 0) || (op.opcode == .store && position == 1)
          guard isAddress, op.operands.count == (op.opcode == .load ? 1 : 2),
            candidate.region == ObjectIdentifier(region), let accessed,
            let kind = ScalarKind(accessed), kind != .bool, kind.byteSize == candidate.stride
          else {
            disqualified.insert(key)
            continue
          }
        }
        for inner in op.regions { visit(inner) }
      }
    }
    visit(function.body)
    for (key, _) in candidates where !disqualified.contains(key) { indexedAddresses.insert(key) }
  }

  /// The element size `mem.offset` / `mem.element` scales its index by (nil when the element
  /// type has no size).
  func elementStride(of op: Operation) -> Int? {
    var unit = op.operands[0].type.pointee
    if op.opcode == .element, case .array(let element, _)? = unit { unit = element }
    return unit.flatMap { layouts.size(of: $0) }
  }

  /// Whether `register` holds a promoted local (which stores rewrite in place).
  func isPromotedLocalRegister(_ register: Int) -> Bool {
    promoted.contains { leaves[$0]?.contains(register) == true }
  }

  /// The fused form of a load or store through `pointer`, when its address op was left to its
  /// accesses.
  func indexedAddress(of pointer: Value) -> IndexedAddress? {
    indexedPlans[ObjectIdentifier(pointer)]
  }
}

extension ExecutionContext {
  /// Whether the active lanes can be accessed as contiguous ranges of `width` lanes each (the
  /// whole active range, or each row of a two-dimensional block) through `plan`: dense, with
  /// consecutive indices (per range, without a wrap between its lanes), all in bounds of the
  /// allocation of the first. Returns that allocation and the width; nil when any range is
  /// not such (nothing is done then).
  @inline(__always)
  func indexedRanges<I: FixedWidthInteger>(_ plan: IndexedAddress, _ indices: UnsafeMutablePointer<I>)
    -> (ResolvedRegion, Int)?
  {
    let range = activeRange
    guard range.count >= 2, state.pointee.activeCount == range.count else { return nil }
    var width = range.count
    if !consecutive(indices, range.lowerBound, width) {
      width = launch.configuration.block.x
      guard width >= 4, range.count > width, range.lowerBound % width == 0,
        range.upperBound % width == 0
      else { return nil }
    }
    let base = register(plan.pointer, as: UInt64.self)[range.lowerBound]
    let region = resolve(Address.id(indexedAddress(base, indices[range.lowerBound], plan.stride)))
    guard region.base != nil else { return nil }
    let limit = region.byteCount &- width &* plan.stride
    var row = range.lowerBound
    while row < range.upperBound {
      let address = indexedAddress(base, indices[row], plan.stride)
      let offset = Address.offset(address)
      guard Address.id(address) == region.id, offset >= 0, offset <= limit,
        width == range.count || consecutive(indices, row, width)
      else { return nil }
      row &+= width
    }
    return (region, width)
  }

  /// The address of element `index` of `base`, the index sign- or zero-extended.
  @inline(__always)
  func indexedAddress<I: FixedWidthInteger>(_ base: UInt64, _ index: I, _ stride: Int) -> UInt64 {
    base &+ UInt64(bitPattern: Int64(truncatingIfNeeded: index)) &* UInt64(truncatingIfNeeded: stride)
  }

  /// Whether lanes `first..<first + count` hold consecutive indices with no wrap between them.
  @inline(__always)
  private func consecutive<I: FixedWidthInteger>(
    _ indices: UnsafeMutablePointer<I>, _ first: Int, _ count: Int
  ) -> Bool {
    let start = indices[first]
    // The last lane first, in 64 bits: a wrap between the lanes fails here.
    guard
      Int64(truncatingIfNeeded: indices[first &+ count &- 1]) &- Int64(truncatingIfNeeded: start)
        == Int64(count &- 1)
    else { return false }
    var mismatch: I = 0
    var expected = start
    for lane in first..<(first &+ count) {
      mismatch |= indices[lane] ^ expected
      expected &+= 1
    }
    return mismatch == 0
  }
}

extension MemoryKernels {
  /// The fused load (or store) of a `byteSize`-byte scalar into (from) register `value` through
  /// `plan`; `address` is the address op's result register, which the fallback fills.
  static func indexed(
    _ plan: IndexedAddress, isStore: Bool, value: Int, address: Int, byteSize: Int, meta: OpMeta
  ) -> OpBody {
    func make<T: Equatable>(_ type: T.Type) -> OpBody {
      let general = isStore ? store(T.self, value, address, meta) : load(T.self, address, value, meta)
      switch plan.indexKind {
      case .i32: return indexed(T.self, Int32.self, plan, isStore, value, meta, general)
      case .u32: return indexed(T.self, UInt32.self, plan, isStore, value, meta, general)
      case .i64: return indexed(T.self, Int64.self, plan, isStore, value, meta, general)
      case .u64: return indexed(T.self, UInt64.self, plan, isStore, value, meta, general)
      case .bool, .i8, .u8, .i16, .u16, .f16, .bf16, .f32, .f64, .pointer:
        // Not fused (findIndexedAddresses takes none): the address op's work, then the access.
        return { context in
          try plan.computeAddress(context)
          try general(context)
        }
      }
    }
    switch byteSize {
    case 1: return make(UInt8.self)
    case 2: return make(UInt16.self)
    case 4: return make(UInt32.self)
    default: return make(UInt64.self)
    }
  }

  /// The access through `plan` with an index of type `I`; `general` is the unfused access of
  /// the address register.
  private static func indexed<T: Equatable, I: FixedWidthInteger>(
    _ type: T.Type, _ index: I.Type, _ plan: IndexedAddress, _ isStore: Bool, _ value: Int,
    _ meta: OpMeta, _ general: @escaping OpBody
  ) -> OpBody {
    let access: OpBody = { context in
      let indices = context.register(plan.index, as: I.self)
      guard let (region, width) = context.indexedRanges(plan, indices) else {
        try plan.computeAddress(context)
        return try general(context)
      }
      let values = context.register(value, as: T.self)
      let base = context.register(plan.pointer, as: UInt64.self)[context.state.pointee.rangeStart]
      var row = context.state.pointee.rangeStart
      let end = context.state.pointee.rangeEnd
      while row < end {
        let offset = Address.offset(context.indexedAddress(base, indices[row], plan.stride))
        if isStore {
          storeIndexedRange(context, row..<(row &+ width), at: offset, values, region, meta)
        } else {
          loadIndexedRange(context, row..<(row &+ width), at: offset, values, region, meta)
        }
        row &+= width
      }
    }
    guard plan.isPerBlock else { return access }
    return { context in
      if context.groupBlocks == 1 { return try access(context) }
      try context.forEachActiveBlock { try access(context) }
    }
  }

  /// `loadLanes`, out of line (inlined into the row loop, the reduction ran 2 % more
  /// instructions).
  @inline(never)
  static func loadIndexedRange<T>(
    _ context: ExecutionContext, _ lanes: Range<Int>, at offset: Int,
    _ values: UnsafeMutablePointer<T>, _ region: ResolvedRegion, _ meta: OpMeta
  ) {
    loadLanes(context, lanes, at: offset, values, region, meta)
  }

  /// `storeLanes`, out of line (see `loadIndexedRange`).
  @inline(never)
  static func storeIndexedRange<T: Equatable>(
    _ context: ExecutionContext, _ lanes: Range<Int>, at offset: Int,
    _ values: UnsafeMutablePointer<T>, _ region: ResolvedRegion, _ meta: OpMeta
  ) {
    storeLanes(context, lanes, at: offset, values, region, meta)
  }
}
