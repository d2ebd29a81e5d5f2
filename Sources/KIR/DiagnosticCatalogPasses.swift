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
