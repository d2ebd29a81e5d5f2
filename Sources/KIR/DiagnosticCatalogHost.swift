// Diagnostic IDs of host-code rewriting (KP6xxx): what the host rewriter of the Targets module
// (Sources/Targets/Host) cannot map to CNRT or AscendCL, or maps with a caveat. Every construct it
// leaves as written gets one of these, at the construct's position, and a `/* kport: ... */`
// comment next to it in the output. docs/host-rewriting.md describes the rewriting.

extension DiagnosticID {
  public static let hostNoRule = DiagnosticID(
    code: "KP6001", name: "host-no-rule", effort: .low,
    explanation: "Host code uses a CUDA runtime function, type, enumerator or header for which the target's rule tables (host-runtime, host-types, host-enums, includes) have no rule. The construct is left as written, so the output does not compile until it is replaced by hand; `kport rules --target T` lists what is mapped, and a rule file given with --rules can add a mapping.")
  public static let hostUnsupported = DiagnosticID(
    code: "KP6002", name: "host-unsupported", effort: .medium,
    explanation: "Host code uses a CUDA construct whose rule has status unsupported on this target (for example cudaMemcpyToSymbol: the targets have no device symbols). The construct is left as written; the message quotes the rule's reason, which says what to do instead.")
  public static let hostPartial = DiagnosticID(
    code: "KP6003", name: "host-partial", effort: .low,
    explanation: "A host construct was rewritten by a rule with status partial or deprecated: the output compiles, with the caveat the message quotes from the rule. It is reported once per rule and file, at the first use. Check the behaviour on the target.")
  public static let hostLaunchNotRewritten = DiagnosticID(
    code: "KP6004", name: "host-launch-not-rewritten", effort: .low,
    explanation: "A kernel launch `k<<<...>>>(...)` could not be rewritten: it is spelled inside a macro body, or its configuration could not be split into grid, block, shared memory and stream. Write the launch out in the function body.")
  public static let hostMacro = DiagnosticID(
    code: "KP6005", name: "host-macro", effort: .low,
    explanation: "Host code uses a macro of the CUDA headers that has no meaning on the target (for example `__CUDA_ARCH__` tests or `__launch_bounds__` outside a kernel). It is left as written; remove or replace it.")
  public static let hostRenderFailed = DiagnosticID(
    code: "KP6006", name: "host-render-failed", effort: .low,
    explanation: "A host rule's emit template could not be expanded for this call: it needs an argument the call does not pass, or the call's arguments could not be split. The call is left as written.")
  public static let hostOperandRepeated = DiagnosticID(
    code: "KP6007", name: "host-operand-repeated", effort: .low,
    explanation: "A host rule's template uses an argument twice (aclrtMemcpy passes the byte count as destMax and as count), and the argument looks like it has side effects (`++`, `--`, an assignment). It is now evaluated twice: store it in a variable first.")
  public static let hostOverlap = DiagnosticID(
    code: "KP6008", name: "host-overlap", effort: .none,
    explanation: "Internal: two host records overlap without one containing the other, so one of them could not be rewritten. Please report it with the input file.")

  /// The host-rewriting IDs, in code order; part of `DiagnosticID.all`.
  static let hostIDs: [DiagnosticID] = [
    .hostNoRule, .hostUnsupported, .hostPartial, .hostLaunchNotRewritten, .hostMacro,
    .hostRenderFailed, .hostOperandRepeated, .hostOverlap,
  ]
}
