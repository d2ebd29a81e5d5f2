// split-thread-loops: a thread loop whose code is a grid-stride elementwise loop followed by
// more work (the scalar tail of a vectorised kernel: `if (gid == 0 && (n & 1)) y[n - 1] = ...`)
// becomes two thread loops, the first ending with the grid-stride loop, so that
// tile-global-access can tile it (ElementwiseLoop wants that loop at the end of the thread's
// code).
//
//   for (t = 0; t < threads; t++) { P; i = start; for (; i < n; i += S) { W }  R }
//   →  for (t = 0; t < threads; t++) { P; i = start; for (; i < n; i += S) { W } }
//      for (t = 0; t < threads; t++) { P'; R }                       P' a copy of P
//
// Threads of a block with no barrier between them may run in any interleaving in CUDA, each in
// its own program order; every thread running its W before any runs its R is one of them (a
// thread loop holds no barrier). What the split must keep is each thread's own values: P is
// pure ops over the thread's indices (copied for R), and R reads nothing the loop computes nor
// any local variable it writes (its index). W must be an elementwise loop's work
// (ElementwiseLoop: loads and stores at the element's index and pure ops; no atomics, calls or
// inner loops), so no thread waits in W for another thread's R.

import KIR

/// Thread loops whose grid-stride elementwise loop is followed by more work split after it.
public struct SplitThreadLoops: Pass {
  public static let info = PassInfo(
    name: "split-thread-loops", group: .lowering,
    summary: "A thread loop whose grid-stride elementwise loop is followed by more work becomes two thread loops, the first ending with that loop.",
    options: [])

  public init(options: PassOptions) {}

  public func run(on module: Module, context: PassContext) {
    for function in module.loweredKernels where function.declaredLevel == .spmd {
      guard let blockDimX = function.launchParameter("block_dim_x"), let blockThreads = function.blockThreads else { continue }
      var split = 0
      rewriteOps(in: function.body, where: ElementwiseLoop.isThreadLoop) { loop, path in
        guard ElementwiseLoop.threadBound(of: loop) === blockThreads, ElementwiseLoop.startsAtZero(path),
          let ops = Self.split(loop, blockDimX: blockDimX, context: context)
        else { return nil }
        split += 1
        return ops
      }
      if split > 0 { context.count("thread loops split", split) }
    }
  }

  /// The two loops (and the counter reset between them) `loop` splits into, or nil.
  static func split(_ loop: Operation, blockDimX: Value, context: PassContext) -> [Operation]? {
    let body = loop.regions[1].operations
    guard let counter = loop.regions[0].operations.first?.operands.first,
      let (first, position) = ElementwiseLoop.leadingGridStride(of: loop), position + 1 < body.count,
      (try? ElementwiseLoop(first, blockDimX: blockDimX)) != nil
    else { return nil }
    let prelude = Array(body[..<(position - 1)])
    let head = first.regions[1].operations
    let tail = Array(body[(position + 1)...])

    // R uses nothing the loop defines and no local the loop (or its index's initial store) writes.
    var written: Set<ObjectIdentifier> = []
    var definedInLoop: Set<ObjectIdentifier> = []
    for op in head[(position - 1)...] {
      _ = op.contains { inner in
        if inner.opcode == .store, inner.operands[1].type.addressSpace == .local { written.insert(ObjectIdentifier(inner.operands[1])) }
        inner.results.forEach { definedInLoop.insert(ObjectIdentifier($0)) }
        return false
      }
    }
    guard !Region(operations: tail).contains(where: { op in
      op.operands.contains { written.contains(ObjectIdentifier($0)) || definedInLoop.contains(ObjectIdentifier($0)) }
    }) else { return nil }

    let second = ElementwiseLoop.threadLoop(like: loop, prelude: prelude, tail: tail)
    context.report(
      .remark(
        .fastPortApplied, "split: the work after the grid-stride loop runs in a thread loop of its own, so that the loop can be tiled",
        at: tail.first?.location ?? loop.location))
    return [first] + ElementwiseLoop.counterReset(counter, location: loop.location) + [second]
  }
}
