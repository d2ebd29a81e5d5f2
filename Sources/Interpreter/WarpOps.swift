// Warp operations: `__shfl*_sync`, `__any/__all/__uni_sync`, `__ballot_sync`, `__activemask`.
// A warp is 32 consecutive linear thread ids; its lanes run in lockstep.
//
// Shuffles follow CUDA: lanes form segments of `width` (a power of two up to 32; another value
// counts as 32); `idx` reads lane srcLane mod width of the segment; `up` and `down` return the
// caller's own value when the source would leave the segment; `xor` may read an earlier segment
// but gets its own value for a later one. Reading a lane that is not executing the shuffle
// (inactive, exited, or past the end of a partial warp) is an inactive-lane-shuffle finding and
// gives that lane's stale register value (its own value past the end). Votes and ballots count
// the active lanes named by the mask operand.

import KIR

/// The shuffle modes.
enum ShuffleMode {
  case index, up, down, xor
}

/// The vote-like ops.
enum VoteOp {
  case vote, ballot, activemask
}

extension FunctionCompiler {
  mutating func compileShuffle(_ op: Operation) throws -> Step? {
    let mode: ShuffleMode
    switch op.attributes["mode"]?.keywordValue {
    case "idx": mode = .index
    case "up": mode = .up
    case "down": mode = .down
    case "xor": mode = .xor
    default: throw unsupported(op, "without a valid mode")
    }
    let values = try registers(op.operands[1], at: op)
    let selector = try register(op.operands[2], at: op)
    let widthRegister = try register(op.operands[3], at: op)
    let results = try defineResult(op)
    let sizes = results.map { kinds[$0].byteSize }
    let meta = self.meta(op, .warp)
    let body: OpBody = { context in
      let active = context.state.pointee.active
      let selectors = context.register(selector, as: Int32.self)
      let widths = context.register(widthRegister, as: Int32.self)
      let lanes = context.lanes
      active.forEach { lane in
        let laneID = lane & 31
        let warpStart = lane - laneID
        var width = Int(widths[lane])
        if width <= 0 || width > 32 || width & (width - 1) != 0 { width = 32 }
        let segment = laneID & ~(width - 1)
        let operand = Int(UInt32(bitPattern: selectors[lane]))
        var source: Int
        switch mode {
        case .index: source = segment + (operand & (width - 1))
        case .up: source = operand > laneID - segment ? laneID : laneID - operand
        case .down: source = laneID + operand >= segment + width ? laneID : laneID + operand
        case .xor:
          source = laneID ^ (operand & 31)
          if source >= segment + width { source = laneID }
        }
        var from = warpStart + source
        if from != lane && !active.contains(from) {
          if !context.findings.hasError(.inactiveLaneShuffle, op: meta.index) {
            context.record(
              .inactiveLaneShuffle, .error, meta: meta, lane: lane, space: nil, buffer: nil,
              index: nil, size: nil, message: "shuffle reads inactive lane \(source)",
              details: "lane \(source) of the warp is not executing the shuffle")
          }
          if from >= lanes { from = lane }
        }
        for index in results.indices {
          let size = sizes[index]
          (context.rawRegister(results[index]) + lane * size).copyMemory(
            from: context.rawRegister(values[index]) + from * size, byteCount: size)
        }
      }
    }
    return .op(body, meta)
  }

  mutating func compileVote(_ op: Operation, _ kind: VoteOp) throws -> Step? {
    let meta = self.meta(op, .warp)
    let result = try defineScalarResult(op)
    if kind == .activemask {
      let body: OpBody = { context in
        let active = context.state.pointee.active
        let values = context.register(result, as: UInt32.self)
        for warp in 0..<context.warpCount {
          let bits = active.warpBits(warp)
          for lane in (warp * 32)..<min(context.lanes, warp * 32 + 32) { values[lane] = bits }
        }
      }
      return .op(body, meta)
    }
    let maskRegister = try register(op.operands[0], at: op)
    let predicate = try register(op.operands[1], at: op)
    let voteKind = op.attributes["kind"]?.keywordValue ?? "any"
    let isBallot = kind == .ballot
    let body: OpBody = { context in
      let active = context.state.pointee.active
      let truth = LaneMask(bools: context.register(predicate, as: UInt8.self), count: context.lanes)
      let masks = context.register(maskRegister, as: UInt32.self)
      for warp in 0..<context.warpCount {
        let arrived = active.warpBits(warp)
        guard arrived != 0 else { continue }
        let named = masks[warp * 32 + arrived.trailingZeroBitCount]
        let participating = arrived & named
        let set = truth.warpBits(warp) & participating
        let start = warp * 32
        let end = min(context.lanes, start + 32)
        if isBallot {
          let values = context.register(result, as: UInt32.self)
          for lane in start..<end { values[lane] = set }
        } else {
          let answer: Bool
          switch voteKind {
          case "all": answer = set == participating
          case "uni": answer = set == 0 || set == participating
          default: answer = set != 0
          }
          let values = context.register(result, as: UInt8.self)
          for lane in start..<end { values[lane] = answer ? 1 : 0 }
        }
      }
    }
    return .op(body, meta)
  }
}
