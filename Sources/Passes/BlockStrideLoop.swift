// A loop inside a thread loop that strides by the block: `for (v = tx + c0; v < B; v += blockDim.x)`
// with B fixed for the block (the rows of softmax, layernorm, rmsnorm). All the block's threads
// together visit every v in [start, B), start the first thread's c0 (plus block-uniform terms):
// an access `P[U + v + c]` in its body touches the window [U + c + start, U + c + B).

import KIR

struct BlockStrideLoop {
  /// The loop variable (a local), whose loads in the body are the index.
  let variable: Value
  /// The first value of thread 0: terms fixed for the block plus a constant.
  let start: ThreadAffine
  /// The initial value as the IR computes it (its exactness is checked: AffineExactness).
  let startValue: Value
  let bound: Value
  /// The largest value the step `v + blockDim.x` may reach without wrapping in its type or the
  /// variable's (nil when both are 64-bit): a variable at most B − 1 steps past B only when
  /// B − 1 + blockDim.x stays below it.
  let stepLimit: Int64?

  /// Matches `loop`, the op at `position` of `region` (its variable's initial store precedes it).
  init?(_ loop: Operation, at position: Int, in region: Region, threadX: Value, blockDimX: Value, isOutside: (Value) -> Bool) {
    guard loop.opcode == .loop, loop.regions.count == 3 else { return nil }
    let condition = loop.regions[0].operations
    guard condition.count == 3, condition[0].opcode == .load, condition[1].opcode == .cmp,
      condition[1].attributes["predicate"]?.keywordValue == "lt", condition[1].operands[0] === condition[0].results[0],
      condition[2].opcode == .condition
    else { return nil }
    let variable = condition[0].operands[0]
    let bound = condition[1].operands[1]
    guard variable.type.addressSpace == .local, isOutside(bound) || bound.definingOp?.opcode == .constant else { return nil }
    // The initial value: the closest store to the variable before the loop.
    guard let initial = region.operations[..<position].last(where: { $0.opcode == .store && $0.operands[1] === variable }),
      let start = ThreadAffine.of(initial.operands[0], threadX: threadX, isOutside: isOutside)
    else { return nil }
    // The step: v = [cast] (add [cast] (load v), [cast] blockDim.x).
    let step = loop.regions[2].operations
    func strip(_ value: Value) -> Value {
      if let op = value.definingOp, op.opcode == .cast, op.operands[0].type.isInteger { return strip(op.operands[0]) }
      return value
    }
    guard let store = step.last, store.opcode == .store, store.operands[1] === variable,
      let add = strip(store.operands[0]).definingOp, add.opcode == .add,
      step.dropLast().allSatisfy({ $0.isPure || ($0.opcode == .load && $0.operands[0] === variable) })
    else { return nil }
    let (a, b) = (strip(add.operands[0]), strip(add.operands[1]))
    let loadsVariable = { (value: Value) in value.definingOp.map { $0.opcode == .load && $0.operands[0] === variable } == true }
    guard (loadsVariable(a) && b === blockDimX) || (loadsVariable(b) && a === blockDimX) else { return nil }
    // The body may not change the variable, nor leave an iteration early (a `break` or
    // `continue` would skip elements, and the window would cover some no thread reads).
    var irregular = false
    loop.regions[1].walk { op in
      if (op.opcode == .store && op.operands[1] === variable) || op.opcode == .break || op.opcode == .continue { irregular = true }
    }
    guard !irregular else { return nil }
    self.variable = variable
    self.start = start
    startValue = initial.operands[0]
    self.bound = bound
    let limits = [add.results[0].type, variable.type.pointee ?? .i64].compactMap { type -> Int64? in
      guard let bits = type.integerBits, bits <= 32 else { return nil }
      return type.isSigned ? Int64(1) << (bits - 1) - 1 : Int64(1) << bits - 1
    }
    stepLimit = limits.min()
  }

  /// The check that the last step, from bound − 1, does not wrap (AffineExactness.swift); nil
  /// when it cannot.
  func lastStepCheck(blockDimX: Value) -> AffineExactness.Check? {
    stepLimit.map { limit in
      AffineExactness.Check(affine: ThreadAffine(terms: [bound, blockDimX], constant: -1, wraps: false), hasThread: false, min: nil, max: limit)
    }
  }

  /// Whether `value` is a load of the loop variable.
  func isIndex(_ value: Value) -> Bool {
    value.definingOp.map { $0.opcode == .load && $0.operands[0] === variable } == true
  }
}
