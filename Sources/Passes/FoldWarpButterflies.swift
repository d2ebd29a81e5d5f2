// fold-warp-butterflies: a warp's shuffle tree, `for (m = M; m > 0; m >>= 1) v += __shfl_xor_sync(
// full, v, m)` (or `__shfl_down_sync`), computed once per group of 2M lanes instead of lane by lane.
//
// xor: every lane of each group of 2M lanes ends with the same value. At level m lanes i and
// i ^ m add the same two values (in either order: IEEE addition is commutative), so after the
// last level the group's lanes agree, and the value is the halving tree
//
//   h[j] = v[j] + v[j + M] (j < M);  then h[j] = h[j] + h[j + m] (j < m) for m = M/2, ..., 1;  h[0]
//
// down: lane j < m of a group adds lane j + m at level m, so lane 0 ends with the same tree h[0];
// the other lanes end with partial sums. Where nothing reads them afterwards (StaleLanes:
// `if (lane == 0) scratch[warp] = v`, then `v` written again) the fold stores h[0] to lane 0 only
// and leaves the other lanes' slots as they were. Elsewhere it computes every lane's value, level
// by level in place over each segment of W lanes (the shuffle's width): lane j adds lane j + m,
// or itself past the segment, in increasing j, so lane j + m is read before it is written.
//
// simt-to-spmd runs each level as two loops over the block's threads (store every value in a
// lanes array, then add the partner's: 2 × 32 × log2(2M) lane steps a warp, each with the source
// lane's arithmetic). The fold, per group (or segment), is straight-line code or one short loop a
// level:
//
//   if (threads % span == 0 [first lane only: ∧ block_dim_x == threads] [flags: ∧ they agree
//       within every span]) {
//     for (base = 0; base < threads; base += span) [if (ACTIVE[base])] { the fold over V[base ..] }
//   } else { the loop as it was }
//
// ACTIVE: trees run by some threads only (`if (warp == 0)`, the warps that did not return) are
// matched with their per-thread flags (WarpButterfly).
//
// What the second loop reads must be the partner: its source-lane arithmetic (however
// simt-to-spmd writes it) is evaluated for every thread, every level and every block size the
// guard allows (multiples of the span up to `max_threads`), and must give t ^ m for every lane
// (xor), t + m for the lanes j < m whose sums lane 0 adds (down), and `t % W + m < W ? t + m : t`
// for every lane (down, every lane). The lanes array must be the loop's own (used nowhere else),
// since the fold leaves other values in it.

import KIR

/// Warp xor butterflies become one tree per group of lanes.
public struct FoldWarpButterflies: Pass {
  public static let info = PassInfo(
    name: "fold-warp-butterflies", group: .lowering,
    summary: "A warp's shuffle tree is computed once per group of lanes (xor: the sum to every lane; down: to lane 0 where the other lanes are not read after, else every lane's value in place).",
    options: [])

  public init(options: PassOptions) {}

  public func run(on module: Module, context: PassContext) {
    for function in module.loweredKernels {
      guard let blockThreads = function.blockThreads else { continue }
      let maxThreads = Int(function.attributes["max_threads"]?.intValue ?? 1024)
      let blockDims = ["block_dim_x", "block_dim_y", "block_dim_z"].compactMap(function.launchParameter)
      var folded = 0
      var locals: [Operation] = []
      rewriteOps(in: function.body, where: { $0.opcode == .loop && !ElementwiseLoop.isThreadLoop($0) }) { loop, path in
        guard let position = path.last,
          let butterfly = WarpButterfly(loop, at: position.index, in: position.region, blockThreads: blockThreads, maxThreads: maxThreads),
          Self.ownsLanes(butterfly, loop, in: function)
        else { return nil }
        let form: WarpButterfly.Form
        switch butterfly.kind {
        case .xor:
          form = .broadcast
          context.report(
            .remark(.fastPortApplied, "warp butterfly over groups of \(butterfly.group) lanes computed once per group (\(butterfly.group - 1) adds) and broadcast", at: loop.location))
        case let .down(width):
          let stale = StaleLanes(group: butterfly.group, threads: butterfly.threads, blockDims: blockDims, maxThreads: maxThreads, kernel: function.body)
          if blockDims.count == 3, stale.neverRead(butterfly.values, after: path) {
            form = .firstLane
            context.report(
              .remark(.fastPortApplied, "warp shuffle-down tree over groups of \(butterfly.group) lanes computed once per group (\(butterfly.group - 1) adds) into lane 0, whose value alone is read after it", at: loop.location))
          } else if let width {
            form = .everyLane(width: width)
            context.report(
              .remark(.fastPortApplied, "warp shuffle-down tree over \(width)-lane segments computed lane by lane in place (\(width * butterfly.levels) adds a segment): lanes other than the first may be read after it", at: loop.location))
          } else {
            context.report(.remark(.keptScalar, "kept scalar: the shuffle-down tree's lanes other than the first of each group of \(butterfly.group) may be read after it, and their sources are not those of a shuffle of width 2 to 32", at: loop.location))
            return nil
          }
        }
        folded += 1
        let (ops, made) = butterfly.lower(loop, form: form, blockDimX: blockDims.first)
        locals += made
        return ops
      }
      function.body.operations.insert(contentsOf: locals, at: 0)
      if folded > 0 { context.count("warp butterflies folded", folded) }
    }
  }

  /// Whether the butterfly's lanes array is used only inside `loop` (the tree leaves other
  /// values in it).
  private static func ownsLanes(_ butterfly: WarpButterfly, _ loop: Operation, in function: Function) -> Bool {
    !function.body.contains { op in op !== loop && op.operands.contains { $0 === butterfly.lanes } && !loop.contains { $0 === op } }
  }
}
