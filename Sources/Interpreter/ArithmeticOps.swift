// `arith.*` ops except conversions: constants (hoisted into frame initialisers), binary and
// unary arithmetic, comparisons and selects, each dispatched on the lane kind to a specialised
// loop of LaneKernels.swift.
//
// Semantics: integers wrap at their width; signed division truncates toward zero; f32 is
// computed in Float, f64 in Double, f16 and bf16 in Float rounded to the format after each op;
// `arith.rem` on floats is `fmod`; shifts clamp (see LaneKernels.shift); i1 add/sub are xor and
// i1 mul is and.

import KIR

/// The binary `arith` ops.
enum BinaryOperator {
  case add, sub, mul, div, rem, and, or, xor, shl, shr
}

extension FunctionCompiler {
  mutating func compileConstant(_ op: Operation) throws -> Step? {
    let result = try defineScalarResult(op)
    guard let value = op.attributes["value"] else { throw unsupported(op, "without a value") }
    launchInitializers.append(
      .bits(register: result, ScalarBits.fromAttribute(value, kind: kinds[result])))
    return nil
  }

  mutating func compileBinary(_ op: Operation, _ operator: BinaryOperator) throws -> Step? {
    let a = try register(op.operands[0], at: op)
    let b = try register(op.operands[1], at: op)
    let result = try defineScalarResult(op)
    let kind = kinds[result]
    let isFloat = kind.isFloat
    let meta = self.meta(op, isFloat ? .floatArithmetic : .integerArithmetic)
    let body: OpBody?
    switch `operator` {
    case .add:
      body =
        kind == .bool
        ? integer(XorOperation.self, kind, a, b, result)
        : isFloat
          ? float(AddOperation.self, kind, a, b, result)
          : integer(AddOperation.self, kind, a, b, result)
    case .sub:
      body =
        kind == .bool
        ? integer(XorOperation.self, kind, a, b, result)
        : isFloat
          ? float(SubtractOperation.self, kind, a, b, result)
          : integer(SubtractOperation.self, kind, a, b, result)
    case .mul:
      body =
        kind == .bool
        ? integer(AndOperation.self, kind, a, b, result)
        : isFloat
          ? float(MultiplyOperation.self, kind, a, b, result)
          : integer(MultiplyOperation.self, kind, a, b, result)
    case .div:
      body =
        isFloat
        ? float(DivideOperation.self, kind, a, b, result)
        : division(kind, isRemainder: false, a, b, result, meta: meta)
    case .rem:
      body =
        isFloat
        ? float(RemainderOperation.self, kind, a, b, result)
        : division(kind, isRemainder: true, a, b, result, meta: meta)
    case .and: body = integer(AndOperation.self, kind, a, b, result)
    case .or: body = integer(OrOperation.self, kind, a, b, result)
    case .xor: body = integer(XorOperation.self, kind, a, b, result)
    case .shl, .shr:
      body = shift(
        isLeft: `operator` == .shl, kind, try self.kind(of: op.operands[1], at: op), a, b, result)
    }
    guard let body else { throw unsupported(op, "on \(kind)") }
    return .op(body, meta)
  }

  mutating func compileUnary(_ op: Operation) throws -> Step? {
    let a = try register(op.operands[0], at: op)
    let result = try defineScalarResult(op)
    let kind = kinds[result]
    let body: OpBody?
    if op.opcode == .not {
      switch kind {
      case .bool: body = LaneKernels.map(UInt8.self, UInt8.self, a, result) { $0 ^ 1 }
      case .i8, .u8: body = LaneKernels.map(UInt8.self, UInt8.self, a, result) { ~$0 }
      case .i16, .u16: body = LaneKernels.map(UInt16.self, UInt16.self, a, result) { ~$0 }
      case .i32, .u32: body = LaneKernels.map(UInt32.self, UInt32.self, a, result) { ~$0 }
      case .i64, .u64: body = LaneKernels.map(UInt64.self, UInt64.self, a, result) { ~$0 }
      case .f16, .bf16, .f32, .f64, .pointer: body = nil
      }
    } else {
      switch kind {
      case .i8, .u8: body = LaneKernels.map(UInt8.self, UInt8.self, a, result) { 0 &- $0 }
      case .i16, .u16: body = LaneKernels.map(UInt16.self, UInt16.self, a, result) { 0 &- $0 }
      case .i32, .u32: body = LaneKernels.map(UInt32.self, UInt32.self, a, result) { 0 &- $0 }
      case .i64, .u64: body = LaneKernels.map(UInt64.self, UInt64.self, a, result) { 0 &- $0 }
      // Negation flips the sign bit, exactly, NaN included (as __hneg and fneg do).
      case .f16, .bf16: body = LaneKernels.map(UInt16.self, UInt16.self, a, result) { $0 ^ 0x8000 }
      case .f32: body = LaneKernels.map(UInt32.self, UInt32.self, a, result) { $0 ^ 0x8000_0000 }
      case .f64: body = LaneKernels.map(UInt64.self, UInt64.self, a, result) { $0 ^ (1 << 63) }
      case .bool, .pointer: body = nil
      }
    }
    guard let body else { throw unsupported(op, "on \(kind)") }
    return .op(body, meta(op, kind.isFloat ? .floatArithmetic : .integerArithmetic))
  }

  mutating func compileCompare(_ op: Operation) throws -> Step? {
    let a = try register(op.operands[0], at: op)
    let b = try register(op.operands[1], at: op)
    let result = try defineScalarResult(op)
    let kind = try self.kind(of: op.operands[0], at: op)
    let predicate = op.attributes["predicate"]?.keywordValue ?? ""
    let body: OpBody?
    switch predicate {
    case "eq": body = compare(EqualPredicate.self, kind, a, b, result)
    case "ne": body = compare(NotEqualPredicate.self, kind, a, b, result)
    case "lt": body = compare(LessPredicate.self, kind, a, b, result)
    case "le": body = compare(LessEqualPredicate.self, kind, a, b, result)
    case "gt": body = compare(GreaterPredicate.self, kind, a, b, result)
    case "ge": body = compare(GreaterEqualPredicate.self, kind, a, b, result)
    default: body = nil
    }
    guard let body else { throw unsupported(op, "with predicate '\(predicate)'") }
    let specialised = laneIndexCompare(
      op, kind: kind, predicate: predicate, a, b, result, general: body)
    return .op(specialised ?? body, meta(op, kind.isFloat ? .floatArithmetic : .integerArithmetic))
  }

  mutating func compileSelect(_ op: Operation) throws -> Step? {
    let condition = try register(op.operands[0], at: op)
    let a = try registers(op.operands[1], at: op)
    let b = try registers(op.operands[2], at: op)
    let results = try defineResult(op)
    guard a.count == results.count, b.count == results.count else { throw unsupported(op) }
    var bodies: [OpBody] = []
    for index in results.indices {
      let (x, y, z) = (a[index], b[index], results[index])
      switch kinds[z].byteSize {
      case 1: bodies.append(LaneKernels.select(UInt8.self, condition, x, y, z))
      case 2: bodies.append(LaneKernels.select(UInt16.self, condition, x, y, z))
      case 4: bodies.append(LaneKernels.select(UInt32.self, condition, x, y, z))
      default: bodies.append(LaneKernels.select(UInt64.self, condition, x, y, z))
      }
    }
    let isFloat = kinds[results.first ?? 0].isFloat
    return .op(sequence(bodies), meta(op, isFloat ? .floatArithmetic : .integerArithmetic))
  }

  /// One body running several in order.
  func sequence(_ bodies: [OpBody]) -> OpBody {
    if bodies.count == 1 { return bodies[0] }
    return { context in for body in bodies { try body(context) } }
  }

  // MARK: Dispatch on the lane kind

  private func integer<Op: IntegerOperation>(
    _ op: Op.Type, _ kind: ScalarKind, _ a: Int, _ b: Int, _ result: Int
  ) -> OpBody? {
    switch kind {
    case .bool, .u8: return LaneKernels.integer(UInt8.self, Op.self, a, b, result)
    case .i8: return LaneKernels.integer(Int8.self, Op.self, a, b, result)
    case .i16: return LaneKernels.integer(Int16.self, Op.self, a, b, result)
    case .u16: return LaneKernels.integer(UInt16.self, Op.self, a, b, result)
    case .i32: return LaneKernels.integer(Int32.self, Op.self, a, b, result)
    case .u32: return LaneKernels.integer(UInt32.self, Op.self, a, b, result)
    case .i64: return LaneKernels.integer(Int64.self, Op.self, a, b, result)
    case .u64: return LaneKernels.integer(UInt64.self, Op.self, a, b, result)
    case .f16, .bf16, .f32, .f64, .pointer: return nil
    }
  }

  private func float<Op: FloatOperation>(
    _ op: Op.Type, _ kind: ScalarKind, _ a: Int, _ b: Int, _ result: Int
  ) -> OpBody? {
    switch kind {
    case .f16: return LaneKernels.float(HalfLane.self, Op.self, a, b, result)
    case .bf16: return LaneKernels.float(BFloat16Lane.self, Op.self, a, b, result)
    case .f32: return LaneKernels.float(Float.self, Op.self, a, b, result)
    case .f64: return LaneKernels.float(Double.self, Op.self, a, b, result)
    case .bool, .i8, .u8, .i16, .u16, .i32, .u32, .i64, .u64, .pointer: return nil
    }
  }

  private func division(
    _ kind: ScalarKind, isRemainder: Bool, _ a: Int, _ b: Int, _ result: Int, meta: OpMeta
  ) -> OpBody? {
    let r = isRemainder
    switch kind {
    case .bool, .u8:
      return LaneKernels.division(UInt8.self, isRemainder: r, a, b, result, meta: meta)
    case .i8: return LaneKernels.division(Int8.self, isRemainder: r, a, b, result, meta: meta)
    case .i16: return LaneKernels.division(Int16.self, isRemainder: r, a, b, result, meta: meta)
    case .u16: return LaneKernels.division(UInt16.self, isRemainder: r, a, b, result, meta: meta)
    case .i32: return LaneKernels.division(Int32.self, isRemainder: r, a, b, result, meta: meta)
    case .u32: return LaneKernels.division(UInt32.self, isRemainder: r, a, b, result, meta: meta)
    case .i64: return LaneKernels.division(Int64.self, isRemainder: r, a, b, result, meta: meta)
    case .u64: return LaneKernels.division(UInt64.self, isRemainder: r, a, b, result, meta: meta)
    case .f16, .bf16, .f32, .f64, .pointer: return nil
    }
  }

  private func shift(
    isLeft: Bool, _ kind: ScalarKind, _ amountKind: ScalarKind, _ a: Int, _ b: Int, _ result: Int
  ) -> OpBody? {
    switch kind {
    case .bool, .u8: return shift(UInt8.self, isLeft: isLeft, amountKind, a, b, result)
    case .i8: return shift(Int8.self, isLeft: isLeft, amountKind, a, b, result)
    case .i16: return shift(Int16.self, isLeft: isLeft, amountKind, a, b, result)
    case .u16: return shift(UInt16.self, isLeft: isLeft, amountKind, a, b, result)
    case .i32: return shift(Int32.self, isLeft: isLeft, amountKind, a, b, result)
    case .u32: return shift(UInt32.self, isLeft: isLeft, amountKind, a, b, result)
    case .i64: return shift(Int64.self, isLeft: isLeft, amountKind, a, b, result)
    case .u64: return shift(UInt64.self, isLeft: isLeft, amountKind, a, b, result)
    case .f16, .bf16, .f32, .f64, .pointer: return nil
    }
  }

  private func shift<T: FixedWidthInteger>(
    _ type: T.Type, isLeft: Bool, _ amountKind: ScalarKind, _ a: Int, _ b: Int, _ result: Int
  ) -> OpBody? {
    switch amountKind {
    case .bool, .u8: return LaneKernels.shift(T.self, UInt8.self, isLeft: isLeft, a, b, result)
    case .i8: return LaneKernels.shift(T.self, Int8.self, isLeft: isLeft, a, b, result)
    case .i16: return LaneKernels.shift(T.self, Int16.self, isLeft: isLeft, a, b, result)
    case .u16: return LaneKernels.shift(T.self, UInt16.self, isLeft: isLeft, a, b, result)
    case .i32: return LaneKernels.shift(T.self, Int32.self, isLeft: isLeft, a, b, result)
    case .u32: return LaneKernels.shift(T.self, UInt32.self, isLeft: isLeft, a, b, result)
    case .i64: return LaneKernels.shift(T.self, Int64.self, isLeft: isLeft, a, b, result)
    case .u64: return LaneKernels.shift(T.self, UInt64.self, isLeft: isLeft, a, b, result)
    case .f16, .bf16, .f32, .f64, .pointer: return nil
    }
  }

  private func compare<P: Predicate>(
    _ predicate: P.Type, _ kind: ScalarKind, _ a: Int, _ b: Int, _ result: Int
  ) -> OpBody {
    switch kind {
    case .bool, .u8: return LaneKernels.compare(UInt8.self, P.self, a, b, result)
    case .i8: return LaneKernels.compare(Int8.self, P.self, a, b, result)
    case .i16: return LaneKernels.compare(Int16.self, P.self, a, b, result)
    case .u16: return LaneKernels.compare(UInt16.self, P.self, a, b, result)
    case .i32: return LaneKernels.compare(Int32.self, P.self, a, b, result)
    case .u32: return LaneKernels.compare(UInt32.self, P.self, a, b, result)
    case .i64: return LaneKernels.compare(Int64.self, P.self, a, b, result)
    case .u64, .pointer: return LaneKernels.compare(UInt64.self, P.self, a, b, result)
    case .f16: return LaneKernels.compareFloat(HalfLane.self, P.self, a, b, result)
    case .bf16: return LaneKernels.compareFloat(BFloat16Lane.self, P.self, a, b, result)
    case .f32: return LaneKernels.compare(Float.self, P.self, a, b, result)
    case .f64: return LaneKernels.compare(Double.self, P.self, a, b, result)
    }
  }
}
