// Block uniformity: which values are the same in every thread of a block, and which control
// flow every thread of a block takes the same way. `simt-to-spmd` computes uniform values once
// per block, outside the thread loops, and keeps control flow that holds a barrier outside them
// only when it is uniform.
//
// A value is uniform when it is a parameter, a constant, a block index or launch dimension, a
// pure op of uniform values, a load of a uniform local, or a load of `__constant__` memory at a
// uniform address. A local (`mem.alloca`) is uniform when its address is only loaded from and
// stored to, and every store writes a uniform value at block level (not under thread-dependent
// control flow, and not inside an op that the lowering puts in a thread loop). A control op is
// divergent when it runs under divergent control, its condition is not uniform, or a `break` or
// `continue` under divergent control leaves it. The analysis iterates to a fixed point: demoting
// a local can make more values varying.

import KIR

/// The block-uniformity facts of one kernel.
struct BlockUniformity {
  /// Values that may differ between the threads of a block.
  private(set) var varying: Set<Value> = []
  /// Locals with one storage per block (single-copy), all others become per-thread storage.
  private(set) var uniformLocals: Set<Value> = []
  /// Control ops whose regions run under thread-dependent control (relative to the predicated
  /// region they are in, if any).
  /// (The ops are held so that their identities stay unique while the lowering rewrites.)
  private(set) var divergent: [ObjectIdentifier: Operation] = [:]
  private var changed = false
  private var breakables: [(op: Operation, isLoop: Bool)] = []
  /// Where each local is accessed: the predicated regions around each load and store.
  private var accessPaths: [Value: [[ScopeID]]] = [:]
  private var checkingStores = false

  /// A region of a thread-dependent `if` that the lowering runs as predicated thread loops:
  /// inside it, values the same for every thread that runs it count as uniform.
  struct ScopeID: Hashable {
    let op: ObjectIdentifier
    let region: Int
  }

  /// Where an op sits: its predicated regions, whether control is thread-dependent within the
  /// innermost one, and whether the lowering runs the op at block level.
  private struct Position {
    var path: [ScopeID]
    var isDivergent: Bool
    var atBlockLevel: Bool
  }

  init(function: Function) {
    var escaping: Set<Value> = []
    var locals: [Value] = []
    function.body.walk { op in
      if op.opcode == .alloca, let result = op.result { locals.append(result) }
      for (index, operand) in op.operands.enumerated() {
        let isAccess = (op.opcode == .load && index == 0) || (op.opcode == .store && index == 1)
        if !isAccess { escaping.insert(operand) }
      }
    }
    for local in locals {
      if escaping.contains(local) { varying.insert(local) } else { uniformLocals.insert(local) }
    }
    let top = Position(path: [], isDivergent: false, atBlockLevel: true)
    repeat {
      changed = false
      accessPaths = [:]
      checkingStores = false
      walk(function.body, top)
      checkingStores = true
      walk(function.body, top)
    } while changed
  }

  func isUniform(_ value: Value) -> Bool { !varying.contains(value) }

  /// Whether the lowering keeps `op` at block level and lowers its regions: it holds a
  /// synchronisation point or a jump out of it, or (an `if` or `scf.block`) it assigns a local
  /// kept once per block, which must be assigned once, in order with the block-level code.
  func isStructural(_ op: Operation) -> Bool {
    if op.isStructural { return true }
    guard op.opcode == .if || op.opcode == .block else { return false }
    return op.contains { inner in
      inner.opcode == .store && uniformLocals.contains(inner.operands[1])
    }
  }

  /// Whether the regions of control op `op` run under thread-dependent control.
  func isDivergent(_ op: Operation) -> Bool { divergent[ObjectIdentifier(op)] != nil }

  private mutating func markVarying(_ value: Value) {
    if varying.insert(value).inserted { changed = true }
  }

  private mutating func markDivergent(_ op: Operation) {
    if divergent.updateValue(op, forKey: ObjectIdentifier(op)) == nil { changed = true }
  }

  private mutating func walk(_ region: Region, _ position: Position) {
    for op in region.operations { visit(op, position) }
  }

  private mutating func visit(_ op: Operation, _ position: Position) {
    switch op.opcode {
    case .constant, .blockId, .blockDim, .gridDim, .sharedAlloc, .dynamicShared, .globalAddress,
      .taskId, .taskDim, .buffer, .alloca, .syncthreads, .syncwarp, .threadfence, .printf, .trap,
      .return, .yield, .condition, .bangMemcpy, .bangVector, .bangVectorUnary, .ascendDataCopy, .ascendVector, .ascendVectorUnary, .ascendPipeBarrier:
      break
    case .add, .sub, .mul, .div, .rem, .and, .or, .xor, .shl, .shr, .neg, .not, .cmp, .select,
      .cast, .bitcast, .offset, .element, .field, .pointerCast, .pointerToInt, .intToPointer,
      .pointerDiff, .make, .extract, .insert, .mathCall:
      if op.operands.contains(where: { !isUniform($0) }) { op.results.forEach { markVarying($0) } }
    case .load:
      let pointer = op.operands[0]
      recordAccess(pointer, position)
      let readsUniform =
        uniformLocals.contains(pointer)
        || (isUniform(pointer) && pointer.type.addressSpace == .constant)
      if !readsUniform { op.results.forEach { markVarying($0) } }
    case .store:
      let pointer = op.operands[1]
      recordAccess(pointer, position)
      if checkingStores, uniformLocals.contains(pointer),
        position.isDivergent || !position.atBlockLevel || !isUniform(op.operands[0])
          || !allAccesses(of: pointer, within: position.path)
      {
        uniformLocals.remove(pointer)
        markVarying(pointer)
      }
    case .threadId, .atomic, .shuffle, .vote, .ballot, .activemask, .clock, .call:
      op.results.forEach { markVarying($0) }
    case .syncthreadsCount, .syncthreadsAnd, .syncthreadsOr:
      // The same for every thread of the block (a block-wide reduction at a barrier).
      if position.isDivergent || !position.path.isEmpty { op.results.forEach { markVarying($0) } }
    case .break, .continue:
      if position.isDivergent {
        let target = op.opcode == .break ? breakables.last : breakables.last(where: \.isLoop)
        if let target { markDivergent(target.op) }
      }
    case .if:
      let conditionVaries = !isUniform(op.operands[0])
      if position.isDivergent || conditionVaries { markDivergent(op) }
      let predicated =
        conditionVaries && !position.isDivergent && position.atBlockLevel && isStructural(op)
      for (index, region) in op.regions.enumerated() {
        var inner = position
        if predicated {
          inner.path.append(ScopeID(op: ObjectIdentifier(op), region: index))
        } else if conditionVaries || position.isDivergent {
          inner.isDivergent = true
          inner.atBlockLevel = false
        } else {
          inner.atBlockLevel = position.atBlockLevel && isStructural(op)
        }
        walk(region, inner)
      }
      let yieldsVarying = op.regions.contains { region in
        region.operations.last.map { $0.opcode == .yield && $0.operands.contains { !isUniform($0) } }
          ?? false
      }
      if position.isDivergent || conditionVaries || yieldsVarying || !isStructural(op) {
        op.results.forEach { markVarying($0) }
      }
    case .loop, .doWhile, .block:
      if position.isDivergent { markDivergent(op) }
      breakables.append((op, op.opcode != .block))
      let conditionRegion = op.opcode == .loop ? 0 : (op.opcode == .doWhile ? 1 : nil)
      for (index, region) in op.regions.enumerated() {
        var inner = position
        inner.isDivergent = isDivergent(op)
        inner.atBlockLevel = position.atBlockLevel && !inner.isDivergent && isStructural(op)
        walk(region, inner)
        if index == conditionRegion, let condition = region.operations.last,
          condition.opcode == .condition, let value = condition.operands.first, !isUniform(value)
        {
          markDivergent(op)
        }
      }
      breakables.removeLast()
    }
  }

  private mutating func recordAccess(_ pointer: Value, _ position: Position) {
    if !checkingStores, uniformLocals.contains(pointer) {
      accessPaths[pointer, default: []].append(position.path)
    }
  }

  /// Whether every access of `local` lies in the predicated region `path` (or inside it).
  private func allAccesses(of local: Value, within path: [ScopeID]) -> Bool {
    (accessPaths[local] ?? []).allSatisfy { $0.count >= path.count && Array($0.prefix(path.count)) == path }
  }
}

extension Operation {
  /// Whether the op is a warp- or block-level synchronisation point (a barrier, shuffle or vote).
  var isSynchronising: Bool { info.effects.contains(.convergent) }

  /// Whether the op holds a synchronisation point or a `break`/`continue` that leaves it: such
  /// an op cannot go inside a thread loop, `simt-to-spmd` lowers its regions at block level.
  var isStructural: Bool {
    guard !regions.isEmpty else { return false }
    if contains(where: { $0 !== self && $0.isSynchronising }) { return true }
    return hasEscapingJump
  }

  /// Whether a `break` or `continue` inside the op's regions targets a construct outside it.
  var hasEscapingJump: Bool {
    func scan(_ region: Region, breakDepth: Int, loopDepth: Int) -> Bool {
      for inner in region.operations {
        if inner.opcode == .break && breakDepth == 0 { return true }
        if inner.opcode == .continue && loopDepth == 0 { return true }
        let breaks = breakDepth + (inner.opcode.isBreakable ? 1 : 0)
        let loops = loopDepth + (inner.opcode == .loop || inner.opcode == .doWhile ? 1 : 0)
        for nested in inner.regions where scan(nested, breakDepth: breaks, loopDepth: loops) {
          return true
        }
      }
      return false
    }
    let breaks = opcode.isBreakable ? 1 : 0
    let loops = opcode == .loop || opcode == .doWhile ? 1 : 0
    return regions.contains { scan($0, breakDepth: breaks, loopDepth: loops) }
  }
}
