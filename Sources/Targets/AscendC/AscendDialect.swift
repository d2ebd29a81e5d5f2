// Ascend C spellings (targets.md PART B, Ascend 910B, dav-2201): `extern "C" __global__
// __aicore__` kernels taking `GM_ADDR` pointers (B2) and typed `__gm__ T *` views of them, scalar
// GM access through `GlobalTensor::GetValue/SetValue` helpers (B6, C) that write each store back
// with `DataCacheCleanAndInvalid` (scalar GM writes land in the core's data cache first), on-chip
// buffers as `TBuf<VECCALC>` tensors of one `TPipe` with scalar `LocalTensor::GetValue/SetValue`
// (B6), `GetBlockIdx()/GetBlockNum()` (B4), `KERNEL_TASK_TYPE_DEFAULT(KERNEL_TYPE_AIV_ONLY)` (B2),
// `AscendC::printf` and `AscendC::Trap()`.
import KIR
import Rules

/// The Ascend C dialect of the kernel emitter.
struct AscendDialect: DeviceDialect {
  var target: TargetKind { .ascendc }

  var reservedNames: Set<String> { ["pipe", "AscendC", "GM_ADDR", "block_idx", "block_num", "kport_gm_load", "kport_gm_store"] }

  var helperQualifier: String { "__aicore__ inline" }

  func pointerSpelling(space: AddressSpace, leaf: String, isConst: Bool) -> String? {
    let pointee = (isConst ? "const " : "") + leaf
    switch space {
    case .global, .constant, .gm: return "__gm__ \(pointee) *"
    case .local: return "\(pointee) *"
    case .shared, .ub: return "AscendC::LocalTensor<\(leaf)>"
    case .generic, .gdram, .nram, .wram, .sram, .l1: return nil
    }
  }

  var taskID: CExpression { CExpression("(uint32_t)AscendC::GetBlockIdx()", .unary) }
  var taskDim: CExpression { CExpression("(uint32_t)AscendC::GetBlockNum()", .unary) }

  func load(_ address: Address, helpers: inout Set<EmitterHelper>) -> CExpression? {
    switch address {
    case let .lvalue(text, _): return text
    case let .pointer(base, index, _, space):
      if space == .local { return BangDialect.lvalue(address) }
      helpers.insert(.ascendGlobalLoad)
      return .call("kport_gm_load", [base, index ?? .integer(0)])
    case let .tensor(base, index, _):
      return CExpression("\(base.operand(.postfix)).GetValue(\((index ?? .integer(0)).text))", .postfix)
    }
  }

  func store(_ value: CExpression, at address: Address, helpers: inout Set<EmitterHelper>) -> String? {
    switch address {
    case let .lvalue(text, _): return "\(text.text) = \(value.operand(.assignment))"
    case let .pointer(base, index, _, space):
      if space == .local, let target = BangDialect.lvalue(address) {
        return "\(target.text) = \(value.operand(.assignment))"
      }
      helpers.insert(.ascendGlobalStore)
      return CExpression.call("kport_gm_store", [base, index ?? .integer(0), value]).text
    case let .tensor(base, index, _):
      return "\(base.operand(.postfix)).SetValue(\((index ?? .integer(0)).text), \(value.text))"
    }
  }

  /// Declares the kernel's `TPipe` once.
  private func ensurePipe(_ setup: inout KernelSetup) {
    if setup.hasPipe { return }
    setup.lines.append("AscendC::TPipe pipe;")
    setup.hasPipe = true
  }

  func buffer(name: String, leaf: String, count: Int, pointee: IRType, setup: inout KernelSetup) -> Address {
    ensurePipe(&setup)
    setup.lines.append("AscendC::TBuf<AscendC::TPosition::VECCALC> \(name)_buf;")
    setup.lines.append("pipe.InitBuffer(\(name)_buf, \(count) * sizeof(\(leaf)));")
    setup.lines.append("AscendC::LocalTensor<\(leaf)> \(name) = \(name)_buf.Get<\(leaf)>();")
    return .tensor(base: CExpression(name), index: nil, pointee: pointee)
  }

  func scratchTensor(name: String, leaf: String, setup: inout KernelSetup) -> String? {
    guard setup.isKernel else { return nil }
    if let existing = setup.scratchTensors[leaf] { return existing }
    ensurePipe(&setup)
    // One 32-byte block: the UB allocation granule (B6 InitBuffer rounds up to 32 B).
    setup.lines.append("AscendC::TBuf<AscendC::TPosition::VECCALC> \(name)_buf;")
    setup.lines.append("pipe.InitBuffer(\(name)_buf, 32);")
    setup.lines.append("AscendC::LocalTensor<\(leaf)> \(name) = \(name)_buf.Get<\(leaf)>();")
    setup.scratchTensors[leaf] = name
    return name
  }

  func scratchScalar(name: String, leaf: String) -> String { "\(leaf) \(name);" }

  func kernelHeader(name: String, parameters: [EmittedParameter], names: inout NameTable)
    -> (signature: String, prologue: [String])
  {
    var list: [String] = []
    var prologue = ["KERNEL_TASK_TYPE_DEFAULT(KERNEL_TYPE_AIV_ONLY);"]
    for parameter in parameters {
      if case .pointer = parameter.type {
        // B2: kernel pointers arrive as GM_ADDR (`__gm__ uint8_t *`); a typed view keeps the name.
        let raw = names.fresh(parameter.name + "_gm", fallback: "arg_gm")
        list.append("GM_ADDR \(raw)")
        prologue.append("\(BangDialect.declare(parameter.spelling, parameter.name)) = (\(parameter.spelling))\(raw);")
      } else {
        list.append(BangDialect.declare(parameter.spelling, parameter.name))
      }
    }
    return ("extern \"C\" __global__ __aicore__ void \(name)(\(list.joined(separator: ", ")))", prologue)
  }

  func deviceFunctionHeader(name: String, result: String, parameters: [EmittedParameter]) -> String {
    let list = parameters.map { BangDialect.declare($0.spelling, $0.name) }.joined(separator: ", ")
    return "__aicore__ inline \(result) \(name)(\(list))"
  }

  func printf(format: String, arguments: [CExpression]) -> String {
    (["AscendC::printf(" + cStringLiteral(format)] + arguments.map(\.text)).joined(separator: ", ") + ")"
  }

  func trap(message: String, file: String, line: Int, function: String) -> String {
    "AscendC::Trap()"
  }
}
