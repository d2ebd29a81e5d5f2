// Compares of the thread index with a uniform value (`tid < stride`, `threadIdx.x == 0`, the
// guards of tree reductions and of single-thread work). In a one-dimensional block lane l is
// thread l, so the lanes where such a compare holds are one interval of lanes (two for `!=`):
// the result's bytes are written by filling intervals, not by comparing lane by lane. Other
// blocks, and compares whose operands are not of this form, take the lane-wise kernel.

import KIR

extension FunctionCompiler {
  /// Whether `value` is `threadIdx.x`, directly or through integer casts to at least 16 bits
  /// (which keep every thread index, below 1024, unchanged).
  func isThreadIndexX(_ value: Value) -> Bool {
    guard let op = value.definingOp else { return false }
    switch op.opcode {
    case .threadId:
      return op.attributes["dim"]?.keywordValue == "x"
    case .cast:
      guard case .int(let bits, _) = value.type, bits >= 16, let source = op.operands.first,
        case .int = source.type
      else { return false }
      return isThreadIndexX(source)
    default:
      return false
    }
  }

  /// The interval kernel of integer compare `op` when one operand is `threadIdx.x` and the
  /// other uniform; nil otherwise. `general` runs when the block is not one-dimensional.
  func laneIndexCompare(
    _ op: Operation, kind: ScalarKind, predicate: String, _ a: Int, _ b: Int, _ result: Int,
    general: @escaping OpBody
  ) -> OpBody? {
    guard let uniformity, !kind.isFloat, kind != .pointer, kind != .bool else { return nil }
    let (lhs, rhs) = (op.operands[0], op.operands[1])
    var comparison: LaneComparison
    let bound: Int
    if isThreadIndexX(lhs), uniformity.isUniform(rhs), let parsed = LaneComparison(predicate) {
      comparison = parsed
      bound = b
    } else if isThreadIndexX(rhs), uniformity.isUniform(lhs), let parsed = LaneComparison(predicate) {
      comparison = parsed.swapped
      bound = a
    } else {
      return nil
    }
    let size = kind.byteSize
    return { context in
      guard context.isOneDimensionalBlock else { return try general(context) }
      let range = context.activeRange
      let bits = ScalarBits.read(kind, from: context.rawRegister(bound) + range.lowerBound &* size)
      let limit = context.lanes &+ 1
      let value =
        kind.isSigned
        ? Int(Swift.max(-1, Swift.min(ScalarBits.toSigned(bits, kind: kind), Int64(limit))))
        : Int(Swift.min(ScalarBits.truncate(bits, kind: kind), UInt64(limit)))
      let (holds, isComplement) = comparison.lanes(bound: value)
      let bytes = context.register(result, as: UInt8.self)
      let inside: UInt8 = isComplement ? 0 : 1
      // Outside the interval first, then the interval itself, within the active range.
      (bytes + range.lowerBound).initialize(repeating: 1 &- inside, count: range.count)
      let low = Swift.max(holds.lowerBound, range.lowerBound)
      let high = Swift.min(holds.upperBound, range.upperBound)
      if low < high { (bytes + low).initialize(repeating: inside, count: high &- low) }
    }
  }
}

/// A compare `lane P k` as the interval of lanes where it holds.
enum LaneComparison {
  case less, lessEqual, greater, greaterEqual, equal, notEqual

  init?(_ predicate: String) {
    switch predicate {
    case "lt": self = .less
    case "le": self = .lessEqual
    case "gt": self = .greater
    case "ge": self = .greaterEqual
    case "eq": self = .equal
    case "ne": self = .notEqual
    default: return nil
    }
  }

  /// The same compare with its operands exchanged (`k < lane` is `lane > k`).
  var swapped: LaneComparison {
    switch self {
    case .less: return .greater
    case .lessEqual: return .greaterEqual
    case .greater: return .less
    case .greaterEqual: return .lessEqual
    case .equal, .notEqual: return self
    }
  }

  /// The lanes l ≥ 0 with `l P bound` as an interval, or (for `!=`) the interval where it does
  /// not hold and `true`. `bound` is clamped to [-1, lanes + 1], which keeps every answer.
  func lanes(bound: Int) -> (Range<Int>, isComplement: Bool) {
    let clamp = { (value: Int) in Swift.max(0, value) }
    switch self {
    case .less: return (0..<clamp(bound), false)
    case .lessEqual: return (0..<clamp(bound &+ 1), false)
    case .greater: return (clamp(bound &+ 1)..<Int.max, false)
    case .greaterEqual: return (clamp(bound)..<Int.max, false)
    case .equal: return (clamp(bound)..<clamp(bound &+ 1), false)
    case .notEqual: return (clamp(bound)..<clamp(bound &+ 1), true)
    }
  }
}
