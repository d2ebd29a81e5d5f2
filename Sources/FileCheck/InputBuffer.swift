// InputBuffer: the text being checked, canonicalized as LLVM FileCheck does (runs of spaces and
// tabs become one space, `\r\n` becomes `\n`), with line bookkeeping for diagnostics: index to
// line number, line excerpts with a caret, and the fuzzy "possible intended match" search.

/// The canonicalized input of one FileCheck run, with line lookup.
struct InputBuffer: Sendable {
  /// A position in `text`.
  typealias Position = String.Index

  /// The canonicalized input: one space for every run of horizontal whitespace, no `\r`.
  let text: String
  /// The start of every line of `text`; a text ending in `\n` has a last, empty line.
  let lineStarts: [Position]
  /// The name used for the input in notes, e.g. `<stdin>`.
  let name: String

  /// Canonicalizes `input` and indexes its lines.
  init(_ input: String, name: String) {
    let canonicalLines = input.split(separator: "\n", omittingEmptySubsequences: false)
      .map(Spelling.canonicalizingWhitespace)
    let text = canonicalLines.joined(separator: "\n")
    var starts = [text.startIndex]
    var index = text.startIndex
    while index < text.endIndex {
      let next = text.index(after: index)
      if text[index] == "\n" { starts.append(next) }
      index = next
    }
    self.text = text
    self.lineStarts = starts
    self.name = name
  }

  /// The number of lines, counting the empty line after a final newline.
  var lineCount: Int { lineStarts.count }

  /// The 1-based line containing `position` (a position on a newline belongs to its line).
  ///
  /// - Complexity: O(log n) in the number of lines.
  func line(of position: Position) -> Int {
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if lineStarts[middle] <= position { low = middle } else { high = middle - 1 }
    }
    return low + 1
  }

  /// The range of line `line` (1-based), without its newline.
  func range(ofLine line: Int) -> Range<Position> {
    let start = lineStarts[line - 1]
    guard line < lineStarts.count else { return start..<text.endIndex }
    let end = text.index(before: lineStarts[line])
    return start..<end
  }

  /// The number of newlines in `start..<end`.
  func newlineCount(from start: Position, to end: Position) -> Int {
    guard start < end else { return 0 }
    let startLine = line(of: start)
    let endLine = line(of: end)
    return endLine - startLine
  }

  /// The position of the first newline in `start..<end`, if any.
  func firstNewline(from start: Position, to end: Position) -> Position? {
    text[start..<end].firstIndex(of: "\n")
  }

  /// `<name>:line: note: message`, the line's text, and a caret under `position`.
  func note(_ message: String, at position: Position) -> String {
    let lineNumber = line(of: position)
    let lineRange = range(ofLine: lineNumber)
    let lineText = text[lineRange]
    let column = text[lineRange.lowerBound..<min(position, lineRange.upperBound)].count
    let caret = String(repeating: " ", count: column) + "^"
    return "\(name):\(lineNumber): note: \(message)\n\(lineText)\n\(caret)"
  }

  /// A note listing the lines of `start..<end` (at most `limit` of them), numbered.
  func regionNote(from start: Position, to end: Position, limit: Int = 8) -> String {
    let first = line(of: start)
    let last = max(first, line(of: end))
    let shown = min(last, first + limit - 1)
    var lines = [
      "\(name):\(first)-\(last): note: searched \(last - first + 1) line(s) of input:"
    ]
    for number in first...shown {
      lines.append("  \(number) | \(text[range(ofLine: number)])")
    }
    if shown < last { lines.append("  ... (\(last - shown) more line(s))") }
    return lines.joined(separator: "\n")
  }

  /// The position in `start..<end` that best resembles `example`, as LLVM's "possible intended
  /// match": the smallest edit distance to the same number of characters, ties going to the
  /// nearest line. Returns nil when nothing is reasonably close.
  ///
  /// - Complexity: O(k × m²) for k ≤ 2048 scanned characters and m ≤ 64 example characters.
  func closestMatch(to example: String, from start: Position, to end: Position) -> Position? {
    let wanted = Array(example.prefix(64))
    guard !wanted.isEmpty, start < end else { return nil }
    var candidates: [Character] = []
    var positions: [Position] = []
    var index = start
    while index < end, candidates.count < 2048 + wanted.count {
      candidates.append(text[index])
      positions.append(index)
      index = text.index(after: index)
    }
    var best: (offset: Int, quality: Double)?
    var linesForward = 0
    for offset in 0..<min(candidates.count, 2048) {
      let character = candidates[offset]
      if character == "\n" { linesForward += 1 }
      if character == " " || character == "\n" { continue }
      let window = candidates[offset..<min(candidates.count, offset + wanted.count)]
      let distance = Spelling.editDistance(window, wanted)
      let quality = Double(distance) + Double(linesForward) / 100
      if best.map({ quality < $0.quality }) ?? true { best = (offset, quality) }
    }
    guard let best, best.offset > 0, best.quality < 50,
      Double(Int(best.quality)) < Double(wanted.count) * 0.5
    else { return nil }
    return positions[best.offset]
  }
}
