// Loads of promoted locals that need no copy. A `mem.load` of a local held in registers gives
// the local's registers themselves as its result when nothing can store to the local between
// the load and the result's last use: then every use reads the value the load would have
// copied. The load still counts as an executed op (in the step count and the profile), but
// moves no data; the loop counters and accumulators of most kernels are loaded this way.
//
// The check is structural: uses of the result lie after the load in its region or nested in
// later ops of it (SSA dominance), so the load aliases when no later op of the region both
// comes at or after a store to the local (nested anywhere) and uses the result. Results used by
// ops that themselves only rename registers (casts of the same bits, aggregate and pointer
// renames) are copied as before, since their own uses are not followed.

import KIR

extension FunctionCompiler {
  /// Finds the loads of promoted locals whose result can share the local's registers.
  mutating func findAliasableLoads() {
    var renamed: Set<ObjectIdentifier> = []
    function.body.walk { op in
      if Self.mayRenameOperands(op.opcode) {
        for operand in op.operands { renamed.insert(ObjectIdentifier(operand)) }
      }
    }
    collectAliasableLoads(in: function.body, renamed: renamed)
  }

  private mutating func collectAliasableLoads(in region: Region, renamed: Set<ObjectIdentifier>) {
    let operations = region.operations
    // Per op of the region: the values it or any op nested in it uses, and the promoted locals
    // it or any op nested in it stores to.
    var used: [Set<ObjectIdentifier>] = []
    var stored: [Set<ObjectIdentifier>] = []
    used.reserveCapacity(operations.count)
    stored.reserveCapacity(operations.count)
    for op in operations {
      var uses: Set<ObjectIdentifier> = []
      var stores: Set<ObjectIdentifier> = []
      Self.visit(op) { inner in
        for operand in inner.operands { uses.insert(ObjectIdentifier(operand)) }
        if inner.opcode == .store, inner.operands.count > 1 {
          stores.insert(ObjectIdentifier(inner.operands[1]))
        }
      }
      used.append(uses)
      stored.append(stores)
    }
    for (index, op) in operations.enumerated() where op.opcode == .load {
      let local = ObjectIdentifier(op.operands[0])
      guard promoted.contains(local), let result = op.result else { continue }
      let key = ObjectIdentifier(result)
      guard !renamed.contains(key) else { continue }
      var isStored = false
      var isSafe = true
      for later in operations.indices where later > index {
        if stored[later].contains(local) { isStored = true }
        if isStored && used[later].contains(key) {
          isSafe = false
          break
        }
      }
      if isSafe { aliasableLoads.insert(ObjectIdentifier(op)) }
    }
    for op in operations {
      for nested in op.regions { collectAliasableLoads(in: nested, renamed: renamed) }
    }
  }

  /// Calls `body` with `op` and every op nested in it.
  private static func visit(_ op: Operation, _ body: (Operation) -> Void) {
    body(op)
    for region in op.regions {
      for inner in region.operations { visit(inner, body) }
    }
  }

  /// Whether the compiler may give `opcode`'s result its operands' registers (a rename).
  static func mayRenameOperands(_ opcode: Opcode) -> Bool {
    switch opcode {
    case .cast, .bitcast, .field, .pointerCast, .pointerToInt, .intToPointer, .make, .extract,
      .insert:
      return true
    case .constant, .add, .sub, .mul, .div, .rem, .and, .or, .xor, .shl, .shr, .neg, .not, .cmp,
      .select, .offset, .element, .pointerDiff, .mathCall, .blockId, .blockDim, .gridDim,
      .taskId, .taskDim, .buffer, .sharedAlloc, .dynamicShared, .globalAddress, .alloca, .load, .store, .threadId, .atomic,
      .shuffle, .vote, .ballot, .activemask, .clock, .call, .syncthreads, .syncthreadsCount,
      .syncthreadsAnd, .syncthreadsOr, .syncwarp, .threadfence, .printf, .trap, .return, .yield,
      .condition, .break, .continue, .if, .loop, .doWhile, .block, .bangMemcpy, .bangVector, .bangVectorUnary, .ascendDataCopy, .ascendVector, .ascendVectorUnary, .ascendPipeBarrier:
      return false
    }
  }
}
