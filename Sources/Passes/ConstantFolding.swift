// Constant folding for `arith` ops with the interpreter's semantics: integers wrap at their
// width with the signedness of their type; f32 and f64 follow IEEE 754 with round-to-nearest
// (Swift's Float and Double), comparisons are ordered except `ne`. Anything whose CUDA result
// is undefined or is a finding of the interpreter (division by zero, INT_MIN / -1, a shift by the
// width or more, an out-of-range float-to-int conversion) is left unfolded, so the sanitizers
// still see it. f16 and bf16 arithmetic is not folded.

import Foundation
import KIR

/// A scalar constant: an integer as a bit pattern, a float, or an i1.
enum ConstantValue: Hashable {
  case integer(UInt64)
  case real(Double)
  case boolean(Bool)

  /// The constant held by an `arith.constant` op of scalar type `type`.
  init?(_ attribute: Attribute, type: IRType) {
    switch (attribute, type) {
    case let (.bool(value), .bool): self = .boolean(value)
    case let (.int(value), .bool): self = .boolean(value != 0)
    case let (.int(value), .int): self = .integer(UInt64(bitPattern: value))
    case let (.float(value), .float(kind)) where kind == .f32 || kind == .f64: self = .real(value)
    case let (.int(value), .float(kind)) where kind == .f32 || kind == .f64: self = .real(Double(value))
    default: return nil
    }
  }

  /// The attribute an `arith.constant` of `type` prints for this value.
  func attribute(for type: IRType) -> Attribute? {
    switch (self, type) {
    case let (.boolean(value), .bool): return .bool(value)
    case let (.integer(bits), .int(width, signed)): return .int(Int64(bitPattern: normalized(bits, width: width, signed: signed)))
    case let (.real(value), .float(.f32)): return .float(Double(Float(value)))
    case let (.real(value), .float(.f64)): return .float(value)
    default: return nil
    }
  }
}

/// `bits` truncated to `width` and extended back to 64 bits by the signedness.
func normalized(_ bits: UInt64, width: Int, signed: Bool) -> UInt64 {
  guard width < 64 else { return bits }
  let mask = (UInt64(1) << UInt64(width)) - 1
  let low = bits & mask
  if signed && low & (UInt64(1) << UInt64(width - 1)) != 0 { return low | ~mask }
  return low
}

/// Folds arith ops over constant operands.
enum ConstantFolder {
  /// The constant result of `opcode` (with `predicate` for `arith.cmp`) over `operands` of
  /// type `operandType`, giving `resultType`; nil when it must not or cannot be folded.
  static func fold(
    _ opcode: Opcode, predicate: String?, operands: [ConstantValue], operandType: IRType, resultType: IRType
  ) -> ConstantValue? {
    switch (opcode, operands.count) {
    case (.cast, 1): return cast(operands[0], from: operandType, to: resultType)
    case (.neg, 1), (.not, 1): return unary(opcode, operands[0], type: operandType)
    case (.cmp, 2): return predicate.flatMap { compare($0, operands[0], operands[1], type: operandType) }
    case (_, 2): return binary(opcode, operands[0], operands[1], type: operandType)
    default: return nil
    }
  }

  private static func unary(_ opcode: Opcode, _ value: ConstantValue, type: IRType) -> ConstantValue? {
    switch (opcode, value, type) {
    case let (.neg, .integer(bits), .int(width, signed)): return .integer(normalized(0 &- bits, width: width, signed: signed))
    case let (.neg, .real(x), .float): return .real(-x)
    case let (.not, .integer(bits), .int(width, signed)): return .integer(normalized(~bits, width: width, signed: signed))
    case let (.not, .boolean(b), _): return .boolean(!b)
    default: return nil
    }
  }

  private static func binary(_ opcode: Opcode, _ lhs: ConstantValue, _ rhs: ConstantValue, type: IRType) -> ConstantValue? {
    switch (lhs, rhs, type) {
    case let (.integer(a), .integer(b), .int(width, signed)):
      return integer(opcode, a, b, width: width, signed: signed).map { .integer(normalized($0, width: width, signed: signed)) }
    case let (.real(a), .real(b), .float(kind)):
      return real(opcode, a, b, isSingle: kind == .f32).map(ConstantValue.real)
    case let (.boolean(a), .boolean(b), .bool):
      switch opcode {
      case .and: return .boolean(a && b)
      case .or: return .boolean(a || b)
      case .xor: return .boolean(a != b)
      default: return nil
      }
    default: return nil
    }
  }

  private static func integer(_ opcode: Opcode, _ a: UInt64, _ b: UInt64, width: Int, signed: Bool) -> UInt64? {
    let sa = Int64(bitPattern: a), sb = Int64(bitPattern: b)
    switch opcode {
    case .add: return a &+ b
    case .sub: return a &- b
    case .mul: return a &* b
    case .and: return a & b
    case .or: return a | b
    case .xor: return a ^ b
    case .div, .rem:
      guard b != 0 else { return nil }
      if signed {
        let minimum = width == 64 ? Int64.min : -(Int64(1) << Int64(width - 1))
        guard !(sa == minimum && sb == -1) else { return nil }
        return UInt64(bitPattern: opcode == .div ? sa / sb : sa % sb)
      }
      return opcode == .div ? a / b : a % b
    case .shl, .shr:
      guard b < UInt64(width) else { return nil }
      if opcode == .shl { return a << b }
      return signed ? UInt64(bitPattern: sa >> Int64(b)) : a >> b
    default: return nil
    }
  }

  private static func real(_ opcode: Opcode, _ a: Double, _ b: Double, isSingle: Bool) -> Double? {
    if isSingle {
      let x = Float(a), y = Float(b)
      switch opcode {
      case .add: return Double(x + y)
      case .sub: return Double(x - y)
      case .mul: return Double(x * y)
      case .div: return Double(x / y)
      default: return nil
      }
    }
    switch opcode {
    case .add: return a + b
    case .sub: return a - b
    case .mul: return a * b
    case .div: return a / b
    default: return nil
    }
  }

  private static func compare(_ predicate: String, _ lhs: ConstantValue, _ rhs: ConstantValue, type: IRType) -> ConstantValue? {
    let order: Int
    switch (lhs, rhs, type) {
    case let (.integer(a), .integer(b), .int(_, signed)):
      let less = signed ? Int64(bitPattern: a) < Int64(bitPattern: b) : a < b
      order = a == b ? 0 : (less ? -1 : 1)
    case let (.boolean(a), .boolean(b), .bool):
      order = a == b ? 0 : (!a ? -1 : 1)
    case let (.real(a), .real(b), .float):
      if a.isNaN || b.isNaN { return .boolean(predicate == "ne") }
      order = a == b ? 0 : (a < b ? -1 : 1)
    default: return nil
    }
    switch predicate {
    case "eq": return .boolean(order == 0)
    case "ne": return .boolean(order != 0)
    case "lt": return .boolean(order < 0)
    case "le": return .boolean(order <= 0)
    case "gt": return .boolean(order > 0)
    case "ge": return .boolean(order >= 0)
    default: return nil
    }
  }

  private static func cast(_ value: ConstantValue, from source: IRType, to target: IRType) -> ConstantValue? {
    switch (value, source, target) {
    case let (.integer(bits), .int, .int(width, signed)):
      return .integer(normalized(bits, width: width, signed: signed))
    case let (.boolean(b), .bool, .int): return .integer(b ? 1 : 0)
    case let (.integer(bits), .int(_, signed), .float(kind)):
      switch kind {
      case .f32: return .real(Double(signed ? Float(Int64(bitPattern: bits)) : Float(bits)))
      case .f64: return .real(signed ? Double(Int64(bitPattern: bits)) : Double(bits))
      case .f16, .bf16: return nil
      }
    case let (.real(x), .float, .float(kind)):
      switch kind {
      case .f32: return .real(Double(Float(x)))
      case .f64: return .real(x)
      case .f16, .bf16: return nil
      }
    case let (.real(x), .float, .int(width, signed)):
      guard x.isFinite else { return nil }
      let truncated = x.rounded(.towardZero)
      let low = signed ? -pow(2.0, Double(width - 1)) : 0
      let high = signed ? pow(2.0, Double(width - 1)) : pow(2.0, Double(width))
      guard truncated >= low, truncated < high else { return nil }
      return .integer(signed ? UInt64(bitPattern: Int64(truncated)) : UInt64(truncated))
    default: return nil
    }
  }
}
