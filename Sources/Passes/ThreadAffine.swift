// Indices and guards of a thread loop in terms of the thread's x index, for stage-global-access.
//
// An index is thread-affine when it is `U + thread_x + c`: U a sum (and difference) of values
// fixed for the block (defined outside the thread loop, or computed inside it by pure ops from
// such values: `y * nx` in a row of a 2-D block), c a constant, through integer adds,
// subtractions and integer casts. A guard is a conjunction of comparisons of such indices (or of
// thread_x itself) with values fixed for the block; each comparison bounds thread_x from below
// or above, or to one value (`==`), so the set of threads that reach an access under the guards
// is the range [low, high) of thread_x, and the elements they touch are [U + c + low,
// U + c + high). A guard `!=` removes one thread, which shrinks the hull [low, high) only when
// it is an end: those guards are kept aside (`exclusions`), and a window that must be exact
// (a written one, a vector instruction's) does not accept them.

import KIR

/// `Σ terms − Σ minus + thread_x + constant`, the terms fixed for the block.
struct ThreadAffine {
  var terms: [Value]
  var minus: [Value] = []
  var constant: Int64
  /// Whether the value is unsigned while its constant is negative: it may have wrapped around,
  /// which 64-bit window arithmetic would not reproduce.
  var wraps: Bool

  /// Decomposes `value`, with thread_x `threadX` and `isOutside` telling the block-uniform values.
  static func of(_ value: Value, threadX: Value, isOutside: (Value) -> Bool) -> ThreadAffine? {
    of(value, isThread: { $0 === threadX }, isOutside: isOutside)
  }

  /// Decomposes `value` in terms of the thread's index, which `isThread` recognises (thread_x,
  /// or the variable of a loop striding by the block).
  static func of(_ value: Value, isThread: (Value) -> Bool, isOutside: (Value) -> Bool) -> ThreadAffine? {
    guard let (affine, count) = decompose(value, isThread: isThread, isOutside: isOutside, depth: 0), count == 1, !affine.wraps
    else { return nil }
    return affine
  }

  /// The decomposition of `value` (which may have wrapped: AffineExactness checks its range)
  /// and how many times the thread's index appears in it.
  static func decomposition(_ value: Value, isThread: (Value) -> Bool, isOutside: (Value) -> Bool) -> (ThreadAffine, Int)? {
    decompose(value, isThread: isThread, isOutside: isOutside, depth: 0)
  }

  /// The decomposition and how many times thread_x appears in it.
  private static func decompose(
    _ value: Value, isThread: (Value) -> Bool, isOutside: (Value) -> Bool, depth: Int
  ) -> (ThreadAffine, Int)? {
    guard value.type.isInteger, depth < 16 else { return nil }
    // A wrapped unsigned value read back as signed (of the same width: the cast case) is its true value again.
    func made(_ terms: [Value], _ constant: Int64, minus: [Value] = []) -> ThreadAffine {
      ThreadAffine(terms: terms, minus: minus, constant: constant, wraps: !value.type.isSigned && (constant < 0 || !minus.isEmpty))
    }
    if isThread(value) { return (made([], 0), 1) }
    if let op = value.definingOp, op.opcode == .constant, let number = op.attributes["value"]?.intValue {
      return (ThreadAffine(terms: [], constant: number, wraps: false), 0)
    }
    if isOutside(value) { return (made([value], 0), 0) }
    guard let op = value.definingOp else { return nil }
    // Computed in the loop from values fixed for the block: one term, hoisted before the loop.
    if op.opcode != .cast, op.opcode != .add, op.opcode != .sub, ThreadRange.isUniform(value, isOutside: isOutside) {
      return (made([value], 0), 0)
    }
    func part(_ operand: Value) -> (ThreadAffine, Int)? {
      decompose(operand, isThread: isThread, isOutside: isOutside, depth: depth + 1)
    }
    switch op.opcode {
    case .cast:
      guard let (inner, count) = part(op.operands[0]) else { return nil }
      var result = made(inner.terms, inner.constant, minus: inner.minus)
      // Read back as signed of the same width, a wrapped value is its true value; widened, it
      // stays wrapped (`(long long)(tid - 5u)` is tid - 5 + 2^32 below thread 5).
      let sameWidth = op.operands[0].type.integerBits == value.type.integerBits
      result.wraps = result.wraps || (inner.wraps && (!value.type.isSigned || !sameWidth))
      return (result, count)
    case .add:
      guard let (a, m) = part(op.operands[0]), let (b, n) = part(op.operands[1]), !a.wraps, !b.wraps else { return nil }
      return (made(a.terms + b.terms, a.constant &+ b.constant, minus: a.minus + b.minus), m + n)
    case .sub:
      // a − b: b has no thread_x (its terms change sides).
      guard let (a, m) = part(op.operands[0]), !a.wraps, let (b, n) = part(op.operands[1]), n == 0, !b.wraps else { return nil }
      return (made(a.terms + b.minus, a.constant &- b.constant, minus: a.minus + b.terms), m)
    default: return nil
    }
  }
}

/// Bounds on thread_x: low ≤ thread_x < high, each a list of (block-uniform terms, constant)
/// whose maximum (low) or minimum (high) applies; empty means 0 and block_dim_x.
struct ThreadRange {
  struct Bound {
    /// Added: the bound is Σ plus − Σ minus + constant.
    var plus: [Value]
    var minus: [Value]
    var constant: Int64
  }
  var lows: [Bound] = []
  var highs: [Bound] = []
  /// thread_x ≠ each: a thread taken out of the range, which narrows the hull only at its ends.
  var exclusions: [Bound] = []
  /// Conditions the same for every thread of the block (`row < rows`), with whether they are
  /// negated on the path: they decide whether the block touches the array at all.
  var uniform: [(value: Value, negated: Bool)] = []
  /// The comparisons the range was narrowed by, whose exactness AffineExactness checks.
  var comparisons: [Value] = []

  /// Whether `value` depends only on values fixed for the block, through pure ops.
  static func isUniform(_ value: Value, isOutside: (Value) -> Bool, depth: Int = 0) -> Bool {
    if isOutside(value) { return true }
    guard depth < 16, let op = value.definingOp, op.isPure, op.regions.isEmpty else { return false }
    return op.operands.allSatisfy { isUniform($0, isOutside: isOutside, depth: depth + 1) }
  }

  /// Narrows the range by `condition` (true on the path); false when it is not a conjunction of
  /// comparisons of thread-affine values with block-uniform ones.
  /// `negated`: the condition is false on the path (the else branch of an `if`, the rest of the
  /// thread's code after `if (i >= n) return;`).
  mutating func narrow(by condition: Value, negated: Bool = false, threadX: Value, isOutside: (Value) -> Bool) -> Bool {
    if Self.isUniform(condition, isOutside: isOutside) {
      uniform.append((condition, negated))
      return true
    }
    guard let op = condition.definingOp else { return false }
    // a ∧ b, or ¬(a ∨ b) = ¬a ∧ ¬b.
    if (op.opcode == .and && !negated) || (op.opcode == .or && negated) {
      return narrow(by: op.operands[0], negated: negated, threadX: threadX, isOutside: isOutside)
        && narrow(by: op.operands[1], negated: negated, threadX: threadX, isOutside: isOutside)
    }
    if op.opcode == .not, op.operands[0].type.isBool {
      return narrow(by: op.operands[0], negated: !negated, threadX: threadX, isOutside: isOutside)
    }
    guard op.opcode == .cmp, var predicate = op.attributes["predicate"]?.keywordValue else { return false }
    if negated {
      let opposite = ["lt": "ge", "ge": "lt", "le": "gt", "gt": "le", "eq": "ne", "ne": "eq"]
      guard let flipped = opposite[predicate] else { return false }
      predicate = flipped
    }
    var (left, right) = (op.operands[0], op.operands[1])
    // Put the thread-affine side on the left.
    if ThreadAffine.of(left, threadX: threadX, isOutside: isOutside) == nil {
      swap(&left, &right)
      let flipped = ["lt": "gt", "gt": "lt", "le": "ge", "ge": "le", "eq": "eq", "ne": "ne"]
      guard let mirrored = flipped[predicate] else { return false }
      predicate = mirrored
    }
    guard let index = ThreadAffine.of(left, threadX: threadX, isOutside: isOutside) else { return false }
    // The other side: block-uniform terms and a constant, no thread_x.
    let other: Bound
    if let constant = right.definingOp, constant.opcode == .constant, let number = constant.attributes["value"]?.intValue {
      other = Bound(plus: [], minus: [], constant: number)
    } else if Self.isUniform(right, isOutside: isOutside) {
      other = Bound(plus: [right], minus: [], constant: 0)
    } else {
      return false
    }
    // thread_x ⋈ other − terms − c.
    let bound = Bound(plus: other.plus + index.minus, minus: index.terms, constant: other.constant &- index.constant)
    switch predicate {
    case "eq":
      lows.append(bound)
      highs.append(Bound(plus: bound.plus, minus: bound.minus, constant: bound.constant &+ 1))
    case "ne": exclusions.append(bound)
    case "lt": highs.append(bound)
    case "le": highs.append(Bound(plus: bound.plus, minus: bound.minus, constant: bound.constant &+ 1))
    case "ge": lows.append(bound)
    case "gt": lows.append(Bound(plus: bound.plus, minus: bound.minus, constant: bound.constant &+ 1))
    default: return false
    }
    comparisons.append(condition)
    return true
  }
}
