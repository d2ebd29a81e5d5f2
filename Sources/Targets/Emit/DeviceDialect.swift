// The target-specific half of the emitters: spellings of pointers, task indices, scalar memory
// access, on-chip buffers, kernel and device-function headers, and the fallbacks for printf and
// trap. BANG/BangDialect.swift and AscendC/AscendDialect.swift implement it.
import KIR
import Rules

/// A kernel or device-function parameter as the dialect sees it.
struct EmittedParameter {
  var name: String
  var type: IRType
  /// The C spelling of `type` (for pointers, the dialect's pointer spelling).
  var spelling: String
  /// Whether the pointee is const (`const` parameter attribute).
  var isConst: Bool
}

/// The target-specific spellings the shared function emitter asks for.
protocol DeviceDialect {
  var target: TargetKind { get }
  /// Target built-ins and emitter names that C identifiers must not take.
  var reservedNames: Set<String> { get }
  /// The qualifier written before every device helper function.
  var helperQualifier: String { get }
  /// The C type of a pointer into `space` whose leaf element is spelled `leaf`; nil when the
  /// space has no spelling on the target.
  func pointerSpelling(space: AddressSpace, leaf: String, isConst: Bool) -> String?
  /// `taskId` / `GetBlockIdx()`, as a `uint32_t` expression.
  var taskID: CExpression { get }
  /// `taskDim` / `GetBlockNum()`, as a `uint32_t` expression.
  var taskDim: CExpression { get }
  /// Reads the scalar at `address`, or nil when the dialect has no form for it.
  func load(_ address: Address, helpers: inout Set<EmitterHelper>) -> CExpression?
  /// The statement (without `;`) storing `value` at `address`, or nil.
  func store(_ value: CExpression, at address: Address, helpers: inout Set<EmitterHelper>) -> String?
  /// Declaration lines of an on-chip buffer of `count` elements of `leaf` (a kernel's
  /// `spmd.buffer`), and the address that stands for it.
  func buffer(name: String, leaf: String, count: Int, pointee: IRType, setup: inout KernelSetup) -> Address
  /// A one-element on-chip scratch tensor of `leaf` for `$tmp_tensor`; nil when unavailable.
  func scratchTensor(name: String, leaf: String, setup: inout KernelSetup) -> String?
  /// The declaration of a scratch scalar for `$tmp`.
  func scratchScalar(name: String, leaf: String) -> String
  /// The kernel's first line and the statements that start its body.
  func kernelHeader(name: String, parameters: [EmittedParameter], names: inout NameTable)
    -> (signature: String, prologue: [String])
  /// A device function's first line.
  func deviceFunctionHeader(name: String, result: String, parameters: [EmittedParameter]) -> String
  /// The statement for `printf(format, arguments)` when no rule covers `cuda.printf`.
  func printf(format: String, arguments: [CExpression]) -> String
  /// The statement for `__trap()` / a failed assert when no rule covers `cuda.trap`.
  func trap(message: String, file: String, line: Int, function: String) -> String
}

/// Declarations a kernel needs before its body: the TPipe and TBufs on Ascend C, `__nram__`
/// arrays on BANG. Collected while the body is emitted, written at its top.
struct KernelSetup {
  var lines: [String] = []
  /// Whether the Ascend C `TPipe` was declared.
  var hasPipe = false
  /// Scratch tensors by leaf type spelling.
  var scratchTensors: [String: String] = [:]
  /// Whether the function is a kernel (on-chip buffers and scratch tensors need one on Ascend C).
  var isKernel: Bool
}

/// Helper definitions the emitted code calls; each is written once, at the top of the text.
enum EmitterHelper: String, Hashable, Comparable, CaseIterable {
  case bitcast
  case ascendGlobalLoad
  case ascendGlobalStore

  static func < (lhs: EmitterHelper, rhs: EmitterHelper) -> Bool {
    (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
  }
}
