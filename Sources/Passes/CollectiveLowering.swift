// Block and warp collectives in `simt-to-spmd`: `__syncthreads_count/and/or`, `__ballot_sync`,
// `__any_sync`, `__all_sync`, `__uni_sync` and `__activemask` outside predicated regions.
//
// A block collective is a barrier: the thread loop before it stores each thread's predicate in a
// per-thread array, then a loop at block level counts the threads whose predicate is set; the
// result is the same for every thread. A warp vote splits the thread loop like a shuffle; in the
// next loop each thread reads the 32 predicates of its warp (threads past the block's last one do
// not exist and take no part). `__activemask()` outside a predicated region is every existing
// lane of the warp. The member mask of a vote is not consulted: every thread of the block runs
// the vote (a vote under a thread-dependent condition is refused, KP3012).

import KIR

extension BarrierFission {
  /// `__syncthreads_count/and/or(p)`.
  mutating func lowerBlockCollective(_ op: Operation, into lowering: inout RegionLowering) {
    guard let result = op.result else { return }
    guard lowering.predicate == nil else {
      reportDivergentBarrier(op)
      return
    }
    let flags = perThreadArray(.bool, name: "predicate", location: op.location)
    let before = Builder(region: Region(), location: op.location)
    let writer = threadIndex(before)
    before.create(.store, [Self.truth(op.operands[0], before), Self.element(flags, writer, before)])
    lowering.pending.append(contentsOf: before.region.operations)
    flush(&lowering)

    // At block level: count = the number of threads whose flag is set.
    let b = Builder(region: Region(), location: op.location)
    let count = scalarLocal(.u32, name: "count", location: op.location)
    b.create(.store, [launch.zero, count])
    let counter = scalarLocal(.u32, name: "member", location: op.location)
    Self.countingLoop(counter: counter, upTo: launch.threadCount, launch: launch, builder: b) { index, inner in
      let set = inner.value(.load, [Self.element(flags, index, inner)], type: .bool)
      let body = Region()
      let add = Builder(region: body, location: op.location)
      let old = add.value(.load, [count], type: .u32)
      add.create(.store, [add.value(.add, [old, launch.one], type: .u32), count])
      inner.create(.if, [set], regions: [body, Region()])
    }
    let total = b.value(.load, [count], type: .u32)
    let value: Value
    switch op.opcode {
    case .syncthreadsCount:
      value = b.value(.cast, [total], type: result.type, name: result.name)
    case .syncthreadsAnd:
      let all = b.value(.cmp, [total, launch.threadCount], type: .bool, attributes: ["predicate": .keyword("eq")])
      value = b.value(.cast, [all], type: result.type, name: result.name)
    default:
      let any = b.value(.cmp, [total, launch.zero], type: .bool, attributes: ["predicate": .keyword("ne")])
      value = b.value(.cast, [any], type: result.type, name: result.name)
    }
    lowering.output.append(contentsOf: b.region.operations)
    replace(result, with: value)
    context.count("block collectives lowered")
  }

  /// `__ballot_sync`, `__any_sync`, `__all_sync`, `__uni_sync` and `__activemask`.
  mutating func lowerWarpVote(_ op: Operation, into lowering: inout RegionLowering) {
    guard lowering.predicate == nil, let result = op.result else {
      fail(op, "cannot lower '\(op.opcode.name)' under a thread-dependent condition yet")
      return
    }
    if op.opcode == .activemask {
      let b = Builder(region: Region(), location: op.location)
      let thread = threadIndex(b)
      let lane = b.value(.and, [thread, b.constant(int: 31, .u32)], type: .u32)
      let start = b.value(.sub, [thread, lane], type: .u32)
      let present = b.value(.sub, [launch.threadCount, start], type: .u32)
      let full = b.value(.cmp, [present, b.constant(int: 32, .u32)], type: .bool, attributes: ["predicate": .keyword("ge")])
      let low = b.value(.sub, [b.value(.shl, [launch.one, present], type: .u32), launch.one], type: .u32)
      let mask = b.value(.select, [full, b.constant(int: 0xffff_ffff, .u32), low], type: .u32, name: result.name)
      lowering.pending.append(contentsOf: b.region.operations)
      replace(result, with: mask)
      return
    }
    let flags = perThreadArray(.bool, name: "vote", location: op.location)
    let before = Builder(region: Region(), location: op.location)
    let writer = threadIndex(before)
    before.create(.store, [Self.truth(op.operands[1], before), Self.element(flags, writer, before)])
    lowering.pending.append(contentsOf: before.region.operations)
    flush(&lowering)

    // Next loop: this thread's warp's predicates, bit by bit.
    let b = Builder(region: Region(), location: op.location)
    let thread = threadIndex(b)
    let lane = b.value(.and, [thread, b.constant(int: 31, .u32)], type: .u32)
    let start = b.value(.sub, [thread, lane], type: .u32)
    let bits = scalarLocal(.u32, name: "ballot", location: op.location)
    let present = scalarLocal(.u32, name: "lanes", location: op.location)
    b.create(.store, [launch.zero, bits])
    b.create(.store, [launch.zero, present])
    let counter = scalarLocal(.u32, name: "member", location: op.location)
    Self.countingLoop(counter: counter, upTo: b.constant(int: 32, .u32), launch: launch, builder: b) { index, inner in
      let member = inner.value(.add, [start, index], type: .u32)
      let exists = inner.value(.cmp, [member, launch.threadCount], type: .bool, attributes: ["predicate": .keyword("lt")])
      let body = Region()
      let set = Builder(region: body, location: op.location)
      let bit = set.value(.shl, [launch.one, index], type: .u32)
      let had = set.value(.load, [present], type: .u32)
      set.create(.store, [set.value(.or, [had, bit], type: .u32), present])
      let flag = set.value(.load, [Self.element(flags, member, set)], type: .bool)
      let on = Region()
      let mark = Builder(region: on, location: op.location)
      let old = mark.value(.load, [bits], type: .u32)
      mark.create(.store, [mark.value(.or, [old, bit], type: .u32), bits])
      set.create(.if, [flag], regions: [on, Region()])
      inner.create(.if, [exists], regions: [body, Region()])
    }
    let ballot = b.value(.load, [bits], type: .u32)
    let members = b.value(.load, [present], type: .u32)
    let value: Value
    if op.opcode == .ballot {
      value = b.value(.cast, [ballot], type: result.type, name: result.name)
    } else {
      let any = b.value(.cmp, [ballot, launch.zero], type: .bool, attributes: ["predicate": .keyword("ne")])
      let all = b.value(.cmp, [ballot, members], type: .bool, attributes: ["predicate": .keyword("eq")])
      let truthValue: Value
      switch op.attributes["kind"]?.keywordValue {
      case "all": truthValue = all
      case "uni": truthValue = b.value(.or, [b.value(.not, [any], type: .bool), all], type: .bool)
      default: truthValue = any
      }
      value = b.value(.cast, [truthValue], type: result.type, name: result.name)
    }
    lowering.pending.append(contentsOf: b.region.operations)
    replace(result, with: value)
    context.count("warp votes lowered")
  }

  /// `value != 0` as an i1 (an i1 is itself).
  private static func truth(_ value: Value, _ b: Builder) -> Value {
    if value.type == .bool { return value }
    let zero = value.type.isFloat ? b.constant(0, value.type) : b.constant(int: 0, value.type)
    return b.value(.cmp, [value, zero], type: .bool, attributes: ["predicate": .keyword("ne")])
  }

  private static func element(_ array: Value, _ index: Value, _ b: Builder) -> Value {
    let elementType: IRType
    if case .pointer(_, .array(let inner, _)) = array.type { elementType = inner } else { elementType = .bool }
    return b.value(.element, [array, index], type: .pointer(space: .local, pointee: elementType))
  }

  /// A new scalar local at the kernel's entry.
  private mutating func scalarLocal(_ type: IRType, name: String, location: Location) -> Value {
    let op = Operation(.alloca, resultTypes: [.pointer(space: .local, pointee: type)], resultNames: [name], location: location)
    addEntryLocal(op)
    return op.results[0]
  }

  /// `for (counter = 0; counter < bound; counter++) body(counter)`, appended to `b`.
  private static func countingLoop(
    counter: Value, upTo bound: Value, launch: LaunchValues, builder b: Builder, body: (Value, Builder) -> Void
  ) {
    b.create(.store, [launch.zero, counter])
    let condition = Region()
    b.within(condition) {
      let current = b.value(.load, [counter], type: .u32)
      b.create(.condition, [b.value(.cmp, [current, bound], type: .bool, attributes: ["predicate": .keyword("lt")])])
    }
    let loopBody = Region()
    let inner = Builder(region: loopBody, location: b.location)
    let index = inner.value(.load, [counter], type: .u32)
    body(index, inner)
    let step = Region()
    b.within(step) {
      let current = b.value(.load, [counter], type: .u32)
      b.create(.store, [b.value(.add, [current, launch.one], type: .u32), counter])
    }
    b.create(.loop, regions: [condition, loopBody, step])
  }
}
