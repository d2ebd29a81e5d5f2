// The floating-point lane types: f32 and f64 are Swift's Float and Double; f16 and bf16 are
// stored as their 16-bit patterns and computed in Float, rounded to nearest-even to the format
// after every op, as CUDA's __half and __nv_bfloat16 arithmetic does (a Float result of one
// add, sub, mul, div or sqrt of two half values rounds to half exactly as the correctly
// rounded half op would, since Float carries more than 2 * 11 + 2 significand bits).

/// A floating-point lane type: its value in its computation type and conversions.
protocol FloatLane {
  /// The type arithmetic is done in: itself for Float and Double, Float for the 16-bit formats.
  associatedtype Compute: BinaryFloatingPoint
  var compute: Compute { get }
  init(compute: Compute)
  /// The exact value as a Double.
  var double: Double { get }
  /// The value of `double` rounded to nearest-even to this format.
  init(double: Double)
  /// The value of an integer rounded to nearest-even to this format.
  init<I: BinaryInteger>(integer: I)
}

extension Float: FloatLane {
  @inline(__always) var compute: Float { self }
  @inline(__always) init(compute: Float) { self = compute }
  @inline(__always) var double: Double { Double(self) }
  @inline(__always) init(double: Double) { self = Float(double) }
  @inline(__always) init<I: BinaryInteger>(integer: I) { self = Float(integer) }
}

extension Double: FloatLane {
  @inline(__always) var compute: Double { self }
  @inline(__always) init(compute: Double) { self = compute }
  @inline(__always) var double: Double { self }
  @inline(__always) init(double: Double) { self = double }
  @inline(__always) init<I: BinaryInteger>(integer: I) { self = Double(integer) }
}

/// An IEEE binary16 (`__half`) lane, as its bit pattern.
struct HalfLane: FloatLane, Hashable {
  var bits: UInt16
  init(bits: UInt16) { self.bits = bits }
  @inline(__always) var compute: Float { Float(Float16(bitPattern: bits)) }
  @inline(__always) init(compute: Float) { bits = Float16(compute).bitPattern }
  @inline(__always) var double: Double { Double(Float16(bitPattern: bits)) }
  @inline(__always) init(double: Double) { bits = Float16(double).bitPattern }
  @inline(__always) init<I: BinaryInteger>(integer: I) { bits = Float16(integer).bitPattern }
}

/// A bfloat16 (`__nv_bfloat16`) lane, as its bit pattern: the top half of a Float.
struct BFloat16Lane: FloatLane, Hashable {
  var bits: UInt16
  init(bits: UInt16) { self.bits = bits }
  @inline(__always) var compute: Float { Float(bitPattern: UInt32(bits) << 16) }
  @inline(__always) init(compute: Float) { bits = BFloat16Lane.round(compute) }
  @inline(__always) var double: Double { Double(compute) }

  /// Rounds a Double to bfloat16 once (not through a nearest Float, which could round twice).
  init(double: Double) {
    let nearest = Float(double)
    let pattern = nearest.bitPattern
    // A tie for bfloat16 that is not exact in Float: the Double decides the direction.
    if pattern & 0xFFFF == 0x8000, !nearest.isNaN, Double(nearest) != double {
      let magnitudeAbove = abs(double) > abs(Double(nearest))
      let truncated = UInt16(truncatingIfNeeded: pattern >> 16)
      bits = magnitudeAbove ? truncated &+ 1 : truncated
    } else {
      bits = BFloat16Lane.round(nearest)
    }
  }

  init<I: BinaryInteger>(integer: I) { self.init(double: Double(integer)) }

  /// The bfloat16 pattern of `value` rounded to nearest-even; NaN stays a quiet NaN.
  @inline(__always) static func round(_ value: Float) -> UInt16 {
    let pattern = value.bitPattern
    if value.isNaN { return UInt16(truncatingIfNeeded: pattern >> 16) | 0x40 }
    let rounding = UInt32(0x7FFF) &+ ((pattern >> 16) & 1)
    return UInt16(truncatingIfNeeded: (pattern &+ rounding) >> 16)
  }
}

/// Directed rounding of f32 results for the `_rz`, `_ru` and `_rd` intrinsics.
enum RoundingDirection {
  case nearest, towardZero, up, down

  /// The direction named by an intrinsic's suffix (`__fadd_rz` → towardZero).
  init(suffixOf name: String) {
    if name.hasSuffix("_rz") {
      self = .towardZero
    } else if name.hasSuffix("_ru") {
      self = .up
    } else if name.hasSuffix("_rd") {
      self = .down
    } else {
      self = .nearest
    }
  }

  /// The value `approximation + error` (a Double and the exact error of computing it, or 0)
  /// rounded to Float this way.
  func round(_ approximation: Double, error: Double = 0) -> Float {
    let nearest = Float(approximation)
    guard approximation.isFinite, nearest.isFinite else { return nearest }
    // The sign of (exact - nearest): exact when zero.
    let difference = (approximation - Double(nearest)) + error
    if difference == 0 || self == .nearest { return nearest }
    let above = difference < 0
    switch self {
    case .nearest: return nearest
    case .towardZero:
      if nearest > 0 || (nearest == 0 && difference > 0) {
        return above ? nearest.nextDown : nearest
      }
      return above ? nearest : nearest.nextUp
    case .up: return above ? nearest : nearest.nextUp
    case .down: return above ? nearest.nextDown : nearest
    }
  }
}
