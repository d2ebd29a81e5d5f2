// Math functions CUDA has and the C library lacks, in Double: sinpi, cospi (exact argument
// reduction), erfinv, erfcinv (an initial approximation refined by Newton steps on erf/erfc),
// erfcx (exp(x²)·erfc(x) with the asymptotic series where erfc underflows), and lgamma without
// the C library's global `signgam`.

import Foundation

extension MathLibrary {
  /// sin(πx), exact at integers.
  static func sinPi(_ x: Double) -> Double {
    guard x.isFinite else { return .nan }
    let reduced = x - 2 * (x / 2).rounded()  // in [-1, 1], exact
    if reduced == reduced.rounded() { return x.sign == .minus ? -0.0 : 0.0 }
    return Foundation.sin(Double.pi * reduced)
  }

  /// cos(πx), exact at half-integers.
  static func cosPi(_ x: Double) -> Double {
    guard x.isFinite else { return .nan }
    let reduced = Swift.abs(x - 2 * (x / 2).rounded())  // in [0, 1]
    if reduced == 0.5 { return 0 }
    return Foundation.cos(Double.pi * reduced)
  }

  /// The inverse of erf on (-1, 1); ±inf at ±1, NaN outside.
  static func inverseErf(_ y: Double) -> Double {
    if y.isNaN || Swift.abs(y) > 1 { return .nan }
    if y == 1 { return .infinity }
    if y == -1 { return -.infinity }
    if Swift.abs(y) > 0.9 {
      // Near ±1, refine on erfc for accuracy.
      let root = inverseErfc(1 - Swift.abs(y))
      return y < 0 ? -root : root
    }
    // Giles' single-precision approximation, then Newton on erf.
    let w = -Foundation.log((1 - y) * (1 + y))
    var x: Double
    if w < 5 {
      let t = w - 2.5
      var p = 2.81022636e-08
      for c in [
        3.43273939e-07, -3.5233877e-06, -4.39150654e-06, 0.00021858087, -0.00125372503,
        -0.00417768164, 0.246640727, 1.50140941,
      ] { p = c + p * t }
      x = p * y
    } else {
      let t = w.squareRoot() - 3
      var p = -0.000200214257
      for c in [
        0.000100950558, 0.00134934322, -0.00367342844, 0.00573950773, -0.0076224613,
        0.00943887047, 1.00167406, 2.83297682,
      ] { p = c + p * t }
      x = p * y
    }
    for _ in 0..<3 {
      let error = Foundation.erf(x) - y
      x -= error / (2 / Double.pi.squareRoot() * Foundation.exp(-x * x))
    }
    return x
  }

  /// The inverse of erfc on (0, 2); +inf at 0, -inf at 2, NaN outside.
  static func inverseErfc(_ y: Double) -> Double {
    if y.isNaN || y < 0 || y > 2 { return .nan }
    if y == 0 { return .infinity }
    if y == 2 { return -.infinity }
    if y > 1 { return -inverseErfc(2 - y) }
    if y > 0.1 { return inverseErf(1 - y) }
    // Asymptotic start, then Newton on log(erfc) (well scaled for tiny y).
    var x = (-Foundation.log(y * Double.pi.squareRoot())).squareRoot()
    for _ in 0..<8 {
      let value = Foundation.erfc(x)
      if value == 0 { break }
      let derivative = -2 / Double.pi.squareRoot() * Foundation.exp(-x * x)
      let step = (Foundation.log(value) - Foundation.log(y)) / (derivative / value)
      x -= step
      if Swift.abs(step) < 1e-15 * Swift.abs(x) { break }
    }
    return x
  }

  /// exp(x²) · erfc(x).
  static func scaledErfc(_ x: Double) -> Double {
    if x.isNaN { return .nan }
    if x < 25 { return Foundation.exp(x * x) * Foundation.erfc(x) }
    let inverseSquare = 1 / (x * x)
    let series =
      1 - 0.5 * inverseSquare + 0.75 * inverseSquare * inverseSquare
      - 1.875 * inverseSquare * inverseSquare * inverseSquare
    return series / (x * Double.pi.squareRoot())
  }

  /// log|Γ(x)|, thread-safe.
  static func logGamma(_ x: Double) -> Double {
    var sign: Int32 = 0
    return lgamma_r(x, &sign)
  }
}
