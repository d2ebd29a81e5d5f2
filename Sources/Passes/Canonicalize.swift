// canonicalize: folds constants and simplifies arithmetic, index computations and control flow
// with a constant condition, until nothing changes (or `max-iterations`).
//
// Invariants. Before: a verified module. After: the same semantics (ConstantFolding.swift
// lists what is never folded, so sanitizer findings are kept); no `arith` op whose operands are
// all constants and whose result is defined; constants on the right of commutative ops;
// `(x + c1) + c2` as `x + (c1 + c2)` and `(x * c1) * c2` as `x * (c1 * c2)` for integers;
// identities removed (`x + 0`, `x * 1`, `x - 0`, `x / 1`, `x | 0`, `x ^ 0`, `x << 0`,
// `mem.offset p, 0`, a cast to the same type, `select c, x, x`); `scf.if` on a constant
// condition replaced by the region it takes, and a loop whose pure condition is constant false
// removed. Ops made dead are left for `dce`.
//
// Before:
//   %5 = arith.constant 32 : i32
//   %6 = arith.cast %5 : u32
//   %7 = arith.div %4, %6 : u32
// After:
//   %6 = arith.constant 32 : u32
//   %7 = arith.div %4, %6 : u32

import KIR

/// Constant folding and algebraic simplification.
public struct Canonicalize: Pass {
  public static let info = PassInfo(
    name: "canonicalize", group: .transform,
    summary: "Fold constants, simplify arithmetic and index computations, resolve constant branches.",
    options: [
      PassOptionInfo("max-iterations", .int(range: 1...100), default: "8", "rounds over each function before giving up on a fixed point"),
      PassOptionInfo("fold-floats", .bool, default: "true", "fold f32 and f64 arithmetic (IEEE round-to-nearest, as the interpreter computes it)"),
    ])

  let maxIterations: Int
  let foldFloats: Bool

  public init(options: PassOptions) {
    maxIterations = Int(options.int("max-iterations"))
    foldFloats = options.bool("fold-floats")
  }

  public func run(on module: Module, context: PassContext) {
    for function in module.functions {
      for _ in 0..<maxIterations {
        var simplifier = Simplifier(foldFloats: foldFloats, context: context)
        simplifier.simplify(function.body)
        guard simplifier.changed else { break }
      }
    }
  }
}

/// One round of simplification over a function, in program order.
struct Simplifier {
  let foldFloats: Bool
  let context: PassContext
  /// Values replaced so far; operands are remapped as ops are visited.
  var replacements: [Value: Value] = [:]
  /// The constants defined by `arith.constant` ops seen so far.
  var constants: [Value: ConstantValue] = [:]
  var changed = false

  init(foldFloats: Bool, context: PassContext) {
    self.foldFloats = foldFloats
    self.context = context
  }

  mutating func simplify(_ region: Region) {
    var output: [Operation] = []
    output.reserveCapacity(region.operations.count)
    var index = 0
    while index < region.operations.count {
      let op = region.operations[index]
      index += 1
      for (position, operand) in op.operands.enumerated() {
        if let replacement = resolve(operand), replacement !== operand { op.operands[position] = replacement }
      }
      if op.opcode == .if, let condition = constant(op.operands[0]), case let .boolean(taken) = condition {
        let endsRegion = splice(op, taken: taken, into: &output)
        context.count("constant branches resolved")
        changed = true
        if endsRegion { break }
        continue
      }
      if op.opcode == .loop, isNeverEntered(op) {
        context.count("dead loops removed")
        changed = true
        continue
      }
      for inner in op.regions { simplify(inner) }
      if let rewritten = rewrite(op, into: &output) {
        if let result = op.result { replacements[result] = rewritten }
        changed = true
        continue
      }
      if op.opcode == .constant, let result = op.result, let value = op.attributes["value"].flatMap({ ConstantValue($0, type: result.type) }) {
        constants[result] = value
      }
      output.append(op)
    }
    region.operations = output
  }

  /// The value `value` stands for after the replacements so far.
  private func resolve(_ value: Value) -> Value? {
    var current = value
    var steps = 0
    while let next = replacements[current], steps < 64 {
      current = next
      steps += 1
    }
    return current
  }

  private func constant(_ value: Value) -> ConstantValue? { constants[value] }

  /// Splices the region an `scf.if` with a constant condition takes; returns whether that
  /// region ended in a terminator (so the rest of the enclosing region is unreachable).
  private mutating func splice(_ op: Operation, taken: Bool, into output: inout [Operation]) -> Bool {
    let region = op.regions[taken ? 0 : 1]
    simplify(region)
    var operations = region.operations
    if let last = operations.last, last.opcode == .yield {
      operations.removeLast()
      for (result, yielded) in zip(op.results, last.operands) { replacements[result] = resolve(yielded) ?? yielded }
      output += operations
      return false
    }
    output += operations
    return operations.last?.info.effects.contains(.terminator) ?? false
  }

  /// Whether `op` is an `scf.loop` whose condition region is pure and yields constant false.
  private func isNeverEntered(_ op: Operation) -> Bool {
    guard let condition = op.regions.first, let last = condition.operations.last, last.opcode == .condition else { return false }
    guard condition.operations.dropLast().allSatisfy({ $0.isPure }) else { return false }
    let operand = resolve(last.operands[0]) ?? last.operands[0]
    if let value = constants[operand], case .boolean(false) = value { return true }
    if let defining = operand.definingOp, defining.opcode == .constant, defining.attributes["value"] == .bool(false) { return true }
    return false
  }

  /// A value that replaces `op`'s result (appending any new op to `output`), or nil to keep it.
  private mutating func rewrite(_ op: Operation, into output: inout [Operation]) -> Value? {
    guard let result = op.result else { return nil }
    switch op.opcode {
    case .add, .sub, .mul, .div, .rem, .and, .or, .xor, .shl, .shr, .neg, .not, .cmp, .cast:
      let operandType = op.operands[0].type
      if operandType.isFloat && !foldFloats { return nil }
      let values = op.operands.compactMap(constant)
      if values.count == op.operands.count,
        let folded = ConstantFolder.fold(
          op.opcode, predicate: op.attributes["predicate"]?.keywordValue, operands: values,
          operandType: operandType, resultType: result.type),
        let attribute = folded.attribute(for: result.type)
      {
        context.count("constants folded")
        return makeConstant(attribute, like: op, value: folded, into: &output)
      }
      return simplifyAlgebra(op, into: &output)
    case .select:
      if let condition = constant(op.operands[0]), case let .boolean(taken) = condition {
        context.count("selects resolved")
        return op.operands[taken ? 1 : 2]
      }
      if op.operands[1] === op.operands[2] {
        context.count("selects resolved")
        return op.operands[1]
      }
      return nil
    case .offset:
      if let offset = constant(op.operands[1]), offset == .integer(0) {
        context.count("identities removed")
        return op.operands[0]
      }
      return nil
    default:
      return nil
    }
  }

  /// Identities, constant placement and reassociation for ops with one constant operand.
  private mutating func simplifyAlgebra(_ op: Operation, into output: inout [Operation]) -> Value? {
    guard let result = op.result else { return nil }
    let type = result.type
    if op.opcode == .cast, op.operands[0].type == type {
      context.count("identities removed")
      return op.operands[0]
    }
    // (T) (U) x == x for integers when U is at least as wide as T = typeof(x): nothing was lost.
    if op.opcode == .cast, let inner = op.operands[0].definingOp, inner.opcode == .cast,
      case let .int(middleBits, _) = op.operands[0].type, case let .int(bits, _) = type,
      inner.operands[0].type == type, middleBits >= bits
    {
      context.count("identities removed")
      return inner.operands[0]
    }
    guard op.operands.count == 2 else { return nil }
    let commutative: Set<Opcode> = [.add, .mul, .and, .or, .xor]
    if commutative.contains(op.opcode), constant(op.operands[0]) != nil, constant(op.operands[1]) == nil {
      op.operands.swapAt(0, 1)
      context.count("operands ordered")
      changed = true
    }
    let lhs = op.operands[0]
    guard let rhs = constant(op.operands[1]) else { return nil }
    if isIdentity(op.opcode, rhs, type: type) {
      context.count("identities removed")
      return lhs
    }
    if case .int = type, op.opcode == .add || op.opcode == .mul, let inner = lhs.definingOp, inner.opcode == op.opcode,
      let innerConstant = constant(inner.operands[1]),
      let combined = ConstantFolder.fold(op.opcode, predicate: nil, operands: [innerConstant, rhs], operandType: type, resultType: type),
      let attribute = combined.attribute(for: type)
    {
      let constantOp = Operation(.constant, resultTypes: [type], attributes: ["value": attribute], location: op.location)
      output.append(constantOp)
      constants[constantOp.results[0]] = combined
      op.operands = [inner.operands[0], constantOp.results[0]]
      context.count("index computations reassociated")
      changed = true
    }
    return nil
  }

  /// Whether `x op c` is `x`.
  private func isIdentity(_ opcode: Opcode, _ value: ConstantValue, type: IRType) -> Bool {
    switch (opcode, value, type) {
    case (.add, .integer(0), .int), (.sub, .integer(0), .int), (.or, .integer(0), .int), (.xor, .integer(0), .int),
      (.shl, .integer(0), .int), (.shr, .integer(0), .int), (.mul, .integer(1), .int), (.div, .integer(1), .int):
      return true
    case (.and, .boolean(true), .bool), (.or, .boolean(false), .bool), (.xor, .boolean(false), .bool):
      return true
    case let (.sub, .real(x), .float):
      // x - (+0) == x for every x, signed zeros and NaNs included (x + 0 is not: -0 + 0 = +0).
      return x == 0 && x.sign == .plus
    case let (.mul, .real(x), .float), let (.div, .real(x), .float):
      return x == 1
    default:
      return false
    }
  }

  private mutating func makeConstant(_ attribute: Attribute, like op: Operation, value: ConstantValue, into output: inout [Operation]) -> Value {
    let constantOp = Operation(
      .constant, resultTypes: op.results.map(\.type), resultNames: op.results.map(\.name),
      attributes: ["value": attribute], location: op.location)
    output.append(constantOp)
    constants[constantOp.results[0]] = value
    return constantOp.results[0]
  }
}
