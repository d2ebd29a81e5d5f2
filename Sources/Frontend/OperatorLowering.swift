// C/C++ operators -> arith and mem ops: arithmetic, comparisons, pointer arithmetic,
// short-circuit logic, assignment, compound assignment, ++/--, the conditional operator.
import CClang
import KIR

extension FunctionTranslator {
  func unaryOperator(_ cursor: CXCursor) throws -> Value? {
    guard let operandCursor = cursor.children.first else {
      throw LoweringFailure(.unsupportedConstruct, "malformed unary operator", at: cursor)
    }
    switch clang_getCursorUnaryOperatorKind(cursor) {
    case CXUnaryOperator_PostInc, CXUnaryOperator_PostDec, CXUnaryOperator_PreInc, CXUnaryOperator_PreDec:
      return try increment(cursor).value
    case CXUnaryOperator_AddrOf:
      return try lvalue(operandCursor)
    case CXUnaryOperator_Deref:
      return try load(try rvalue(operandCursor), at: cursor)
    case CXUnaryOperator_Plus, CXUnaryOperator_Extension:
      return try rvalue(operandCursor)
    case CXUnaryOperator_Minus:
      let operand = try rvalue(operandCursor)
      builder.location = cursor.location
      return builder.value(.neg, [operand], type: operand.type)
    case CXUnaryOperator_Not:
      let operand = try rvalue(operandCursor)
      builder.location = cursor.location
      return builder.value(.not, [operand], type: operand.type)
    case CXUnaryOperator_LNot:
      let operand = try condition(operandCursor)
      builder.location = cursor.location
      let inverted = builder.value(.not, [operand], type: .bool)
      return try convert(inverted, toCType: cursor.type, at: cursor)
    default:
      throw LoweringFailure(.unsupportedConstruct, "this unary operator cannot be translated", at: cursor)
    }
  }

  /// `++x`, `x++`, `--x`, `x--`: the value of the expression and the object's address.
  func increment(_ cursor: CXCursor) throws -> (value: Value, address: Value) {
    guard let operandCursor = cursor.children.first else {
      throw LoweringFailure(.unsupportedConstruct, "malformed increment", at: cursor)
    }
    let kind = clang_getCursorUnaryOperatorKind(cursor)
    let isIncrement = kind == CXUnaryOperator_PreInc || kind == CXUnaryOperator_PostInc
    let isPrefix = kind == CXUnaryOperator_PreInc || kind == CXUnaryOperator_PreDec
    let address = try lvalue(operandCursor)
    let old = try load(address, at: cursor)
    builder.location = cursor.location
    let updated: Value
    switch old.type {
    case .pointer:
      let step = builder.constant(int: isIncrement ? 1 : -1, .i64)
      updated = builder.value(.offset, [old, step], type: old.type)
    case .bool:
      updated = builder.constant(int: isIncrement ? 1 : 0, .bool)
    default:
      let one = builder.constant(1, old.type)
      updated = builder.value(isIncrement ? .add : .sub, [old, one], type: old.type)
    }
    builder.create(.store, [updated, address])
    return (isPrefix ? updated : old, address)
  }

  func binaryOperator(_ cursor: CXCursor) throws -> Value? {
    let children = cursor.children
    guard children.count == 2 else {
      throw LoweringFailure(.unsupportedConstruct, "malformed binary operator", at: cursor)
    }
    let kind = clang_getCursorBinaryOperatorKind(cursor)
    switch kind {
    case CXBinaryOperator_Assign:
      return try assignment(cursor).value
    case CXBinaryOperator_Comma:
      _ = try expression(children[0])
      return try expression(children[1])
    case CXBinaryOperator_LAnd, CXBinaryOperator_LOr:
      return try logical(cursor, isAnd: kind == CXBinaryOperator_LAnd)
    case CXBinaryOperator_PtrMemD, CXBinaryOperator_PtrMemI:
      throw LoweringFailure(.functionPointer, "pointers to members cannot be translated", at: cursor)
    default:
      let lhs = try rvalue(children[0])
      let rhs = try rvalue(children[1])
      return try arithmetic(kind, lhs, rhs, resultCType: cursor.type, at: cursor)
    }
  }

  /// The arithmetic or comparison `lhs op rhs`, with pointer arithmetic where a pointer is involved.
  func arithmetic(
    _ kind: CXBinaryOperatorKind, _ lhs: Value, _ rhs: Value, resultCType: CXType, at cursor: CXCursor
  ) throws -> Value {
    builder.location = cursor.location
    if let predicate = comparisonPredicate(kind) {
      let right = lhs.type == rhs.type ? rhs : try convert(rhs, to: lhs.type, at: cursor)
      builder.location = cursor.location
      let result = builder.value(.cmp, [lhs, right], type: .bool, attributes: ["predicate": .keyword(predicate)])
      return try convert(result, toCType: resultCType, at: cursor)
    }
    if lhs.type.isPointer || rhs.type.isPointer {
      return try pointerArithmetic(kind, lhs, rhs, resultCType: resultCType, at: cursor)
    }
    let opcode: Opcode
    switch kind {
    case CXBinaryOperator_Add: opcode = .add
    case CXBinaryOperator_Sub: opcode = .sub
    case CXBinaryOperator_Mul: opcode = .mul
    case CXBinaryOperator_Div: opcode = .div
    case CXBinaryOperator_Rem: opcode = .rem
    case CXBinaryOperator_And: opcode = .and
    case CXBinaryOperator_Or: opcode = .or
    case CXBinaryOperator_Xor: opcode = .xor
    case CXBinaryOperator_Shl: opcode = .shl
    case CXBinaryOperator_Shr: opcode = .shr
    default:
      throw LoweringFailure(.unsupportedConstruct, "this binary operator cannot be translated", at: cursor)
    }
    let resultType = try owner.irType(resultCType, at: cursor)
    let isShift = opcode == .shl || opcode == .shr
    let operandType = isShift ? lhs.type : resultType
    let left = try convert(lhs, to: operandType, at: cursor)
    let right = try convert(rhs, to: operandType, at: cursor)
    builder.location = cursor.location
    let result = builder.value(opcode, [left, right], type: operandType)
    return try convert(result, to: resultType, at: cursor)
  }

  private func comparisonPredicate(_ kind: CXBinaryOperatorKind) -> String? {
    switch kind {
    case CXBinaryOperator_EQ: return "eq"
    case CXBinaryOperator_NE: return "ne"
    case CXBinaryOperator_LT: return "lt"
    case CXBinaryOperator_LE: return "le"
    case CXBinaryOperator_GT: return "gt"
    case CXBinaryOperator_GE: return "ge"
    default: return nil
    }
  }

  private func pointerArithmetic(
    _ kind: CXBinaryOperatorKind, _ lhs: Value, _ rhs: Value, resultCType: CXType, at cursor: CXCursor
  ) throws -> Value {
    switch (kind, lhs.type.isPointer, rhs.type.isPointer) {
    case (CXBinaryOperator_Add, true, false):
      return builder.value(.offset, [lhs, rhs], type: lhs.type)
    case (CXBinaryOperator_Add, false, true):
      return builder.value(.offset, [rhs, lhs], type: rhs.type)
    case (CXBinaryOperator_Sub, true, false):
      let negated = builder.value(.neg, [rhs], type: rhs.type)
      return builder.value(.offset, [lhs, negated], type: lhs.type)
    case (CXBinaryOperator_Sub, true, true):
      let resultType = try owner.irType(resultCType, at: cursor)
      let right = lhs.type == rhs.type ? rhs : try convert(rhs, to: lhs.type, at: cursor)
      return builder.value(.pointerDiff, [lhs, right], type: resultType)
    default:
      throw LoweringFailure(.unsupportedConstruct, "this pointer arithmetic cannot be translated", at: cursor)
    }
  }

  /// `a && b` / `a || b`: evaluates `b` only when needed, unless `b` is trivially safe to
  /// evaluate eagerly (no memory access, call or division), in which case `arith.and/or`.
  private func logical(_ cursor: CXCursor, isAnd: Bool) throws -> Value {
    let children = cursor.children
    let left = try condition(children[0])
    let result: Value
    if isTrivial(children[1]) {
      let right = try condition(children[1])
      builder.location = cursor.location
      result = builder.value(isAnd ? .and : .or, [left, right], type: .bool)
    } else {
      let evaluate = try region {
        let right = try condition(children[1])
        builder.create(.yield, [right])
      }
      let shortCircuit = region {
        builder.location = cursor.location
        builder.create(.yield, [builder.constant(int: isAnd ? 0 : 1, .bool)])
      }
      builder.location = cursor.location
      let op = builder.create(
        .if, [left], results: [.bool], regions: isAnd ? [evaluate, shortCircuit] : [shortCircuit, evaluate])
      result = op.results[0]
    }
    return try convert(result, toCType: cursor.type, at: cursor)
  }

  /// Whether evaluating an expression can neither fault nor have an effect: constants, values
  /// of local variables, built-in variables and arithmetic other than division.
  func isTrivial(_ cursor: CXCursor) -> Bool {
    switch cursor.kind {
    case CXCursor_IntegerLiteral, CXCursor_FloatingLiteral, CXCursor_CharacterLiteral,
      CXCursor_CXXBoolLiteralExpr, CXCursor_UnaryExpr:
      return true
    case CXCursor_ParenExpr, CXCursor_UnexposedExpr, CXCursor_CStyleCastExpr, CXCursor_CXXStaticCastExpr,
      CXCursor_CXXFunctionalCastExpr:
      let inner = cursor.children.filter { clang_isExpression($0.kind) != 0 }
      return inner.count == 1 && isTrivial(inner[0])
    case CXCursor_DeclRefExpr:
      let declaration = cursor.referenced
      if declaration.kind == CXCursor_EnumConstantDecl || declaration.kind == CXCursor_NonTypeTemplateParameter {
        return true
      }
      switch bindings[declaration] {
      case .value?: return true
      case let .address(address)?: return address.type.addressSpace == .local
      default: return declaration.spelling == "warpSize"
      }
    case CXCursor_MemberRefExpr:
      guard let base = cursor.children.first else { return false }
      let stripped = strippedImplicit(base)
      return stripped.kind == CXCursor_DeclRefExpr && owner.isBundled(stripped.referenced)
        && ["threadIdx", "blockIdx", "blockDim", "gridDim"].contains(stripped.referenced.spelling)
    case CXCursor_BinaryOperator:
      switch clang_getCursorBinaryOperatorKind(cursor) {
      case CXBinaryOperator_Div, CXBinaryOperator_Rem, CXBinaryOperator_Assign, CXBinaryOperator_Comma:
        return false
      default:
        return cursor.children.allSatisfy(isTrivial)
      }
    case CXCursor_UnaryOperator:
      switch clang_getCursorUnaryOperatorKind(cursor) {
      case CXUnaryOperator_Minus, CXUnaryOperator_Not, CXUnaryOperator_LNot, CXUnaryOperator_Plus:
        return cursor.children.allSatisfy(isTrivial)
      default:
        return false
      }
    default:
      return false
    }
  }

  /// `a = b`: stores and yields the stored value.
  func assignment(_ cursor: CXCursor) throws -> (value: Value, address: Value) {
    let children = cursor.children
    guard children.count == 2 else {
      throw LoweringFailure(.unsupportedConstruct, "malformed assignment", at: cursor)
    }
    let value = try rvalue(children[1])
    let address = try lvalue(children[0])
    guard let pointee = address.type.pointee else {
      throw LoweringFailure(.unsupportedConstruct, "assignment to a non-object", at: cursor)
    }
    let stored = try convert(value, to: pointee, at: cursor)
    builder.location = cursor.location
    builder.create(.store, [stored, address])
    return (stored, address)
  }

  /// `a op= b`: computes in the type of `b` (clang converts it to the computation type),
  /// converts back and stores.
  func compoundAssignment(_ cursor: CXCursor) throws -> (value: Value, address: Value) {
    let children = cursor.children
    guard children.count == 2 else {
      throw LoweringFailure(.unsupportedConstruct, "malformed compound assignment", at: cursor)
    }
    let rhs = try rvalue(children[1])
    let address = try lvalue(children[0])
    let old = try load(address, at: cursor)
    let kind: CXBinaryOperatorKind
    switch clang_getCursorBinaryOperatorKind(cursor) {
    case CXBinaryOperator_MulAssign: kind = CXBinaryOperator_Mul
    case CXBinaryOperator_DivAssign: kind = CXBinaryOperator_Div
    case CXBinaryOperator_RemAssign: kind = CXBinaryOperator_Rem
    case CXBinaryOperator_AddAssign: kind = CXBinaryOperator_Add
    case CXBinaryOperator_SubAssign: kind = CXBinaryOperator_Sub
    case CXBinaryOperator_ShlAssign: kind = CXBinaryOperator_Shl
    case CXBinaryOperator_ShrAssign: kind = CXBinaryOperator_Shr
    case CXBinaryOperator_AndAssign: kind = CXBinaryOperator_And
    case CXBinaryOperator_XorAssign: kind = CXBinaryOperator_Xor
    case CXBinaryOperator_OrAssign: kind = CXBinaryOperator_Or
    default:
      throw LoweringFailure(.unsupportedConstruct, "this compound assignment cannot be translated", at: cursor)
    }
    let updated: Value
    if old.type.isPointer {
      updated = try pointerArithmetic(kind, old, rhs, resultCType: children[0].type, at: cursor)
    } else {
      let isShift = kind == CXBinaryOperator_Shl || kind == CXBinaryOperator_Shr
      let computation = isShift ? old.type : widerType(old.type, rhs.type)
      let left = try convert(old, to: computation, at: cursor)
      let right = try convert(rhs, to: computation, at: cursor)
      let opcode: Opcode
      switch kind {
      case CXBinaryOperator_Mul: opcode = .mul
      case CXBinaryOperator_Div: opcode = .div
      case CXBinaryOperator_Rem: opcode = .rem
      case CXBinaryOperator_Add: opcode = .add
      case CXBinaryOperator_Sub: opcode = .sub
      case CXBinaryOperator_Shl: opcode = .shl
      case CXBinaryOperator_Shr: opcode = .shr
      case CXBinaryOperator_And: opcode = .and
      case CXBinaryOperator_Xor: opcode = .xor
      default: opcode = .or
      }
      builder.location = cursor.location
      let result = builder.value(opcode, [left, right], type: computation)
      updated = try convert(result, to: old.type, at: cursor)
    }
    builder.location = cursor.location
    builder.create(.store, [updated, address])
    return (updated, address)
  }

  /// C's usual arithmetic conversions for two already-promoted operand types.
  private func widerType(_ a: IRType, _ b: IRType) -> IRType {
    func rank(_ type: IRType) -> Int {
      switch type {
      case .float(.f64): return 100
      case .float(.f32): return 90
      case .float(.f16), .float(.bf16): return 80
      case let .int(bits, signed): return bits + (signed ? 0 : 1)
      default: return 0
      }
    }
    return rank(a) >= rank(b) ? a : b
  }

  /// `c ? a : b`: `arith.select` when both arms are trivial, else `scf.if` with results.
  func conditional(_ cursor: CXCursor) throws -> Value? {
    let children = cursor.children
    guard children.count == 3 else {
      throw LoweringFailure(.unsupportedConstruct, "the GNU '?:' extension cannot be translated", at: cursor)
    }
    let test = try condition(children[0])
    if cursor.type.canonical.kind == CXType_Void {
      let thenRegion = try region { _ = try expression(children[1]) }
      let elseRegion = try region { _ = try expression(children[2]) }
      builder.location = cursor.location
      builder.create(.if, [test], regions: [thenRegion, elseRegion])
      return nil
    }
    if isTrivial(children[1]) && isTrivial(children[2]) {
      let a = try rvalue(children[1])
      let b = try convert(try rvalue(children[2]), to: a.type, at: cursor)
      builder.location = cursor.location
      let chosen = builder.value(.select, [test, a, b], type: a.type)
      return try convert(chosen, toCType: cursor.type, at: cursor)
    }
    var resultType: IRType = .void
    let thenRegion = try region {
      let a = try rvalue(children[1])
      resultType = try owner.irType(cursor.type, space: a.type.addressSpace ?? .generic, at: cursor)
      builder.create(.yield, [try convert(a, to: resultType, at: children[1])])
    }
    let elseRegion = try region {
      let b = try rvalue(children[2])
      builder.create(.yield, [try convert(b, to: resultType, at: children[2])])
    }
    builder.location = cursor.location
    return builder.create(.if, [test], results: [resultType], regions: [thenRegion, elseRegion]).results[0]
  }
}
