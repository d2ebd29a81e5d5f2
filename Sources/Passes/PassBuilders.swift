// Builders the fast-port passes share: DMA between global memory and an on-chip tile, values
// hoisted out of a loop, and the 64-bit arithmetic of windows and thread ranges.
import KIR

extension Builder {
  /// The DMA of `count` (an i32) elements of `elementSize` bytes between the global address
  /// `global` and the on-chip `tile`: `bang.memcpy` counts bytes; `ascend.data_copy {pad}` is
  /// DataCopyPad, exact for any count (docs/fast-ports.md).
  func dma(global: Value, tile: Value, count: Value, elementSize: Int, toChip: Bool, isBang: Bool) {
    if isBang {
      let bytes = value(.mul, [count, constant(int: Int64(elementSize), .i32)], type: .i32)
      create(.bangMemcpy, toChip ? [tile, global, bytes] : [global, tile, bytes], attributes: ["dir": .keyword(toChip ? "GDRAM2NRAM" : "NRAM2GDRAM")])
    } else {
      create(.ascendDataCopy, toChip ? [tile, global, count] : [global, tile, count], attributes: ["pad": .bool(true)])
    }
  }

  /// The strided DMA of `segments` windows of `length` elements (i64 values), `globalStride`
  /// elements apart in global memory and `tilePitch` apart in `tile`: `bang.memcpy` with byte
  /// strides and `segnum = segments − 1`; `ascend.data_copy {pad}` with the block count and the
  /// gaps between blocks, in bytes on GM and 32-byte blocks on UB, where each block starts on a
  /// 32-byte boundary (`tilePitch` must be `length` rounded up to 32 bytes: a UB gap of 0).
  func stridedDma(
    global: Value, tile: Value, length: Value, segments: Value, globalStride: Value, tilePitch: Value, elementSize: Int,
    toChip: Bool, isBang: Bool
  ) {
    let size = constant(int: Int64(elementSize), .i64)
    func i32(_ value: Value) -> Value { self.value(.cast, [value], type: .i32) }
    if isBang {
      let bytes = i32(value(.mul, [length, size], type: .i64))
      let globalBytes = i32(value(.mul, [globalStride, size], type: .i64))
      let tileBytes = i32(value(.mul, [tilePitch, size], type: .i64))
      let segnum = i32(value(.sub, [segments, constant(int: 1, .i64)], type: .i64))
      create(
        .bangMemcpy, toChip ? [tile, global, bytes, tileBytes, globalBytes, segnum] : [global, tile, bytes, globalBytes, tileBytes, segnum],
        attributes: ["dir": .keyword(toChip ? "GDRAM2NRAM" : "NRAM2GDRAM")])
    } else {
      let gap = i32(value(.mul, [value(.sub, [globalStride, length], type: .i64), size], type: .i64))
      let none = constant(int: 0, .i32)
      create(
        .ascendDataCopy, toChip ? [tile, global, i32(length), i32(segments), gap, none] : [global, tile, i32(length), i32(segments), none, gap],
        attributes: ["pad": .bool(true)])
    }
  }

  /// Whether `elements` (an i64 count) of `elementSize` bytes are a multiple of `alignment`
  /// bytes: the run-time check of a vector operand's offset from its aligned buffer.
  func isAligned(_ elements: Value, elementSize: Int, alignment: Int64) -> Value {
    let bytes = value(.mul, [elements, constant(int: Int64(elementSize), .i64)], type: .i64)
    return compare(value(.rem, [bytes, constant(int: alignment, .i64)], type: .i64), constant(int: 0, .i64), "eq")
  }

  /// An `arith.cmp` of `a` and `b`.
  func compare(_ a: Value, _ b: Value, _ predicate: String) -> Value {
    value(.cmp, [a, b], type: .bool, attributes: ["predicate": .keyword(predicate)])
  }

  /// The i64 range [low, high) less the `excluded` values at its ends. As many passes as there
  /// are exclusions: taking one end off can bring another excluded value to the end (`i != 1 &&
  /// i != 0` from 0 leaves 2 only on the second pass). An excluded value inside the range stays
  /// in it: the result is the hull of what is left (empty as [low, low)).
  func narrowed(low: Value, high: Value, excluding excluded: [Value]) -> (low: Value, high: Value) {
    guard !excluded.isEmpty else { return (low, high) }
    let one = constant(int: 1, .i64)
    var (low, high) = (low, high)
    for _ in excluded.indices {
      for value in excluded {
        low = self.value(.select, [compare(low, value, "eq"), self.value(.add, [low, one], type: .i64), low], type: .i64)
        let last = self.value(.sub, [high, one], type: .i64)
        high = self.value(.select, [compare(last, value, "eq"), last, high], type: .i64)
      }
    }
    // Every value excluded (a range of one, its only value excluded): empty, not negative.
    high = self.value(.select, [compare(high, low, "lt"), low, high], type: .i64)
    return (low, high)
  }
}

/// Values computed before a loop: one defined outside it is itself; one defined inside (by pure
/// ops, or a load the caller knows to be the same for every iteration) is cloned once, with its
/// operands, into the builder. 64-bit sums and extremes of such values for window arithmetic.
struct Hoister {
  let build: Builder
  /// The values the loop defines.
  let inside: Set<ObjectIdentifier>
  private var made: [ObjectIdentifier: Value] = [:]

  init(build: Builder, inside: Set<ObjectIdentifier>) {
    self.build = build
    self.inside = inside
  }

  /// Takes `replacement` (made before the loop) for `value` wherever it is hoisted.
  mutating func assume(_ value: Value, is replacement: Value) {
    made[ObjectIdentifier(value)] = replacement
  }

  /// `value` as computed before the loop. An op with regions (an `scf.if` of uniform values)
  /// is cloned whole, the values its regions take from the loop hoisted first.
  mutating func hoist(_ value: Value) -> Value {
    guard inside.contains(ObjectIdentifier(value)), let op = value.definingOp else { return value }
    if let copy = made[ObjectIdentifier(value)] { return copy }
    var cloner = Cloner()
    for operand in op.operands { cloner.mapping[operand] = hoist(operand) }
    if !op.regions.isEmpty {
      let own = Set(ElementwiseLoop.definedValues(in: op).map(ObjectIdentifier.init))
      for region in op.regions {
        region.walk { inner in
          for operand in inner.operands where !own.contains(ObjectIdentifier(operand)) { cloner.mapping[operand] = hoist(operand) }
        }
      }
    }
    let copy = cloner.clone(op)
    build.region.operations.append(copy)
    let result = copy.results.first ?? value
    made[ObjectIdentifier(value)] = result
    return result
  }

  /// `value`, hoisted, as an i64.
  mutating func wide(_ value: Value) -> Value {
    let hoisted = hoist(value)
    return hoisted.type == .i64 ? hoisted : build.value(.cast, [hoisted], type: .i64)
  }

  /// Σ plus − Σ minus + constant, in i64.
  mutating func sum(_ plus: [Value], minus: [Value] = [], _ constant: Int64) -> Value {
    var total = build.constant(int: constant, .i64)
    for value in plus { total = build.value(.add, [total, wide(value)], type: .i64) }
    for value in minus { total = build.value(.sub, [total, wide(value)], type: .i64) }
    return total
  }

  /// `a` when `a ⋈ b`, else `b` (gt: the maximum, lt: the minimum).
  func extreme(_ a: Value, _ b: Value, _ predicate: String) -> Value {
    build.value(.select, [build.compare(a, b, predicate), a, b], type: .i64)
  }

  /// The range [low, high) of thread_x that `range` allows, within [0, block_dim_x): the hull
  /// of the threads, which an excluded thread narrows when it is at an end.
  mutating func bounds(of range: ThreadRange, blockDimX: Value) -> (low: Value, high: Value) {
    var low = build.constant(int: 0, .i64)
    for bound in range.lows { low = extreme(low, sum(bound.plus, minus: bound.minus, bound.constant), "gt") }
    var high = wide(blockDimX)
    for bound in range.highs { high = extreme(high, sum(bound.plus, minus: bound.minus, bound.constant), "lt") }
    let excluded = range.exclusions.map { sum($0.plus, minus: $0.minus, $0.constant) }
    return build.narrowed(low: low, high: high, excluding: excluded)
  }
}

extension ElementwiseLoop {
  /// A thread loop's bound: `t < threads` (the block's thread count, or one row's end).
  static func threadBound(of loop: Operation) -> Value? {
    let condition = loop.regions[0].operations
    guard condition.count == 3, condition[1].opcode == .cmp, condition[1].attributes["predicate"]?.keywordValue == "lt" else { return nil }
    return condition[1].operands[1]
  }

  /// The per-thread array whose slot of the loop's thread `address` is: `mem.element ARRAY,
  /// (load counter)`, ARRAY a local `mem.alloca`.
  static func slotArray(_ address: Value, counter: Value) -> Value? {
    guard let slot = address.definingOp, slot.opcode == .element, slot.operands[0].definingOp?.opcode == .alloca,
      slot.operands[0].type.addressSpace == .local, slot.operands[1].definingOp.map({ $0.opcode == .load && $0.operands[0] === counter }) == true
    else { return nil }
    return slot.operands[0]
  }
}

extension ElementwiseLoop {
  /// The thread's x index in the body of a thread loop: `rem (load %thread), %block_dim_x`.
  static func threadX(of loop: Operation, blockDimX: Value) -> Value? {
    guard let counter = loop.regions[0].operations.first?.operands.first else { return nil }
    return loop.regions[1].operations.first(where: { op in
      op.opcode == .rem && op.operands[1] === blockDimX
        && op.operands[0].definingOp.map { $0.opcode == .load && $0.operands[0] === counter } == true
    })?.result
  }

  /// Whether the thread loop at the end of `path` starts its counter at 0: the last op before it
  /// that uses the counter (in its region, else before the enclosing `if`s) is `counter = 0`.
  static func startsAtZero(_ path: [OpPosition]) -> Bool {
    guard let (region, index) = path.last, let counter = region.operations[index].regions[0].operations.first?.operands.first else { return false }
    for level in path.indices.reversed() {
      let (region, index) = path[level]
      for op in region.operations[..<index].reversed() where op.contains(where: { $0.operands.contains { $0 === counter } }) {
        guard op.opcode == .store, op.operands[1] === counter, let first = op.operands[0].definingOp, first.opcode == .constant else { return false }
        return first.attributes["value"]?.intValue == 0
      }
      // Out of an `if` only: around a loop the counter keeps what the last iteration left.
      guard level > 0, path[level - 1].region.operations[path[level - 1].index].opcode == .if else { return false }
    }
    return false
  }

  /// A thread loop like `loop` (its condition and step copied) whose body is a copy of
  /// `prelude` (pure ops over the thread's indices) and then `tail`, its uses of the prelude's
  /// values redirected to the copy: the second half of a split thread loop.
  static func threadLoop(like loop: Operation, prelude: [Operation], tail: [Operation]) -> Operation {
    var cloner = Cloner()
    let copies = prelude.map { cloner.clone($0) }
    let region = Region(operations: tail)
    replaceUses(cloner.mapping, in: region)
    region.operations.insert(contentsOf: copies, at: 0)
    return Operation(
      .loop, attributes: loop.attributes, regions: [cloner.clone(loop.regions[0]), region, cloner.clone(loop.regions[2])],
      location: loop.location)
  }

  /// `counter = 0`, between the thread loops of a split one.
  static func counterReset(_ counter: Value, location: Location) -> [Operation] {
    let build = Builder(region: Region(), location: location)
    build.create(.store, [build.constant(int: 0, counter.type.pointee ?? .u32), counter])
    return build.region.operations
  }
}
