// Diagnostic IDs of the kernel emitters (KP70xx): SPMD-level KIR that the BANG C or Ascend C
// emitter cannot write as device code. docs/emitters.md describes what each emitter supports.

extension DiagnosticID {
  public static let emitUnsupportedType = DiagnosticID(
    code: "KP7001", name: "emit-unsupported-type", effort: .medium,
    explanation: "A type has no spelling in the target language where it is used: a pointer to an array held in a variable, a struct or vector in an on-chip buffer on Ascend C (UB tensors hold scalars), or a pointer into an unknown (generic) address space on Ascend C. Rewrite the data structure with scalar arrays and indices.")
  public static let emitUntraceableSharedPointer = DiagnosticID(
    code: "KP7002", name: "emit-untraceable-shared-pointer", effort: .medium,
    explanation: "On Ascend C, on-chip (UB) memory is reached only through a LocalTensor and an element index, so every pointer into former `__shared__` memory must be traced back to its buffer. This pointer comes from an integer, from another address space, from memory other than a local variable, or is compared or subtracted with a pointer into another buffer. Index the shared array directly instead.")
  public static let emitDeviceGlobal = DiagnosticID(
    code: "KP7003", name: "emit-device-global", effort: .medium,
    explanation: "The kernel uses a module-level `__device__` or `__constant__` variable. Neither target documents file-scope variables in off-chip memory (targets.md A2, B2), so the emitters do not declare them. Allocate the data on the host and pass a pointer to it as a kernel parameter.")
  public static let emitAtomicResultUnavailable = DiagnosticID(
    code: "KP7004", name: "emit-atomic-result-unavailable", effort: .high,
    explanation: "The atomic's rule lowers it to a statement that does not return the old value (on Ascend 910B a global atomic is an atomic DMA from UB, targets.md B10), but the kernel uses the old value. Restructure the kernel so that the result of the atomic is not needed, or compute it another way.")
  public static let emitUnsupportedOp = DiagnosticID(
    code: "KP7005", name: "emit-unsupported-op", effort: .medium,
    explanation: "The op cannot be emitted as device code: it belongs to the SIMT level (thread indices, barriers, warp operations) and should have been removed by simt-to-spmd, or it is a construct the emitter does not write (a struct initializer on a module global, say). The message names the op.")
  public static let emitUnsupportedMemoryAccess = DiagnosticID(
    code: "KP7006", name: "emit-unsupported-memory-access", effort: .medium,
    explanation: "A memory access has no form on the target: a member of a struct in an Ascend C on-chip buffer, a pointer into on-chip memory stored into memory, or an on-chip buffer outside a kernel on Ascend C (buffers come from the kernel's TPipe). Keep on-chip data in arrays of scalars indexed from the kernel.")
  public static let emitMissingRule = DiagnosticID(
    code: "KP7007", name: "emit-missing-rule", effort: .medium,
    explanation: "No rule of the target's rule tables matches this math function, atomic, fence or special register, so the emitter has no spelling for it. Add a rule with --rules (docs/rules.md), or rewrite the construct.")

  /// The emitter IDs, in code order; part of `DiagnosticID.all`.
  static let emitIDs: [DiagnosticID] = [
    .emitUnsupportedType, .emitUntraceableSharedPointer, .emitDeviceGlobal,
    .emitAtomicResultUnavailable, .emitUnsupportedOp, .emitUnsupportedMemoryAccess, .emitMissingRule,
  ]
}
