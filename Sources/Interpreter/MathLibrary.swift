// The implementations behind `math.call`, one per entry of KIR's MathFunction.table.
//
// Accuracy: real functions are computed in Double with the C library and rounded once to the
// result's format. For f32 (and f16, bf16) results this is within 0.5 ulp plus a tiny fraction
// of the correctly rounded value, inside every bound of the CUDA Math API's table (which allows
// 0.5-4 ulp for the library and more for the fast intrinsics, so the fast intrinsics
// (`__expf`, `__sinf`, `__fdividef`, …) get the same accurate values). f64 functions are the C
// library's (≤ 1-2 ulp, inside CUDA's double bounds). fmaf, nextafterf and the directed-
// rounding intrinsics (`__fadd_rz`, `__fsqrt_ru`, …) are exact: they round in Float with the
// exact error of the Double computation. erfinv, erfcinv, erfcx, normcdfinv, sinpi and cospi,
// which C lacks, are computed here in Double (Newton-refined, ~1e-15 relative).

import Foundation

/// How one math function computes its result.
enum MathImplementation: Sendable {
  /// A real function, in Double, rounded to the result's format.
  case real1(@Sendable (Double) -> Double)
  case real2(@Sendable (Double, Double) -> Double)
  case real3(@Sendable (Double, Double, Double) -> Double)
  /// An f32 function that must round in Float.
  case float1(@Sendable (Float) -> Float)
  case float2(@Sendable (Float, Float) -> Float)
  case float3(@Sendable (Float, Float, Float) -> Float)
  /// A real function with an integer second operand (ldexp).
  case realInteger(@Sendable (Double, Int64) -> Double)
  /// A real operand giving an integer (lround, ilogb).
  case realToInteger(@Sendable (Double) -> Int64)
  /// A classification (isnan) giving 0 or 1.
  case predicate(@Sendable (Double) -> Bool)
  /// Integer functions on operands sign- or zero-extended to 64 bits by their kind.
  case integer1(@Sendable (Int64) -> Int64)
  case integer2(@Sendable (Int64, Int64) -> Int64)
  case integer3(@Sendable (Int64, Int64, Int64) -> Int64)
}

/// The math function table's implementations.
enum MathLibrary {
  /// The implementation of `name` for operands whose first is `firstIsFloat`.
  static func implementation(of name: String, firstIsFloat: Bool) -> MathImplementation? {
    if let found = special[name] { return found }
    switch name {
    case "min": return firstIsFloat ? .real2(fmin) : .integer2 { Swift.min($0, $1) }
    case "max": return firstIsFloat ? .real2(fmax) : .integer2 { Swift.max($0, $1) }
    case "abs", "llabs", "labs":
      return firstIsFloat ? .real1(Swift.abs) : .integer1 { $0 < 0 ? 0 &- $0 : $0 }
    default: break
    }
    if let found = real[name] { return found }
    // f32 library functions: the double function of the name without its `f`.
    if name.hasSuffix("f"), !name.hasPrefix("__"), let found = real[String(name.dropLast())] {
      if name == "nextafterf" {
        return .float2 { $1 > $0 ? $0.nextUp : $1 < $0 ? $0.nextDown : $1 }
      }
      if name == "fmaf" { return .float3 { $2.addingProduct($0, $1) } }
      return found
    }
    return nil
  }

  static let real: [String: MathImplementation] = [
    "exp": .real1(Foundation.exp), "exp2": .real1(Foundation.exp2), "exp10": .real1 { pow(10, $0) },
    "expm1": .real1(Foundation.expm1), "log": .real1(Foundation.log),
    "log2": .real1(Foundation.log2),
    "log10": .real1(Foundation.log10), "log1p": .real1(Foundation.log1p),
    "sqrt": .real1(Foundation.sqrt),
    "rsqrt": .real1 { 1 / Foundation.sqrt($0) }, "cbrt": .real1(Foundation.cbrt),
    "rcbrt": .real1 { 1 / Foundation.cbrt($0) }, "sin": .real1(Foundation.sin),
    "cos": .real1(Foundation.cos),
    "tan": .real1(Foundation.tan), "sinpi": .real1(sinPi), "cospi": .real1(cosPi),
    "asin": .real1(Foundation.asin), "acos": .real1(Foundation.acos),
    "atan": .real1(Foundation.atan),
    "sinh": .real1(Foundation.sinh), "cosh": .real1(Foundation.cosh),
    "tanh": .real1(Foundation.tanh),
    "asinh": .real1(Foundation.asinh), "acosh": .real1(Foundation.acosh),
    "atanh": .real1(Foundation.atanh),
    "erf": .real1(Foundation.erf), "erfc": .real1(Foundation.erfc), "erfinv": .real1(inverseErf),
    "erfcinv": .real1(inverseErfc), "erfcx": .real1(scaledErfc),
    "normcdf": .real1 { 0.5 * Foundation.erfc(-$0 / 2.0.squareRoot()) },
    "normcdfinv": .real1 { -(2.0.squareRoot()) * inverseErfc(2 * $0) },
    "lgamma": .real1 { logGamma($0) }, "tgamma": .real1(Foundation.tgamma),
    "floor": .real1 { $0.rounded(.down) }, "ceil": .real1 { $0.rounded(.up) },
    "trunc": .real1 { $0.rounded(.towardZero) },
    "round": .real1 { $0.rounded(.toNearestOrAwayFromZero) },
    "rint": .real1 { $0.rounded(.toNearestOrEven) },
    "nearbyint": .real1 { $0.rounded(.toNearestOrEven) },
    "fabs": .real1(Swift.abs), "logb": .real1(Foundation.logb),
    "j0": .real1(Foundation.j0), "j1": .real1(Foundation.j1), "y0": .real1(Foundation.y0),
    "y1": .real1(Foundation.y1),
    "pow": .real2(Foundation.pow), "fmin": .real2(fmin), "fmax": .real2(fmax),
    "fmod": .real2(Foundation.fmod),
    "remainder": .real2(Foundation.remainder), "atan2": .real2(Foundation.atan2),
    "hypot": .real2(Foundation.hypot),
    "copysign": .real2(Foundation.copysign),
    "fdim": .real2 { $0.isNaN || $1.isNaN ? .nan : $0 > $1 ? $0 - $1 : 0 },
    "nextafter": .real2(Foundation.nextafter), "fma": .real3(Foundation.fma),
    "ldexp": .realInteger { Foundation.scalbn($0, Int(clamping: $1)) },
    "scalbn": .realInteger { Foundation.scalbn($0, Int(clamping: $1)) },
    "ilogb": .realToInteger(integerLog),
    "lround": .realToInteger { saturate($0.rounded(.toNearestOrAwayFromZero)) },
    "llround": .realToInteger { saturate($0.rounded(.toNearestOrAwayFromZero)) },
    "lrint": .realToInteger { saturate($0.rounded(.toNearestOrEven)) },
    "llrint": .realToInteger { saturate($0.rounded(.toNearestOrEven)) },
    "isnan": .predicate { $0.isNaN }, "isinf": .predicate { $0.isInfinite },
    "isfinite": .predicate { $0.isFinite }, "signbit": .predicate { $0.sign == .minus },
  ]

  /// Intrinsics: fast f32 and f64 functions, rounding modes, integer and half intrinsics.
  static let special: [String: MathImplementation] = {
    var table: [String: MathImplementation] = [
      "__expf": .real1(Foundation.exp), "__exp10f": .real1 { pow(10, $0) },
      "__logf": .real1(Foundation.log),
      "__log2f": .real1(Foundation.log2), "__log10f": .real1(Foundation.log10),
      "__sinf": .real1(Foundation.sin),
      "__cosf": .real1(Foundation.cos), "__tanf": .real1(Foundation.tan),
      "__powf": .real2(Foundation.pow),
      "__fdividef": .real2 { $0 / $1 }, "__frsqrt_rn": .real1 { 1 / Foundation.sqrt($0) },
      "__saturatef": .float1 { $0.isNaN ? 0 : Swift.min(1, Swift.max(0, $0)) },
      "__dadd_rn": .real2 { $0 + $1 }, "__dsub_rn": .real2 { $0 - $1 },
      "__dmul_rn": .real2 { $0 * $1 },
      "__ddiv_rn": .real2 { $0 / $1 }, "__fma_rn": .real3(Foundation.fma),
      "__dfma_rn": .real3(Foundation.fma),
      "__dsqrt_rn": .real1(Foundation.sqrt), "__drcp_rn": .real1 { 1 / $0 },
      "__popc": .integer1 { Int64(UInt32(truncatingIfNeeded: $0).nonzeroBitCount) },
      "__popcll": .integer1 { Int64($0.nonzeroBitCount) },
      "__clz": .integer1 { Int64(UInt32(truncatingIfNeeded: $0).leadingZeroBitCount) },
      "__clzll": .integer1 { Int64($0.leadingZeroBitCount) },
      "__ffs": .integer1 {
        let v = UInt32(truncatingIfNeeded: $0)
        return v == 0 ? 0 : Int64(v.trailingZeroBitCount + 1)
      },
      "__ffsll": .integer1 { $0 == 0 ? 0 : Int64($0.trailingZeroBitCount + 1) },
      "__brev": .integer1 { Int64(bitReverse(UInt64(UInt32(truncatingIfNeeded: $0))) >> 32) },
      "__brevll": .integer1 { Int64(bitPattern: bitReverse(UInt64(bitPattern: $0))) },
      "__mul24": .integer2 { Int64(Int32(truncatingIfNeeded: (signed24($0) &* signed24($1)))) },
      "__umul24": .integer2 {
        Int64(UInt32(truncatingIfNeeded: ($0 & 0xFF_FFFF) &* ($1 & 0xFF_FFFF)))
      },
      "__mulhi": .integer2 {
        (Int64(Int32(truncatingIfNeeded: $0)) &* Int64(Int32(truncatingIfNeeded: $1))) >> 32
      },
      "__umulhi": .integer2 {
        Int64(
          bitPattern: (UInt64(UInt32(truncatingIfNeeded: $0))
            &* UInt64(UInt32(truncatingIfNeeded: $1))) >> 32)
      },
      "__hadd_int": .integer2 {
        (Int64(Int32(truncatingIfNeeded: $0)) + Int64(Int32(truncatingIfNeeded: $1))) >> 1
      },
      "__rhadd": .integer2 {
        (Int64(Int32(truncatingIfNeeded: $0)) + Int64(Int32(truncatingIfNeeded: $1)) + 1) >> 1
      },
      "__uhadd": .integer2 {
        (Int64(UInt32(truncatingIfNeeded: $0)) + Int64(UInt32(truncatingIfNeeded: $1))) >> 1
      },
      "__urhadd": .integer2 {
        (Int64(UInt32(truncatingIfNeeded: $0)) + Int64(UInt32(truncatingIfNeeded: $1)) + 1) >> 1
      },
      "__mul64hi": .integer2 { $0.multipliedFullWidth(by: $1).high },
      "__umul64hi": .integer2 {
        Int64(
          bitPattern: UInt64(bitPattern: $0).multipliedFullWidth(by: UInt64(bitPattern: $1)).high)
      },
      "__byte_perm": .integer3(bytePermute),
      "__sad": .integer3 {
        Int64(
          UInt32(
            truncatingIfNeeded: Swift.abs(
              Int64(Int32(truncatingIfNeeded: $0)) - Int64(Int32(truncatingIfNeeded: $1))) + $2))
      },
      "__usad": .integer3 {
        Int64(
          UInt32(
            truncatingIfNeeded: Swift.abs(
              Int64(UInt32(truncatingIfNeeded: $0)) - Int64(UInt32(truncatingIfNeeded: $1))) + $2))
      },
      "__funnelshift_l": .integer3 { funnel($0, $1, $2 & 31, left: true) },
      "__funnelshift_lc": .integer3 {
        funnel($0, $1, Swift.min(Int64(UInt32(truncatingIfNeeded: $2)), 32), left: true)
      },
      "__funnelshift_r": .integer3 { funnel($0, $1, $2 & 31, left: false) },
      "__funnelshift_rc": .integer3 {
        funnel($0, $1, Swift.min(Int64(UInt32(truncatingIfNeeded: $2)), 32), left: false)
      },
    ]
    for mode in ["rn", "rz", "ru", "rd"] {
      let direction = RoundingDirection(suffixOf: "_" + mode)
      table["__fadd_" + mode] = .float2 { a, b in
        let (sum, error) = twoSum(Double(a), Double(b))
        return direction.round(sum, error: error)
      }
      table["__fsub_" + mode] = .float2 { a, b in
        let (sum, error) = twoSum(Double(a), -Double(b))
        return direction.round(sum, error: error)
      }
      table["__fmul_" + mode] = .float2 { direction.round(Double($0) * Double($1)) }
      table["__fdiv_" + mode] = .float2 { a, b in
        let quotient = Double(a) / Double(b)
        return direction.round(
          quotient, error: Foundation.fma(-quotient, Double(b), Double(a)) / Double(b))
      }
      table["__frcp_" + mode] = .float1 { x in
        let quotient = 1 / Double(x)
        return direction.round(quotient, error: Foundation.fma(-quotient, Double(x), 1) / Double(x))
      }
      table["__fsqrt_" + mode] = .float1 { x in
        let root = Foundation.sqrt(Double(x))
        return direction.round(
          root, error: root == 0 ? 0 : Foundation.fma(-root, root, Double(x)) / (2 * root))
      }
      table["__fmaf_" + mode] = .float3 { a, b, c in
        let (sum, error) = twoSum(Double(a) * Double(b), Double(c))
        return direction.round(sum, error: error)
      }
    }
    let halfBinary: [String: @Sendable (Double, Double) -> Double] = [
      "add": { $0 + $1 }, "sub": { $0 - $1 }, "mul": { $0 * $1 }, "div": { $0 / $1 }, "max": fmax,
      "min": fmin,
    ]
    for (name, function) in halfBinary {
      table["__h" + name] = .real2(function)
      table["__h" + name + "2"] = .real2(function)
    }
    table["__h2div"] = .real2 { $0 / $1 }
    table["__hfma"] = .real3(Foundation.fma)
    table["__hfma2"] = .real3(Foundation.fma)
    for name in ["__hneg", "__hneg2"] { table[name] = .real1 { -$0 } }
    for name in ["__habs", "__habs2"] { table[name] = .real1(Swift.abs) }
    let halfUnary: [String: String] = [
      "hexp": "exp", "hexp2": "exp2", "hexp10": "exp10", "hlog": "log", "hlog2": "log2",
      "hlog10": "log10",
      "hsqrt": "sqrt", "hrsqrt": "rsqrt", "hsin": "sin", "hcos": "cos", "hfloor": "floor",
      "hceil": "ceil",
      "htrunc": "trunc", "hrint": "rint", "h2exp": "exp", "h2log": "log", "h2sqrt": "sqrt",
      "h2rsqrt": "rsqrt",
    ]
    for (name, base) in halfUnary { table[name] = real[base] }
    table["hrcp"] = .real1 { 1 / $0 }
    return table
  }()

  static func fmin(_ a: Double, _ b: Double) -> Double {
    a.isNaN ? b : b.isNaN ? a : Swift.min(a, b)
  }
  static func fmax(_ a: Double, _ b: Double) -> Double {
    a.isNaN ? b : b.isNaN ? a : Swift.max(a, b)
  }

  /// `value` as an Int64, saturating, NaN giving Int64.min (what lround gives on overflow).
  static func saturate(_ value: Double) -> Int64 {
    value.isNaN ? .min : ScalarBits.saturating(value, as: Int64.self)
  }

  /// ilogb with CUDA's special values: INT_MIN for 0 and NaN, INT_MAX for infinities.
  static func integerLog(_ value: Double) -> Int64 {
    if value.isNaN || value == 0 { return Int64(Int32.min) }
    if value.isInfinite { return Int64(Int32.max) }
    return Int64(value.exponent)
  }

  /// The bits of `value` in reverse order.
  static func bitReverse(_ value: UInt64) -> UInt64 {
    var input = value
    var result: UInt64 = 0
    for _ in 0..<64 {
      result = (result << 1) | (input & 1)
      input >>= 1
    }
    return result
  }

  static func signed24(_ value: Int64) -> Int64 { (value << 40) >> 40 }

  static func bytePermute(_ x: Int64, _ y: Int64, _ selector: Int64) -> Int64 {
    let input =
      UInt64(UInt32(truncatingIfNeeded: x)) | (UInt64(UInt32(truncatingIfNeeded: y)) << 32)
    var result: UInt32 = 0
    for index in 0..<4 {
      let which = UInt64((selector >> (4 * Int64(index))) & 7)
      result |= UInt32((input >> (which * 8)) & 0xFF) << UInt32(index * 8)
    }
    return Int64(result)
  }

  static func funnel(_ low: Int64, _ high: Int64, _ shift: Int64, left: Bool) -> Int64 {
    let combined =
      (UInt64(UInt32(truncatingIfNeeded: high)) << 32) | UInt64(UInt32(truncatingIfNeeded: low))
    let amount = UInt64(shift)
    if left { return Int64(UInt32(truncatingIfNeeded: (combined << amount) >> 32)) }
    return Int64(UInt32(truncatingIfNeeded: combined >> amount))
  }

  /// The sum and its exact rounding error (Knuth's TwoSum).
  static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
    let sum = a + b
    let bVirtual = sum - a
    let aVirtual = sum - bVirtual
    return (sum, (a - aVirtual) + (b - bVirtual))
  }
}
