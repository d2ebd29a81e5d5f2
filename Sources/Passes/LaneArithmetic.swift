// LaneArithmetic: the integer ops that compute a lane number or a lane predicate in a thread loop
// (a shuffle's source lane, `(thread_x & 31) == 0`), flattened once and then evaluated for given
// inputs (the thread, the mask, the block's size) with the wrap-around of each integer type, so
// that a pass can check the arithmetic for every thread instead of trusting its shape.

import KIR

/// The integer ops of a value, flattened once (each op a step), then run for given inputs with
/// the wrap-around of each type.
struct LaneArithmetic {
  /// An integer type's wrap-around: its bits (1 for bool, at most 64) and signedness.
  private struct Width {
    let bits: Int
    let signed: Bool

    init(_ type: IRType) {
      (bits, signed) = type.integerBits.map { (min($0, 64), type.isSigned) } ?? (64, true)
    }

    /// `number` as a value of this type (sign-extended when signed).
    func wrap(_ number: Int64) -> Int64 {
      guard bits < 64 else { return number }
      let mask: UInt64 = (1 << UInt64(bits)) - 1
      let masked = UInt64(bitPattern: number) & mask
      if signed, masked & (1 << UInt64(bits - 1)) != 0 { return Int64(bitPattern: masked | ~mask) }
      return Int64(bitPattern: masked)
    }

    func unsigned(_ number: Int64) -> UInt64 {
      bits < 64 ? UInt64(bitPattern: number) & ((1 << UInt64(bits)) - 1) : UInt64(bitPattern: number)
    }
  }

  private enum Predicate {
    case eq, ne, lt, le, gt, ge
  }

  /// A step: plain values only, so that running the steps copies no reference.
  private struct Step {
    let opcode: Opcode
    let type: Width
    let operandType: Width
    /// The steps whose values are the operands (up to three; -1 for none).
    let first: Int
    let second: Int
    let third: Int
    let predicate: Predicate?
    let constant: Int64?
    let input: Int?  // the index of the input this step reads, nil for an op

    init(opcode: Opcode, type: IRType, operandType: IRType, arguments: [Int], predicate: String?, constant: Int64?, input: Int?) {
      self.opcode = opcode
      self.type = Width(type)
      self.operandType = Width(operandType)
      (first, second, third) = (arguments.first ?? -1, arguments.count > 1 ? arguments[1] : -1, arguments.count > 2 ? arguments[2] : -1)
      let predicates: [String: Predicate] = ["eq": .eq, "ne": .ne, "lt": .lt, "le": .le, "gt": .gt, "ge": .ge]
      self.predicate = predicate.flatMap { predicates[$0] }
      self.constant = constant
      self.input = input
    }
  }

  private var steps: [Step] = []
  private var values: [Int64] = []

  /// Flattens the ops computing `source`; nil when one is not integer arithmetic of constants and
  /// the inputs: the values loaded from `variables` (inputs 0 ..< variables.count, in order),
  /// then `values` (the inputs after those).
  init?(_ source: Value, variables: [Value], values inputs: [Value]) {
    var index: [ObjectIdentifier: Int] = [:]
    func visit(_ value: Value, depth: Int) -> Int? {
      if let known = index[ObjectIdentifier(value)] { return known }
      guard depth < 64 else { return nil }
      let step: Step
      if let input = inputs.firstIndex(where: { $0 === value }) {
        step = Step(
          opcode: .constant, type: value.type, operandType: value.type, arguments: [], predicate: nil, constant: nil,
          input: variables.count + input)
      } else {
        guard let op = value.definingOp else { return nil }
        if op.opcode == .load {
          guard let input = variables.firstIndex(where: { $0 === op.operands[0] }) else { return nil }
          step = Step(opcode: .load, type: value.type, operandType: value.type, arguments: [], predicate: nil, constant: nil, input: input)
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
            predicate: op.attributes["predicate"]?.keywordValue, constant: constant, input: nil)
        }
      }
      steps.append(step)
      index[ObjectIdentifier(value)] = steps.count - 1
      return steps.count - 1
    }
    guard visit(source, depth: 0) == steps.count - 1 else { return nil }
    values = Array(repeating: 0, count: steps.count)
  }

  /// The value for `inputs` (in the order of the initialiser's); nil for a division by zero, an
  /// unknown predicate or a missing input.
  mutating func evaluate(_ inputs: [Int64]) -> Int64? {
    steps.withUnsafeBufferPointer { steps in
      values.withUnsafeMutableBufferPointer { values in Self.run(steps, inputs, values) }
    }
  }

  private static func run(_ steps: UnsafeBufferPointer<Step>, _ inputs: [Int64], _ values: UnsafeMutableBufferPointer<Int64>) -> Int64? {
    for position in steps.indices {
      let type = steps[position].type
      var result: Int64
      if let input = steps[position].input {
        guard input < inputs.count else { return nil }
        result = type.wrap(inputs[input])
      } else {
        let step = steps[position]
        let a = step.first >= 0 ? values[step.first] : 0
        let b = step.second >= 0 ? values[step.second] : 0
        var ua: UInt64 { step.operandType.unsigned(a) }
        var ub: UInt64 { step.operandType.unsigned(b) }
        switch step.opcode {
        case .constant: result = type.wrap(step.constant ?? 0)
        case .cast, .bitcast: result = type.wrap(step.operandType.signed ? a : Int64(bitPattern: ua))
        case .not: result = type.wrap(~a)
        case .neg: result = type.wrap(0 &- a)
        case .add: result = type.wrap(a &+ b)
        case .sub: result = type.wrap(a &- b)
        case .mul: result = type.wrap(a &* b)
        case .and: result = type.wrap(a & b)
        case .or: result = type.wrap(a | b)
        case .xor: result = type.wrap(a ^ b)
        case .shl: result = b >= 0 && b < 64 ? type.wrap(a << b) : 0
        case .shr: result = b >= 0 && b < 64 ? type.wrap(type.signed ? a >> b : Int64(bitPattern: ua >> UInt64(b))) : 0
        case .rem, .div:
          // A division by zero, or the one signed quotient that overflows: not evaluated.
          guard b != 0, !(type.signed && b == -1 && a == .min) else { return nil }
          if step.opcode == .rem {
            result = type.wrap(type.signed ? a % b : Int64(bitPattern: ua % ub))
          } else {
            result = type.wrap(type.signed ? a / b : Int64(bitPattern: ua / ub))
          }
        case .cmp:
          let less = step.operandType.signed ? a < b : ua < ub
          switch step.predicate {
          case .eq: result = a == b ? 1 : 0
          case .ne: result = a != b ? 1 : 0
          case .lt: result = less ? 1 : 0
          case .le: result = less || a == b ? 1 : 0
          case .gt: result = !less && a != b ? 1 : 0
          case .ge: result = !less ? 1 : 0
          case nil: return nil
          }
        case .select: result = a != 0 ? b : (step.third >= 0 ? values[step.third] : 0)
        default: return nil
        }
      }
      values[position] = result
    }
    return values.last
  }
}
