// fold-warp-butterflies: a warp's shuffle tree, `for (m = M; m > 0; m >>= 1) v += __shfl_xor_sync(
// full, v, m)` (or `__shfl_down_sync`), computed once per group of 2M lanes instead of lane by lane.
//
// xor: every lane of each group of 2M lanes ends with the same value. At level m lanes i and
// i ^ m add the same two values (in either order: IEEE addition is commutative), so after the
// last level the group's lanes agree, and the value is the halving tree
//
//   h[j] = v[j] + v[j + M] (j < M);  then h[j] = h[j] + h[j + m] (j < m) for m = M/2, ..., 1;  h[0]
//
// down: lane j < m of a group adds lane j + m at level m, so lane 0 ends with the same tree h[0];
// the other lanes end with partial sums. The fold stores h[0] to lane 0 only and leaves the other
// lanes' slots as they were, which is right only where nothing reads them afterwards (StaleLanes:
// `if (lane == 0) scratch[warp] = v`, then `v` written again); a tree whose other lanes are read
// is not folded.
//
// simt-to-spmd runs each level as two loops over the block's threads (store every value in a
// lanes array, then add the partner's: 2 × 32 × log2(2M) lane steps a warp). This pass computes
// the tree once per group, unrolled (2M − 1 adds), and stores h[0] to every lane of the group
// (xor) or to its first lane (down):
//
//   if (threads % 2M == 0 [down: ∧ block_dim_x == threads]) {
//     for (base = 0; base < threads; base += 2M) { the tree over V[base ..]; V[base + j] = h[0] }
//   } else { the loop as it was }
//
// What the second loop reads must be the partner: its source-lane arithmetic (however
// simt-to-spmd writes it) is evaluated for every thread, every level and every block size the
// guard allows (multiples of 2M up to `max_threads`), and must give t ^ m for every lane (xor),
// or t + m for the lanes j < m whose sums lane 0 adds (down). The lanes array must be the
// loop's own (used nowhere else), since the tree leaves other values in it.

import KIR

/// Warp xor butterflies become one tree per group of lanes.
public struct FoldWarpButterflies: Pass {
  public static let info = PassInfo(
    name: "fold-warp-butterflies", group: .lowering,
    summary: "A warp's shuffle tree (xor: every lane gets the group's sum; down: lane 0 does, where the other lanes are not read after) is computed once per group of lanes.",
    options: [])

  public init(options: PassOptions) {}

  public func run(on module: Module, context: PassContext) {
    for function in module.loweredKernels {
      let topLevel = Set(function.body.operations.flatMap(\.results).map(ObjectIdentifier.init))
      let maxThreads = Int(function.attributes["max_threads"]?.intValue ?? 1024)
      let blockDims = ["block_dim_x", "block_dim_y", "block_dim_z"].compactMap(function.launchParameter)
      var folded = 0
      rewrite(function.body, path: []) { loop, path in
        guard let position = path.last,
          let butterfly = Butterfly(loop, at: position.index, in: position.region, topLevel: topLevel, maxThreads: maxThreads),
          Self.ownsLanes(butterfly, loop, in: function)
        else { return nil }
        switch butterfly.kind {
        case .xor:
          context.report(
            .remark(.fastPortApplied, "warp butterfly over groups of \(butterfly.group) lanes computed once per group (\(butterfly.group - 1) adds) and broadcast", at: loop.location))
        case .down:
          let stale = StaleLanes(group: butterfly.group, threads: butterfly.threads, blockDims: blockDims, maxThreads: maxThreads)
          guard blockDims.count == 3, stale.neverRead(butterfly.values, after: path) else {
            context.report(.remark(.keptScalar, "kept scalar: the shuffle-down tree's lanes other than the first of each group of \(butterfly.group) may be read after it", at: loop.location))
            return nil
          }
          context.report(
            .remark(.fastPortApplied, "warp shuffle-down tree over groups of \(butterfly.group) lanes computed once per group (\(butterfly.group - 1) adds) into lane 0, whose value alone is read after it", at: loop.location))
        }
        folded += 1
        return butterfly.lower(loop, blockDimX: blockDims.first)
      }
      if folded > 0 { context.count("warp butterflies folded", folded) }
    }
  }

  /// Calls `replace` on each sequential loop with the positions from the kernel's body down to
  /// it; a non-nil result replaces the loop.
  private func rewrite(_ region: Region, path: [StaleLanes.Position], _ replace: (Operation, [StaleLanes.Position]) -> [Operation]?) {
    var index = 0
    while index < region.operations.count {
      let op = region.operations[index]
      let here = path + [(region: region, index: index)]
      if op.opcode == .loop, !ElementwiseLoop.isThreadLoop(op), let ops = replace(op, here) {
        region.operations.replaceSubrange(index...index, with: ops)
        index += ops.count
        continue
      }
      op.regions.forEach { rewrite($0, path: here, replace) }
      index += 1
    }
  }

  /// Whether the butterfly's lanes array is used only inside `loop` (the tree leaves other
  /// values in it).
  private static func ownsLanes(_ butterfly: Butterfly, _ loop: Operation, in function: Function) -> Bool {
    func uses(_ region: Region) -> Int {
      region.operations.reduce(0) { count, op in
        count + op.operands.filter { $0 === butterfly.lanes }.count + op.regions.reduce(0) { $0 + uses($1) }
      }
    }
    return uses(function.body) == loop.regions.reduce(0) { $0 + uses($1) }
  }
}

/// A matched butterfly: the loop over the masks and its two thread loops.
private struct Butterfly {
  enum Kind {
    /// Every lane reads lane t ^ m: every lane ends with the group's sum.
    case xor
    /// Lane t reads lane t + m (where lane 0's sum needs it): lane 0 ends with the group's sum.
    case down
  }

  let kind: Kind
  /// The first mask M; the group is 2M lanes.
  let first: Int
  var group: Int { 2 * first }
  let maskVariable: Value
  let values: Value
  let lanes: Value
  let counter: Value
  let threads: Value

  init?(_ loop: Operation, at index: Int, in region: Region, topLevel: Set<ObjectIdentifier>, maxThreads: Int) {
    guard loop.regions.count == 3, let condition = loop.regions[0].operations.last, condition.opcode == .condition,
      let compare = condition.operands.first?.definingOp, compare.opcode == .cmp, compare.attributes["predicate"]?.keywordValue == "gt",
      let maskLoad = compare.operands[0].definingOp, maskLoad.opcode == .load, Self.constant(compare.operands[1]) == 0
    else { return nil }
    let mask = maskLoad.operands[0]
    guard mask.definingOp?.opcode == .alloca,
      let initial = region.operations[..<index].last(where: { $0.opcode == .store && $0.operands[1] === mask }),
      let first = Self.constant(initial.operands[0]), [1, 2, 4, 8, 16].contains(first),
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
      let threads = ElementwiseLoop.threadBound(of: copy), ElementwiseLoop.threadBound(of: add) === threads, topLevel.contains(ObjectIdentifier(threads)),
      let (values, lanes) = Self.copies(copy, counter: copyCounter),
      let source = Self.partnerAdd(add, counter: counter, values: values, lanes: lanes)
    else { return nil }
    guard let kind = Self.kind(of: source, counter: counter, mask: mask, threads: threads, first: first, maxThreads: maxThreads) else { return nil }
    self.kind = kind
    self.first = first
    self.maskVariable = mask
    self.values = values
    self.lanes = lanes
    self.counter = counter
    self.threads = threads
  }

  /// What the add loop reads, evaluated for every thread, level and block size `threads % 2M ==
  /// 0` allows: the xor partner t ^ m for every lane, else the lane t + m for the lanes
  /// t % 2M < m that lane 0's sum needs; nil when neither holds.
  private static func kind(of source: Value, counter: Value, mask: Value, threads: Value, first: Int, maxThreads: Int) -> Kind? {
    guard var evaluator = LaneArithmetic(source, variables: [counter, mask], values: [threads]) else { return nil }
    let masks = sequence(first: first, next: { $0 > 1 ? $0 / 2 : nil })
    let group = 2 * first
    func holds(_ partner: (Int, Int) -> Int?) -> Bool {
      for blockThreads in stride(from: group, through: maxThreads, by: group) {
        for m in masks {
          for t in 0..<blockThreads {
            guard let expected = partner(t, m) else { continue }
            guard evaluator.evaluate([Int64(t), Int64(m), Int64(blockThreads)]) == Int64(expected) else { return false }
          }
        }
      }
      return true
    }
    if holds({ t, m in t ^ m }) { return .xor }
    if holds({ t, m in t % group < m ? t + m : nil }) { return .down }
    return nil
  }

  /// The replacement: the tree per group under `threads % 2M == 0` (down: and a one-dimensional
  /// block, for which the stale-lane proof evaluated its conditions), else `loop`.
  func lower(_ loop: Operation, blockDimX: Value?) -> [Operation] {
    let build = Builder(region: Region(), location: loop.location)
    let threadType = counter.type.pointee ?? .u32
    let size = build.constant(int: Int64(group), threadType)
    var usable = build.compare(build.value(.rem, [threads, size], type: threadType), build.constant(int: 0, threadType), "eq")
    if kind == .down, let blockDimX {
      usable = build.value(.and, [usable, build.compare(blockDimX, threads, "eq")], type: .bool)
    }
    let folded = Region()
    let make = Builder(region: folded, location: loop.location)
    make.create(.store, [make.constant(int: 0, threadType), counter])
    let condition = Region()
    let header = Builder(region: condition, location: loop.location)
    header.create(.condition, [header.compare(header.value(.load, [counter], type: threadType), threads, "lt")])
    let body = Region()
    let inner = Builder(region: body, location: loop.location)
    let base = inner.value(.load, [counter], type: threadType)
    let type = values.type.pointee.flatMap { if case let .array(element, _) = $0 { return element } else { return nil } } ?? .f32
    func slot(_ array: Value, _ offset: Int) -> Value {
      let at = offset == 0 ? base : inner.value(.add, [base, inner.constant(int: Int64(offset), threadType)], type: threadType)
      return inner.value(.element, [array, at], type: .pointer(space: .local, pointee: type))
    }
    var m = first
    var source = values
    while m >= 1 {
      for j in 0..<m {
        let own = inner.value(.load, [slot(source, j)], type: type)
        let partner = inner.value(.load, [slot(source, j + m)], type: type)
        inner.create(.store, [inner.value(.add, [own, partner], type: type), slot(lanes, j)])
      }
      source = lanes
      m /= 2
    }
    let sum = inner.value(.load, [slot(lanes, 0)], type: type)
    for j in 0..<(kind == .xor ? group : 1) { inner.create(.store, [sum, slot(values, j)]) }
    let step = Region()
    let next = Builder(region: step, location: loop.location)
    next.create(.store, [next.value(.add, [next.value(.load, [counter], type: threadType), size], type: threadType), counter])
    make.create(.loop, regions: [condition, body, step])
    // The mask ends at 0, as the loop leaves it.
    make.create(.store, [make.constant(int: 0, maskVariable.type.pointee ?? .i32), maskVariable])
    build.create(.if, [usable], regions: [folded, Region(operations: [loop])])
    return build.region.operations
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
  private static func copies(_ loop: Operation, counter: Value) -> (Value, Value)? {
    let body = loop.regions[1].operations
    let stores = body.filter { $0.opcode == .store }
    guard stores.count == 1, let store = stores.first, let lanes = ElementwiseLoop.slotArray(store.operands[1], counter: counter),
      let load = store.operands[0].definingOp, load.opcode == .load, let values = ElementwiseLoop.slotArray(load.operands[0], counter: counter), values !== lanes,
      body.allSatisfy({ $0 === store || ($0.isPure && $0.regions.isEmpty) || $0.opcode == .load })
    else { return nil }
    return (values, lanes)
  }

  /// The add loop `V[t] = V[t] + LANES[source]`: the source lane's value.
  private static func partnerAdd(_ loop: Operation, counter: Value, values: Value, lanes: Value) -> Value? {
    let body = loop.regions[1].operations
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
