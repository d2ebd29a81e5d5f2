// LaneArithmetic: the integer ops that compute a lane number or a lane predicate in a thread loop
// (a shuffle's source lane, `(thread_x & 31) == 0`), flattened once and then evaluated for given
// inputs (the thread, the mask, the block's size) with the wrap-around of each integer type, so
// that a pass can check the arithmetic for every thread instead of trusting its shape.

import KIR

/// The integer ops of a value, flattened once (each op a step), then run for given inputs with
/// the wrap-around of each type.
struct LaneArithmetic {
  private struct Step {
    let opcode: Opcode
    let type: IRType
    let operandType: IRType
    let arguments: [Int]
    let predicate: String?
    let constant: Int64?
    let input: Int?  // the index of the input this step reads, nil for an op
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
    for (position, step) in steps.enumerated() {
      let type = step.type
      func wrap(_ number: Int64) -> Int64 { Self.wrap(number, type) }
      var result: Int64
      switch step.input {
      case let input?:
        guard input < inputs.count else { return nil }
        result = wrap(inputs[input])
      case nil:
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
