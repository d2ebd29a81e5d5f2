// Progress of a batch on standard error: a bar redrawn in place on a terminal, one plain line
// per file otherwise (CI logs), nothing with --quiet. Progress is the only place the order in
// which files finish shows; the outputs never depend on it.
import Foundation

/// How progress is shown.
public enum ProgressStyle: Sendable {
  case bar, lines, quiet

  /// A bar when standard error is a terminal, else lines.
  public static var automatic: ProgressStyle { isatty(2) != 0 ? .bar : .lines }
}

struct BatchProgress {
  let style: ProgressStyle
  let total: Int
  private(set) var done = 0

  init(style: ProgressStyle, total: Int) {
    self.style = style
    self.total = total
  }

  /// Reports that `path` finished with `status`.
  mutating func finished(_ path: String, status: String, cached: Bool) {
    done += 1
    let note = cached ? " (cached)" : ""
    switch style {
    case .quiet:
      return
    case .lines:
      emit("kport batch: [\(done)/\(total)] \(path): \(status)\(note)\n")
    case .bar:
      let width = 30
      let filled = total == 0 ? width : width * done / total
      let bar = String(repeating: "=", count: filled) + String(repeating: " ", count: width - filled)
      // \r and erase-line: the bar overwrites itself; the last one ends with a newline.
      emit("\r\u{1B}[2K[\(bar)] \(done)/\(total) \(path)\(done == total ? "\n" : "")")
    }
  }

  /// The closing line, also printed with the bar.
  func summary(_ text: String) {
    if style != .quiet { emit(text + "\n") }
  }

  private func emit(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
