// Scalars as 64-bit patterns outside the hot loops: constants, kernel arguments, global
// initialisers, printf arguments and atomics read and write single values through these, with
// C's conversion rules (integers truncate or extend; float to integer truncates toward zero,
// saturating at the type's range with NaN giving 0, as CUDA's cvt.rzi.sat does).

import KIR

/// Conversions between scalar kinds and 64-bit patterns (the low bytes of the kind's size).
enum ScalarBits {
  /// The pattern of integer `value` converted to `kind`.
  static func fromInteger(_ value: Int64, kind: ScalarKind) -> UInt64 {
    switch kind {
    case .bool: return value != 0 ? 1 : 0
    case .i8, .u8, .i16, .u16, .i32, .u32, .i64, .u64, .pointer:
      return truncate(UInt64(bitPattern: value), kind: kind)
    case .f16: return UInt64(HalfLane(integer: value).bits)
    case .bf16: return UInt64(BFloat16Lane(integer: value).bits)
    case .f32: return UInt64(Float(value).bitPattern)
    case .f64: return Double(value).bitPattern
    }
  }

  /// The pattern of unsigned integer `value` converted to `kind`.
  static func fromUnsigned(_ value: UInt64, kind: ScalarKind) -> UInt64 {
    switch kind {
    case .f16: return UInt64(HalfLane(integer: value).bits)
    case .bf16: return UInt64(BFloat16Lane(integer: value).bits)
    case .f32: return UInt64(Float(value).bitPattern)
    case .f64: return Double(value).bitPattern
    case .bool, .i8, .u8, .i16, .u16, .i32, .u32, .i64, .u64, .pointer:
      return fromInteger(Int64(bitPattern: value), kind: kind)
    }
  }

  /// The pattern of `value` converted to `kind` (saturating toward integers).
  static func fromDouble(_ value: Double, kind: ScalarKind) -> UInt64 {
    switch kind {
    case .bool: return value != 0 ? 1 : 0
    case .f16: return UInt64(HalfLane(double: value).bits)
    case .bf16: return UInt64(BFloat16Lane(double: value).bits)
    case .f32: return UInt64(Float(value).bitPattern)
    case .f64: return value.bitPattern
    case .i8:
      return truncate(UInt64(bitPattern: Int64(saturating(value, as: Int8.self))), kind: kind)
    case .u8: return UInt64(saturating(value, as: UInt8.self))
    case .i16:
      return truncate(UInt64(bitPattern: Int64(saturating(value, as: Int16.self))), kind: kind)
    case .u16: return UInt64(saturating(value, as: UInt16.self))
    case .i32:
      return truncate(UInt64(bitPattern: Int64(saturating(value, as: Int32.self))), kind: kind)
    case .u32: return UInt64(saturating(value, as: UInt32.self))
    case .i64: return UInt64(bitPattern: saturating(value, as: Int64.self))
    case .u64, .pointer: return saturating(value, as: UInt64.self)
    }
  }

  /// `value` truncated toward zero into `I`, saturating, NaN giving 0.
  @inline(__always) static func saturating<I: FixedWidthInteger>(_ value: Double, as type: I.Type)
    -> I
  {
    if value.isNaN { return 0 }
    let truncated = value.rounded(.towardZero)
    if truncated <= Double(I.min) { return I.min }
    if truncated >= Double(I.max) { return I.max }
    return I(truncated)
  }

  /// `value` truncated toward zero into `I`, saturating, NaN giving 0 (from a Float).
  @inline(__always) static func saturating<I: FixedWidthInteger>(_ value: Float, as type: I.Type)
    -> I
  {
    if value.isNaN { return 0 }
    let truncated = value.rounded(.towardZero)
    if truncated <= Float(I.min) { return I.min }
    if truncated >= Float(I.max) { return I.max }
    return I(truncated)
  }

  /// The low `kind.byteSize` bytes of `bits`.
  static func truncate(_ bits: UInt64, kind: ScalarKind) -> UInt64 {
    kind.byteSize >= 8 ? bits : bits & ((UInt64(1) << UInt64(kind.byteSize * 8)) - 1)
  }

  /// The numeric value of a pattern of `kind` as a Double.
  static func toDouble(_ bits: UInt64, kind: ScalarKind) -> Double {
    switch kind {
    case .bool: return bits & 1 != 0 ? 1 : 0
    case .f16: return HalfLane(bits: UInt16(truncatingIfNeeded: bits)).double
    case .bf16: return BFloat16Lane(bits: UInt16(truncatingIfNeeded: bits)).double
    case .f32: return Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
    case .f64: return Double(bitPattern: bits)
    case .u8, .u16, .u32, .u64, .pointer: return Double(truncate(bits, kind: kind))
    case .i8, .i16, .i32, .i64: return Double(toSigned(bits, kind: kind))
    }
  }

  /// The numeric value of an integer pattern of `kind`, sign- or zero-extended to 64 bits
  /// (floats truncate toward zero, saturating).
  static func toInteger(_ bits: UInt64, kind: ScalarKind) -> Int64 {
    switch kind {
    case .bool: return Int64(bits & 1)
    case .i8, .i16, .i32, .i64: return toSigned(bits, kind: kind)
    case .u8, .u16, .u32, .u64, .pointer: return Int64(bitPattern: truncate(bits, kind: kind))
    case .f16, .bf16, .f32, .f64: return saturating(toDouble(bits, kind: kind), as: Int64.self)
    }
  }

  /// A signed pattern sign-extended to 64 bits.
  static func toSigned(_ bits: UInt64, kind: ScalarKind) -> Int64 {
    let shift = UInt64(64 - kind.byteSize * 8)
    return Int64(bitPattern: bits << shift) >> Int64(shift)
  }

  /// The pattern of `kind` at `address`.
  static func read(_ kind: ScalarKind, from address: UnsafeRawPointer) -> UInt64 {
    switch kind.byteSize {
    case 1: return UInt64(address.load(as: UInt8.self))
    case 2: return UInt64(address.loadUnaligned(as: UInt16.self))
    case 4: return UInt64(address.loadUnaligned(as: UInt32.self))
    default: return address.loadUnaligned(as: UInt64.self)
    }
  }

  /// Stores a pattern of `kind` at `address`.
  static func write(_ bits: UInt64, kind: ScalarKind, to address: UnsafeMutableRawPointer) {
    switch kind.byteSize {
    case 1: address.storeBytes(of: UInt8(truncatingIfNeeded: bits), as: UInt8.self)
    case 2: address.storeBytes(of: UInt16(truncatingIfNeeded: bits), as: UInt16.self)
    case 4: address.storeBytes(of: UInt32(truncatingIfNeeded: bits), as: UInt32.self)
    default: address.storeBytes(of: bits, as: UInt64.self)
    }
  }

  /// The pattern of an attribute (an initialiser or constant value) converted to `kind`.
  static func fromAttribute(_ attribute: Attribute, kind: ScalarKind) -> UInt64 {
    switch attribute {
    case .int(let value): return fromInteger(value, kind: kind)
    case .float(let value): return fromDouble(value, kind: kind)
    case .bool(let value): return fromInteger(value ? 1 : 0, kind: kind)
    case .string, .keyword, .symbol, .type, .array: return 0
    }
  }

  /// Writes an attribute value as a scalar of `kind`.
  static func writeAttribute(
    _ attribute: Attribute, kind: ScalarKind, to address: UnsafeMutableRawPointer
  ) {
    write(fromAttribute(attribute, kind: kind), kind: kind, to: address)
  }
}
