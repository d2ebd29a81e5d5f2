// The barriers the scalar unit owes DMA on Ascend (targets.md B9), placed after stage-global-
// access and tile-global-access have made a kernel's DMA. The scalar unit (PIPE_S) is not
// ordered with DMA in (PIPE_MTE2) or DMA out (PIPE_MTE3) but by a barrier, so
//   - its loads and stores of a buffer DMA fills (a stage buffer, a tile) owe one before the next
//     DMA: the next block's, the next row's, or a later loop's DMA in overwrites that buffer;
//   - its stores to global memory (GlobalTensor::SetValue) owe one before the next DMA, which may
//     read or write the same GM.
// It runs its own loads and stores in order, so the debt can wait: it is paid right before the
// next op that reaches another pipe (DMA, a vector instruction, a call) or may leave its region
// (break, continue, return, the region's terminator), or at the region's end; a barrier on the
// way settles it. Ops that hold DMA (a staged row loop, a tile) settle their own regions' debts.
// A staged loop that writes back ends with a barrier after its DMA out, so it owes nothing:
//
//   DMA in a; barrier; loop reads a         DMA in a; barrier; loop reads a
//   loop reads b (scalar, in GM)      →     loop reads b
//   (end of the block)                      barrier                          (the next block's DMA in a)

import KIR

/// Places the barriers the scalar unit owes DMA in a kernel (none without DMA: nothing to order).
enum PipeBarrierDebt {
  /// Pays the debts in `body` and the regions below it.
  static func pay(in body: Region) {
    var targets = Set<ObjectIdentifier>()
    var hasDMA = false
    body.walk { op in
      guard op.opcode == .ascendDataCopy else { return }
      hasDMA = true
      if op.operands[0].type.addressSpace == .shared, let buffer = buffer(of: op.operands[0]) { targets.insert(ObjectIdentifier(buffer)) }
    }
    guard hasDMA else { return }
    settle(body, targets: targets)
  }

  /// Pays the debts of `region`: before the first op after a debt that is not scalar work, or at
  /// the region's end.
  private static func settle(_ region: Region, targets: Set<ObjectIdentifier>) {
    var owed: Location?
    var index = 0
    while index < region.operations.count {
      let op = region.operations[index]
      if isScalarWork(op, nested: false) {
        if owed == nil, owes(op, targets: targets) { owed = op.location }
      } else if op.opcode == .ascendPipeBarrier {
        owed = nil
      } else {
        if let at = owed {
          region.operations.insert(Operation(.ascendPipeBarrier, location: at), at: index)
          index += 1
          owed = nil
        }
        for inner in op.regions { settle(inner, targets: targets) }
      }
      index += 1
    }
    if let at = owed { region.operations.append(Operation(.ascendPipeBarrier, location: at)) }
  }

  /// Whether `op` only computes or reaches memory through the scalar unit, and stays in its
  /// region (a terminator or jump at the top level leaves it; nested in an `scf.if`, a yield or a
  /// loop's condition does not).
  private static func isScalarWork(_ op: Operation, nested: Bool) -> Bool {
    switch op.opcode {
    case .bangMemcpy, .bangVector, .bangVectorUnary, .ascendDataCopy, .ascendVector, .ascendVectorUnary, .ascendPipeBarrier,
      .call, .threadfence, .break, .continue, .return:
      return false
    case .yield, .condition:
      return nested
    default:
      return op.regions.allSatisfy { $0.operations.allSatisfy { isScalarWork($0, nested: true) } }
    }
  }

  /// Whether `op`, or an op nested in it, loads or stores a buffer DMA fills, or stores to (or
  /// updates atomically) memory that is neither on-chip nor local.
  private static func owes(_ op: Operation, targets: Set<ObjectIdentifier>) -> Bool {
    let pointer: Value?
    let writes: Bool
    switch op.opcode {
    case .load: (pointer, writes) = (op.operands[0], false)
    case .store: (pointer, writes) = (op.operands[1], true)
    case .atomic: (pointer, writes) = (op.operands[0], true)
    default: (pointer, writes) = (nil, false)
    }
    if let pointer, let space = pointer.type.addressSpace {
      if space == .shared {
        // A pointer whose buffer is not found may be into one DMA fills.
        if buffer(of: pointer).map({ targets.contains(ObjectIdentifier($0)) }) ?? true { return true }
      } else if writes, space != .local {
        return true
      }
    }
    return op.regions.contains { $0.operations.contains { owes($0, targets: targets) } }
  }

  /// The on-chip buffer (`spmd.buffer`, `mem.shared`) `pointer` points into, through element
  /// and offset arithmetic; nil when it comes from elsewhere.
  private static func buffer(of pointer: Value) -> Value? {
    var current = pointer
    while let op = current.definingOp, [.element, .offset, .pointerCast].contains(op.opcode) { current = op.operands[0] }
    guard let op = current.definingOp, [.buffer, .sharedAlloc, .dynamicShared].contains(op.opcode) else { return nil }
    return current
  }
}
