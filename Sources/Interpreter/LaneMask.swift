// The active mask of a block: one bit per thread (lane), up to 1024 lanes, held inline as
// sixteen 64-bit words so that masks are plain values (no allocation when an `scf.if` splits
// one). Warp w is bits 32w..32w+31.

/// A set of lanes (threads of one block), as a 1024-bit value.
struct LaneMask: Equatable, Sendable {
  /// The most lanes a mask holds: CUDA's limit of 1024 threads per block.
  static let capacity = 1024

  var words: SIMD16<UInt64>

  /// The empty mask.
  static let none = LaneMask(words: SIMD16<UInt64>(repeating: 0))

  init(words: SIMD16<UInt64>) { self.words = words }

  /// Lanes 0..<count.
  static func first(_ count: Int) -> LaneMask {
    var words = SIMD16<UInt64>(repeating: 0)
    var remaining = max(0, min(count, capacity))
    var index = 0
    while remaining > 0 {
      words[index] = remaining >= 64 ? ~0 : (UInt64(1) << UInt64(remaining)) - 1
      remaining -= 64
      index += 1
    }
    return LaneMask(words: words)
  }

  /// The lanes whose byte in `bools` (one per lane, `count` lanes) is non-zero.
  init(bools: UnsafePointer<UInt8>, count: Int) {
    var words = SIMD16<UInt64>(repeating: 0)
    var lane = 0
    for index in 0..<16 {
      if lane >= count { break }
      var word: UInt64 = 0
      let end = min(64, count - lane)
      for bit in 0..<end where bools[lane + bit] != 0 { word |= UInt64(1) << UInt64(bit) }
      words[index] = word
      lane += 64
    }
    self.words = words
  }

  /// Whether no lane is set.
  var isEmpty: Bool { words == SIMD16<UInt64>(repeating: 0) }

  /// The number of lanes set.
  var count: Int {
    var total = 0
    for index in 0..<16 { total += words[index].nonzeroBitCount }
    return total
  }

  /// Whether `lane` is set.
  @inline(__always) func contains(_ lane: Int) -> Bool {
    (words[lane >> 6] >> UInt64(lane & 63)) & 1 != 0
  }

  /// Sets `lane`.
  @inline(__always) mutating func insert(_ lane: Int) {
    words[lane >> 6] |= UInt64(1) << UInt64(lane & 63)
  }

  /// Clears `lane`.
  @inline(__always) mutating func remove(_ lane: Int) {
    words[lane >> 6] &= ~(UInt64(1) << UInt64(lane & 63))
  }

  /// The lowest lane set, if any.
  var first: Int? {
    for index in 0..<16 where words[index] != 0 {
      return index << 6 | words[index].trailingZeroBitCount
    }
    return nil
  }

  /// The 32 bits of warp `warp` (bit i is lane 32 * warp + i).
  @inline(__always) func warpBits(_ warp: Int) -> UInt32 {
    UInt32(truncatingIfNeeded: words[warp >> 1] >> UInt64((warp & 1) * 32))
  }

  /// Replaces the bits of warp `warp`.
  mutating func setWarpBits(_ warp: Int, _ bits: UInt32) {
    let shift = UInt64((warp & 1) * 32)
    let keep = ~(UInt64(0xFFFF_FFFF) << shift)
    words[warp >> 1] = (words[warp >> 1] & keep) | (UInt64(bits) << shift)
  }

  /// Calls `body` with every lane set, in increasing order.
  @inline(__always) func forEach(_ body: (Int) throws -> Void) rethrows {
    for index in 0..<16 {
      var word = words[index]
      while word != 0 {
        let bit = word.trailingZeroBitCount
        try body(index << 6 | bit)
        word &= word &- 1
      }
    }
  }

  static func & (lhs: LaneMask, rhs: LaneMask) -> LaneMask { LaneMask(words: lhs.words & rhs.words) }
  static func | (lhs: LaneMask, rhs: LaneMask) -> LaneMask { LaneMask(words: lhs.words | rhs.words) }
  /// The lanes of `lhs` not in `rhs`.
  static func - (lhs: LaneMask, rhs: LaneMask) -> LaneMask { LaneMask(words: lhs.words & ~rhs.words) }
  static func |= (lhs: inout LaneMask, rhs: LaneMask) { lhs.words |= rhs.words }
}

/// The lanes of a mask in increasing order, without a closure (for the hot loops).
struct ActiveLanes: IteratorProtocol, Sequence {
  private let words: SIMD16<UInt64>
  private var index = 0
  private var current: UInt64

  init(_ mask: LaneMask) {
    words = mask.words
    current = mask.words[0]
  }

  @inline(__always) mutating func next() -> Int? {
    while current == 0 {
      index += 1
      if index == 16 { return nil }
      current = words[index]
    }
    let lane = index << 6 | current.trailingZeroBitCount
    current &= current &- 1
    return lane
  }
}

/// Copies lane values of `source` into `destination` for the lanes of `mask`.
@inline(__always)
func maskedCopy<T>(
  _ source: UnsafePointer<T>, _ destination: UnsafeMutablePointer<T>, mask: LaneMask, lanes: Int
) {
  var lane = 0
  for index in 0..<16 {
    if lane >= lanes { return }
    let word = mask.words[index]
    if word == ~0 {
      for offset in 0..<min(64, lanes - lane) { destination[lane + offset] = source[lane + offset] }
    } else if word != 0 {
      var bits = word
      while bits != 0 {
        let target = lane + bits.trailingZeroBitCount
        destination[target] = source[target]
        bits &= bits &- 1
      }
    }
    lane += 64
  }
}

/// Copies the lanes of `mask` from one register to another, given their kind's byte size.
func maskedCopy(
  from source: UnsafeMutableRawPointer, to destination: UnsafeMutableRawPointer, byteSize: Int,
  mask: LaneMask, lanes: Int
) {
  switch byteSize {
  case 1:
    maskedCopy(
      UnsafePointer(source.assumingMemoryBound(to: UInt8.self)),
      destination.assumingMemoryBound(to: UInt8.self), mask: mask, lanes: lanes)
  case 2:
    maskedCopy(
      UnsafePointer(source.assumingMemoryBound(to: UInt16.self)),
      destination.assumingMemoryBound(to: UInt16.self), mask: mask, lanes: lanes)
  case 4:
    maskedCopy(
      UnsafePointer(source.assumingMemoryBound(to: UInt32.self)),
      destination.assumingMemoryBound(to: UInt32.self), mask: mask, lanes: lanes)
  default:
    maskedCopy(
      UnsafePointer(source.assumingMemoryBound(to: UInt64.self)),
      destination.assumingMemoryBound(to: UInt64.self), mask: mask, lanes: lanes)
  }
}
