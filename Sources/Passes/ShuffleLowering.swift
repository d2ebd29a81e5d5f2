// Warp shuffles in `simt-to-spmd`: a shuffle is a barrier of its warp that also exchanges a
// value. The thread loop before it stores each thread's value in a per-thread "lanes" array;
// the next loop reads the source lane's element. Warps are 32 consecutive linear thread
// indices, as in CUDA. The source lane follows the interpreter's definition (WarpOps.swift):
// segments of `width` lanes (a power of two up to 32, anything else counts as 32); `idx` reads
// lane `srcLane mod width` of the segment; `up` and `down` return the caller's own value when
// the source would leave the segment; `xor` may read an earlier segment but not a later one;
// a source beyond the block's last thread gives the caller's own value.
//
// Before (SIMT):
//   %r = cuda.shuffle down %mask, %v, %delta, %width : f32
// After (two thread loops):
//   ... mem.store %v, (element %v.lanes, thread) }            // end of one loop
//   ... %source = <lane arithmetic>; %r = mem.load (element %v.lanes, %source)  // next loop

import KIR

extension BarrierFission {
  mutating func lowerShuffle(_ op: Operation, into lowering: inout RegionLowering) {
    guard let mode = op.attributes["mode"]?.keywordValue, let result = op.result else {
      fail(op, "a shuffle without a mode")
      return
    }
    let value = op.operands[1]
    let lanes = perThreadArray(value.type, name: "\(value.name ?? "value")_lanes", location: op.location)
    let slotType = IRType.pointer(space: .local, pointee: value.type)

    let before = Builder(region: Region(), location: op.location)
    let writer = threadIndex(before)
    before.create(.store, [value, before.value(.element, [lanes, writer], type: slotType)])
    lowering.pending.append(contentsOf: before.region.operations)
    flush(&lowering)

    let after = Builder(region: Region(), location: op.location)
    let thread = threadIndex(after)
    let source = sourceThread(
      mode: mode, thread: thread, operand: op.operands[2], width: op.operands[3], builder: after)
    let exchanged = after.value(
      .load, [after.value(.element, [lanes, source], type: slotType)], type: value.type,
      name: result.name)
    lowering.pending.append(contentsOf: after.region.operations)
    replace(result, with: exchanged)
    context.count("shuffles lowered")
  }

  /// The linear index of the thread whose value a shuffle of `mode` reads.
  private func sourceThread(
    mode: String, thread: Value, operand: Value, width: Value, builder b: Builder
  ) -> Value {
    func constant(_ number: Int64, _ type: IRType = .u32) -> Value { b.constant(int: number, type) }
    func binary(_ opcode: Opcode, _ lhs: Value, _ rhs: Value) -> Value {
      b.value(opcode, [lhs, rhs], type: lhs.type)
    }
    func compare(_ predicate: String, _ lhs: Value, _ rhs: Value) -> Value {
      b.value(.cmp, [lhs, rhs], type: .bool, attributes: ["predicate": .keyword(predicate)])
    }
    func select(_ condition: Value, _ yes: Value, _ no: Value) -> Value {
      b.value(.select, [condition, yes, no], type: yes.type)
    }
    let lane = binary(.and, thread, constant(31))
    let warpStart = binary(.sub, thread, lane)
    // width: a power of two in 1...32, else 32.
    let requested = b.value(.cast, [width], type: .i32)
    let positive = compare("gt", requested, constant(0, .i32))
    let small = compare("le", requested, constant(32, .i32))
    let lowBits = binary(.and, requested, binary(.sub, requested, constant(1, .i32)))
    let powerOfTwo = compare("eq", lowBits, constant(0, .i32))
    let valid = binary(.and, binary(.and, positive, small), powerOfTwo)
    let segmentWidth = b.value(.cast, [select(valid, requested, constant(32, .i32))], type: .u32)
    let widthMask = binary(.sub, segmentWidth, constant(1))
    let segment = binary(.and, lane, b.value(.not, [widthMask], type: .u32))
    let segmentEnd = binary(.add, segment, segmentWidth)
    let amount = b.value(.bitcast, [b.value(.cast, [operand], type: .i32)], type: .u32)
    let sourceLane: Value
    switch mode {
    case "idx":
      sourceLane = binary(.add, segment, binary(.and, amount, widthMask))
    case "up":
      let leaves = compare("gt", amount, binary(.sub, lane, segment))
      sourceLane = select(leaves, lane, binary(.sub, lane, amount))
    case "down":
      // lane + delta in 64 bits: a delta near 2^32 must leave the segment, not wrap into it.
      let wide = b.value(.add, [b.value(.cast, [lane], type: .u64), b.value(.cast, [amount], type: .u64)], type: .u64)
      let leaves = compare("ge", wide, b.value(.cast, [segmentEnd], type: .u64))
      sourceLane = select(leaves, lane, binary(.add, lane, amount))
    default:  // xor
      let target = binary(.xor, lane, binary(.and, amount, constant(31)))
      sourceLane = select(compare("ge", target, segmentEnd), lane, target)
    }
    let source = binary(.add, warpStart, sourceLane)
    return select(compare("ge", source, launch.threadCount), thread, source)
  }
}
