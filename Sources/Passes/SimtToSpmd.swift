// simt-to-spmd: CUDA's blocks and threads become the targets' tasks and loops (docs/spmd.md).
//
// Invariants. Before: a verified SIMT-level module whose kernels call no device function that
// synchronises (run `inline` first). After, for each kernel it lowered: no SIMT-level op (the
// kernel has the attribute `level = spmd` and verifies at that level); blocks are distributed
// over tasks by a loop that starts at `spmd.task_id` and steps by `spmd.task_dim`; threads run in
// loops split at every barrier; `__shared__` variables are `spmd.buffer`s; six `u32` launch
// parameters (grid, then block, x y z) follow the original ones; the attribute `max_threads`
// bounds the block size the per-thread arrays hold, and the kernel traps when a launch exceeds
// it. A kernel it cannot lower keeps its SIMT form, and the pass reports why (KP3010-KP3012).
//
// Before:
//   kernel @k(%p: ptr<global, f32>) {
//     %t = cuda.thread_id x : u32
//     %q = mem.offset %p, %t : ptr<global, f32>
//     mem.store %c, %q
//   }
// After (abridged):
//   kernel @k(%p: ptr<global, f32>, %grid_dim_x: u32 {launch = true}, ...) {level = spmd, ...} {
//     %task = spmd.task_id : u32
//     scf.loop { ... block < blocks ... } do {            // the block loop
//       scf.loop { ... thread < threads ... } do {        // one thread loop
//         %thread_x = arith.rem %thread, %block_dim_x : u32
//         %q = mem.offset %p, %thread_x : ptr<global, f32>
//         mem.store %c, %q
//       } step { ... }
//     } step { ... block += tasks ... }
//   }

import KIR

/// Lowers SIMT kernels to the SPMD level.
public struct SimtToSpmd: Pass {
  public static let info = PassInfo(
    name: "simt-to-spmd", group: .lowering,
    summary: "Blocks become task loops, threads become loops split at barriers, shared memory becomes on-chip buffers.",
    options: [
      PassOptionInfo(
        "target", .choice(["none", "bang", "ascendc"]), default: "none",
        "Check the on-chip buffers against this target's capacity (none: no check)."),
      PassOptionInfo(
        "max-threads", .int(range: 0...1024), default: "0",
        "Threads per block the per-thread arrays hold (0: __launch_bounds__, else 1024)."),
      PassOptionInfo(
        "max-dynamic-shared", .int(range: 0...(1 << 20)), default: "49152",
        "Bytes reserved for `extern __shared__` memory."),
    ])

  /// On-chip bytes per target after the compiler reserve (targets.md A5, B5; TargetInfo).
  static let capacities: [String: (bytes: Int, what: String)] = [
    "bang": (655_360, "the NRAM of MLU370 (768 KB minus the 128 KB compiler reserve)"),
    "ascendc": (188_160, "the UB of Ascend 910B (192 KB minus 256 B and the 8 KB API reserve)"),
  ]

  let target: String
  let maxThreads: Int
  let maxDynamicShared: Int

  public init(options: PassOptions) {
    target = options.choice("target")
    maxThreads = Int(options.int("max-threads"))
    maxDynamicShared = Int(options.int("max-dynamic-shared"))
  }

  public func run(on module: Module, context: PassContext) {
    for function in module.functions where function.kind == .kernel && function.declaredLevel == nil {
      var lowering = KernelLowering(
        function: function, module: module, context: context,
        maxThreads: threadBound(for: function), maxDynamicShared: maxDynamicShared,
        capacity: Self.capacities[target])
      lowering.run()
    }
  }

  private func threadBound(for function: Function) -> Int {
    if maxThreads > 0 { return maxThreads }
    if let bound = function.attributes["launch_bounds"]?.arrayValue?.first?.intValue, bound > 0 {
      return Int(min(bound, 1024))
    }
    return 1024
  }
}
