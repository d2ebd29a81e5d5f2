// The active mask of a block: one bit per thread (lane), up to 1024 lanes, held inline as
// sixteen 64-bit words so that masks are plain values (no allocation when an `scf.if` splits
// one). Warp w is bits 32w..32w+31.

/// A set of lanes (threads of one block), as a 1024-bit value.
struct LaneMask: Sendable {
  /// The most lanes a mask holds: CUDA's limit of 1024 threads per block.
  static let capacity = 1024

  var words: SIMD16<UInt64>

  /// The empty mask.
  static let none = LaneMask(words: SIMD16<UInt64>(repeating: 0))

  init(words: SIMD16<UInt64>) { self.words = words }

  /// Lanes 0..<count.
  static func first(_ count: Int) -> LaneMask {
    let limited = max(0, min(count, capacity))
    return LaneMask(building: { word in
      let start = word * 64
      if limited >= start + 64 { return ~0 }
      if limited <= start { return 0 }
      return (UInt64(1) << UInt64(limited - start)) - 1
    })
  }

  /// The mask whose word i (lanes 64i..64i+63) is `word(i)`. Builds the words in scalar
  /// registers and the vector once (writing single elements of a SIMD value in a loop makes the
  /// compiler spill and reload the whole vector).
  @inline(__always) init(building word: (Int) -> UInt64) {
    words = SIMD16<UInt64>(
      word(0), word(1), word(2), word(3), word(4), word(5), word(6), word(7), word(8), word(9),
      word(10), word(11), word(12), word(13), word(14), word(15))
  }

  /// The lanes whose byte in `bools` (one per lane, `count` lanes, each 0 or 1) is 1.
  init(bools: UnsafePointer<UInt8>, count: Int) {
    self.init(bools: bools, span: 0..<count)
  }

  /// The lanes whose byte in `bools` is 1, among the lanes of `span` (the words outside it
  /// are left empty): for a condition only the lanes of the active span compute.
  @inline(__always) init(bools: UnsafePointer<UInt8>, span: Range<Int>) {
    let raw = UnsafeRawPointer(bools)
    let low = span.lowerBound >> 6
    let high = (span.upperBound + 63) >> 6
    let count = span.upperBound
    self.init(building: { word in
      if word < low || word >= high { return 0 }
      let start = word * 64
      var bits: UInt64 = 0
      if start + 64 <= count {
        for group in 0..<8 {
          let bytes = raw.loadUnaligned(fromByteOffset: start + group * 8, as: UInt64.self)
          bits |=
            (((bytes & 0x0101_0101_0101_0101) &* 0x0102_0408_1020_4080) >> 56) << UInt64(group * 8)
        }
      } else {
        for lane in start..<count where bools[lane] & 1 != 0 {
          bits |= UInt64(1) << UInt64(lane - start)
        }
      }
      return bits
    })
  }

  /// The bitwise or of all words (an inlined reduction: `SIMD.max()` is a generic call here).
  @inline(__always) private static func any(_ words: SIMD16<UInt64>) -> UInt64 {
    let eight = words.lowHalf | words.highHalf
    let four = eight.lowHalf | eight.highHalf
    let two = four.lowHalf | four.highHalf
    return two[0] | two[1]
  }

  /// Whether no lane is set.
  @inline(__always) var isEmpty: Bool { Self.any(words) == 0 }

  /// Whether both masks hold the same lanes.
  @inline(__always) static func == (lhs: LaneMask, rhs: LaneMask) -> Bool {
    any(lhs.words ^ rhs.words) == 0
  }
  @inline(__always) static func != (lhs: LaneMask, rhs: LaneMask) -> Bool { !(lhs == rhs) }

  /// The number of lanes set.
  var count: Int {
    let w = words
    return
      (w[0].nonzeroBitCount + w[1].nonzeroBitCount + w[2].nonzeroBitCount + w[3].nonzeroBitCount)
      + (w[4].nonzeroBitCount + w[5].nonzeroBitCount + w[6].nonzeroBitCount + w[7].nonzeroBitCount)
      + (w[8].nonzeroBitCount + w[9].nonzeroBitCount + w[10].nonzeroBitCount + w[11].nonzeroBitCount)
      + (w[12].nonzeroBitCount + w[13].nonzeroBitCount + w[14].nonzeroBitCount
        + w[15].nonzeroBitCount)
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

  /// The lanes from the lowest set to the highest set (empty when none is).
  var span: Range<Int> {
    var low = -1
    var high = -1
    withUnsafeBytes(of: words) { raw in
      for index in 0..<16 {
        let word = raw.load(fromByteOffset: index * 8, as: UInt64.self)
        if word == 0 { continue }
        if low < 0 { low = index << 6 | word.trailingZeroBitCount }
        high = index << 6 | (63 - word.leadingZeroBitCount)
      }
    }
    return low < 0 ? 0..<0 : low..<(high + 1)
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

  @inline(__always) static func & (lhs: LaneMask, rhs: LaneMask) -> LaneMask {
    LaneMask(words: lhs.words & rhs.words)
  }
  @inline(__always) static func | (lhs: LaneMask, rhs: LaneMask) -> LaneMask {
    LaneMask(words: lhs.words | rhs.words)
  }
  /// The lanes of `lhs` not in `rhs`.
  @inline(__always) static func - (lhs: LaneMask, rhs: LaneMask) -> LaneMask {
    LaneMask(words: lhs.words & ~rhs.words)
  }
  @inline(__always) static func |= (lhs: inout LaneMask, rhs: LaneMask) { lhs.words |= rhs.words }
}

/// The lanes of a mask in increasing order, without a closure (for the hot loops).
struct ActiveLanes: IteratorProtocol, Sequence {
  private let words: SIMD16<UInt64>
  private var index: Int
  private let end: Int
  private var current: UInt64
  /// When every lane of the span is set: the next lane and the span's end (a plain count,
  /// without scanning bits).
  private let isDense: Bool
  private var lane: Int
  private let laneEnd: Int

  /// The lanes of `mask`.
  init(_ mask: LaneMask) {
    self.init(mask, span: 0..<LaneMask.capacity)
  }

  /// The lanes of `mask`, all of which lie in `span` (the words outside it are not visited);
  /// `isDense` says that every lane of `span` is in `mask`.
  init(_ mask: LaneMask, span: Range<Int>, isDense: Bool = false) {
    words = mask.words
    index = span.lowerBound >> 6
    end = span.isEmpty ? index : Swift.min(16, (span.upperBound + 63) >> 6)
    current = index < end ? mask.words[index] : 0
    self.isDense = isDense
    lane = span.lowerBound
    laneEnd = span.upperBound
  }

  @inline(__always) mutating func next() -> Int? {
    if isDense {
      guard lane < laneEnd else { return nil }
      defer { lane &+= 1 }
      return lane
    }
    while current == 0 {
      index += 1
      if index >= end { return nil }
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
  withUnsafeBytes(of: mask.words) { raw in
    var lane = 0
    for index in 0..<16 {
      if lane >= lanes { return }
      let word = raw.load(fromByteOffset: index * 8, as: UInt64.self)
      if word == ~0 {
        (destination + lane).update(from: source + lane, count: min(64, lanes - lane))
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
}

/// Copies the lanes of `mask` from one register to another, given their kind's byte size.
func maskedCopy(
  from source: UnsafeMutableRawPointer, to destination: UnsafeMutableRawPointer, byteSize: Int,
  mask: LaneMask, lanes: Int, isFull: Bool
) {
  if isFull {
    destination.copyMemory(from: source, byteCount: byteSize * lanes)
    return
  }
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

/// The lanes of an `scf.if`'s entry mask split by a condition (one byte per lane, bit 0), in
/// one pass over the words of the entry's span, with each side's count and span: what the
/// executor needs to run the branches without scanning the masks again.
struct BranchSplit {
  var thenLanes = LaneMask.none
  var elseLanes = LaneMask.none
  var thenCount = 0
  var elseCount = 0
  var thenSpan = 0..<0
  var elseSpan = 0..<0
  /// In a group, when nonzero: `blockRuns` holds the then-lanes' runs, this many (the split of
  /// a periodic interval compare, LaneIndexCompare.swift).
  var thenBlockRuns = 0

  /// `span` holds every lane of `entry`; the condition bytes of its lanes are read (the bytes
  /// of other lanes in a word that is read whole are masked off by `entry`).
  @inline(__always) init(entry: LaneMask, condition: UnsafePointer<UInt8>, span: Range<Int>) {
    guard !span.isEmpty else { return }
    let raw = UnsafeRawPointer(condition)
    var thenLow = -1
    var thenHigh = -1
    var elseLow = -1
    var elseHigh = -1
    withUnsafeBytes(of: entry.words) { entryWords in
      withUnsafeMutableBytes(of: &thenLanes.words) { thenWords in
        withUnsafeMutableBytes(of: &elseLanes.words) { elseWords in
          for index in (span.lowerBound >> 6)..<((span.upperBound + 63) >> 6) {
            let lanes = entryWords.load(fromByteOffset: index &* 8, as: UInt64.self)
            if lanes == 0 { continue }
            let start = index &* 64
            var bits: UInt64 = 0
            if start &+ 64 <= span.upperBound {
              for group in 0..<8 {
                let bytes = raw.loadUnaligned(fromByteOffset: start &+ group &* 8, as: UInt64.self)
                bits |=
                  (((bytes & 0x0101_0101_0101_0101) &* 0x0102_0408_1020_4080) >> 56)
                  << UInt64(group &* 8)
              }
            } else {
              for lane in Swift.max(start, span.lowerBound)..<span.upperBound
              where condition[lane] & 1 != 0 {
                bits |= UInt64(1) << UInt64(lane &- start)
              }
            }
            let taken = lanes & bits
            let skipped = lanes & ~bits
            thenWords.storeBytes(of: taken, toByteOffset: index &* 8, as: UInt64.self)
            elseWords.storeBytes(of: skipped, toByteOffset: index &* 8, as: UInt64.self)
            if taken != 0 {
              thenCount &+= taken.nonzeroBitCount
              if thenLow < 0 { thenLow = start | taken.trailingZeroBitCount }
              thenHigh = start | (63 &- taken.leadingZeroBitCount)
            }
            if skipped != 0 {
              elseCount &+= skipped.nonzeroBitCount
              if elseLow < 0 { elseLow = start | skipped.trailingZeroBitCount }
              elseHigh = start | (63 &- skipped.leadingZeroBitCount)
            }
          }
        }
      }
    }
    if thenLow >= 0 { thenSpan = thenLow..<(thenHigh &+ 1) }
    if elseLow >= 0 { elseSpan = elseLow..<(elseHigh &+ 1) }
  }
}

