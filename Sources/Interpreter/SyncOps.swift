// Barriers: `__syncthreads` and its count/and/or variants, and `__syncwarp`.
//
// A block barrier must be reached by every thread of the block that has not exited; reached
// by only some of them (a barrier under divergent control flow, or in a loop some threads
// left) it is a barrier-divergence finding, located at the barrier and naming the first thread
// that does not arrive. The interpreter then treats it as a barrier for the threads that did.
// Each barrier starts a new interval for the race detector; `__syncwarp` does so for the warps
// it names, and checks that every named, non-exited lane of the warp arrives.

import KIR

/// The flavours of `__syncthreads`.
enum BlockBarrierKind {
  case plain, count, and, or
}

extension FunctionCompiler {
  mutating func compileBlockBarrier(_ op: Operation, _ flavour: BlockBarrierKind) throws -> Step? {
    let meta = self.meta(op, .barrier)
    var predicate: Int?
    var predicateSize = 1
    var result: Int?
    if flavour != .plain {
      let register = try register(op.operands[0], at: op)
      predicate = register
      predicateSize = kinds[register].byteSize
      result = try defineScalarResult(op)
    }
    let name = op.opcode.name
    let body: OpBody = { context in
      context.checkBlockBarrier(meta: meta, name: name)
      guard let predicate, let result else { return }
      let active = context.state.pointee.active
      let values = context.rawRegister(predicate)
      var count: Int32 = 0
      active.forEach { lane in
        if ScalarBits.read(ScalarKind.u8.sized(predicateSize), from: values + lane * predicateSize)
          != 0
        {
          count += 1
        }
      }
      let total = Int32(active.count)
      let answer: Int32
      switch flavour {
      case .plain, .count: answer = count
      case .and: answer = count == total ? 1 : 0
      case .or: answer = count > 0 ? 1 : 0
      }
      context.register(result, as: Int32.self).update(repeating: answer, count: context.lanes)
    }
    return .op(body, meta)
  }

  mutating func compileWarpBarrier(_ op: Operation) throws -> Step? {
    let maskRegister = try register(op.operands[0], at: op)
    let meta = self.meta(op, .barrier)
    let body: OpBody = { context in
      let active = context.state.pointee.active
      let masks = context.register(maskRegister, as: UInt32.self)
      for warp in 0..<context.warpCount {
        let arrived = active.warpBits(warp)
        guard arrived != 0 else { continue }
        let named = masks[warp * 32 + arrived.trailingZeroBitCount]
        let existing = context.allLanes.warpBits(warp)
        let required = named & existing & ~context.state.pointee.exited.warpBits(warp)
        let missing = required & ~arrived
        if missing != 0 && !context.findings.hasError(.barrierDivergence, op: meta.index) {
          let lane = warp * 32 + missing.trailingZeroBitCount
          context.record(
            .barrierDivergence, .error, meta: meta, lane: lane, space: nil, buffer: nil,
            index: nil, size: nil, message: "divergent __syncwarp",
            details: "lanes named by mask 0x\(String(named, radix: 16)) do not all arrive")
        }
        context.startWarpInterval(warp)
        context.profile.barriers[meta.line] &+= 1
      }
    }
    return .op(body, meta)
  }
}

extension ScalarKind {
  /// The unsigned integer kind of `size` bytes (for reading predicates of any width).
  func sized(_ size: Int) -> ScalarKind {
    switch size {
    case 1: return .u8
    case 2: return .u16
    case 4: return .u32
    default: return .u64
    }
  }
}

extension ExecutionContext {
  /// Checks that every non-exited thread arrived at a block barrier, and starts a new interval.
  func checkBlockBarrier(meta: OpMeta, name: String) {
    let active = state.pointee.active
    let required = allLanes - state.pointee.exited
    if active != required, !findings.hasError(.barrierDivergence, op: meta.index),
      let missing = (required - active).first
    {
      record(
        .barrierDivergence, .error, meta: meta, lane: missing, space: nil, buffer: nil, index: nil,
        size: nil,
        message: "divergent barrier: \(name) is not reached by every thread of the block",
        details: "\(active.count) of \(required.count) threads arrive; this thread does not")
    }
    if groupBlocks == 1 {
      profile.barriers[meta.line] &+= 1
    } else {
      // Once per block of the group that is at the barrier.
      for lanes in segmentMasks where !(active & lanes).isEmpty { profile.barriers[meta.line] &+= 1 }
    }
    startBlockInterval()
  }
}
