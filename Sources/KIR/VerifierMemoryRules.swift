// The verifier's rules that look past operand types: constant values, global symbols, array
// and member indices, atomics and the math function table. Called from VerifierRules.swift.

extension Verifier {
  /// `arith.constant`: a scalar result and a value of the matching kind.
  mutating func checkConstant(_ op: Operation) {
    guard let value = op.attributes["value"] else { return }
    let type = resultType(op)
    let expected: String
    let matches: Bool
    switch type {
    case .bool:
      expected = "true or false"
      matches = value.boolValue != nil
    case .int:
      expected = "an integer"
      matches = value.intValue != nil
    case .float:
      expected = "a float"
      if case .float = value { matches = true } else { matches = false }
    case .void, .vector, .pointer, .array, .structure:
      error(op, "result must be a scalar, found \(type)")
      return
    }
    if !matches { error(op, "value for type \(type) must be \(expected), found \(value)") }
  }

  /// `mem.global_address @g`: a global, and a pointer into its space to its type.
  mutating func checkGlobalAddress(_ op: Operation) {
    guard let attribute = op.attributes["symbol"] else { return }
    guard let name = attribute.symbolValue else {
      error(op, "attribute 'symbol' must be a symbol, found \(attribute)")
      return
    }
    guard let global = globals[name] else {
      error(op, "symbol '@\(IRType.symbolText(name))' is not a global variable")
      return
    }
    let expected = IRType.pointer(space: global.space, pointee: global.type)
    if resultType(op) != expected {
      error(op, "result must be \(expected), found \(resultType(op))")
    }
  }

  /// `mem.element`: ptr<S, array<N x T>> and an integer give ptr<S, T>; a constant index is in
  /// [0, N).
  mutating func checkElement(_ op: Operation) {
    let types = operandTypes(op)
    guard case let .pointer(space, .array(element, count)) = types[0] else {
      error(op, "first operand must be a pointer to an array, found \(types[0])")
      return
    }
    if !types[1].isInteger { error(op, "index must be an integer, found \(types[1])") }
    let expected = IRType.pointer(space: space, pointee: element)
    if resultType(op) != expected {
      error(op, "result must be \(expected), found \(resultType(op))")
    }
    if let count, let definition = op.operands[1].definingOp, definition.opcode == .constant,
      let index = definition.attributes["value"]?.intValue, index < 0 || index >= count
    {
      error(op, "constant index \(index) is out of bounds for \(types[0].pointee ?? types[0])")
    }
  }

  /// `mem.field {index = i}`: ptr<S, struct|vector> gives ptr<S, member i>.
  mutating func checkField(_ op: Operation) {
    let pointer = operandTypes(op)[0]
    guard case let .pointer(space, aggregate) = pointer else {
      error(op, "operand must be a pointer to a vector or struct, found \(pointer)")
      return
    }
    guard let member = memberType(op, of: aggregate) else { return }
    let expected = IRType.pointer(space: space, pointee: member)
    if resultType(op) != expected {
      error(op, "result must be \(expected), found \(resultType(op))")
    }
  }

  /// `cuda.atomic`: a valid operation with its operand count (3 for cas, else 2), a pointer whose
  /// pointee is the value type and the result type, and an optional valid scope.
  mutating func checkAtomic(_ op: Operation) {
    checkKeyword(op, "operation", AttributeKeywords.atomicOperation)
    if let scope = op.attributes["scope"] {
      if scope.keywordValue.map(AttributeKeywords.scope.contains) != true {
        error(
          op,
          "attribute 'scope' must be one of \(AttributeKeywords.scope.joined(separator: ", ")), found \(scope)"
        )
      }
    }
    let operation = op.attributes["operation"]?.keywordValue
    let expectedCount = operation == "cas" ? 3 : 2
    if op.operands.count != expectedCount {
      error(op, "'\(operation ?? "?")' takes \(expectedCount) operands, found \(op.operands.count)")
      return
    }
    let types = operandTypes(op)
    guard let pointee = types[0].pointee else {
      error(op, "first operand must be a pointer, found \(types[0])")
      return
    }
    if types.dropFirst().contains(where: { $0 != pointee }) || resultType(op) != pointee {
      error(op, "values and result must have the pointee type \(pointee), found \(signature(op))")
    }
  }

  /// `math.call f`: a function of the math table with as many operands as it takes.
  mutating func checkMathCall(_ op: Operation) {
    guard let attribute = op.attributes["function"] else { return }
    guard let name = attribute.keywordValue ?? attribute.stringValue else {
      error(op, "attribute 'function' must be a function name, found \(attribute)")
      return
    }
    guard let function = MathFunction.named(name) else {
      error(op, "unknown math function '\(name)'")
      return
    }
    if function.arity != op.operands.count {
      error(
        op,
        "'\(name)' takes \(function.arity) operand\(function.arity == 1 ? "" : "s"), found \(op.operands.count)"
      )
    }
  }
}
