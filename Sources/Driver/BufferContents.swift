// The initial contents of buffer arguments, bit-exact and deterministic: the same spec gives the
// same bytes on every machine, so a test can hand a C reference exactly what the kernel saw.
//
// Random numbers come from SplitMix64 seeded with SEED + the launch's --seed; a uniform value is
// low + (high - low) * u with u = (x >> 11) * 2^-53; integer types take floor of that (so
// integers in [low, high)); randn uses Box-Muller on two uniforms. Floats are rounded to the
// element type to nearest even (f16 through Float16, bf16 from the f32 bits).
import Foundation

/// SplitMix64: a small, well-distributed generator with a documented output sequence.
struct SplitMix64 {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A double in [0, 1).
  mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

/// The bytes of `count` elements of `type` filled as `initializer` says.
func bufferContents(
  _ initializer: BufferInitializer, type: ElementType, count: Int, launchSeed: UInt64, baseDirectory: String
) throws -> [UInt8] {
  var bytes: [UInt8] = []
  bytes.reserveCapacity(count * type.byteSize)
  switch initializer {
  case .zeros:
    return [UInt8](repeating: 0, count: count * type.byteSize)
  case .ones:
    for _ in 0..<count { append(1, type, to: &bytes) }
  case .iota:
    for index in 0..<count { append(Double(index), type, to: &bytes) }
  case let .constant(value):
    for _ in 0..<count { append(value, type, to: &bytes) }
  case let .uniform(seed, low, high):
    var generator = SplitMix64(state: seed &+ launchSeed)
    for _ in 0..<count {
      let value = low + (high - low) * generator.unit()
      append(type.isFloat ? value : Foundation.floor(value), type, to: &bytes)
    }
  case let .normal(seed):
    var generator = SplitMix64(state: seed &+ launchSeed)
    for _ in 0..<count {
      let u1 = max(generator.unit(), 0x1p-53)
      let u2 = generator.unit()
      let value = (-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
      append(type.isFloat ? value : Foundation.floor(value), type, to: &bytes)
    }
  case let .file(path):
    let resolved = path.hasPrefix("/") ? path : baseDirectory + "/" + path
    guard let data = FileManager.default.contents(atPath: resolved) else {
      throw LaunchSpecError("cannot read input file '\(resolved)'")
    }
    let contents = try Npy.decode(data, type: type, path: resolved)
    guard contents.count == count * type.byteSize else {
      throw LaunchSpecError("'\(resolved)' holds \(contents.count / type.byteSize) \(type.rawValue) elements; the spec asks for \(count)")
    }
    return contents
  }
  return bytes
}

/// Appends `value` converted to `type`, little-endian.
private func append(_ value: Double, _ type: ElementType, to bytes: inout [UInt8]) {
  func little<T: FixedWidthInteger>(_ integer: T) {
    withUnsafeBytes(of: integer.littleEndian) { bytes.append(contentsOf: $0) }
  }
  func clamped<T: FixedWidthInteger>(_: T.Type) -> T {
    guard value.isFinite else { return value.isNaN ? 0 : (value > 0 ? T.max : T.min) }
    if value >= Double(T.max) { return T.max }
    if value <= Double(T.min) { return T.min }
    return T(value.rounded(.towardZero))
  }
  switch type {
  case .f16: little(Float16(Float(value)).bitPattern)
  case .bf16: little(bfloat16Bits(Float(value)))
  case .f32: little(Float(value).bitPattern)
  case .f64: little(value.bitPattern)
  case .i8: little(clamped(Int8.self))
  case .i16: little(clamped(Int16.self))
  case .i32: little(clamped(Int32.self))
  case .i64: little(clamped(Int64.self))
  case .u8: little(clamped(UInt8.self))
  case .u16: little(clamped(UInt16.self))
  case .u32: little(clamped(UInt32.self))
  case .u64: little(clamped(UInt64.self))
  }
}

/// The bfloat16 nearest to `value` (ties to even), NaN kept quiet.
func bfloat16Bits(_ value: Float) -> UInt16 {
  let bits = value.bitPattern
  if value.isNaN { return UInt16(bits >> 16) | 0x0040 }
  let rounding = 0x7FFF + ((bits >> 16) & 1)
  return UInt16((bits &+ rounding) >> 16)
}

/// The value of element `index` of `bytes` as a Double, for summaries and comparisons.
func elementValue(_ bytes: [UInt8], type: ElementType, index: Int) -> Double {
  let offset = index * type.byteSize
  func load<T: FixedWidthInteger>(_: T.Type) -> T {
    var value: T = 0
    for byte in 0..<MemoryLayout<T>.size { value |= T(truncatingIfNeeded: bytes[offset + byte]) << (8 * byte) }
    return value
  }
  switch type {
  case .f16: return Double(Float16(bitPattern: load(UInt16.self)))
  case .bf16: return Double(Float(bitPattern: UInt32(load(UInt16.self)) << 16))
  case .f32: return Double(Float(bitPattern: load(UInt32.self)))
  case .f64: return Double(bitPattern: load(UInt64.self))
  case .i8: return Double(load(Int8.self))
  case .i16: return Double(load(Int16.self))
  case .i32: return Double(load(Int32.self))
  case .i64: return Double(load(Int64.self))
  case .u8: return Double(load(UInt8.self))
  case .u16: return Double(load(UInt16.self))
  case .u32: return Double(load(UInt32.self))
  case .u64: return Double(load(UInt64.self))
  }
}
