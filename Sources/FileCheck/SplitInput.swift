// SplitInput: cuts a test file at `// -----` marker lines (MLIR's `-split-input-file`) into
// chunks that remember where they start, so a failure found in chunk k is reported at its real
// line in the file.

/// One chunk of a file split at `// -----` lines.
public struct Chunk: Sendable, Hashable {
  /// The chunk's position in the file, from 0.
  public var index: Int
  /// The chunk's text: the lines between two markers (or a marker and the file's start or end),
  /// each ending in `\n` except possibly the file's last line.
  public var text: String
  /// The real 1-based line number of the chunk's first line.
  public var startLine: Int
  /// The number of lines in the chunk.
  public var lineCount: Int

  /// Creates a chunk.
  public init(index: Int, text: String, startLine: Int, lineCount: Int) {
    self.index = index
    self.text = text
    self.startLine = startLine
    self.lineCount = lineCount
  }

  /// The real file line of the chunk's line `chunkLine` (1-based within the chunk).
  public func fileLine(forChunkLine chunkLine: Int) -> Int { startLine + chunkLine - 1 }

  /// The chunk's text preceded by `startLine - 1` empty lines, so that every line keeps its real
  /// line number when the chunk is written to a file of its own and compiled alone.
  public var lineAlignedText: String { String(repeating: "\n", count: startLine - 1) + text }
}

/// Splitting of a file at `// -----` marker lines.
public enum SplitInput {
  /// The marker that separates chunks.
  public static let marker = "// -----"

  /// Whether `line` is a marker line: after leading whitespace, `// -----` followed by nothing
  /// but more dashes and whitespace.
  public static func isMarker(_ line: some StringProtocol) -> Bool {
    let trimmed = line.drop { $0 == " " || $0 == "\t" }
    guard trimmed.hasPrefix(marker) else { return false }
    return trimmed.dropFirst(marker.count).allSatisfy {
      $0 == "-" || $0 == " " || $0 == "\t" || $0 == "\r"
    }
  }

  /// Splits `text` at marker lines. A file without markers is one chunk; marker lines belong to
  /// no chunk.
  ///
  /// - Complexity: O(n) in the length of `text`.
  public static func split(_ text: String) -> [Chunk] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var chunks: [Chunk] = []
    var current: [Substring] = []
    var startLine = 1
    func finish(isLast: Bool) {
      var body = current.joined(separator: "\n")
      if !isLast && !current.isEmpty { body += "\n" }
      // A file ending in "\n" yields an empty last element; it is not a line of its own.
      let count = isLast && current.last == "" ? current.count - 1 : current.count
      chunks.append(Chunk(index: chunks.count, text: body, startLine: startLine, lineCount: count))
    }
    for (offset, line) in lines.enumerated() {
      if isMarker(line) {
        finish(isLast: false)
        current = []
        startLine = offset + 2
      } else {
        current.append(line)
      }
    }
    finish(isLast: true)
    return chunks
  }
}
