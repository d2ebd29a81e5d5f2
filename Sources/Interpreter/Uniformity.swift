// Uniformity analysis: which SSA values of a function hold the same bits in every lane that
// reads them, so that the executor computes them once (on the first active lane) and
// broadcasts the result instead of running a loop over the block's lanes.
//
// Seeds: constants, block indices and sizes, grid sizes, the addresses of `__shared__` and
// module variables, and a kernel's parameters are uniform; thread indices, loads from memory,
// atomics, warp ops, calls and the addresses of per-thread locals are not. A pure op is uniform
// when all its operands are. A promoted local (a `mem.alloca` held in registers) is uniform
// when every store to it stores a uniform value outside divergent control flow; loads from it
// are then uniform. An `scf.if` result is uniform when its condition and every yielded value
// are.
//
// Divergent control flow: the regions of an `scf.if` on a non-uniform condition, and every
// region of a loop (or `scf.block`) whose condition is non-uniform or that a `scf.break` or
// `scf.continue` leaves from divergent code. Returns and traps do not make code divergent:
// the threads they remove never read this frame's values again.
//
// When blocks run in groups (BlockGroups.swift), lanes of one step belong to several blocks:
// block indices and `__shared__` addresses (each block has its own arena) then vary too.
//
// Promoted locals and loops depend on each other (a loop condition reads a local stored in the
// loop), so the analysis starts optimistic (everything uniform) and marks values non-uniform
// until nothing changes.

import KIR

/// The uniform values and uniform-condition control flow of one function.
struct UniformityAnalysis {
  /// Values (and promoted locals, by their `mem.alloca` result) that are not uniform.
  private(set) var varying: Set<ObjectIdentifier> = []
  /// Loops and `scf.block`s whose regions run divergently.
  private(set) var divergentConstructs: Set<ObjectIdentifier> = []
  private let promoted: Set<ObjectIdentifier>
  private var changed = false
  /// The enclosing loops and blocks, innermost last, with whether each is a loop.
  private var breakable: [(op: Operation, isLoop: Bool)] = []

  /// Whether block indices and shared addresses vary between lanes (grouped blocks).
  private let blocksVary: Bool

  /// Analyses `function`, whose locals `promoted` are held in registers; `blocksVary` when its
  /// steps run the lanes of several blocks at once.
  init(function: Function, promoted: Set<ObjectIdentifier>, blocksVary: Bool = false) {
    self.promoted = promoted
    self.blocksVary = blocksVary
    if function.kind != .kernel {
      for parameter in function.parameters { varying.insert(ObjectIdentifier(parameter.value)) }
    }
    repeat {
      changed = false
      walk(function.body, isDivergent: false)
    } while changed
  }

  /// Whether `value` is the same in every lane that reads it.
  func isUniform(_ value: Value) -> Bool { !varying.contains(ObjectIdentifier(value)) }

  private mutating func markVarying(_ value: Value) {
    if varying.insert(ObjectIdentifier(value)).inserted { changed = true }
  }

  private mutating func markDivergent(_ op: Operation) {
    if divergentConstructs.insert(ObjectIdentifier(op)).inserted { changed = true }
  }

  private mutating func walk(_ region: Region, isDivergent: Bool) {
    for op in region.operations { visit(op, isDivergent: isDivergent) }
  }

  private mutating func visit(_ op: Operation, isDivergent: Bool) {
    switch op.opcode {
    case .blockId, .sharedAlloc, .dynamicShared:
      if blocksVary { markResultsVarying(op) }
    case .constant, .blockDim, .gridDim, .globalAddress, .taskId, .taskDim, .buffer:
      break
    case .add, .sub, .mul, .div, .rem, .and, .or, .xor, .shl, .shr, .neg, .not, .cmp, .select,
      .cast, .bitcast, .offset, .element, .field, .pointerCast, .pointerToInt, .intToPointer,
      .pointerDiff, .make, .extract, .insert, .mathCall:
      if op.operands.contains(where: { !isUniform($0) }) { markResultsVarying(op) }
    case .alloca:
      // A promoted local is a variable (judged by its stores); any other is a per-lane address.
      if let result = op.result, !promoted.contains(ObjectIdentifier(result)) {
        markVarying(result)
      }
    case .load:
      if !promoted.contains(ObjectIdentifier(op.operands[0])) || !isUniform(op.operands[0]) {
        markResultsVarying(op)
      }
    case .store:
      let pointer = op.operands[1]
      if promoted.contains(ObjectIdentifier(pointer)), isDivergent || !isUniform(op.operands[0]) {
        markVarying(pointer)
      }
    case .threadId, .atomic, .shuffle, .vote, .ballot, .activemask, .clock, .call,
      .syncthreadsCount, .syncthreadsAnd, .syncthreadsOr:
      markResultsVarying(op)
    case .syncthreads, .syncwarp, .threadfence, .printf, .trap, .return, .yield, .condition, .bangMemcpy, .bangVector, .bangVectorUnary, .ascendDataCopy, .ascendVector, .ascendVectorUnary, .ascendPipeBarrier:
      break
    case .break, .continue:
      if isDivergent {
        let target = op.opcode == .break ? breakable.last : breakable.last(where: \.isLoop)
        if let target { markDivergent(target.op) }
      }
    case .if:
      let condition = op.operands[0]
      let inner = isDivergent || !isUniform(condition)
      for region in op.regions { walk(region, isDivergent: inner) }
      let yieldsVarying = op.regions.contains { region in
        region.operations.contains { yield in
          yield.opcode == .yield && yield.operands.contains { !isUniform($0) }
        }
      }
      if !isUniform(condition) || yieldsVarying { markResultsVarying(op) }
    case .loop, .doWhile, .block:
      breakable.append((op, op.opcode != .block))
      defer { breakable.removeLast() }
      if isDivergent { markDivergent(op) }
      let conditionRegion = op.opcode == .loop ? 0 : 1
      if op.opcode != .block, op.regions.count > conditionRegion,
        op.regions[conditionRegion].operations.contains(where: {
          $0.opcode == .condition && $0.operands.contains { !isUniform($0) }
        })
      {
        markDivergent(op)
      }
      let inner = divergentConstructs.contains(ObjectIdentifier(op))
      for region in op.regions { walk(region, isDivergent: inner) }
      markResultsVarying(op)
    }
  }

  private mutating func markResultsVarying(_ op: Operation) {
    for result in op.results { markVarying(result) }
  }
}

extension UniformityAnalysis {
  /// Whether `opcode` is a pure op whose step computes each lane from the same lane of its
  /// operands over the active range, and so can run on one lane when its operands are uniform.
  static func computesLaneByLane(_ opcode: Opcode) -> Bool {
    switch opcode {
    case .add, .sub, .mul, .div, .rem, .and, .or, .xor, .shl, .shr, .neg, .not, .cmp, .select,
      .cast, .bitcast, .offset, .element, .field, .pointerCast, .pointerToInt, .intToPointer,
      .pointerDiff, .mathCall:
      return true
    case .constant, .blockId, .blockDim, .gridDim, .sharedAlloc, .dynamicShared, .globalAddress,
      .taskId, .taskDim, .buffer, .make, .extract, .insert, .alloca, .load, .store, .threadId, .atomic, .shuffle, .vote,
      .ballot, .activemask, .clock, .call, .syncthreads, .syncthreadsCount, .syncthreadsAnd,
      .syncthreadsOr, .syncwarp, .threadfence, .printf, .trap, .return, .yield, .condition,
      .break, .continue, .if, .loop, .doWhile, .block, .bangMemcpy, .bangVector, .bangVectorUnary, .ascendDataCopy, .ascendVector, .ascendVectorUnary, .ascendPipeBarrier:
      return false
    }
  }
}

extension FunctionCompiler {
  /// The uniform form of `step` where the analysis allows it: a lane-by-lane op with a uniform
  /// single-register result, an `scf.if` or `scf.condition` on a uniform condition.
  func uniformVariant(of step: Step, for op: Operation) -> Step {
    guard let uniformity else { return step }
    switch step {
    case .op(let body, let meta):
      guard UniformityAnalysis.computesLaneByLane(op.opcode), let result = op.result,
        uniformity.isUniform(result), let registers = leaves[ObjectIdentifier(result)],
        registers.count == 1
      else { return step }
      let target = UniformResult(register: registers[0], byteSize: kinds[registers[0]].byteSize)
      return .uniformOp(body, target, meta)
    case .ifElse(let plan, let meta):
      return uniformity.isUniform(op.operands[0]) ? .uniformIf(plan, meta) : step
    case .condition(let register, let meta):
      return uniformity.isUniform(op.operands[0]) ? .uniformCondition(register, meta) : step
    case .countOnly, .loop, .doWhile, .block, .breakLoop, .continueLoop, .returnValue, .call,
      .uniformOp, .uniformIf, .uniformCondition:
      return step
    }
  }
}
