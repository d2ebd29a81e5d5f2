// BANG C spellings (targets.md PART A): `__mlu_global__` kernels and `__mlu_func__` device
// functions, raw GDRAM pointers dereferenced directly (scalar GDRAM access is legal, C), on-chip
// buffers as `__nram__` arrays in the kernel (A2, A5), `taskId`/`taskDim` (A3), `__bang_printf`
// (A2) and `__assert_fail` for traps (A2).
import KIR
import Rules

/// The BANG C dialect of the kernel emitter.
struct BangDialect: DeviceDialect {
  var target: TargetKind { .bang }

  var reservedNames: Set<String> {
    [
      "taskId", "taskIdX", "taskIdY", "taskIdZ", "taskDim", "taskDimX", "taskDimY", "taskDimZ",
      "coreId", "coreDim", "clusterId", "clusterDim", "GDRAM2NRAM", "NRAM2GDRAM",
    ]
  }

  var helperQualifier: String { "__mlu_func__" }

  func pointerSpelling(space: AddressSpace, leaf: String, isConst: Bool) -> String? {
    (isConst ? "const " : "") + leaf + " *"
  }

  var taskID: CExpression { CExpression("(uint32_t)taskId", .unary) }
  var taskDim: CExpression { CExpression("(uint32_t)taskDim", .unary) }

  func load(_ address: Address, helpers: inout Set<EmitterHelper>) -> CExpression? {
    BangDialect.lvalue(address)
  }

  func store(_ value: CExpression, at address: Address, helpers: inout Set<EmitterHelper>) -> String? {
    guard let target = BangDialect.lvalue(address) else { return nil }
    return "\(target.text) = \(value.operand(.assignment))"
  }

  /// The C lvalue at a local or raw-pointer address.
  static func lvalue(_ address: Address) -> CExpression? {
    switch address {
    case let .lvalue(text, _): return text
    case let .pointer(base, index, _, _):
      guard let index, index.integerValue != 0 else { return base.prefixed("*") }
      return CExpression("\(base.operand(.postfix))[\(index.text)]", .postfix)
    case .tensor: return nil
    }
  }

  func buffer(name: String, leaf: String, count: Int, pointee: IRType, setup: inout KernelSetup) -> Address {
    setup.lines.append("__nram__ \(leaf) \(name)[\(count)];")
    return .pointer(base: CExpression(name), index: nil, pointee: pointee, space: .shared)
  }

  func scratchTensor(name: String, leaf: String, setup: inout KernelSetup) -> String? {
    if let existing = setup.scratchTensors[leaf] { return existing }
    setup.lines.append("__nram__ \(leaf) \(name)[1];")
    setup.scratchTensors[leaf] = name
    return name
  }

  func scratchScalar(name: String, leaf: String) -> String { "__nram__ \(leaf) \(name);" }

  func kernelHeader(name: String, parameters: [EmittedParameter], names: inout NameTable)
    -> (signature: String, prologue: [String])
  {
    let list = parameters.map { BangDialect.declare($0.spelling, $0.name) }.joined(separator: ", ")
    return ("__mlu_global__ void \(name)(\(list))", [])
  }

  func deviceFunctionHeader(name: String, result: String, parameters: [EmittedParameter]) -> String {
    let list = parameters.map { BangDialect.declare($0.spelling, $0.name) }.joined(separator: ", ")
    return "__mlu_func__ \(result) \(name)(\(list))"
  }

  func printf(format: String, arguments: [CExpression]) -> String {
    (["__bang_printf(" + cStringLiteral(format)] + arguments.map(\.text)).joined(separator: ", ") + ")"
  }

  func trap(message: String, file: String, line: Int, function: String) -> String {
    "__assert_fail(\(cStringLiteral(message)), \(cStringLiteral(file)), \(line), \(cStringLiteral(function)))"
  }

  /// `type name`, with no space after a `*`.
  static func declare(_ spelling: String, _ name: String) -> String {
    spelling.hasSuffix("*") ? spelling + name : spelling + " " + name
  }
}
