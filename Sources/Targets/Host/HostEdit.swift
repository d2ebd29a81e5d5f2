// The edits of a host rewrite and how they are applied. An edit replaces a byte range; its
// replacement may be computed from the rewritten text of ranges inside it (a call's arguments,
// a launch's configuration), so nested constructs are rewritten exactly once, innermost first,
// and no byte is rewritten twice. Edits either nest or are disjoint; the rare overlap is
// reported (KP6008) and the later edit dropped.
import KIR

/// One replacement of a byte range of the source.
struct HostEdit {
  /// The bytes replaced.
  var range: Range<Int>
  /// Computes the replacement; the argument rewrites a sub-range (applying the edits inside it).
  var replacement: (_ rewrite: (Range<Int>) -> String) -> String
  /// Where a dropped (overlapping) edit is reported.
  var location: Location

  /// An edit with a fixed replacement text.
  static func text(_ range: Range<Int>, _ text: String, at location: Location) -> HostEdit {
    HostEdit(range: range, replacement: { _ in text }, location: location)
  }
}

/// Applies a set of edits to a source text.
struct HostEditApplier {
  let source: HostSourceText
  /// The edits, sorted by start, longest first, overlaps removed.
  private(set) var edits: [HostEdit] = []
  /// Overlaps found while sorting.
  private(set) var diagnostics: [Diagnostic] = []

  /// Sorts `edits` and drops any that overlaps an earlier one without nesting in it.
  init(source: HostSourceText, edits: [HostEdit]) {
    self.source = source
    let sorted = edits.sorted {
      $0.range.lowerBound != $1.range.lowerBound
        ? $0.range.lowerBound < $1.range.lowerBound : $0.range.upperBound > $1.range.upperBound
    }
    var kept: [HostEdit] = []
    var open: [Range<Int>] = []
    for edit in sorted {
      while let last = open.last, last.upperBound <= edit.range.lowerBound { open.removeLast() }
      if let last = open.last, edit.range.upperBound > last.upperBound || edit.range == last {
        if edit.range != last {
          diagnostics.append(
            .error(
              .hostOverlap,
              "internal: host construct at bytes \(edit.range) overlaps another at \(last); left as written",
              at: edit.location))
        }
        continue
      }
      kept.append(edit)
      open.append(edit.range)
    }
    self.edits = kept
  }

  /// The text of `range` with every edit inside it applied, except edit number `skipped` (the
  /// edit whose replacement asks for the rewrite of its own range).
  func rewrite(_ range: Range<Int>, skipping skipped: Int? = nil) -> String {
    var out = ""
    var cursor = range.lowerBound
    var index = edits.firstIndex { $0.range.lowerBound >= range.lowerBound } ?? edits.count
    while index < edits.count, edits[index].range.lowerBound < range.upperBound {
      let edit = edits[index]
      guard index != skipped, edit.range.upperBound <= range.upperBound, edit.range.lowerBound >= cursor else {
        index += 1
        continue
      }
      out += source.text(cursor..<edit.range.lowerBound)
      let current = index
      out += edit.replacement { inner in rewrite(inner, skipping: current) }
      cursor = edit.range.upperBound
      index += 1
    }
    return out + source.text(cursor..<range.upperBound)
  }
}
