// Target ops written as the vendors' intrinsics: `bang.memcpy` as `__memcpy` (its strided form as
// the 7-argument `__memcpy`), `bang.vector` as
// `__bang_OP` (targets.md A6, A8), `bang.vector_unary` as `__bang_float2half_rn` / `__bang_half2float`
// (A9); `ascend.data_copy` as `DataCopy` / `DataCopyPad` through a GlobalTensor over the GM
// pointer (the strided form as DataCopyPad with the block count and gaps in DataCopyExtParams), `ascend.vector` as `Add`, `Muls`, ... on LocalTensors, `ascend.vector_unary` as
// `Cast(dst, src, RoundMode::R, n)`, and
// `ascend.pipe_barrier` as `PipeBarrier<PIPE_ALL>()` (targets.md B7, B8, B9). A target op of the
// other target is an error (KP7001).
import KIR

extension FunctionEmitter {
  /// Whether the op's target is the one being emitted; a KP7005 error when it is not.
  private func isOwnTarget(_ op: Operation, bang: Bool) -> Bool {
    guard bang != (context.target == .bang) else { return true }
    error(.emitUnsupportedOp, "'\(op.opcode.name)' is an op of the other target; \(context.target.displayName) cannot express it", at: op.location)
    return false
  }

  /// Writes `bang.memcpy`, `bang.vector` or `bang.vector_unary`.
  func emitBangOp(_ op: Operation) {
    guard isOwnTarget(op, bang: true), let operands = cOperands(op) else { return }
    if op.opcode == .bangMemcpy {
      // __memcpy(dst, src, bytes, dir[, dst_stride, src_stride, segnum])
      var arguments = operands
      arguments.insert(op.attributes["dir"]?.keywordValue ?? "", at: 3)
      writer.line("__memcpy(\(arguments.joined(separator: ", ")));", at: op.location)
    } else {
      let keyword = op.attributes["op"]?.keywordValue ?? ""
      writer.line("__bang_\(keyword)(\(operands.joined(separator: ", ")));", at: op.location)
    }
  }

  /// Writes `ascend.data_copy`, `ascend.vector`, `ascend.vector_unary` or `ascend.pipe_barrier`.
  func emitAscendOp(_ op: Operation) {
    guard isOwnTarget(op, bang: false) else { return }
    if op.opcode == .ascendDataCopy {
      emitDataCopy(op)
    } else if op.opcode == .ascendPipeBarrier {
      writer.line("AscendC::PipeBarrier<PIPE_ALL>();", at: op.location)
    } else if var operands = cOperands(op) {
      let keyword = op.attributes["op"]?.keywordValue ?? ""
      if op.opcode == .ascendVectorUnary, let round = op.attributes["round"]?.keywordValue {
        operands.insert("AscendC::RoundMode::\(round)", at: 2)
      }
      writer.line("AscendC::\(keyword)(\(operands.joined(separator: ", ")));", at: op.location)
    }
  }

  /// The C expressions of the op's operands, in order.
  private func cOperands(_ op: Operation) -> [String]? {
    var texts: [String] = []
    for operand in op.operands {
      guard let text = expression(operand) else { return nil }
      texts.append(text.text)
    }
    return texts
  }

  /// `DataCopy` or `DataCopyPad` between a LocalTensor and a GlobalTensor over the GM pointer.
  private func emitDataCopy(_ op: Operation) {
    let toChip = op.operands[0].type.addressSpace == .shared
    let gmOperand = toChip ? op.operands[1] : op.operands[0]
    let ubOperand = toChip ? op.operands[0] : op.operands[1]
    guard let pointee = gmOperand.type.pointee, let leaf = context.spell(ArrayLayout.leaf(pointee)) else {
      error(.emitUnsupportedType, "\(gmOperand.type) has no \(context.target.displayName) spelling", at: op.location)
      return
    }
    guard let gm = expression(gmOperand), let ub = expression(ubOperand), let count = expression(op.operands[2]) else { return }
    let global = "kport_gm"
    let (destination, source) = toChip ? (ub.text, global) : (global, ub.text)
    writer.line("{", at: op.location)
    writer.indented { inner in
      inner.line("AscendC::GlobalTensor<\(leaf)> \(global);")
      inner.line("\(global).SetGlobalBuffer((__gm__ \(leaf) *)(\(gm.text)));")
      if op.attributes["pad"]?.boolValue == true {
        // The strided form's block count, source and destination strides (gaps); else one block.
        var shape = ["1", "0", "0"]
        if op.operands.count == 6 {
          guard let blocks = expression(op.operands[3]), let sourceGap = expression(op.operands[4]), let destinationGap = expression(op.operands[5])
          else { return }
          shape = ["(uint16_t)(\(blocks.text))", "(uint32_t)(\(sourceGap.text))", "(uint32_t)(\(destinationGap.text))"]
        }
        let parameters = "AscendC::DataCopyExtParams(\(shape[0]), (uint32_t)(\(count.text)) * sizeof(\(leaf)), \(shape[1]), \(shape[2]), 0)"
        let padding = toChip ? ", AscendC::DataCopyPadExtParams<\(leaf)>(false, 0, 0, 0)" : ""
        inner.line("AscendC::DataCopyPad(\(destination), \(source), \(parameters)\(padding));", at: op.location)
      } else {
        inner.line("AscendC::DataCopy(\(destination), \(source), (uint32_t)(\(count.text)));", at: op.location)
      }
    }
    writer.line("}")
  }
}
