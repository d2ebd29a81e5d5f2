// Which shared granules the block's current barrier interval has touched: one bit per 4-byte
// granule of the worker's shared arena, set whenever a shadow record of the granule is written
// (by any check) and cleared for the whole block at each `__syncthreads`. A clear bit means
// every record of that granule is from an earlier interval (or none), so an access of it is
// ordered after all of them: the range check of MemoryRanges.swift then only writes the new
// records, without reading and comparing the old ones. A set bit says nothing; the full check
// runs. (`__syncwarp` leaves the bits as they are: they stay a superset of the truth.) The
// general check marks the granule it records; the quick check of one lane leaves it to its
// caller, which marks the whole op's granules at once (or the shared variable's).

extension ExecutionContext {
  /// The arena-wide index of granule `granule` of the shared shadow that starts at `words`.
  @inline(__always) func sharedGranuleIndex(_ words: UnsafeMutablePointer<UInt64>, _ granule: Int)
    -> Int
  {
    ((words - sharedShadow) &>> 1) &+ granule
  }

  /// Marks granule `granule` of the shadow at `words` as touched in this interval.
  @inline(__always) func markSharedTouched(_ words: UnsafeMutablePointer<UInt64>, granule: Int) {
    let index = sharedGranuleIndex(words, granule)
    sharedTouched[index &>> 6] |= UInt64(1) << UInt64(index & 63)
  }

  /// Marks every granule of the shared region as touched in this interval: what an op whose
  /// lanes take the per-lane checks does once, rather than each lane its own granule (the
  /// quick check of one lane does not mark; a superset is all the map promises).
  @inline(__always) func markSharedTouched(region: ResolvedRegion) {
    guard region.shadowKind == 1, let shadow = region.shadow else { return }
    let words = shadow.assumingMemoryBound(to: UInt64.self)
    markSharedTouched(
      first: sharedGranuleIndex(words, 0), count: (region.byteCount &+ 3) &>> 2)
  }

  /// Marks arena granules [first, first + count) as touched in this interval.
  @inline(__always) func markSharedTouched(first: Int, count: Int) {
    forEachTouchedWord(first: first, count: count) { word, bits in sharedTouched[word] |= bits }
  }

  /// Whether some arena granule in [first, first + count) was touched in this interval.
  @inline(__always) func isAnySharedTouched(first: Int, count: Int) -> Bool {
    var any: UInt64 = 0
    forEachTouchedWord(first: first, count: count) { word, bits in any |= sharedTouched[word] & bits }
    return any != 0
  }

  /// Calls `body` with each bitmap word that granules [first, first + count) cover and the
  /// bits of those granules in it.
  @inline(__always) private func forEachTouchedWord(
    first: Int, count: Int, _ body: (Int, UInt64) -> Void
  ) {
    guard count > 0 else { return }
    let last = first &+ count &- 1
    var word = first &>> 6
    while word <= last &>> 6 {
      let low = word == first &>> 6 ? first & 63 : 0
      let high = word == last &>> 6 ? last & 63 : 63
      let width = high &- low &+ 1
      let bits = width == 64 ? ~UInt64(0) : ((UInt64(1) << UInt64(width)) &- 1) << UInt64(low)
      body(word, bits)
      word &+= 1
    }
  }

  /// Forgets every touch: a new block interval has begun.
  @inline(__always) func clearSharedTouched() {
    sharedTouched.update(repeating: 0, count: sharedTouchedWords)
  }
}
