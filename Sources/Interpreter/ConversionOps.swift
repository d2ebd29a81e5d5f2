// `arith.cast` and `arith.bitcast`.
//
// Casts follow C: integers truncate or sign/zero-extend by the source's signedness; integer to
// float rounds to nearest-even; float to integer truncates toward zero, saturating at the
// type's range, NaN giving 0 (CUDA's cvt.rzi.sat); float to float rounds to nearest-even once
// from the exact source value; anything to i1 is `!= 0` (NaN gives true). A cast between kinds
// of the same bits (i32 and u32) and a same-size bitcast reuse the operand's registers.

import KIR

extension FunctionCompiler {
  mutating func compileCast(_ op: Operation) throws -> Step? {
    let source = try register(op.operands[0], at: op)
    let from = try kind(of: op.operands[0], at: op)
    guard let resultValue = op.result, let to = ScalarKind(resultValue.type) else {
      throw unsupported(op, "to \(op.result?.type ?? .void)")
    }
    if from == to || (from.isInteger && to.isInteger && from.byteSize == to.byteSize) {
      alias(op, to: [source])
      return nil
    }
    let result = try defineScalarResult(op)
    let body: OpBody?
    switch from {
    case .bool, .u8: body = Conversions.fromInteger(UInt8.self, to: to, source, result)
    case .i8: body = Conversions.fromInteger(Int8.self, to: to, source, result)
    case .i16: body = Conversions.fromInteger(Int16.self, to: to, source, result)
    case .u16: body = Conversions.fromInteger(UInt16.self, to: to, source, result)
    case .i32: body = Conversions.fromInteger(Int32.self, to: to, source, result)
    case .u32: body = Conversions.fromInteger(UInt32.self, to: to, source, result)
    case .i64: body = Conversions.fromInteger(Int64.self, to: to, source, result)
    case .u64: body = Conversions.fromInteger(UInt64.self, to: to, source, result)
    case .f16: body = Conversions.fromFloat(HalfLane.self, to: to, source, result)
    case .bf16: body = Conversions.fromFloat(BFloat16Lane.self, to: to, source, result)
    case .f32: body = Conversions.fromFloat(Float.self, to: to, source, result)
    case .f64: body = Conversions.fromFloat(Double.self, to: to, source, result)
    case .pointer: body = nil
    }
    guard let body else { throw unsupported(op, "from \(from) to \(to)") }
    return .op(body, meta(op, .conversion))
  }

  mutating func compileBitcast(_ op: Operation) throws -> Step? {
    let sources = try registers(op.operands[0], at: op)
    guard let resultValue = op.result, let targetLeaves = layouts.leaves(of: resultValue.type),
      let sourceLeaves = layouts.leaves(of: op.operands[0].type)
    else { throw unsupported(op) }
    let sameShape =
      targetLeaves.count == sourceLeaves.count
      && zip(targetLeaves, sourceLeaves).allSatisfy { $0.kind.byteSize == $1.kind.byteSize }
    if sameShape {
      alias(op, to: sources)
      return nil
    }
    let results = try defineResult(op)
    let sourceSizes = sourceLeaves.map(\.kind.byteSize)
    let targetSizes = targetLeaves.map(\.kind.byteSize)
    let total = max(sourceSizes.reduce(0, +), targetSizes.reduce(0, +))
    // Repack through the bytes: gather the source leaves, scatter into the target leaves.
    let body: OpBody = { context in
      withUnsafeTemporaryAllocation(byteCount: max(8, total), alignment: 8) { bytes in
        guard let buffer = bytes.baseAddress else { return }
        for lane in context.activeRange {
          var offset = 0
          for (register, size) in zip(sources, sourceSizes) {
            buffer.advanced(by: offset).copyMemory(
              from: context.rawRegister(register) + lane * size, byteCount: size)
            offset += size
          }
          offset = 0
          for (register, size) in zip(results, targetSizes) {
            (context.rawRegister(register) + lane * size).copyMemory(
              from: buffer.advanced(by: offset), byteCount: size)
            offset += size
          }
        }
      }
    }
    return .op(body, meta(op, .conversion))
  }
}

/// Conversion loops, specialised per source and destination lane type.
enum Conversions {
  static func fromInteger<S: FixedWidthInteger>(
    _ source: S.Type, to kind: ScalarKind, _ a: Int, _ result: Int
  ) -> OpBody? {
    switch kind {
    case .bool: return toBool(S.self, a, result)
    case .i8: return integerToInteger(S.self, Int8.self, a, result)
    case .u8: return integerToInteger(S.self, UInt8.self, a, result)
    case .i16: return integerToInteger(S.self, Int16.self, a, result)
    case .u16: return integerToInteger(S.self, UInt16.self, a, result)
    case .i32: return integerToInteger(S.self, Int32.self, a, result)
    case .u32: return integerToInteger(S.self, UInt32.self, a, result)
    case .i64: return integerToInteger(S.self, Int64.self, a, result)
    case .u64: return integerToInteger(S.self, UInt64.self, a, result)
    case .f16: return integerToFloat(S.self, HalfLane.self, a, result)
    case .bf16: return integerToFloat(S.self, BFloat16Lane.self, a, result)
    case .f32: return integerToFloat(S.self, Float.self, a, result)
    case .f64: return integerToFloat(S.self, Double.self, a, result)
    case .pointer: return nil
    }
  }

  static func fromFloat<S: FloatLane>(
    _ source: S.Type, to kind: ScalarKind, _ a: Int, _ result: Int
  ) -> OpBody? {
    switch kind {
    case .bool:
      return { context in
        let x = context.register(a, as: S.self)
        let z = context.register(result, as: UInt8.self)
        for lane in context.activeRange { z[lane] = x[lane].compute != 0 ? 1 : 0 }
      }
    case .i8: return floatToInteger(S.self, Int8.self, a, result)
    case .u8: return floatToInteger(S.self, UInt8.self, a, result)
    case .i16: return floatToInteger(S.self, Int16.self, a, result)
    case .u16: return floatToInteger(S.self, UInt16.self, a, result)
    case .i32: return floatToInteger(S.self, Int32.self, a, result)
    case .u32: return floatToInteger(S.self, UInt32.self, a, result)
    case .i64: return floatToInteger(S.self, Int64.self, a, result)
    case .u64: return floatToInteger(S.self, UInt64.self, a, result)
    case .f16: return floatToFloat(S.self, HalfLane.self, a, result)
    case .bf16: return floatToFloat(S.self, BFloat16Lane.self, a, result)
    case .f32: return floatToFloat(S.self, Float.self, a, result)
    case .f64: return floatToFloat(S.self, Double.self, a, result)
    case .pointer: return nil
    }
  }

  static func toBool<S: FixedWidthInteger>(_ source: S.Type, _ a: Int, _ result: Int) -> OpBody {
    return { context in
      let x = context.register(a, as: S.self)
      let z = context.register(result, as: UInt8.self)
      for lane in context.activeRange { z[lane] = x[lane] != 0 ? 1 : 0 }
    }
  }

  static func integerToInteger<S: FixedWidthInteger, D: FixedWidthInteger>(
    _ source: S.Type, _ destination: D.Type, _ a: Int, _ result: Int
  ) -> OpBody {
    return { context in
      let x = context.register(a, as: S.self)
      let z = context.register(result, as: D.self)
      for lane in context.activeRange { z[lane] = D(truncatingIfNeeded: x[lane]) }
    }
  }

  static func integerToFloat<S: FixedWidthInteger, D: FloatLane>(
    _ source: S.Type, _ destination: D.Type, _ a: Int, _ result: Int
  ) -> OpBody {
    return { context in
      let x = context.register(a, as: S.self)
      let z = context.register(result, as: D.self)
      for lane in context.activeRange { z[lane] = D(integer: x[lane]) }
    }
  }

  static func floatToInteger<S: FloatLane, D: FixedWidthInteger>(
    _ source: S.Type, _ destination: D.Type, _ a: Int, _ result: Int
  ) -> OpBody {
    return { context in
      let x = context.register(a, as: S.self)
      let z = context.register(result, as: D.self)
      for lane in context.activeRange {
        z[lane] = ScalarBits.saturating(x[lane].double, as: D.self)
      }
    }
  }

  static func floatToFloat<S: FloatLane, D: FloatLane>(
    _ source: S.Type, _ destination: D.Type, _ a: Int, _ result: Int
  ) -> OpBody {
    return { context in
      let x = context.register(a, as: S.self)
      let z = context.register(result, as: D.self)
      for lane in context.activeRange { z[lane] = D(double: x[lane].double) }
    }
  }
}
