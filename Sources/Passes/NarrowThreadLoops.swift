// narrow-thread-loops: a thread loop whose work is all under `if (threadIdx.x < S)` or `if
// (threadIdx.x == K)`, S and K fixed for the block, runs over those threads only.
//
// simt-to-spmd runs every segment of a kernel as a loop over all the block's threads; a segment
// that only some threads run (the last levels of a shared-memory tree, `if (tid < s) s[tid] +=
// s[tid + s]`; thread 0's final store) still pays each skipped thread's loop step, index
// arithmetic and test. Where the body is pure ops (the thread's indices) and then that `if`
// (no else), the skipped iterations do nothing, so the loop's range becomes the threads the
// condition admits (other thread-affine conditions: the hull of those threads, narrowAffine):
//
//   thread = lo;  for (; thread < hi; thread++) { the body as it was, the `if` still in it }
//
//   threadIdx.x < S:   [0, clamp(S, 0, threads))      threadIdx.x == K:   [K, K + 1) ∩ [0, threads)
//
// The condition names threadIdx.x, which is the loop's thread index only in a one-dimensional
// block, so lo and hi are those where block_dim_x == threads and 0 and threads otherwise. A
// condition on the loop's linear thread index needs no such choice. The `if` stays: the range is
// exact, but nothing relies on it.

import KIR

/// Thread loops whose work only some threads run shrink to those threads.
public struct NarrowThreadLoops: Pass {
  public static let info = PassInfo(
    name: "narrow-thread-loops", group: .lowering,
    summary: "A thread loop whose work is all under `if (threadIdx.x < S)` or `if (threadIdx.x == K)` (S, K fixed for the block), or another condition bounding threadIdx.x through thread-affine comparisons, runs over those threads only.",
    options: [])

  public init(options: PassOptions) {}

  public func run(on module: Module, context: PassContext) {
    for function in module.loweredKernels {
      guard let blockDimX = function.launchParameter("block_dim_x"), let blockThreads = function.blockThreads else { continue }
      var narrowed = 0
      rewriteOps(in: function.body, where: ElementwiseLoop.isThreadLoop) { loop, path in
        guard ElementwiseLoop.startsAtZero(path) else { return nil }
        if let range = GuardedRange(loop, blockThreads: blockThreads, blockDimX: blockDimX) {
          narrowed += 1
          return range.narrow(loop, blockDimX: blockDimX) + [loop]
        }
        guard let ops = Self.narrowAffine(loop, blockThreads: blockThreads, blockDimX: blockDimX) else { return nil }
        narrowed += 1
        return ops + [loop]
      }
      if narrowed > 0 { context.count("thread loops narrowed", narrowed) }
    }
  }

}

extension NarrowThreadLoops {
  /// The general form: a body `pure ops; if (C) { ... }` whose condition C bounds threadIdx.x
  /// through thread-affine comparisons (`blockIdx.x * blockDim.x + threadIdx.x + k < n`, the
  /// ThreadRange of stage-global-access) runs over the hull of the threads C admits, where
  /// block_dim_x == threads; the `if` stays, so the hull need only hold them. Returns the ops
  /// setting the range, or nil.
  static func narrowAffine(_ loop: Operation, blockThreads threads: Value, blockDimX: Value) -> [Operation]? {
    let condition = loop.regions[0].operations
    guard condition.count == 3, condition[0].opcode == .load, ElementwiseLoop.threadBound(of: loop) === threads,
      let threadX = ElementwiseLoop.threadX(of: loop, blockDimX: blockDimX)
    else { return nil }
    let counter = condition[0].operands[0]
    let body = loop.regions[1].operations
    guard let last = body.last, last.opcode == .if, last.results.isEmpty, last.regions.dropFirst().allSatisfy({ $0.operations.isEmpty }),
      body.dropLast().allSatisfy({ ($0.isPure && $0.regions.isEmpty) || ($0.opcode == .load && $0.operands[0] === counter) }),
      let guardValue = last.operands.first
    else { return nil }
    let inside = Set(ElementwiseLoop.definedValues(in: loop).map(ObjectIdentifier.init))
    let isOutside = { (value: Value) in !inside.contains(ObjectIdentifier(value)) }
    var range = ThreadRange()
    var exactness = AffineExactness(threadX: threadX, isOutside: isOutside)
    guard range.narrow(by: guardValue, threadX: threadX, isOutside: isOutside), !(range.lows.isEmpty && range.highs.isEmpty),
      exactness.condition(guardValue)
    else { return nil }
    let build = Builder(region: Region(), location: loop.location)
    var hoister = Hoister(build: build, inside: inside)
    let (low, high) = hoister.bounds(of: range, blockDimX: blockDimX)
    let threadType = counter.type.pointee ?? .u32
    let empty = build.compare(high, low, "lt")
    var first = build.value(.cast, [low], type: threadType)
    var end = build.value(.cast, [build.value(.select, [empty, low, high], type: .i64)], type: threadType)
    var oneDimensional = build.compare(blockDimX, threads, "eq")
    // The range is C's where C computes what ThreadRange's 64-bit arithmetic gives it
    // (`(int)(U + threadIdx.x)` in unsigned arithmetic: where U + block_dim_x ≤ 2^31).
    if let exact = AffineExactness.holdsForThreadX(exactness.checks, blockDimX: blockDimX, hoister: &hoister) {
      oneDimensional = build.value(.and, [oneDimensional, exact], type: .bool)
    }
    first = build.value(.select, [oneDimensional, first, build.constant(int: 0, threadType)], type: threadType)
    end = build.value(.select, [oneDimensional, end, threads], type: threadType)
    build.create(.store, [first, counter])
    loop.regions[0].operations[1].operands[1] = end
    return build.region.operations
  }
}

/// A thread loop's body `pure ops; if (X < S | X == K) { ... }`, X the thread's x index or its
/// linear index.
private struct GuardedRange {
  enum Bound {
    case below(Value)
    case equal(Value)
  }

  let bound: Bound
  let counter: Value
  let threads: Value
  /// Whether X is threadIdx.x (not the linear index): the range holds in one-dimensional blocks.
  let isThreadX: Bool

  /// Matches `loop`: a loop over all the block's threads (to `blockThreads`, from 0 as
  /// `startsAtZero` checks; not a part of them, such as stage-global-access's loops over one row).
  init?(_ loop: Operation, blockThreads threads: Value, blockDimX: Value) {
    let condition = loop.regions[0].operations
    guard condition.count == 3, condition[0].opcode == .load, ElementwiseLoop.threadBound(of: loop) === threads else { return nil }
    let counter = condition[0].operands[0]
    let body = loop.regions[1].operations
    guard let last = body.last, last.opcode == .if, last.results.isEmpty, last.regions.dropFirst().allSatisfy({ $0.operations.isEmpty }),
      body.dropLast().allSatisfy({ ($0.isPure && $0.regions.isEmpty) || ($0.opcode == .load && $0.operands[0] === counter) }),
      let compare = last.operands.first?.definingOp, compare.opcode == .cmp, compare.results.first?.type == .bool,
      let predicate = compare.attributes["predicate"]?.keywordValue
    else { return nil }
    let threadX = ElementwiseLoop.threadX(of: loop, blockDimX: blockDimX)
    let defined = Self.definitions(in: loop)
    /// X: the thread's x index or linear index, through integer casts.
    func index(_ value: Value) -> Bool? {
      var value = value
      while let op = value.definingOp, op.opcode == .cast, op.operands[0].type.isInteger, Self.holdsThreads(value.type) { value = op.operands[0] }
      if let threadX, value === threadX { return true }
      if let op = value.definingOp, op.opcode == .load, op.operands[0] === counter { return false }
      return nil
    }
    func fixed(_ value: Value) -> Bool { value.type.isInteger && Self.holdsThreads(value.type) && !defined.contains(ObjectIdentifier(value)) }
    let (a, b) = (compare.operands[0], compare.operands[1])
    switch predicate {
    case "lt" where fixed(b) && index(a) != nil:
      (bound, isThreadX) = (.below(b), index(a) == true)
    case "gt" where fixed(a) && index(b) != nil:
      (bound, isThreadX) = (.below(a), index(b) == true)
    case "eq" where fixed(b) && index(a) != nil:
      (bound, isThreadX) = (.equal(b), index(a) == true)
    case "eq" where fixed(a) && index(b) != nil:
      (bound, isThreadX) = (.equal(a), index(b) == true)
    default:
      return nil
    }
    // A compare of signed and unsigned operands is not `<` of the values.
    guard a.type == b.type else { return nil }
    self.counter = counter
    self.threads = threads
  }

  /// Whether an integer type holds every thread index (at most 1024) unchanged.
  private static func holdsThreads(_ type: IRType) -> Bool { (type.integerBits ?? 0) >= 16 }

  /// The values defined inside `loop` (not fixed for the loop).
  private static func definitions(in loop: Operation) -> Set<ObjectIdentifier> {
    var defined: Set<ObjectIdentifier> = []
    for region in loop.regions {
      region.walk { op in op.results.forEach { defined.insert(ObjectIdentifier($0)) } }
    }
    return defined
  }

  /// Sets the loop's range: `thread < hi` in its condition, and returns the ops to put before
  /// it, which compute lo and hi and set `thread = lo`.
  func narrow(_ loop: Operation, blockDimX: Value) -> [Operation] {
    let build = Builder(region: Region(), location: loop.location)
    let threadType = counter.type.pointee ?? .u32
    let zero = build.constant(int: 0, threadType)
    var (low, high): (Value, Value)
    switch bound {
    case let .below(limit):
      // clamp(S, 0, threads), compared in S's type (which holds threads).
      let type = limit.type
      let all = build.value(.cast, [threads], type: type)
      let clamped = build.value(.select, [build.compare(limit, all, "lt"), limit, all], type: type)
      let positive = build.compare(clamped, build.constant(int: 0, type), "gt")
      (low, high) = (zero, build.value(.select, [positive, build.value(.cast, [clamped], type: threadType), zero], type: threadType))
    case let .equal(only):
      // [K, K + 1) where 0 <= K < threads, else empty.
      let type = only.type
      let inside = build.value(
        .and, [build.compare(only, build.constant(int: 0, type), "ge"), build.compare(only, build.value(.cast, [threads], type: type), "lt")],
        type: .bool)
      let first = build.value(.cast, [only], type: threadType)
      low = build.value(.select, [inside, first, zero], type: threadType)
      high = build.value(.select, [inside, build.value(.add, [first, build.constant(int: 1, threadType)], type: threadType), zero], type: threadType)
    }
    if isThreadX {
      let oneDimensional = build.compare(blockDimX, threads, "eq")
      if low !== zero { low = build.value(.select, [oneDimensional, low, zero], type: threadType) }
      high = build.value(.select, [oneDimensional, high, threads], type: threadType)
    }
    build.create(.store, [low, counter])
    loop.regions[0].operations[1].operands[1] = high
    return build.region.operations
  }
}
