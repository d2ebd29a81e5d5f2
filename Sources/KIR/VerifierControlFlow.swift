// The verifier's rules for calls, returns and structured control flow (invariants S1-S5 and
// the func.call rules in Verifier.swift's list).

extension Verifier {
  /// `func.call @f`: a device function of the module, called with its parameter types, giving
  /// its result (no result for void).
  mutating func checkCall(_ op: Operation) {
    guard let attribute = op.attributes["callee"] else { return }
    guard let name = attribute.symbolValue else {
      error(op, "attribute 'callee' must be a symbol, found \(attribute)")
      return
    }
    let symbol = "@" + IRType.symbolText(name)
    guard let callee = functions[name] else {
      error(op, "callee '\(symbol)' is not a function of the module")
      return
    }
    if callee.kind == .kernel {
      error(op, "callee '\(symbol)' is a kernel; only device functions can be called")
    }
    let parameterTypes = callee.parameters.map(\.value.type)
    if op.operands.count != parameterTypes.count {
      error(
        op,
        "callee '\(symbol)' takes \(parameterTypes.count) argument\(parameterTypes.count == 1 ? "" : "s"), found \(op.operands.count)"
      )
    } else {
      for (index, (argument, parameter)) in zip(op.operands, parameterTypes).enumerated()
      where argument.type != parameter {
        error(
          op, "argument #\(index) has type \(argument.type) but '\(symbol)' expects \(parameter)")
      }
    }
    let expected: [IRType] = callee.resultType == .void ? [] : [callee.resultType]
    let found = op.results.map(\.type)
    if found != expected {
      let text = expected.isEmpty ? "no result" : "a result of type \(callee.resultType)"
      let foundText = found.isEmpty ? "none" : found.map(\.description).joined(separator: ", ")
      error(op, "callee '\(symbol)' gives \(text), found \(foundText)")
    }
  }

  /// S5: `func.return` gives the function's result type, nothing for void.
  mutating func checkReturn(_ op: Operation) {
    guard let function else { return }
    let expected: [IRType] = function.resultType == .void ? [] : [function.resultType]
    let found = operandTypes(op)
    if found != expected {
      let subject = "\(function.kind.rawValue) '@\(IRType.symbolText(function.name))'"
      let text = expected.isEmpty ? "returns void" : "returns \(function.resultType)"
      let foundText = found.isEmpty ? "no value" : found.map(\.description).joined(separator: ", ")
      error(op, "returns \(foundText) but \(subject) \(text)")
    }
  }

  /// S1: an i1 condition; with results, both regions end in `scf.yield`.
  mutating func checkIf(_ op: Operation) {
    let condition = operandTypes(op)[0]
    if condition != .bool { error(op, "condition must be i1, found \(condition)") }
    guard !op.results.isEmpty else { return }
    for (index, region) in op.regions.enumerated() where region.operations.last?.opcode != .yield {
      error(op, "region #\(index) must end in 'scf.yield' because the op has results")
    }
  }

  /// S2: `scf.yield` ends a region of `scf.if` and yields the `scf.if`'s result types.
  mutating func checkYield(_ op: Operation) {
    guard let parent = enclosing.last?.op, parent.opcode == .if else {
      error(op, "must end a region of an 'scf.if'")
      return
    }
    let found = operandTypes(op)
    let expected = parent.results.map(\.type)
    if found != expected {
      let list = { (types: [IRType]) in "(" + types.map(\.description).joined(separator: ", ") + ")"
      }
      error(op, "yields \(list(found)) but the enclosing 'scf.if' has results \(list(expected))")
    }
  }

  /// S3: the condition region of a loop ends in `scf.condition`.
  mutating func checkConditionRegion(_ op: Operation, index: Int) {
    guard index < op.regions.count else { return }
    if op.regions[index].operations.last?.opcode != .condition {
      error(op, "condition region must end in 'scf.condition'")
    }
  }

  /// S3: `scf.condition` takes an i1 and ends the condition region of a loop.
  mutating func checkCondition(_ op: Operation) {
    let condition = operandTypes(op)[0]
    if condition != .bool { error(op, "condition must be i1, found \(condition)") }
    var inConditionRegion = false
    if let (parent, region) = enclosing.last, let regions = Self.jumpRegions(of: parent.opcode) {
      inConditionRegion = regions.condition == region
    }
    if !inConditionRegion {
      error(op, "must end the condition region of an 'scf.loop' or 'scf.do_while'")
    }
  }

  /// S4: `scf.break` and `scf.continue` find their construct through the ops in `skipping`,
  /// entering it through its body.
  mutating func checkJump(_ op: Operation, skipping: Set<Opcode>, target: String) {
    for (parent, region) in enclosing.reversed() {
      if skipping.contains(parent.opcode) { continue }
      let isBody = Self.jumpRegions(of: parent.opcode)?.body == region
      if isBody { return }
      break
    }
    error(op, "must be inside \(target)")
  }

  /// The body region (left by `scf.break`) and condition region (ended by `scf.condition`) of
  /// the ops that `scf.break` can leave; nil for every other op.
  static func jumpRegions(of opcode: Opcode) -> (body: Int, condition: Int?)? {
    switch opcode {
    case .loop: return (1, 0)
    case .doWhile: return (0, 1)
    case .block: return (0, nil)
    case .constant, .add, .sub, .mul, .div, .rem, .and, .or, .xor, .shl, .shr, .neg, .not, .cmp,
      .select, .cast, .bitcast, .alloca, .sharedAlloc, .dynamicShared, .globalAddress, .load,
      .store, .offset, .element, .field, .pointerCast, .pointerToInt, .intToPointer, .pointerDiff,
      .make, .extract, .insert, .threadId, .blockId, .blockDim, .gridDim, .syncthreads,
      .syncthreadsCount, .syncthreadsAnd, .syncthreadsOr, .syncwarp, .threadfence, .atomic,
      .shuffle, .vote, .ballot, .activemask, .printf, .trap, .clock, .taskId, .taskDim, .buffer,
      .bangMemcpy, .bangVector, .bangVectorUnary, .ascendDataCopy, .ascendVector, .ascendVectorUnary, .ascendPipeBarrier,
      .mathCall, .call, .return, .if, .yield, .condition, .break, .continue:
      return nil
    }
  }
}
