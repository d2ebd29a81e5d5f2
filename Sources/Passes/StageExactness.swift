// stage-global-access's windows are computed in 64-bit arithmetic from the thread-affine form of
// each index and guard; the IR computes them in their own integer types. Where a step may wrap
// or truncate (AffineExactness.swift) the staged loop runs only in blocks where the checks hold,
// and the loop as it was elsewhere:
//
//   exact = the checks at the ends of the thread's range (computed before the loop)
//   scf.if (exact) { DMA in; the staged loop; DMA out } else { the loop as it was }
//
// `int i = blockIdx.x * blockDim.x + threadIdx.x` is an unsigned sum cast to int: exact where
// blockIdx.x * blockDim.x + blockDim.x − 1 < 2^31, which every launch that indexes fewer than
// 2^31 elements meets.

import KIR

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
      if let limit = loop.stepLimit {
        // The last step, from bound − 1, does not wrap.
        let step = ThreadAffine(terms: [loop.bound, blockDimX], constant: -1, wraps: false)
        access.threadChecks.append(AffineExactness.Check(affine: step, hasThread: false, min: nil, max: limit))
      }
    } else {
      exact = exact && thread.index(access.offset.operands[1])
    }
    access.threadChecks += thread.checks
    access.inexact = !exact
  }

  /// `staged` (the ops replacing the loop) under the staged accesses' checks, `original` (a copy
  /// of the loop as it was) where they fail; `staged` alone when nothing needs checking.
  func versioned(_ staged: [Operation], original: Operation, accesses: [Access], blockDimX: Value, inside: Set<ObjectIdentifier>) -> [Operation] {
    guard accesses.contains(where: { !$0.threadChecks.isEmpty || !$0.variableChecks.isEmpty }), let location = staged.first?.location
    else { return staged }
    let build = Builder(region: Region(), location: location)
    var hoister = Hoister(build: build, inside: inside)
    var exact: Value?
    func require(_ condition: Value?) {
      guard let condition else { return }
      exact = exact.map { build.value(.and, [$0, condition], type: .bool) } ?? condition
    }
    let lastThread = build.value(.sub, [hoister.wide(blockDimX), build.constant(int: 1, .i64)], type: .i64)
    let threadChecks = accesses.flatMap(\.threadChecks)
    require(AffineExactness.holds(threadChecks, first: build.constant(int: 0, .i64), last: lastThread, threadFromZero: true, hoister: &hoister))
    for access in accesses {
      if let loop = access.strided, !access.variableChecks.isEmpty {
        let first = hoister.sum(loop.start.terms, minus: loop.start.minus, loop.start.constant)
        let last = build.value(.sub, [hoister.wide(loop.bound), build.constant(int: 1, .i64)], type: .i64)
        require(AffineExactness.holds(access.variableChecks, first: first, last: last, threadFromZero: false, hoister: &hoister))
      }
    }
    guard let exact else { return staged }
    original.attributes["fallback"] = .bool(true)
    build.create(.if, [exact], regions: [Region(operations: staged), Region(operations: [original])])
    return build.region.operations
  }
}
