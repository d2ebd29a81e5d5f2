// The verifier's per-op rules: attribute values, type rules and scf structure, one exhaustive
// switch over Opcode. They run only when the op's operand and result counts fit its arity, so
// they may index operands and results within the arity. Verifier.swift lists the invariants.

/// The closed keyword sets of positional attributes.
enum AttributeKeywords {
  static let predicate = ["eq", "ne", "lt", "le", "gt", "ge"]
  static let dimension = ["x", "y", "z"]
  static let atomicOperation = [
    "add", "sub", "exch", "min", "max", "inc", "dec", "and", "or", "xor", "cas",
  ]
  static let shuffleMode = ["idx", "up", "down", "xor"]
  static let voteKind = ["any", "all", "uni"]
  static let scope = ["block", "device", "system"]
  static let bangDirection = ["GDRAM2NRAM", "NRAM2GDRAM", "NRAM2NRAM"]
  static let bangVectorBinary = ["add", "sub", "mul", "maxequal", "minequal"]
  static let bangVectorScalar = ["add_scalar", "sub_scalar", "mul_scalar"]
  static let ascendVectorBinary = ["Add", "Sub", "Mul", "Div", "Max", "Min"]
  static let ascendVectorScalar = ["Adds", "Muls", "Maxs", "Mins"]
  /// One-source vector ops: (keyword, source element, destination element).
  static let bangVectorUnary: [String: (IRType, IRType)] = ["float2half_rn": (.f32, .f16), "half2float": (.f16, .f32)]
  static let ascendVectorUnary = ["Cast"]
  static let ascendRoundModes: [String: (IRType, IRType)] = ["CAST_RINT": (.f32, .f16), "CAST_NONE": (.f16, .f32)]
}

extension Verifier {
  /// Checks the rules of `op`'s opcode.
  mutating func checkRules(_ op: Operation) {
    switch op.opcode {
    case .constant: checkConstant(op)
    case .add, .sub, .mul, .div, .rem:
      let types = operandTypes(op)
      if !types[0].isScalar || types[0] != types[1] || types[0] != resultType(op) {
        error(op, "requires operands and result of one scalar type, found \(signature(op))")
      }
    case .and, .or, .xor:
      let types = operandTypes(op)
      if !isIntegerOrBool(types[0]) || types[0] != types[1] || types[0] != resultType(op) {
        error(op, "requires operands and result of one integer or i1 type, found \(signature(op))")
      }
    case .shl, .shr:
      let types = operandTypes(op)
      if !isIntegerOrBool(types[0]) || !isIntegerOrBool(types[1]) || types[0] != resultType(op) {
        error(
          op,
          "requires integer or i1 operands and the first operand's type as result, found \(signature(op))"
        )
      }
    case .neg:
      let type = operandTypes(op)[0]
      if !(type.isInteger || type.isFloat) || type != resultType(op) {
        error(
          op, "requires an integer or float operand and result of its type, found \(signature(op))")
      }
    case .not:
      let type = operandTypes(op)[0]
      if !isIntegerOrBool(type) || type != resultType(op) {
        error(
          op, "requires an integer or i1 operand and result of its type, found \(signature(op))")
      }
    case .cmp:
      checkKeyword(op, "predicate", AttributeKeywords.predicate)
      let types = operandTypes(op)
      if !(types[0].isScalar || types[0].isPointer) || types[0] != types[1] {
        error(op, "requires two operands of one scalar or pointer type, found \(signature(op))")
      }
      expectResult(op, .bool)
    case .select:
      let types = operandTypes(op)
      if types[0] != .bool || types[1] != types[2] || types[1] != resultType(op) {
        error(
          op, "requires an i1 condition and two values of the result type, found \(signature(op))")
      }
    case .cast:
      if !operandTypes(op)[0].isScalar || !resultType(op).isScalar {
        error(op, "converts scalars only, found \(signature(op))")
      }
    case .bitcast:
      let from = operandTypes(op)[0]
      let to = resultType(op)
      if let fromSize = byteSize(from), let toSize = byteSize(to), fromSize == toSize {
        break
      }
      error(op, "requires scalar, vector or pointer types of the same size, found \(signature(op))")
    case .alloca:
      expectPointerResult(op, space: .local)
    case .sharedAlloc:
      expectPointerResult(op, space: .shared)
    case .dynamicShared:
      if case .pointer(.shared, .array(_, nil)) = resultType(op) { break }
      error(op, "result must be ptr<shared, array<? x T>>, found \(resultType(op))")
    case .globalAddress: checkGlobalAddress(op)
    case .load:
      let pointer = operandTypes(op)[0]
      guard let pointee = pointer.pointee else {
        error(op, "operand must be a pointer, found \(pointer)")
        break
      }
      if pointee != resultType(op) {
        error(op, "result type \(resultType(op)) does not match the pointee type \(pointee)")
      }
    case .store:
      let types = operandTypes(op)
      guard let pointee = types[1].pointee else {
        error(op, "second operand must be a pointer, found \(types[1])")
        break
      }
      if pointee != types[0] {
        error(op, "stored value of type \(types[0]) does not match the pointee type \(pointee)")
      }
    case .offset:
      let types = operandTypes(op)
      if !types[0].isPointer || !types[1].isInteger || resultType(op) != types[0] {
        error(
          op,
          "requires a pointer, an integer and a result of the pointer's type, found \(signature(op))"
        )
      }
    case .element: checkElement(op)
    case .field: checkField(op)
    case .pointerCast:
      if !operandTypes(op)[0].isPointer || !resultType(op).isPointer {
        error(op, "casts a pointer to a pointer, found \(signature(op))")
      }
    case .pointerToInt:
      if !operandTypes(op)[0].isPointer || !resultType(op).isInteger {
        error(op, "converts a pointer to an integer, found \(signature(op))")
      }
    case .intToPointer:
      if !operandTypes(op)[0].isInteger || !resultType(op).isPointer {
        error(op, "converts an integer to a pointer, found \(signature(op))")
      }
    case .pointerDiff:
      let types = operandTypes(op)
      if !types[0].isPointer || !types[1].isPointer || !resultType(op).isInteger {
        error(op, "requires two pointers and an integer result, found \(signature(op))")
      }
    case .make:
      let type = resultType(op)
      guard let count = memberCount(of: type) else {
        error(op, "result must be a vector or a declared struct, found \(type)")
        break
      }
      let types = operandTypes(op)
      let matches =
        types.count == count
        && types.enumerated().allSatisfy { index, operand in member(of: type, at: index) == operand
        }
      if !matches {
        error(op, "operands must be the \(count) members of \(type), found \(signature(op))")
      }
    case .extract:
      if let member = memberType(op, of: operandTypes(op)[0]), member != resultType(op) {
        error(op, "result type \(resultType(op)) does not match member type \(member)")
      }
    case .insert:
      let types = operandTypes(op)
      if types[0] != resultType(op) {
        error(op, "result type \(resultType(op)) does not match the aggregate type \(types[0])")
      }
      if let member = memberType(op, of: types[0]), member != types[1] {
        error(op, "inserted value of type \(types[1]) does not match member type \(member)")
      }
    case .threadId, .blockId, .blockDim, .gridDim:
      checkKeyword(op, "dim", AttributeKeywords.dimension)
      expectResult(op, .u32)
    case .taskId, .taskDim:
      expectResult(op, .u32)
    case .buffer:
      if case .pointer(.shared, let pointee) = resultType(op), pointee != .void {
        if case .array(_, nil) = pointee {} else { break }
      }
      error(op, "result must be ptr<shared, T> of a sized type, found \(resultType(op))")
    case .bangMemcpy: checkBangMemcpy(op)
    case .ascendDataCopy: checkAscendDataCopy(op)
    case .bangVector, .ascendVector: checkTargetVector(op)
    case .bangVectorUnary, .ascendVectorUnary: checkTargetVectorUnary(op)
    case .ascendPipeBarrier: break
    case .syncthreads: break
    case .syncthreadsCount, .syncthreadsAnd, .syncthreadsOr:
      if !isIntegerOrBool(operandTypes(op)[0]) {
        error(op, "operand must be an integer or i1, found \(operandTypes(op)[0])")
      }
      expectResult(op, .i32)
    case .syncwarp:
      expectOperands(op, [.u32])
    case .threadfence:
      checkKeyword(op, "scope", AttributeKeywords.scope)
    case .atomic: checkAtomic(op)
    case .shuffle:
      checkKeyword(op, "mode", AttributeKeywords.shuffleMode)
      let value = operandTypes(op)[1]
      expectOperands(op, [.u32, value, .i32, .i32])
      expectResult(op, value)
    case .vote:
      checkKeyword(op, "kind", AttributeKeywords.voteKind)
      expectOperands(op, [.u32, .bool])
      expectResult(op, .bool)
    case .ballot:
      expectOperands(op, [.u32, .bool])
      expectResult(op, .u32)
    case .activemask:
      expectResult(op, .u32)
    case .printf:
      if op.attributes["format"]?.stringValue == nil {
        error(op, "requires a string attribute 'format'")
      }
    case .trap: break
    case .clock:
      if !resultType(op).isInteger {
        error(op, "result must be an integer, found \(resultType(op))")
      }
    case .mathCall: checkMathCall(op)
    case .call: checkCall(op)
    case .return: checkReturn(op)
    case .if: checkIf(op)
    case .yield: checkYield(op)
    case .loop: checkConditionRegion(op, index: 0)
    case .doWhile: checkConditionRegion(op, index: 1)
    case .condition: checkCondition(op)
    case .break:
      checkJump(
        op, skipping: [.if],
        target: "the body of an 'scf.loop' or 'scf.do_while' or in an 'scf.block'")
    case .continue:
      checkJump(op, skipping: [.if, .block], target: "the body of an 'scf.loop' or 'scf.do_while'")
    case .block: break
    }
  }

  // MARK: Helpers

  func operandTypes(_ op: Operation) -> [IRType] { op.operands.map(\.type) }

  /// The type of the single result (void when there is none).
  func resultType(_ op: Operation) -> IRType { op.results.first?.type ?? .void }

  func isIntegerOrBool(_ type: IRType) -> Bool { type.isInteger || type.isBool }

  /// `(T1, T2) -> R` for messages.
  func signature(_ op: Operation) -> String {
    let operands = "(" + operandTypes(op).map(\.description).joined(separator: ", ") + ")"
    let results = op.results.map(\.type.description).joined(separator: ", ")
    return op.results.isEmpty ? operands : "\(operands) -> \(results)"
  }

  mutating func expectResult(_ op: Operation, _ type: IRType) {
    if resultType(op) != type { error(op, "result must be \(type), found \(resultType(op))") }
  }

  mutating func expectOperands(_ op: Operation, _ types: [IRType]) {
    if operandTypes(op) != types {
      let expected = types.map(\.description).joined(separator: ", ")
      error(op, "operands must be (\(expected)), found \(signature(op))")
    }
  }

  mutating func expectPointerResult(_ op: Operation, space: AddressSpace) {
    let type = resultType(op)
    if type.addressSpace != space {
      error(op, "result must be a pointer into \(space.rawValue) memory, found \(type)")
    }
  }

  /// A positional keyword attribute, when present, is one of `allowed` (O4 reports it missing).
  mutating func checkKeyword(_ op: Operation, _ key: String, _ allowed: [String]) {
    guard let attribute = op.attributes[key] else { return }
    if let word = attribute.keywordValue, allowed.contains(word) { return }
    error(
      op, "attribute '\(key)' must be one of \(allowed.joined(separator: ", ")), found \(attribute)"
    )
  }

  /// The storage size of a scalar, vector or pointer type.
  func byteSize(_ type: IRType) -> Int? {
    switch type {
    case .bool: return 1
    case let .int(bits, _): return bits / 8
    case let .float(kind): return kind.byteSize
    case let .vector(element, count):
      guard let size = byteSize(element) else { return nil }
      let (total, overflow) = size.multipliedReportingOverflow(by: count)
      return overflow ? nil : total
    case .pointer: return 8
    case .void, .array, .structure: return nil
    }
  }

  /// The number of members of a vector or declared struct.
  func memberCount(of type: IRType) -> Int? {
    switch type {
    case let .vector(_, count): return max(0, count)
    case let .structure(name): return structs[name]?.fields.count
    default: return nil
    }
  }

  /// The type of member `index` of a vector or declared struct, if it has one.
  func member(of type: IRType, at index: Int) -> IRType? {
    guard let count = memberCount(of: type), index >= 0, index < count else { return nil }
    switch type {
    case let .vector(element, _): return element
    case let .structure(name): return structs[name]?.fields[index].type
    default: return nil
    }
  }

  /// The type of member `index` (attribute) of aggregate `type`, reporting what is wrong.
  mutating func memberType(_ op: Operation, of type: IRType) -> IRType? {
    guard let count = memberCount(of: type) else {
      error(op, "requires a vector or declared struct, found \(type)")
      return nil
    }
    guard let index = op.attributes["index"]?.intValue else {
      error(op, "requires an integer attribute 'index'")
      return nil
    }
    guard index >= 0 && index < count, let found = member(of: type, at: Int(index)) else {
      error(op, "index \(index) is out of range for \(type) with \(count) members")
      return nil
    }
    return found
  }
}
