// Repeated pure ops: an op that computes what an op before it in the same region (or in an
// enclosing one) already computed, from the same values with the same types and attributes,
// reads that op's registers instead of computing again (`y * n` in each term of a stencil).
// It keeps a step that counts it, so the profile is unchanged.
//
// This is safe because registers are SSA: an op's result registers are written only by that op.
// The earlier op ran over a superset of the lanes now active (within a region lanes only leave;
// they rejoin only when a construct ends, and a construct's regions see the values before it).
// Ops that can report findings (integer division) and ops whose result is an alias of other
// registers (a promoted local's, which stores change) take no part.

import KIR

/// What a pure op computes: its opcode, operand values (their first computation), operand and
/// result types, and attributes.
struct PureExpression: Hashable {
  let opcode: String
  let operands: [ObjectIdentifier]
  let operandTypes: [IRType]
  let resultType: IRType
  let attributes: [String: Attribute]
}

extension FunctionCompiler {
  /// Whether `opcode` is a pure op computed lane by lane that reports nothing.
  static func isRepeatable(_ opcode: Opcode) -> Bool {
    switch opcode {
    case .add, .sub, .mul, .and, .or, .xor, .shl, .shr, .neg, .not, .cmp, .select, .cast,
      .bitcast, .offset, .element, .field, .pointerToInt, .intToPointer, .pointerCast:
      return true
    default:
      return false
    }
  }

  /// The expression `op` computes, when it takes part.
  func pureExpression(of op: Operation) -> PureExpression? {
    guard Self.isRepeatable(op.opcode), op.regions.isEmpty, let result = op.result else {
      return nil
    }
    return PureExpression(
      opcode: op.opcode.name,
      operands: op.operands.map { firstComputation[ObjectIdentifier($0)] ?? ObjectIdentifier($0) },
      operandTypes: op.operands.map(\.type), resultType: result.type, attributes: op.attributes)
  }

  /// The step of `op` after its compiled `step`: a counting step reading the registers of an
  /// earlier op computing the same, or the step itself (remembered for later ops).
  mutating func reusingEarlierResult(of op: Operation, step: Step) -> Step {
    guard case .op(_, let meta) = step, let expression = pureExpression(of: op),
      let result = op.result, let registers = leaves[ObjectIdentifier(result)]
    else { return step }
    for scope in availableExpressions.indices.reversed() {
      if let earlier = availableExpressions[scope][expression] {
        leaves[ObjectIdentifier(result)] = earlier.registers
        firstComputation[ObjectIdentifier(result)] = earlier.value
        return .countOnly(meta)
      }
    }
    if !availableExpressions.isEmpty {
      availableExpressions[availableExpressions.count - 1][expression] =
        (ObjectIdentifier(result), registers)
    }
    return step
  }
}
