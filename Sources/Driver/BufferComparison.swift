// Comparing two runs' output buffers element by element, with per-type tolerances: what
// `kport verify` reports per buffer (max absolute and relative error, max ULP distance, the
// number of elements out of tolerance and the first of them).
//
// Integers must be equal. A float element passes when both are NaN, when they are equal, when
// they are within `maxULP` units in the last place, or when |a - b| <= atol + rtol * max(|a|, |b|).
// The defaults allow for what a port may legitimately change: the order of floating-point
// atomics and reductions, and the targets' math functions (which the rule tables mark partial).

import Foundation
import Interpreter

/// How close two elements of a type must be.
public struct Tolerance: Hashable, Sendable {
  public var absolute: Double
  public var relative: Double
  public var maxULP: UInt64

  public init(absolute: Double, relative: Double, maxULP: UInt64) {
    self.absolute = absolute
    self.relative = relative
    self.maxULP = maxULP
  }

  /// The default tolerance of an element type (exact for integers).
  public static func `default`(for type: ElementType) -> Tolerance {
    switch type {
    case .f16: return Tolerance(absolute: 1e-3, relative: 1e-3, maxULP: 4)
    case .bf16: return Tolerance(absolute: 1e-2, relative: 1e-2, maxULP: 4)
    case .f32: return Tolerance(absolute: 1e-5, relative: 1e-5, maxULP: 16)
    case .f64: return Tolerance(absolute: 1e-12, relative: 1e-12, maxULP: 16)
    case .i8, .i16, .i32, .i64, .u8, .u16, .u32, .u64:
      return Tolerance(absolute: 0, relative: 0, maxULP: 0)
    }
  }
}

/// How two versions of one buffer differ.
public struct BufferComparison: Sendable {
  public var name: String
  public var type: ElementType
  public var count: Int
  public var maxAbsoluteError: Double = 0
  public var maxRelativeError: Double = 0
  public var maxULP: UInt64 = 0
  /// Elements out of tolerance.
  public var mismatches: Int = 0
  /// The first element out of tolerance: index, expected, actual.
  public var firstMismatch: (index: Int, expected: Double, actual: Double)?
  public var tolerance: Tolerance

  public var passed: Bool { mismatches == 0 }

  /// Compares `actual` with `expected` (the CUDA side), element by element.
  public init(expected: BufferOutcome, actual: BufferOutcome, tolerance: Tolerance? = nil) {
    name = expected.name
    type = expected.type
    count = min(expected.count, actual.count)
    self.tolerance = tolerance ?? .default(for: expected.type)
    if expected.final.count != actual.final.count {
      mismatches = abs(expected.final.count - actual.final.count) / max(1, type.byteSize)
    }
    let size = type.byteSize
    for index in 0..<count {
      let a = Self.element(expected.final, index * size, type)
      let b = Self.element(actual.final, index * size, type)
      record(index: index, a, b)
    }
  }

  private mutating func record(index: Int, _ a: ElementValue, _ b: ElementValue) {
    switch (a, b) {
    case let (.integer(x), .integer(y)):
      if x != y {
        let difference = Double(x.magnitude > y.magnitude ? x.magnitude - y.magnitude : y.magnitude - x.magnitude)
        maxAbsoluteError = max(maxAbsoluteError, difference)
        mismatch(index, Double(x), Double(y))
      }
    case let (.float(x, xBits), .float(y, yBits)):
      if x.isNaN && y.isNaN { return }
      if x == y { return }
      let absolute = abs(x - y)
      let scale = max(abs(x), abs(y))
      let relative = scale > 0 ? absolute / scale : 0
      let ulp = Self.ulpDistance(xBits, yBits, type: type)
      if absolute.isFinite { maxAbsoluteError = max(maxAbsoluteError, absolute) } else { maxAbsoluteError = .infinity }
      if relative.isFinite { maxRelativeError = max(maxRelativeError, relative) }
      maxULP = max(maxULP, ulp)
      let within = ulp <= tolerance.maxULP || absolute <= tolerance.absolute + tolerance.relative * scale
      if !within { mismatch(index, x, y) }
    default:
      mismatch(index, .nan, .nan)
    }
  }

  private mutating func mismatch(_ index: Int, _ expected: Double, _ actual: Double) {
    mismatches += 1
    if firstMismatch == nil { firstMismatch = (index, expected, actual) }
  }

  private enum ElementValue {
    case integer(Int64)
    /// The value and its bits in the element type's own format (for the ULP distance).
    case float(Double, UInt64)
  }

  private static func element(_ bytes: [UInt8], _ offset: Int, _ type: ElementType) -> ElementValue {
    func raw(_ size: Int) -> UInt64 {
      var value: UInt64 = 0
      for index in 0..<size where offset + index < bytes.count {
        value |= UInt64(bytes[offset + index]) << (8 * UInt64(index))
      }
      return value
    }
    switch type {
    case .i8: return .integer(Int64(Int8(truncatingIfNeeded: raw(1))))
    case .i16: return .integer(Int64(Int16(truncatingIfNeeded: raw(2))))
    case .i32: return .integer(Int64(Int32(truncatingIfNeeded: raw(4))))
    case .i64: return .integer(Int64(bitPattern: raw(8)))
    case .u8, .u16, .u32: return .integer(Int64(raw(type.byteSize)))
    case .u64: return .integer(Int64(bitPattern: raw(8)))
    case .f16:
      let bits = raw(2)
      return .float(Double(Float16(bitPattern: UInt16(bits))), bits)
    case .bf16:
      let bits = raw(2)
      return .float(Double(Float(bitPattern: UInt32(bits) << 16)), bits)
    case .f32:
      let bits = raw(4)
      return .float(Double(Float(bitPattern: UInt32(bits))), bits)
    case .f64:
      let bits = raw(8)
      return .float(Double(bitPattern: bits), bits)
    }
  }

  /// Units in the last place between two floats of `type`, given their bits (sign-magnitude
  /// mapped onto a line, so -0 and +0 are 0 apart).
  static func ulpDistance(_ a: UInt64, _ b: UInt64, type: ElementType) -> UInt64 {
    let bits = UInt64(type.byteSize * 8)
    let signBit: UInt64 = 1 << (bits - 1)
    func ordered(_ value: UInt64) -> Int64 {
      let magnitude = Int64(value & (signBit - 1))
      return value & signBit != 0 ? -magnitude : magnitude
    }
    let difference = ordered(a) - ordered(b)
    return difference.magnitude
  }
}
