// fold-warp-butterflies: a warp's xor butterfly, `for (m = M; m > 0; m >>= 1) v += __shfl_xor_sync(
// full, v, m)`, leaves every lane of each group of 2M lanes holding the same value: at level m
// lanes i and i ^ m add the same two values (in either order: IEEE addition is commutative), so
// after the last level the group's lanes agree, and the value is the halving tree
//
//   h[j] = v[j] + v[j + M] (j < M);  then h[j] = h[j] + h[j + m] (j < m) for m = M/2, ..., 1;  h[0]
//
// simt-to-spmd runs each level as two loops over the block's threads (store every value in a
// lanes array, then add the partner's: 2 × 32 × log2(2M) lane steps a warp). This pass computes
// the tree once per group, unrolled (2M − 1 adds), and stores h[0] to every lane of the group:
//
//   if (threads % 2M == 0) {
//     for (base = 0; base < threads; base += 2M) { the tree over V[base ..]; V[base + j] = h[0] }
//   } else { the loop as it was }
//
// What the second loop reads must be the xor partner: its source-lane arithmetic (however
// simt-to-spmd writes it) is evaluated for every thread, every level and every block size the
// guard allows (multiples of 2M up to `max_threads`), and must give t ^ m each time.

import KIR

/// Warp xor butterflies become one tree per group of lanes.
public struct FoldWarpButterflies: Pass {
  public static let info = PassInfo(
    name: "fold-warp-butterflies", group: .lowering,
    summary: "A warp's xor-shuffle butterfly (every lane gets the group's sum) is computed once per group of lanes and stored to each.",
    options: [])

  public init(options: PassOptions) {}

  public func run(on module: Module, context: PassContext) {
    for function in module.loweredKernels {
      let topLevel = Set(function.body.operations.flatMap(\.results).map(ObjectIdentifier.init))
      let maxThreads = Int(function.attributes["max_threads"]?.intValue ?? 1024)
      var folded = 0
      rewrite(function.body) { loop, region, index in
        guard let butterfly = Butterfly(loop, at: index, in: region, topLevel: topLevel, maxThreads: maxThreads) else { return nil }
        folded += 1
        context.report(
          .remark(.fastPortApplied, "warp butterfly over groups of \(butterfly.group) lanes computed once per group (\(butterfly.group - 1) adds) and broadcast", at: loop.location))
        return butterfly.lower(loop)
      }
      if folded > 0 { context.count("warp butterflies folded", folded) }
    }
  }

  private func rewrite(_ region: Region, _ replace: (Operation, Region, Int) -> [Operation]?) {
    var index = 0
    while index < region.operations.count {
      let op = region.operations[index]
      if op.opcode == .loop, !ElementwiseLoop.isThreadLoop(op), let ops = replace(op, region, index) {
        region.operations.replaceSubrange(index...index, with: ops)
        index += ops.count
        continue
      }
      op.regions.forEach { rewrite($0, replace) }
      index += 1
    }
  }
}

/// A matched butterfly: the loop over the masks and its two thread loops.
private struct Butterfly {
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
    // The partner must be t ^ m for every thread, level and allowed block size.
    let masks = sequence(first: first, next: { $0 > 1 ? $0 / 2 : nil }).map(Int64.init)
    guard var evaluator = LaneArithmetic(source, counter: counter, mask: mask, threads: threads) else { return nil }
    let groupSize = 2 * first
    for blockThreads in stride(from: groupSize, through: maxThreads, by: groupSize) {
      for m in masks {
        for t in 0..<blockThreads {
          guard evaluator.evaluate(thread: Int64(t), mask: m, threads: Int64(blockThreads)) == Int64(t) ^ m else { return nil }
        }
      }
    }
    self.first = first
    self.maskVariable = mask
    self.values = values
    self.lanes = lanes
    self.counter = counter
    self.threads = threads
  }

  /// The replacement: the tree per group under `threads % 2M == 0`, else `loop`.
  func lower(_ loop: Operation) -> [Operation] {
    let build = Builder(region: Region(), location: loop.location)
    let threadType = counter.type.pointee ?? .u32
    let size = build.constant(int: Int64(group), threadType)
    let usable = build.compare(build.value(.rem, [threads, size], type: threadType), build.constant(int: 0, threadType), "eq")
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
    for j in 0..<group { inner.create(.store, [sum, slot(values, j)]) }
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

/// The integer ops of a shuffle's source lane, flattened once (each op a step, evaluated once
/// per input), then run for given thread, mask and block size with the wrap-around of each type.
private struct LaneArithmetic {
  private struct Step {
    let opcode: Opcode
    let type: IRType
    let operandType: IRType
    let arguments: [Int]
    let predicate: String?
    let constant: Int64?
    let input: Int  // 0: none, 1: the thread, 2: the mask, 3: the block's threads
  }

  private var steps: [Step] = []
  private var values: [Int64] = []

  /// Flattens the ops computing `source`; nil when one is not integer arithmetic of the thread,
  /// the mask, the block's thread count and constants.
  init?(_ source: Value, counter: Value, mask: Value, threads: Value) {
    var index: [ObjectIdentifier: Int] = [:]
    func visit(_ value: Value, depth: Int) -> Int? {
      if let known = index[ObjectIdentifier(value)] { return known }
      guard depth < 64 else { return nil }
      let step: Step
      if value === threads {
        step = Step(opcode: .constant, type: value.type, operandType: value.type, arguments: [], predicate: nil, constant: nil, input: 3)
      } else {
        guard let op = value.definingOp else { return nil }
        if op.opcode == .load {
          guard op.operands[0] === counter || op.operands[0] === mask else { return nil }
          step = Step(
            opcode: .load, type: value.type, operandType: value.type, arguments: [], predicate: nil, constant: nil,
            input: op.operands[0] === counter ? 1 : 2)
        } else {
          let allowed: Set<Opcode> = [.constant, .cast, .bitcast, .not, .neg, .add, .sub, .mul, .and, .or, .xor, .shl, .shr, .rem, .div, .cmp, .select]
          guard allowed.contains(op.opcode), op.regions.isEmpty else { return nil }
          var arguments: [Int] = []
          for operand in op.operands {
            guard operand.type.isInteger || operand.type == .bool, let argument = visit(operand, depth: depth + 1) else { return nil }
            arguments.append(argument)
          }
          guard value.type.isInteger || value.type == .bool else { return nil }
          let constant = op.attributes["value"].flatMap { $0.intValue ?? $0.boolValue.map { $0 ? 1 : 0 } }
          if op.opcode == .constant, constant == nil { return nil }
          step = Step(
            opcode: op.opcode, type: value.type, operandType: op.operands.first?.type ?? value.type, arguments: arguments,
            predicate: op.attributes["predicate"]?.keywordValue, constant: constant, input: 0)
        }
      }
      steps.append(step)
      index[ObjectIdentifier(value)] = steps.count - 1
      return steps.count - 1
    }
    guard visit(source, depth: 0) == steps.count - 1 else { return nil }
    values = Array(repeating: 0, count: steps.count)
  }

  /// The source lane for `thread`, `mask` and a block of `threads` threads; nil for a division
  /// by zero or an unknown predicate.
  mutating func evaluate(thread: Int64, mask: Int64, threads: Int64) -> Int64? {
    for (position, step) in steps.enumerated() {
      let type = step.type
      func wrap(_ number: Int64) -> Int64 { Self.wrap(number, type) }
      var result: Int64
      switch step.input {
      case 1: result = wrap(thread)
      case 2: result = wrap(mask)
      case 3: result = wrap(threads)
      default:
        let a = step.arguments.first.map { values[$0] } ?? 0
        let b = step.arguments.count > 1 ? values[step.arguments[1]] : 0
        let (ua, ub) = (Self.unsigned(a, step.operandType), Self.unsigned(b, step.operandType))
        switch step.opcode {
        case .constant: result = wrap(step.constant ?? 0)
        case .cast, .bitcast: result = wrap(step.operandType.isSigned ? a : Int64(bitPattern: ua))
        case .not: result = wrap(~a)
        case .neg: result = wrap(0 &- a)
        case .add: result = wrap(a &+ b)
        case .sub: result = wrap(a &- b)
        case .mul: result = wrap(a &* b)
        case .and: result = wrap(a & b)
        case .or: result = wrap(a | b)
        case .xor: result = wrap(a ^ b)
        case .shl: result = b >= 0 && b < 64 ? wrap(a << b) : 0
        case .shr: result = b >= 0 && b < 64 ? wrap(type.isSigned ? a >> b : Int64(bitPattern: ua >> UInt64(b))) : 0
        case .rem, .div:
          guard b != 0 else { return nil }
          if step.opcode == .rem {
            result = wrap(type.isSigned ? a % b : Int64(bitPattern: ua % ub))
          } else {
            result = wrap(type.isSigned ? a / b : Int64(bitPattern: ua / ub))
          }
        case .cmp:
          let less = step.operandType.isSigned ? a < b : ua < ub
          switch step.predicate {
          case "eq": result = a == b ? 1 : 0
          case "ne": result = a != b ? 1 : 0
          case "lt": result = less ? 1 : 0
          case "le": result = less || a == b ? 1 : 0
          case "gt": result = !less && a != b ? 1 : 0
          case "ge": result = !less ? 1 : 0
          default: return nil
          }
        case .select: result = a != 0 ? b : values[step.arguments[2]]
        default: return nil
        }
      }
      values[position] = result
    }
    return values.last
  }

  /// `number` as a value of the integer `type` (sign-extended when signed; bool is one bit).
  static func wrap(_ number: Int64, _ type: IRType) -> Int64 {
    if type == .bool { return number & 1 }
    guard case let .int(bits, signed) = type, bits < 64 else { return number }
    let masked = UInt64(bitPattern: number) & ((1 << UInt64(bits)) - 1)
    if signed, masked & (1 << UInt64(bits - 1)) != 0 { return Int64(bitPattern: masked | ~((1 << UInt64(bits)) - 1)) }
    return Int64(bitPattern: masked)
  }

  static func unsigned(_ number: Int64, _ type: IRType) -> UInt64 {
    if type == .bool { return UInt64(number & 1) }
    guard case let .int(bits, _) = type, bits < 64 else { return UInt64(bitPattern: number) }
    return UInt64(bitPattern: number) & ((1 << UInt64(bits)) - 1)
  }
}
