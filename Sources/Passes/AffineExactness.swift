// Whether a thread-affine index or guard (ThreadAffine.swift) computes, for every thread, the
// value the 64-bit window arithmetic of stage-global-access, narrow-thread-loops and
// vectorize-thread-loops gives it.
//
// Those passes sum an index's terms in i64 (each widened from its own type) and compare the
// sums in i64; the IR computes the same index in its own types, where an unsigned sum wraps and
// a narrowing cast truncates: `(signed char)threadIdx.x < 10`, `g + (unsigned)n < 100u` with
// n < 0, `(int)(blockIdx.x * 1000000000u + threadIdx.x)`. The two agree where no step of the
// computation leaves its type's range, which this file turns into checks:
//
//   a signed add or sub              none: its overflow is undefined in CUDA
//   an unsigned add or sub ≤ 32 bits its value (Σ terms + thread + c, in i64) in [0, 2^bits)
//   a cast that keeps every value    none (wider, same signedness; unsigned to wider signed;
//                                    threadIdx.x, below 1024, to 16 bits or more)
//   another cast to ≤ 32 bits        its operand's value in the target type's range
//   a cast to 64 bits, a 64-bit add  none: the bits are the i64 sum's, and addresses agree
//   an unsigned 64-bit comparison    both sides' values ≥ 0 as i64 (below 2^63)
//
// A value affine in the thread is monotone in it, so a check holds for every thread where it
// holds at the ends of the thread's range, which the caller gives (`holds`). The checks are
// decided per block at run time; a caller keeps its old form where they fail.

import KIR

struct AffineExactness {
  /// `min ≤ Σ terms − Σ minus + constant (+ thread, when hasThread) ≤ max` at both ends of the
  /// thread's range; nil bounds are not checked.
  struct Check {
    let affine: ThreadAffine
    let hasThread: Bool
    let min: Int64?
    let max: Int64?
  }

  let isThread: (Value) -> Bool
  let isOutside: (Value) -> Bool
  /// Whether the thread value is threadIdx.x (below 1024), so that a cast of it to 16 bits or
  /// more keeps it.
  let isSmallThread: Bool
  private(set) var checks: [Check] = []

  init(isThread: @escaping (Value) -> Bool, isOutside: @escaping (Value) -> Bool, isSmallThread: Bool) {
    self.isThread = isThread
    self.isOutside = isOutside
    self.isSmallThread = isSmallThread
  }

  init(threadX: Value, isOutside: @escaping (Value) -> Bool) {
    self.init(isThread: { $0 === threadX }, isOutside: isOutside, isSmallThread: true)
  }

  /// Adds the checks of an index ThreadAffine decomposes; false when its form has none (a step
  /// ThreadAffine does not take).
  mutating func index(_ value: Value, depth: Int = 0) -> Bool {
    if isThread(value) || isOutside(value) { return true }
    guard depth < 16, let op = value.definingOp else { return false }
    if op.opcode == .constant { return true }
    // A term computed in the loop from values fixed for the block: its value, as it is.
    if op.opcode != .cast, op.opcode != .add, op.opcode != .sub, ThreadRange.isUniform(value, isOutside: isOutside) { return true }
    switch op.opcode {
    case .add, .sub:
      guard index(op.operands[0], depth: depth + 1), index(op.operands[1], depth: depth + 1) else { return false }
      if !value.type.isSigned, let bits = value.type.integerBits, bits <= 32 {
        return check(value, min: 0, max: Int64(1) << bits - 1)
      }
      return true
    case .cast:
      let source = op.operands[0]
      guard source.type.isInteger, value.type.isInteger, index(source, depth: depth + 1) else { return false }
      guard let range = Self.lost(from: source.type, to: value.type, smallSource: isSmallThread && isThread(source)) else { return true }
      return check(source, min: range.min, max: range.max)
    default:
      return false
    }
  }

  /// Adds the checks of a guard ThreadRange narrows by: a conjunction (or negated disjunction)
  /// of comparisons of a thread-affine value with a block-uniform one.
  mutating func condition(_ value: Value, depth: Int = 0) -> Bool {
    if ThreadRange.isUniform(value, isOutside: isOutside) { return true }
    guard depth < 16, let op = value.definingOp else { return false }
    switch op.opcode {
    case .and, .or: return condition(op.operands[0], depth: depth + 1) && condition(op.operands[1], depth: depth + 1)
    case .not: return condition(op.operands[0], depth: depth + 1)
    case .cmp:
      var (left, right) = (op.operands[0], op.operands[1])
      guard left.type == right.type else { return false }
      if ThreadAffine.of(left, isThread: isThread, isOutside: isOutside) == nil { swap(&left, &right) }
      guard index(left) else { return false }
      // An unsigned 64-bit comparison agrees with the signed one below 2^63.
      if left.type == .u64 {
        return check(left, min: 0, max: nil) && check(right, min: 0, max: nil)
      }
      return true
    default:
      return false
    }
  }

  /// The range of `to` when a cast from `from` may leave it; nil when it keeps every value, or
  /// when its bits are the i64 value's (a cast to 64 bits).
  static func lost(from: IRType, to: IRType, smallSource: Bool) -> (min: Int64, max: Int64)? {
    guard let source = from.integerBits, let target = to.integerBits, target <= 32 else { return nil }
    if smallSource, target >= 16 { return nil }
    if from.isSigned == to.isSigned, target >= source { return nil }
    if !from.isSigned, to.isSigned, target > source { return nil }
    return to.isSigned ? (-(Int64(1) << (target - 1)), Int64(1) << (target - 1) - 1) : (0, Int64(1) << target - 1)
  }

  private mutating func check(_ value: Value, min: Int64?, max: Int64?) -> Bool {
    if let number = value.definingOp.flatMap({ $0.opcode == .constant ? $0.attributes["value"]?.intValue : nil }) {
      return (min.map { number >= $0 } ?? true) && (max.map { number <= $0 } ?? true)
    }
    if isOutside(value) || isThread(value) {
      // A term as it is, or the thread itself (a small thread needs no check below 32 bits).
      if isThread(value), isSmallThread, (min ?? 0) <= 0, (max ?? Int64.max) >= 1023 { return true }
      let affine = isThread(value) ? ThreadAffine(terms: [], constant: 0, wraps: false) : ThreadAffine(terms: [value], constant: 0, wraps: false)
      checks.append(Check(affine: affine, hasThread: isThread(value), min: min, max: max))
      return true
    }
    guard let (affine, count) = ThreadAffine.decomposition(value, isThread: isThread, isOutside: isOutside), count <= 1 else { return false }
    checks.append(Check(affine: affine, hasThread: count == 1, min: min, max: max))
    return true
  }

  /// The checks as one condition over the threads of a row of the block (threadIdx.x in
  /// [0, block_dim_x)); nil when there are none.
  static func holdsForThreadX(_ checks: [Check], blockDimX: Value, hoister: inout Hoister) -> Value? {
    guard !checks.isEmpty else { return nil }
    let build = hoister.build
    let last = build.value(.sub, [hoister.wide(blockDimX), build.constant(int: 1, .i64)], type: .i64)
    return holds(checks, first: build.constant(int: 0, .i64), last: last, threadFromZero: true, hoister: &hoister)
  }

  /// The checks as one condition, the thread's range being [first, last] (i64, computed before
  /// the loop; `threadFromZero`: first is 0); nil when there are none. A value increases with
  /// the thread, so its minimum is checked at `first` and its maximum at `last`; a minimum a sum
  /// of unsigned values meets anyway is left out, and of two bounds on one value the tighter
  /// one is checked.
  static func holds(_ checks: [Check], first: Value, last: Value, threadFromZero: Bool, hoister: inout Hoister) -> Value? {
    struct Key: Hashable {
      let terms: [ObjectIdentifier], minus: [ObjectIdentifier], constant: Int64, hasThread: Bool, isMin: Bool
    }
    var order: [(Key, Check)] = []
    var tightest: [Key: Int64] = [:]
    for check in checks {
      let affine = check.affine
      let unsignedSum =
        affine.minus.isEmpty && affine.terms.allSatisfy { !$0.type.isSigned && ($0.type.integerBits ?? 64) < 64 }
        && (!check.hasThread || threadFromZero)
      for (bound, isMin) in [(check.min, true), (check.max, false)] {
        guard let bound, !(isMin && unsignedSum && affine.constant >= bound) else { continue }
        let key = Key(
          terms: affine.terms.map(ObjectIdentifier.init), minus: affine.minus.map(ObjectIdentifier.init), constant: affine.constant,
          hasThread: check.hasThread, isMin: isMin)
        if let old = tightest[key] {
          tightest[key] = isMin ? max(old, bound) : min(old, bound)
        } else {
          tightest[key] = bound
          order.append((key, check))
        }
      }
    }
    let build = hoister.build
    var all: Value?
    for (key, check) in order {
      guard let bound = tightest[key] else { continue }
      var value = hoister.sum(check.affine.terms, minus: check.affine.minus, check.affine.constant)
      if check.hasThread { value = build.value(.add, [value, key.isMin ? first : last], type: .i64) }
      let condition = build.compare(value, build.constant(int: bound, .i64), key.isMin ? "ge" : "le")
      all = all.map { build.value(.and, [$0, condition], type: .bool) } ?? condition
    }
    return all
  }
}
