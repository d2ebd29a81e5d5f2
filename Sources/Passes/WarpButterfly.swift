// WarpButterfly: simt-to-spmd's form of a warp shuffle tree, `for (m = M; m > 0; m >>= 1) v +=
// __shfl_xor_sync(full, v, m)` (or `__shfl_down_sync`): a sequential loop over the masks whose
// body is two thread loops, one copying every lane's value into a lanes array, one adding the
// source lane's value, either of them all under `if (ACTIVE[t])` where only some threads run the
// tree. The source lane's arithmetic is not trusted by its shape but evaluated for every thread,
// level and block size (LaneArithmetic). fold-warp-butterflies lowers a match
// (WarpButterflyLowering.swift).

import KIR

/// A matched butterfly: the loop over the masks and its two thread loops.
struct WarpButterfly {
  enum Kind: Equatable {
    /// Every lane reads lane t ^ m: every lane ends with the group's sum.
    case xor
    /// Lane t reads lane t + m (where lane 0's sum needs it): lane 0 ends with the group's sum.
    /// `width`: the segment W (a multiple of the group) in which every lane reads `t % W + m < W
    /// ? t + m : t` (the shuffle's width), nil when no W up to 32 gives every lane's source.
    case down(width: Int?)
  }

  let kind: Kind
  /// The first mask M; the group is 2M lanes.
  let first: Int
  var group: Int { 2 * first }
  /// The levels m = M, M/2, ..., 1.
  var levels: Int { first.trailingZeroBitCount + 1 }
  let maskVariable: Value
  let values: Value
  let lanes: Value
  let counter: Value
  let threads: Value
  /// The per-thread flags of the threads that run the tree (`if (warp == 0)`, the warps that did
  /// not leave), when both thread loops' work is under `if (ACTIVE[t])`; nil when every thread runs it.
  let active: Value?
  /// The copy loop's counter, which the check that the flags agree within each group reuses.
  let copyCounter: Value

  init?(_ loop: Operation, at index: Int, in region: Region, blockThreads: Value, maxThreads: Int) {
    guard loop.regions.count == 3, let condition = loop.regions[0].operations.last, condition.opcode == .condition,
      let compare = condition.operands.first?.definingOp, compare.opcode == .cmp, compare.attributes["predicate"]?.keywordValue == "gt",
      let maskLoad = compare.operands[0].definingOp, maskLoad.opcode == .load, Self.constant(compare.operands[1]) == 0
    else { return nil }
    let mask = maskLoad.operands[0]
    guard mask.definingOp?.opcode == .alloca,
      let initial = region.operations[..<index].lastIndex(where: { $0.opcode == .store && $0.operands[1] === mask }),
      let first = Self.constant(region.operations[initial].operands[0]), [1, 2, 4, 8, 16].contains(first),
      // Nothing between that store and the loop may write the mask (`if (half) m = 8`).
      !region.operations[(initial + 1)..<index].contains(where: { Self.writes($0, mask) }),
      // The condition has no other effect than its test (`(count++, m > 0)`).
      loop.regions[0].operations.dropLast().allSatisfy({ ($0.isPure && $0.regions.isEmpty) || ($0.opcode == .load && $0.operands[0] === mask) }),
      Self.halves(loop.regions[2], mask: mask)
    else { return nil }
    // The body: the two thread loops, the mask's loads, their counters' starts, pure ops.
    let body = loop.regions[1].operations
    let threadLoops = body.filter(ElementwiseLoop.isThreadLoop)
    guard threadLoops.count == 2,
      body.allSatisfy({ op in
        ElementwiseLoop.isThreadLoop(op) || (op.isPure && op.regions.isEmpty) || (op.opcode == .load && op.operands[0] === mask)
          || (op.opcode == .store && threadLoops.contains { $0.regions[0].operations.first?.operands.first === op.operands[1] })
      })
    else { return nil }
    let (copy, add) = (threadLoops[0], threadLoops[1])
    guard let copyCounter = copy.regions[0].operations.first?.operands.first, let counter = add.regions[0].operations.first?.operands.first,
      let threads = ElementwiseLoop.threadBound(of: copy), ElementwiseLoop.threadBound(of: add) === threads, threads === blockThreads,
let (copyWork, active) = Self.work(of: copy, counter: copyCounter), let (addWork, addActive) = Self.work(of: add, counter: counter),
      active == nil ? addActive == nil : addActive === active,
let (values, lanes) = Self.copies(copyWork, counter: copyCounter),
      let source = Self.partnerAdd(addWork, counter: counter, values: values, lanes: lanes)
    else { return nil }
    guard let kind = Self.kind(of: source, counter: counter, mask: mask, threads: threads, first: first, maxThreads: maxThreads) else { return nil }
    self.kind = kind
    self.first = first
    self.maskVariable = mask
    self.values = values
    self.lanes = lanes
    self.counter = counter
    self.threads = threads
    self.active = active
    self.copyCounter = copyCounter
  }

  /// A thread loop's work: its body, or the ops under `if (ACTIVE[t])` when the body is pure ops
  /// (and loads of the counter) then that `if` (no else, no results), with ACTIVE.
  private static func work(of loop: Operation, counter: Value) -> ([Operation], Value?)? {
    let body = loop.regions[1].operations
    guard let last = body.last, last.opcode == .if, last.results.isEmpty, last.regions.count >= 1,
      last.regions.dropFirst().allSatisfy({ $0.operations.isEmpty }),
      let flag = last.operands.first?.definingOp, flag.opcode == .load,
      let active = ElementwiseLoop.slotArray(flag.operands[0], counter: counter), active.type.pointee?.elementType == .bool,
      body.dropLast().allSatisfy({ ($0.isPure && $0.regions.isEmpty) || $0 === flag || ($0.opcode == .load && $0.operands[0] === counter) })
    else { return (body, nil) }
    return (last.regions[0].operations, active)
  }

  /// What the add loop reads, evaluated for every thread, level and block size the lowering's
  /// guard allows (multiples of the group, or of the segment): the xor partner t ^ m for every
  /// lane, else the lane t + m for the lanes t % 2M < m that lane 0's sum needs (and, where it
  /// holds, every lane's source in a segment of W lanes); nil when neither holds.
  private static func kind(of source: Value, counter: Value, mask: Value, threads: Value, first: Int, maxThreads: Int) -> Kind? {
    guard var evaluator = LaneArithmetic(source, variables: [counter, mask], values: [threads]) else { return nil }
    let masks = sequence(first: first, next: { $0 > 1 ? $0 / 2 : nil })
    let group = 2 * first
    var inputs: [Int64] = [0, 0, 0]
    func holds(span: Int = group, _ partner: (Int, Int) -> Int?) -> Bool {
      for blockThreads in stride(from: span, through: maxThreads, by: span) {
        inputs[2] = Int64(blockThreads)
        for m in masks {
          inputs[1] = Int64(m)
          for t in 0..<blockThreads {
            guard let expected = partner(t, m) else { continue }
            inputs[0] = Int64(t)
            guard evaluator.evaluate(inputs) == Int64(expected) else { return false }
          }
        }
      }
      return true
    }
    if holds({ t, m in t ^ m }) { return .xor }
    // Every lane's source in segments of W ≥ 2M lanes implies the lanes lane 0's sum needs
    // (t % 2M < m gives t % W + m < W), so that check runs only when no width holds.
    if let width = [32, 16, 8, 4, 2].first(where: { width in width >= group && holds(span: width) { t, m in t % width + m < width ? t + m : t } }) {
      return .down(width: width)
    }
    return holds({ t, m in t % group < m ? t + m : nil }) ? .down(width: nil) : nil
  }

  /// Whether `op`, or an op nested in it, uses `variable` other than by loading it.
  private static func writes(_ op: Operation, _ variable: Value) -> Bool {
    op.contains { $0.operands.contains { $0 === variable } && !($0.opcode == .load && $0.operands[0] === variable) }
  }

  private static func constant(_ value: Value) -> Int? {
    guard let op = value.definingOp, op.opcode == .constant, let number = op.attributes["value"]?.intValue else { return nil }
    return Int(number)
  }

  /// Whether `step` is `mask = mask >> 1`.
  private static func halves(_ step: Region, mask: Value) -> Bool {
    guard let store = step.operations.last, store.opcode == .store, store.operands[1] === mask,
      let shift = store.operands[0].definingOp, shift.opcode == .shr, constant(shift.operands[1]) == 1,
      let load = shift.operands[0].definingOp, load.opcode == .load, load.operands[0] === mask
    else { return false }
    return step.operations.dropLast().allSatisfy { $0.isPure || ($0.opcode == .load && $0.operands[0] === mask) }
  }

  /// The copy loop `LANES[t] = V[t]`: (V, LANES).
  private static func copies(_ body: [Operation], counter: Value) -> (Value, Value)? {
    let stores = body.filter { $0.opcode == .store }
    guard stores.count == 1, let store = stores.first, let lanes = ElementwiseLoop.slotArray(store.operands[1], counter: counter),
      let load = store.operands[0].definingOp, load.opcode == .load, let values = ElementwiseLoop.slotArray(load.operands[0], counter: counter), values !== lanes,
      body.allSatisfy({ $0 === store || ($0.isPure && $0.regions.isEmpty) || $0.opcode == .load })
    else { return nil }
    return (values, lanes)
  }

  /// The add loop `V[t] = V[t] + LANES[source]`: the source lane's value.
  private static func partnerAdd(_ body: [Operation], counter: Value, values: Value, lanes: Value) -> Value? {
    let stores = body.filter { $0.opcode == .store }
    guard stores.count == 1, let store = stores.first, ElementwiseLoop.slotArray(store.operands[1], counter: counter) === values,
      let add = store.operands[0].definingOp, add.opcode == .add,
      body.allSatisfy({ $0 === store || ($0.isPure && $0.regions.isEmpty) || $0.opcode == .load })
    else { return nil }
    var own: Value?
    var source: Value?
    for operand in add.operands {
      guard let load = operand.definingOp, load.opcode == .load, let address = load.operands[0].definingOp, address.opcode == .element else { return nil }
      if ElementwiseLoop.slotArray(load.operands[0], counter: counter) === values {
        own = operand
      } else if address.operands[0] === lanes {
        source = address.operands[1]
      }
    }
    guard own != nil, let source else { return nil }
    return source
  }
}
