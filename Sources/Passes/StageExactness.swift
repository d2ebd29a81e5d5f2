// stage-global-access's windows are computed in 64-bit arithmetic from the thread-affine form of
// each index and guard; the IR computes them in their own integer types. Where a step may wrap
// or truncate (AffineExactness.swift) the staged loop runs only in blocks where the checks hold,
// and the loop as it was elsewhere:
//
//   exact = the checks at the ends of the thread's range (computed before the loop)
//   scf.if (exact) { DMA in; the staged loop; DMA out } else { the loop as it was }
//
// A loop split into the block's rows (ThreadRows.swift) decides once per block, since a plane's
// DMA is shared by its rows (RowStrides.swift): a loop over the rows computes every row's checks
// first (once, where they do not depend on the row), and the row loop runs staged only when all
// hold.
//
// `int i = blockIdx.x * blockDim.x + threadIdx.x` is an unsigned sum cast to int: exact where
// blockIdx.x * blockDim.x + blockDim.x − 1 < 2^31, which every launch that indexes fewer than
// 2^31 elements meets.

import KIR

/// A staged thread loop: the ops replacing it, a copy of it as it was (when the checks need one
/// and the caller has none), and the checks under which the staged form is exact.
struct StagedLoop {
  let ops: [Operation]
  let original: Operation?
  /// The ops computing the checks (before the loop) and their result; nil when none is needed.
  let exactness: (ops: [Operation], holds: Value)?
}

extension GlobalStager {
  /// Records in `access` the checks under which its index and guards are exact, or marks it
  /// inexact when a step has no check.
  func checkExactness(of access: inout Access, threadX: Value, blockDimX: Value, isOutside: @escaping (Value) -> Bool) {
    guard access.index != nil else { return }
    var thread = AffineExactness(threadX: threadX, isOutside: isOutside)
    var exact = (access.range?.comparisons ?? []).allSatisfy { thread.condition($0) }
    if let loop = access.strided {
      var variable = AffineExactness(isThread: loop.isIndex, isOutside: isOutside, isSmallThread: false)
      exact = exact && variable.index(access.offset.operands[1]) && thread.index(loop.startValue)
      access.variableChecks = variable.checks
      if let step = loop.lastStepCheck(blockDimX: blockDimX) { access.threadChecks.append(step) }
    } else {
      exact = exact && thread.index(access.offset.operands[1])
    }
    access.threadChecks += thread.checks
    access.inexact = !exact
  }

  /// Whether a value computed before the loop for `access`'s window (its index's terms, its
  /// guards' bounds and block-uniform conditions, a strided loop's start and bound) goes through
  /// an integer division or remainder by a value that may be 0 or −1 which the thread's code
  /// computes only under a condition (`if (blockIdx.x > 0) y[i] = b[n / blockIdx.x]`): computed
  /// for every block, it would trap where CUDA does not.
  /// `unconditional`: the results of the ops every thread runs (the loop body's top level),
  /// which trap in CUDA too.
  static func hoistsTrap(_ access: Access, unconditional: Set<ObjectIdentifier>, isOutside: (Value) -> Bool) -> Bool {
    var values: [Value] = []
    if let index = access.index { values += index.terms + index.minus }
    if let range = access.range {
      for bound in range.lows + range.highs + range.exclusions { values += bound.plus + bound.minus }
      values += range.uniform.map(\.value)
    }
    if let loop = access.strided { values += loop.start.terms + loop.start.minus + [loop.bound] }
    func divides(_ op: Operation) -> Bool {
      guard op.opcode == .div || op.opcode == .rem, op.results.first?.type.isInteger == true else { return false }
      let divisor = op.operands[1].definingOp.flatMap { $0.opcode == .constant ? $0.attributes["value"]?.intValue : nil }
      return divisor == nil || divisor == 0 || divisor == -1
    }
    func traps(_ value: Value, depth: Int) -> Bool {
      guard !isOutside(value), let op = value.definingOp else { return false }
      guard depth < 32 else { return true }
      if divides(op), !unconditional.contains(ObjectIdentifier(value)) { return true }
      var inner = false
      for region in op.regions { region.walk { if divides($0) { inner = true } } }
      return inner || op.operands.contains { traps($0, depth: depth + 1) }
    }
    return values.contains { traps($0, depth: 0) }
  }

  /// The ops computing the staged accesses' checks, and their result; nil when none is needed.
  func exactness(of accesses: [Access], blockDimX: Value, inside: Set<ObjectIdentifier>, location: Location) -> (ops: [Operation], holds: Value)? {
    guard accesses.contains(where: { !$0.threadChecks.isEmpty || !$0.variableChecks.isEmpty }) else { return nil }
    let build = Builder(region: Region(), location: location)
    var hoister = Hoister(build: build, inside: inside)
    var exact: Value?
    func require(_ condition: Value?) {
      guard let condition else { return }
      exact = exact.map { build.value(.and, [$0, condition], type: .bool) } ?? condition
    }
    require(AffineExactness.holdsForThreadX(accesses.flatMap(\.threadChecks), blockDimX: blockDimX, hoister: &hoister))
    for access in accesses {
      if let loop = access.strided, !access.variableChecks.isEmpty {
        let first = hoister.sum(loop.start.terms, minus: loop.start.minus, loop.start.constant)
        let last = build.value(.sub, [hoister.wide(loop.bound), build.constant(int: 1, .i64)], type: .i64)
        require(AffineExactness.holds(access.variableChecks, first: first, last: last, threadFromZero: false, hoister: &hoister))
      }
    }
    guard let exact else { return nil }
    return (build.region.operations, exact)
  }

  /// The staged loop under its checks, the loop as it was (`fallback`) where they fail.
  func versioned(_ staged: StagedLoop) -> [Operation] {
    guard let (checks, holds) = staged.exactness, let original = staged.original else { return staged.ops }
    return Self.choose(checks, holds, staged: staged.ops, original: original)
  }

  /// `checks; if (holds) { staged } else { original, marked fallback }`.
  private static func choose(_ checks: [Operation], _ holds: Value, staged: [Operation], original: Operation) -> [Operation] {
    original.attributes["fallback"] = .bool(true)
    let build = Builder(region: Region(operations: checks), location: original.location)
    build.create(.if, [holds], regions: [Region(operations: staged), Region(operations: [original])])
    return build.region.operations
  }

  /// The row loop around `staged` (the staged loop over one row's threads) where every row's
  /// checks hold, `original` (the thread loop over the whole block, as it was) elsewhere.
  func versionedRows(_ staged: StagedLoop, rows: ThreadRows, original: Operation) -> [Operation] {
    let rowLoop = rows.assemble(replacing: staged.ops)
    guard let (checks, holds) = staged.exactness else { return rowLoop }
    // The same checks for every row: computed once.
    if !rows.dependsOnRow(checks, holds) { return Self.choose(checks, holds, staged: rowLoop, original: original) }
    let location = original.location
    let flag = Operation(.alloca, resultTypes: [.pointer(space: .local, pointee: .bool)], resultNames: ["rows_exact"], location: location)
    entryOps.append(flag)
    let build = Builder(region: Region(), location: location)
    build.create(.store, [build.constant(int: 1, .bool), flag.results[0]])
    build.region.operations += rows.everyRow(checks, holds: holds, flag: flag.results[0])
    let all = build.value(.load, [flag.results[0]], type: .bool)
    return Self.choose(build.region.operations, all, staged: rowLoop, original: original)
  }
}
