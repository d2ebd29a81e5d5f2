// Byte-level reading of host C++ source for the host rewriter: balanced brackets, top-level
// comma splitting (skipping string and character literals), whitespace trimming and line
// boundaries. Offsets are UTF-8 byte offsets, as in `SourcePosition.offset`.

/// The source of one file as bytes, with the scanning helpers the rewriter needs.
struct HostSourceText {
  /// The file's bytes.
  let bytes: [UInt8]

  /// Creates the text of `source`.
  init(_ source: String) { bytes = Array(source.utf8) }

  /// The number of bytes.
  var count: Int { bytes.count }

  /// The text of `range` (clamped to the file).
  func text(_ range: Range<Int>) -> String {
    let lower = max(0, min(range.lowerBound, bytes.count))
    let upper = max(lower, min(range.upperBound, bytes.count))
    return String(decoding: bytes[lower..<upper], as: UTF8.self)
  }

  /// Whether `byte` is a space or a tab.
  static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

  /// Whether `byte` is whitespace, a line break or a line continuation's backslash.
  static func isSpace(_ byte: UInt8) -> Bool {
    isBlank(byte) || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\\")
  }

  /// `range` without leading and trailing whitespace.
  func trimmed(_ range: Range<Int>) -> Range<Int> {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper, Self.isSpace(bytes[lower]) { lower += 1 }
    while upper > lower, Self.isSpace(bytes[upper - 1]) { upper -= 1 }
    return lower..<upper
  }

  /// The offset just past the string or character literal starting at `start`.
  func endOfLiteral(from start: Int, limit: Int) -> Int {
    let quote = bytes[start]
    var index = start + 1
    while index < limit, bytes[index] != quote {
      if bytes[index] == UInt8(ascii: "\\") { index += 1 }
      index += 1
    }
    return min(index + 1, limit)
  }

  /// Splits `range` at commas outside brackets and literals; each piece is trimmed. An empty
  /// (all-blank) range gives no pieces.
  func splitTopLevel(_ range: Range<Int>) -> [Range<Int>] {
    guard !trimmed(range).isEmpty else { return [] }
    var pieces: [Range<Int>] = []
    var depth = 0
    var pieceStart = range.lowerBound
    var index = range.lowerBound
    while index < range.upperBound {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        index = endOfLiteral(from: index, limit: range.upperBound)
        continue
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
      case UInt8(ascii: ","):
        if depth == 0 {
          pieces.append(trimmed(pieceStart..<index))
          pieceStart = index + 1
        }
      default: break
      }
      index += 1
    }
    pieces.append(trimmed(pieceStart..<range.upperBound))
    return pieces
  }

  /// The offset of the bracket closing the one at `open`, if it is before `limit`.
  func matchingClose(of open: Int, limit: Int) -> Int? {
    var depth = 0
    var index = open
    while index < limit {
      let byte = bytes[index]
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        index = endOfLiteral(from: index, limit: limit)
        continue
      case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
      case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
        depth -= 1
        if depth == 0 { return index }
      default: break
      }
      index += 1
    }
    return nil
  }

  /// The argument ranges of the call `name(args)` spanning `range`, or nil when the text is not
  /// a call with balanced parentheses ending at the range's end.
  func callArguments(_ range: Range<Int>) -> [Range<Int>]? {
    guard let open = bytes[range].firstIndex(of: UInt8(ascii: "(")),
      let close = matchingClose(of: open, limit: range.upperBound), close == range.upperBound - 1
    else { return nil }
    return splitTopLevel((open + 1)..<close)
  }

  /// The first offset of `needle` in `range` outside literals, if any.
  func find(_ needle: String, in range: Range<Int>) -> Int? {
    let pattern = Array(needle.utf8)
    var index = range.lowerBound
    while index + pattern.count <= range.upperBound {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        index = endOfLiteral(from: index, limit: range.upperBound)
        continue
      }
      if bytes[index..<(index + pattern.count)].elementsEqual(pattern) { return index }
      index += 1
    }
    return nil
  }

  /// The offset where the line holding `offset` starts.
  func lineStart(of offset: Int) -> Int {
    var index = min(offset, bytes.count)
    while index > 0, bytes[index - 1] != UInt8(ascii: "\n") { index -= 1 }
    return index
  }

  /// The offset of the line break ending the line holding `offset` (or the end of the file).
  func lineEnd(of offset: Int) -> Int {
    var index = max(0, offset)
    while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
    return index
  }

  /// The blanks that indent the line holding `offset`.
  func indentation(of offset: Int) -> String {
    let start = lineStart(of: offset)
    var end = start
    while end < bytes.count, Self.isBlank(bytes[end]) { end += 1 }
    return text(start..<end)
  }

  /// Whether only blanks lie in `range`.
  func isBlank(_ range: Range<Int>) -> Bool {
    bytes[max(0, range.lowerBound)..<min(bytes.count, range.upperBound)].allSatisfy(Self.isBlank)
  }

  /// The offset after the blanks starting at `offset`.
  func skippingBlanks(from offset: Int) -> Int {
    var index = offset
    while index < bytes.count, Self.isBlank(bytes[index]) { index += 1 }
    return index
  }
}
