// A dictionary keyed by declaration cursors (libclang cursors are not Hashable).
import CClang

/// Maps declaration cursors to values, comparing with `clang_equalCursors`.
struct CursorMap<Element> {
  private var buckets: [UInt32: [(CXCursor, Element)]] = [:]

  subscript(cursor: CXCursor) -> Element? {
    get {
      buckets[clang_hashCursor(cursor)]?.first { clang_equalCursors($0.0, cursor) != 0 }?.1
    }
    set {
      let hash = clang_hashCursor(cursor)
      var bucket = buckets[hash] ?? []
      bucket.removeAll { clang_equalCursors($0.0, cursor) != 0 }
      if let newValue { bucket.append((cursor, newValue)) }
      buckets[hash] = bucket
    }
  }
}
