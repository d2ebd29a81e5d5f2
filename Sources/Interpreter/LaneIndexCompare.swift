// Compares of the thread index with a uniform value (`tid < stride`, `threadIdx.x == 0`, the
// guards of tree reductions and of single-thread work). In a one-dimensional block lane l is
// thread l, so the lanes where such a compare holds are one interval of lanes (two for `!=`):
// the result's bytes are written by filling intervals, not by comparing lane by lane. In a
// group of blocks (BlockGroups.swift) the same interval repeats in every block's lanes. Other
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
      let period = context.groupBlocks > 1 ? context.blockLanes : 0
      guard context.isOneDimensionalBlock || period > 0 else { return try general(context) }
      let range = context.activeRange
      let bits = ScalarBits.read(kind, from: context.rawRegister(bound) + range.lowerBound &* size)
      let limit = (period > 0 ? period : context.lanes) &+ 1
      let value =
        kind.isSigned
        ? Int(Swift.max(-1, Swift.min(ScalarBits.toSigned(bits, kind: kind), Int64(limit))))
        : Int(Swift.min(ScalarBits.truncate(bits, kind: kind), UInt64(limit)))
      let (holds, isComplement) = comparison.lanes(bound: value)
      let bytes = context.register(result, as: UInt8.self)
      let inside: UInt8 = isComplement ? 0 : 1
      // Outside the interval first, then the interval itself, within the active range.
      (bytes + range.lowerBound).initialize(repeating: 1 &- inside, count: range.count)
      if period > 0 {
        // In a group: the interval in each block's own thread numbering.
        let low = Swift.min(holds.lowerBound, period)
        let high = Swift.min(holds.upperBound, period)
        forEachPeriodicInterval(low: low, high: high, period: period, within: range) { lanes, _ in
          (bytes + lanes.lowerBound).initialize(repeating: inside, count: lanes.count)
        }
        context.state.pointee.laneInterval = LaneIntervalCondition(
          frame: context.state.pointee.frame, register: result, low: low,
          high: Swift.max(low, high), isComplement: isComplement, period: period)
        return
      }
      let low = Swift.max(holds.lowerBound, range.lowerBound)
      let high = Swift.min(holds.upperBound, range.upperBound)
      if low < high { (bytes + low).initialize(repeating: inside, count: high &- low) }
      context.state.pointee.laneInterval = LaneIntervalCondition(
        frame: context.state.pointee.frame, register: result, low: low, high: Swift.max(low, high),
        isComplement: isComplement)
    }
  }
}

/// Which lanes of the active range an interval compare found true: those in `low..<high`
/// (those outside it for a complement), for the register `register` of frame `frame`; in a
/// group of blocks of `period` lanes (`period` > 0), those in `low..<high` of each block's own
/// lanes (`b * period + low ..< b * period + high` for block b). The
/// compare's result is an SSA value that only it writes, and an `scf.if` on it runs after it
/// in the same iteration on a subset of its lanes: while the record names the register and
/// frame, it describes the condition of every lane the `if` sees.
struct LaneIntervalCondition {
  var frame: UnsafeMutableRawPointer?
  var register = -1
  var low = 0
  var high = 0
  var isComplement = false
  var period = 0
}

extension ExecutionContext {
  /// The split of a dense entry span by condition register `condition` when the last interval
  /// compare recorded it; nil otherwise (BranchSplit then reads the condition's bytes).
  @inline(__always)
  func intervalSplit(condition: Int, entry: LaneMask, count: Int, span: Range<Int>) -> BranchSplit? {
    let record = state.pointee.laneInterval
    guard record.register == condition, record.frame == state.pointee.frame, count == span.count,
      count > 0
    else { return nil }
    if record.period > 0 { return periodicSplit(record, entry: entry, count: count, span: span) }
    let low = Swift.max(record.low, span.lowerBound)
    let high = Swift.min(record.high, span.upperBound)
    let inside = low < high ? low..<high : span.lowerBound..<span.lowerBound
    let insideLanes = LaneMask(lanes: inside)
    let outsideLanes = entry - insideLanes
    // The lanes outside form one span from the first to the last of them.
    let outside: Range<Int>
    if inside.isEmpty {
      outside = span
    } else if inside == span {
      outside = span.lowerBound..<span.lowerBound
    } else {
      outside = (inside.lowerBound > span.lowerBound ? span.lowerBound : inside.upperBound)
        ..< (inside.upperBound < span.upperBound ? span.upperBound : inside.lowerBound)
    }
    let outsideCount = count &- inside.count
    if record.isComplement {
      return BranchSplit(
        then: outsideLanes, count: outsideCount, span: outside, else: insideLanes, count: inside.count,
        span: inside)
    }
    return BranchSplit(
      then: insideLanes, count: inside.count, span: inside, else: outsideLanes, count: outsideCount,
      span: outside)
  }
}

extension ExecutionContext {
  /// `intervalSplit` for a compare recorded in a group: the interval repeats in every block.
  private func periodicSplit(
    _ record: LaneIntervalCondition, entry: LaneMask, count: Int, span: Range<Int>
  ) -> BranchSplit {
    let period = record.period
    var insideLanes = LaneMask.none
    var insideCount = 0
    var insideLow = -1
    var insideHigh = -1
    var runs = 0
    // `blockRuns` is rewritten here: it no longer describes the active lanes.
    state.pointee.blockRunsValid = false
    forEachPeriodicInterval(low: record.low, high: record.high, period: period, within: span) {
      lanes, block in
      insideLanes |= LaneMask(lanes: lanes)
      insideCount &+= lanes.count
      if insideLow < 0 { insideLow = lanes.lowerBound }
      insideHigh = lanes.upperBound
      // Each block's lanes inside, for the branch that runs them (BlockGroups.swift).
      blockRuns[runs] = BlockRun(
        block: block, count: lanes.count, start: lanes.lowerBound, end: lanes.upperBound)
      runs &+= 1
    }
    let inside = insideLow < 0 ? 0..<0 : insideLow..<insideHigh
    let outsideLanes = entry - insideLanes
    let outsideCount = count &- insideCount
    let outside = outsideCount > 0 ? outsideLanes.span : 0..<0
    if record.isComplement {
      return BranchSplit(
        then: outsideLanes, count: outsideCount, span: outside, else: insideLanes,
        count: insideCount, span: inside)
    }
    var split = BranchSplit(
      then: insideLanes, count: insideCount, span: inside, else: outsideLanes,
      count: outsideCount, span: outside)
    split.thenBlockRuns = runs
    return split
  }
}

/// Calls `body` with each non-empty `b * period + low ..< b * period + high` (block b's lanes
/// `low..<high` in its own numbering) clipped to `range`, and b, in increasing order.
@inline(__always)
func forEachPeriodicInterval(
  low: Int, high: Int, period: Int, within range: Range<Int>, _ body: (Range<Int>, Int) -> Void
) {
  guard low < high else { return }
  var block = range.lowerBound / period
  while block &* period < range.upperBound {
    let from = Swift.max(block &* period &+ low, range.lowerBound)
    let to = Swift.min(block &* period &+ high, range.upperBound)
    if from < to { body(from..<to, block) }
    block &+= 1
  }
}

extension LaneMask {
  /// The lanes of `range` (within the capacity), writing only the words it touches.
  @inline(__always) init(lanes range: Range<Int>) {
    var words = SIMD16<UInt64>(repeating: 0)
    let low = Swift.max(0, range.lowerBound)
    let high = Swift.min(LaneMask.capacity, range.upperBound)
    if low < high {
      withUnsafeMutableBytes(of: &words) { raw in
        let first = low >> 6
        let last = (high &- 1) >> 6
        for word in first...last {
          var bits = ~UInt64(0)
          if word == first { bits &= ~UInt64(0) << UInt64(low & 63) }
          if word == last, high & 63 != 0 { bits &= (UInt64(1) << UInt64(high & 63)) &- 1 }
          raw.storeBytes(of: bits, toByteOffset: word &* 8, as: UInt64.self)
        }
      }
    }
    self.init(words: words)
  }
}

extension BranchSplit {
  /// No lanes either way.
  init() {}

  /// The given lanes, counts and spans (an empty side has an empty span).
  init(
    then thenLanes: LaneMask, count thenCount: Int, span thenSpan: Range<Int>,
    else elseLanes: LaneMask, count elseCount: Int, span elseSpan: Range<Int>
  ) {
    self.init()
    self.thenLanes = thenLanes
    self.thenCount = thenCount
    self.thenSpan = thenCount > 0 ? thenSpan : 0..<0
    self.elseLanes = elseLanes
    self.elseCount = elseCount
    self.elseSpan = elseCount > 0 ? elseSpan : 0..<0
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
