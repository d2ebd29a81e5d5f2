// The hull of several DMA windows, built as IR: the lowest start and highest end among the
// windows that are not empty (an empty window does not widen it), and its length (0 when every
// window is empty). stage-global-access computes one per group of accesses and per row plane.

import KIR

struct WindowHull {
  private var start: Value?
  private var end: Value?
  private var any: Value?

  /// Widens the hull by the window [first, last), which holds elements when `nonEmpty`.
  mutating func widen(first: Value, last: Value, nonEmpty: Value, _ build: Builder) {
    guard let soFar = start, let endSoFar = end, let anySoFar = any else {
      (start, end, any) = (first, last, nonEmpty)
      return
    }
    let none = build.value(.not, [anySoFar], type: .bool)
    let lower = build.value(.and, [nonEmpty, build.value(.or, [none, build.compare(first, soFar, "lt")], type: .bool)], type: .bool)
    start = build.value(.select, [lower, first, soFar], type: .i64)
    let higher = build.value(.and, [nonEmpty, build.value(.or, [none, build.compare(last, endSoFar, "gt")], type: .bool)], type: .bool)
    end = build.value(.select, [higher, last, endSoFar], type: .i64)
    any = build.value(.or, [anySoFar, nonEmpty], type: .bool)
  }

  /// (start, length) in i64; `zero` is the i64 constant 0.
  func window(zero: Value, _ build: Builder) -> (Value, Value) {
    let begin = start ?? zero
    let length = build.value(.select, [any ?? build.constant(int: 0, .bool), build.value(.sub, [end ?? zero, begin], type: .i64), zero], type: .i64)
    return (begin, length)
  }
}
