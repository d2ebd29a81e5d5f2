// The expressions of value ops: literals, arithmetic with C precedence (narrow integers wrap
// through a cast, as KIR says), comparisons, casts, aggregates, task indices; and the dispatch of
// every op to the part of the emitter that writes it.
import KIR
import Rules

extension FunctionEmitter {
  /// Writes `op` (a folded op writes nothing: its user asks for its expression).
  func emitOperation(_ op: Operation) {
    if analysis.isFolded(op) { return }
    switch op.opcode {
    case .constant, .offset, .element, .field, .pointerCast, .globalAddress: return
    case .add, .sub, .mul, .div, .rem, .and, .or, .xor, .shl, .shr, .neg, .not, .cmp, .select, .cast,
      .bitcast, .make, .extract, .pointerToInt, .intToPointer, .pointerDiff, .taskId, .taskDim:
      guard let result = op.result, analysis.uses(result) > 0 else { return }
      if let expression = computeExpression(op) { declareResult(op, expression) }
    case .insert: emitInsert(op)
    case .load:
      guard let result = op.result, analysis.uses(result) > 0 else { return }
      if let expression = computeExpression(op) { declareResult(op, expression) }
    case .call, .clock, .mathCall:
      if let expression = computeExpression(op) {
        if let result = op.result, analysis.uses(result) > 0 {
          declareResult(op, expression)
        } else if op.opcode == .call {
          writer.line(expression.text + ";", at: op.location)
        }
      }
    case .alloca: emitAlloca(op)
    case .buffer: emitBuffer(op)
    case .store: emitStore(op)
    case .atomic, .threadfence, .printf, .trap: emitRuleStatement(op)
    case .bangMemcpy, .bangVector, .bangVectorUnary: emitBangOp(op)
    case .ascendDataCopy, .ascendVector, .ascendVectorUnary, .ascendPipeBarrier: emitAscendOp(op)
    case .return:
      if let value = op.operands.first {
        guard let expression = expression(value) else { return }
        writer.line("return \(expression.text);", at: op.location)
      } else {
        writer.line("return;", at: op.location)
      }
    case .if: emitIf(op)
    case .loop: emitLoop(op, initStore: nil, declaring: nil)
    case .doWhile: emitDoWhile(op)
    case .block: emitBlock(op)
    case .break: writer.line("break;", at: op.location)
    case .continue: emitContinue(op)
    case .yield, .condition:
      error(.emitUnsupportedOp, "'\(op.opcode.name)' outside the region that consumes it", at: op.location)
    case .threadId, .blockId, .blockDim, .gridDim, .syncthreads, .syncthreadsCount, .syncthreadsAnd,
      .syncthreadsOr, .syncwarp, .shuffle, .vote, .ballot, .activemask, .sharedAlloc, .dynamicShared:
      error(
        .emitUnsupportedOp,
        "'\(op.opcode.name)' is a SIMT-level op; run simt-to-spmd before emitting \(context.target.displayName)",
        at: op.location)
    }
  }

  /// The expression computing the single result of a value op; nil after an error.
  func computeExpression(_ op: Operation) -> CExpression? {
    guard let result = op.result else {
      error(.emitUnsupportedOp, "'\(op.opcode.name)' has no single result", at: op.location)
      return nil
    }
    let type = result.type
    switch op.opcode {
    case .constant:
      guard let value = op.attributes["value"] else {
        error(.emitUnsupportedOp, "'arith.constant' without a value", at: op.location)
        return nil
      }
      return literal(value, type: type)
    case .add: return arithmetic(op, "+", .additive)
    case .sub: return arithmetic(op, "-", .additive)
    case .mul: return arithmetic(op, "*", .multiplicative)
    case .div: return arithmetic(op, "/", .multiplicative)
    case .rem:
      if type.isFloat { return ruleExpression(op, opcode: .mathCall, key: type == .f64 ? "fmod" : "fmodf") }
      return arithmetic(op, "%", .multiplicative)
    case .and: return type.isBool ? arithmetic(op, "&&", .logicalAnd) : arithmetic(op, "&", .bitAnd)
    case .or: return type.isBool ? arithmetic(op, "||", .logicalOr) : arithmetic(op, "|", .bitOr)
    case .xor: return type.isBool ? arithmetic(op, "!=", .equality) : arithmetic(op, "^", .bitXor)
    case .shl: return arithmetic(op, "<<", .shift)
    case .shr: return arithmetic(op, ">>", .shift)
    case .neg:
      guard let operand = expression(op.operands[0]) else { return nil }
      return wrapNarrow(operand.prefixed("-"), type)
    case .not:
      guard let operand = expression(op.operands[0]) else { return nil }
      return type.isBool ? operand.prefixed("!") : wrapNarrow(operand.prefixed("~"), type)
    case .cmp: return comparison(op)
    case .select:
      guard let condition = expression(op.operands[0]), let a = expression(op.operands[1]),
        let b = expression(op.operands[2])
      else { return nil }
      return CExpression(
        "\(condition.operand(.logicalOr)) ? \(a.operand(.assignment)) : \(b.operand(.conditional))", .conditional)
    case .cast:
      guard let operand = expression(op.operands[0]), let spelled = context.spell(type) else {
        return unsupportedType(type, at: op.location)
      }
      if op.operands[0].type == type { return operand }
      return CExpression("(\(spelled))\(operand.operand(.unary))", .unary)
    case .bitcast:
      guard let operand = expression(op.operands[0]), let spelled = context.spell(type) else {
        return unsupportedType(type, at: op.location)
      }
      context.helpers.insert(.bitcast)
      return CExpression("kport_bitcast<\(spelled)>(\(operand.text))", .postfix)
    case .make:
      guard let spelled = context.spell(type) else { return unsupportedType(type, at: op.location) }
      var members: [String] = []
      for operand in op.operands {
        guard let member = expression(operand) else { return nil }
        members.append(member.operand(.assignment))
      }
      return CExpression("\(spelled){\(members.joined(separator: ", "))}", .postfix)
    case .extract:
      guard let aggregate = expression(op.operands[0]) else { return nil }
      let index = Int(op.attributes["index"]?.intValue ?? 0)
      guard let member = context.memberName(of: op.operands[0].type, index: index) else {
        return unsupportedType(op.operands[0].type, at: op.location)
      }
      return CExpression("\(aggregate.operand(.postfix)).\(member)", .postfix)
    case .taskId: return dialect.taskID
    case .taskDim: return dialect.taskDim
    case .load: return emitLoadExpression(op)
    case .pointerToInt, .intToPointer, .pointerDiff: return pointerArithmetic(op)
    case .mathCall:
      guard let function = op.attributes["function"]?.keywordValue ?? op.attributes["function"]?.stringValue
      else {
        error(.emitUnsupportedOp, "'math.call' without a function name", at: op.location)
        return nil
      }
      return ruleExpression(op, opcode: .mathCall, key: function)
    case .clock: return ruleExpression(op, opcode: .clock, key: nil)
    case .call: return callExpression(op)
    default:
      error(.emitUnsupportedOp, "'\(op.opcode.name)' is not a value op the emitter can fold", at: op.location)
      return nil
    }
  }

  /// Reports a type without a spelling; returns nil.
  func unsupportedType(_ type: IRType, at location: Location) -> CExpression? {
    if !failed {
      error(.emitUnsupportedType, "type \(type) has no \(context.target.displayName) spelling here", at: location)
    }
    return nil
  }

  private func arithmetic(_ op: Operation, _ symbol: String, _ precedence: CPrecedence) -> CExpression? {
    guard let a = expression(op.operands[0]), let b = expression(op.operands[1]) else { return nil }
    if op.operands[0].type.isPointer || op.operands[1].type.isPointer {
      return unsupportedType(op.operands[0].type, at: op.location)
    }
    return wrapNarrow(.binary(a, symbol, b, precedence), op.results[0].type)
  }

  /// Integers narrower than `int` wrap at their width in KIR but are promoted in C: cast back.
  private func wrapNarrow(_ expression: CExpression, _ type: IRType) -> CExpression {
    guard case let .int(bits, _) = type, bits < 32, let spelled = context.spell(type) else { return expression }
    return CExpression("(\(spelled))(\(expression.text))", .unary)
  }

  private func comparison(_ op: Operation) -> CExpression? {
    let predicate = op.attributes["predicate"]?.keywordValue ?? "eq"
    let symbol = ["eq": "==", "ne": "!=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="][predicate] ?? "=="
    let precedence: CPrecedence = predicate == "eq" || predicate == "ne" ? .equality : .relational
    if case .pointer = op.operands[0].type {
      guard let a = address(op.operands[0]), let b = address(op.operands[1]) else { return nil }
      if case let .tensor(baseA, indexA, _) = a, case let .tensor(baseB, indexB, _) = b {
        guard baseA == baseB else {
          error(.emitUntraceableSharedPointer, "compares pointers into different on-chip buffers", at: op.location)
          return nil
        }
        return .binary(indexA ?? .integer(0), symbol, indexB ?? .integer(0), precedence)
      }
      guard let left = pointerValue(a, at: op.location), let right = pointerValue(b, at: op.location) else { return nil }
      return .binary(left, symbol, right, precedence)
    }
    guard let a = expression(op.operands[0]), let b = expression(op.operands[1]) else { return nil }
    return .binary(a, symbol, b, precedence)
  }

  private func pointerArithmetic(_ op: Operation) -> CExpression? {
    let type = op.results[0].type
    switch op.opcode {
    case .pointerToInt:
      guard let base = address(op.operands[0]) else { return nil }
      if case .tensor = base {
        error(.emitUntraceableSharedPointer, "the address of on-chip memory is taken as an integer", at: op.location)
        return nil
      }
      guard let pointer = pointerValue(base, at: op.location), let spelled = context.spell(type) else { return nil }
      return CExpression("(\(spelled))\(pointer.operand(.unary))", .unary)
    case .intToPointer:
      if case let .pointer(space, _) = type, context.target == .ascendc, space == .shared {
        error(.emitUntraceableSharedPointer, "a pointer into on-chip memory is made from an integer", at: op.location)
        return nil
      }
      guard let integer = expression(op.operands[0]), let spelled = context.spell(type) else {
        return unsupportedType(type, at: op.location)
      }
      return CExpression("(\(spelled))\(integer.operand(.unary))", .unary)
    default:
      guard let a = address(op.operands[0]), let b = address(op.operands[1]), let spelled = context.spell(type)
      else { return nil }
      let stride = ArrayLayout.leafCount(a.pointee)
      var difference: CExpression
      if case let .tensor(baseA, indexA, _) = a, case let .tensor(baseB, indexB, _) = b {
        guard baseA == baseB else {
          error(.emitUntraceableSharedPointer, "subtracts pointers into different on-chip buffers", at: op.location)
          return nil
        }
        difference = .binary(indexA ?? .integer(0), "-", indexB ?? .integer(0), .additive)
      } else {
        guard let left = pointerValue(a, at: op.location), let right = pointerValue(b, at: op.location) else { return nil }
        difference = .binary(left, "-", right, .additive)
      }
      if stride > 1 { difference = .binary(difference, "/", .integer(Int64(stride)), .multiplicative) }
      return CExpression("(\(spelled))(\(difference.text))", .unary)
    }
  }

  private func callExpression(_ op: Operation) -> CExpression? {
    guard let callee = op.attributes["callee"]?.symbolValue, let name = context.functionNames[callee] else {
      error(.emitUnsupportedOp, "call of a function that is not in the module", at: op.location)
      return nil
    }
    var arguments: [CExpression] = []
    for operand in op.operands {
      guard let argument = expression(operand) else { return nil }
      arguments.append(argument)
    }
    return .call(name, arguments)
  }

  /// The C literal of a constant of `type`.
  func literal(_ value: Attribute, type: IRType) -> CExpression {
    switch type {
    case .bool:
      let isTrue = value.boolValue ?? ((value.intValue ?? 0) != 0)
      return CExpression(isTrue ? "true" : "false")
    case let .int(bits, signed):
      let raw = value.intValue ?? Int64(value.floatValue ?? 0)
      switch (bits, signed) {
      case (32, true):
        let v = Int32(truncatingIfNeeded: raw)
        if v == Int32.min { return CExpression("(-2147483647 - 1)") }
        return v < 0 ? CExpression("\(v)", .unary, integerValue: Int64(v)) : CExpression("\(v)", integerValue: Int64(v))
      case (32, false):
        return CExpression("\(UInt32(truncatingIfNeeded: raw))u", integerValue: Int64(UInt32(truncatingIfNeeded: raw)))
      case (64, true):
        if raw == Int64.min { return CExpression("(-9223372036854775807LL - 1)") }
        return raw < 0 ? CExpression("\(raw)LL", .unary, integerValue: raw) : CExpression("\(raw)LL", integerValue: raw)
      case (64, false): return CExpression("\(UInt64(bitPattern: raw))ULL")
      default:
        let spelled = context.spell(type) ?? "int"
        let narrowed = signed ? Int64(truncatingIfNeeded: raw) & ((1 << bits) - 1) : raw & ((1 << bits) - 1)
        let signedValue = signed && narrowed >= (1 << (bits - 1)) ? narrowed - (1 << bits) : narrowed
        return CExpression("(\(spelled))\(signedValue < 0 ? "(\(signedValue))" : "\(signedValue)")", .unary)
      }
    case let .float(kind):
      let number = value.floatValue ?? 0
      switch kind {
      case .f64: return floatLiteral(number, suffix: "", isDouble: true)
      case .f32: return floatLiteral(number, suffix: "f", isDouble: false)
      case .f16, .bf16:
        let inner = floatLiteral(number, suffix: "f", isDouble: false)
        return CExpression("(\(context.spell(type) ?? "half"))\(inner.operand(.unary))", .unary)
      }
    default:
      return CExpression("0")
    }
  }

  private func floatLiteral(_ number: Double, suffix: String, isDouble: Bool) -> CExpression {
    if number.isNaN { return CExpression(isDouble ? "__builtin_nan(\"\")" : "__builtin_nanf(\"\")", .postfix) }
    if number.isInfinite {
      let text = isDouble ? "__builtin_inf()" : "__builtin_inff()"
      return number < 0 ? CExpression("-" + text, .unary) : CExpression(text, .postfix)
    }
    var text = isDouble ? number.description : Float(number).description
    if !text.contains(".") && !text.contains("e") { text += ".0" }
    if text.contains("e") && !text.contains(".") {
      // 1e-05 is a valid C literal as it is.
    }
    return number < 0 || text.hasPrefix("-") ? CExpression(text + suffix, .unary) : CExpression(text + suffix)
  }
}
