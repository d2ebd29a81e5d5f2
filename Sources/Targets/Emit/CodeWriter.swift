// An indentation-aware line buffer for emitted C, with the trailing `// file.cu:LINE` comment
// that ties a statement to the CUDA line it came from.
import KIR

/// Lines of C text at an indentation level.
struct CodeWriter {
  private(set) var lines: [String] = []
  /// The current indentation, in levels of two spaces.
  var depth: Int

  init(depth: Int = 0) { self.depth = depth }

  /// Appends a line at the current indentation, with the source line of `location` as a trailing
  /// comment when it is a CUDA source position.
  mutating func line(_ text: String, at location: Location? = nil) {
    var out = String(repeating: "  ", count: depth) + text
    if let location, let comment = CodeWriter.sourceComment(location) { out += "  // " + comment }
    lines.append(out)
  }

  /// Appends lines written elsewhere, as they are.
  mutating func append(_ other: CodeWriter) { lines += other.lines }

  /// Appends a blank line unless the buffer is empty or already ends with one.
  mutating func blank() {
    if let last = lines.last, !last.isEmpty { lines.append("") }
  }

  /// Runs `body` one level deeper.
  mutating func indented(_ body: (inout CodeWriter) -> Void) {
    depth += 1
    body(&self)
    depth -= 1
  }

  /// The text, one line each, ending with a newline.
  var text: String { lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n" }

  /// `file.cu:LINE` for a location in a source file; nil for unknown locations and for positions
  /// in KIR text (`.kir`), which are not CUDA source lines.
  static func sourceComment(_ location: Location) -> String? {
    guard let position = location.filePosition, !position.path.hasSuffix(".kir") else { return nil }
    let file = position.path.split(separator: "/").last.map(String.init) ?? position.path
    return "\(file):\(position.line)"
  }
}
