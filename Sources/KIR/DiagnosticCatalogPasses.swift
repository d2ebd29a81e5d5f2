// Diagnostic IDs of the pass pipeline, the lowering passes and the back ends (KP3xxx).

extension DiagnosticID {
  public static let badPipeline = DiagnosticID(
    code: "KP3001", name: "bad-pipeline", effort: .none,
    explanation: "A `--pipeline` string does not parse or names an unknown pass, an unknown option, or a bad option value. The message gives the column and the nearest valid name; `kport passes` lists every pass and its options, and `--dump-pipeline` prints a pipeline with every option spelled out.")
  public static let passBrokeIR = DiagnosticID(
    code: "KP3002", name: "pass-broke-ir", effort: .none,
    explanation: "Internal error: after a pass, the IR no longer verifies (`--verify-each`, on by default). This is a bug in kport, not in the input; the notes list the verifier's findings. Please report it with the input file and the pipeline.")
  public static let recursionNotInlined = DiagnosticID(
    code: "KP3003", name: "recursion-not-inlined", effort: .medium,
    explanation: "The `inline` pass left a call in place because the callee reaches itself through calls. The targets have no call stack for device code; rewrite the recursion as a loop.")

  /// The pass and back-end IDs, in code order; part of `DiagnosticID.all`.
  static let passIDs: [DiagnosticID] = [.badPipeline, .passBrokeIR, .recursionNotInlined]
}

extension DiagnosticID {
  public static let barrierUnderDivergence = DiagnosticID(
    code: "KP3010", name: "barrier-under-divergence", effort: .medium,
    explanation: "A `__syncthreads()` sits under control flow that depends on the thread (a condition or loop bound computed from threadIdx, a value loaded per thread, a `break` or early `return` of some threads). CUDA requires every thread of the block to reach the same barrier; `simt-to-spmd` splits the block's threads into loops at each barrier and can do so only where all threads take the same path. Move the barrier out of the condition, or make the condition the same for the whole block.")
  public static let onChipCapacity = DiagnosticID(
    code: "KP3011", name: "on-chip-capacity", effort: .high,
    explanation: "The kernel's per-core buffers (its `__shared__` memory, the dynamic shared memory bound, and the per-thread arrays that keep values across barriers) do not fit the target's on-chip memory (NRAM on MLU, UB on Ascend) after the compiler reserve. Shrink the block (`__launch_bounds__` or `--max-threads`), the shared arrays or the dynamic shared memory bound (`simt-to-spmd{max-dynamic-shared=...}`).")
  public static let cannotLowerSIMT = DiagnosticID(
    code: "KP3012", name: "cannot-lower-simt", effort: .high,
    explanation: "`simt-to-spmd` cannot lower this SIMT construct yet (a warp vote or ballot, `__syncthreads_count/and/or`, a warp shuffle in a loop whose trip count depends on the thread, a value-producing conditional that holds a shuffle, or a call that holds a barrier). The kernel is not ported; rewrite the construct, for example a vote as a shared-memory flag and a barrier.")

  public static let fastPortApplied = DiagnosticID(
    code: "KP3020", name: "fast-port-applied", effort: .none,
    explanation: "A remark (shown with `--remarks`): tile-global-access moved a thread loop's global data by DMA of whole tiles, or vectorize turned an element loop's work into vector instructions (docs/fast-ports.md). Nothing to do.")
  public static let keptScalar = DiagnosticID(
    code: "KP3021", name: "kept-scalar", effort: .medium,
    explanation: "A remark (shown with `--remarks`): a thread loop or an element loop stays in its scalar form, which is correct but slower, and the message says why (docs/fast-ports.md lists the shapes the passes take). Reshaping the kernel that way (one element per thread at `blockIdx.x * blockDim.x + threadIdx.x`, straight-line work, loads before stores, f32/f16 arithmetic) lets the passes port it fast.")

  /// The IDs of `simt-to-spmd`, `tile-global-access` and `vectorize`.
  static let loweringIDs: [DiagnosticID] = [.barrierUnderDivergence, .onChipCapacity, .cannotLowerSIMT, .fastPortApplied, .keptScalar]
}
