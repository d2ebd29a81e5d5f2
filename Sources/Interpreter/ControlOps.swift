// Structured control flow and calls: `scf.if` (with `scf.yield` merging results under the
// mask), `scf.loop`, `scf.do_while`, `func.call`, `func.return`; and the small `cuda` ops with
// control effects or none at all: `cuda.trap`, `cuda.threadfence`, `cuda.clock`.

import KIR

extension FunctionCompiler {
  mutating func compileIf(_ op: Operation) throws -> Step? {
    let condition = try register(op.operands[0], at: op)
    var targets: [Int] = []
    for result in op.results {
      let registers = try newRegisters(for: result.type, at: op.location)
      leaves[ObjectIdentifier(result)] = registers
      targets += registers
    }
    yieldTargets.append(targets)
    defer { yieldTargets.removeLast() }
    let thenSteps = try op.regions.first.map { try compileRegion($0) } ?? []
    let elseSteps = op.regions.count > 1 ? try compileRegion(op.regions[1]) : []
    let plan = IfPlan(condition: condition, thenSteps: thenSteps, elseSteps: elseSteps)
    return .ifElse(plan, meta(op, .control))
  }

  /// `scf.yield`: copies the yielded values into the `scf.if`'s results for the active lanes.
  mutating func compileYield(_ op: Operation) throws -> Step? {
    guard let targets = yieldTargets.last else { throw unsupported(op, "outside an scf.if") }
    var sources: [Int] = []
    for operand in op.operands { sources += try registers(operand, at: op) }
    guard sources.count == targets.count else { throw unsupported(op, "with mismatched values") }
    if sources.isEmpty { return nil }
    let sizes = targets.map { kinds[$0].byteSize }
    let body: OpBody = { context in
      let active = context.state.pointee.active
      for index in sources.indices {
        maskedCopy(
          from: context.rawRegister(sources[index]), to: context.rawRegister(targets[index]),
          byteSize: sizes[index], mask: active, lanes: context.lanes,
          isFull: context.state.pointee.activeCount == context.lanes)
      }
    }
    return .op(body, meta(op, .other))
  }

  mutating func compileLoop(_ op: Operation) throws -> Step? {
    let regions = try op.regions.map { try compileRegion($0) }
    let meta = self.meta(op, .control)
    let bodyIndex = op.opcode == .loop ? 1 : 0
    // Any `scf.continue` inside, even one of a nested loop: a cheap, safe over-approximation.
    var mayContinue = false
    if bodyIndex < op.regions.count {
      op.regions[bodyIndex].walk { if $0.opcode == .continue { mayContinue = true } }
    }
    if op.opcode == .loop {
      guard regions.count >= 2 else { throw unsupported(op, "without a body") }
      let plan = LoopPlan(
        condition: regions[0], body: regions[1], step: regions.count > 2 ? regions[2] : [],
        mayContinue: mayContinue)
      return .loop(plan, meta)
    }
    guard regions.count == 2 else { throw unsupported(op, "without a condition") }
    return .doWhile(
      LoopPlan(condition: regions[1], body: regions[0], step: [], mayContinue: mayContinue), meta)
  }

  mutating func compileCall(_ op: Operation) throws -> Step? {
    guard let name = op.attributes["callee"]?.symbolValue,
      let callee = program.module.function(named: name)
    else { throw unsupported(op, "of an unknown function") }
    guard callee.kind == .device else { throw unsupported(op, "of kernel '\(name)'") }
    facts.callees.insert(name)
    let slot = try program.compileIfNeeded(callee)
    var arguments: [Int] = []
    for operand in op.operands { arguments += try registers(operand, at: op) }
    let results = try defineResult(op)
    return .call(CallPlan(callee: slot, arguments: arguments, results: results), meta(op, .control))
  }

  mutating func compileReturn(_ op: Operation) throws -> Step? {
    var sources: [Int] = []
    for operand in op.operands { sources += try registers(operand, at: op) }
    guard sources.count == resultLeaves.count else {
      throw unsupported(op, "with a mismatched value")
    }
    let plan = ReturnPlan(
      sources: sources, targets: resultLeaves, byteSizes: resultLeaves.map { kinds[$0].byteSize })
    return .returnValue(plan, meta(op, .control))
  }

  /// `cuda.trap`: a finding for the first trapping thread; the active lanes exit the kernel.
  mutating func compileTrap(_ op: Operation) -> Step? {
    let message = op.attributes["message"]?.stringValue ?? "__trap() called"
    let meta = self.meta(op, .control)
    let body: OpBody = { context in
      let active = context.state.pointee.active
      if let lane = active.first, !context.findings.hasError(.trap, op: meta.index) {
        context.record(
          .trap, .error, meta: meta, lane: lane, space: nil, buffer: nil, index: nil, size: nil,
          message: "kernel trap: \(message)",
          details: "\(active.count) thread(s) of the block trapped here")
      }
      context.state.pointee.exited |= active
      context.setActive(.none)
    }
    return .op(body, meta)
  }

  /// `cuda.threadfence`: memory is sequentially consistent here, so only counted. A device or
  /// system fence marks the kernel as communicating between blocks (see RaceDetector.swift), and
  /// in a module with Ascend ops synchronises the pipes (PipeHazards.swift).
  mutating func compileFence(_ op: Operation) -> Step? {
    guard op.attributes["scope"]?.keywordValue != "block" else { return .countOnly(meta(op, .other)) }
    facts.usesDeviceFence = true
    // Ascend C makes it PipeBarrier<PIPE_ALL> (rules/ascendc/sync.rules).
    guard program.checksPipes else { return .countOnly(meta(op, .other)) }
    return .op({ $0.pipeHazards?.barrier() }, meta(op, .other))
  }

  /// `cuda.clock`: a deterministic per-worker counter (the op executions so far).
  mutating func compileClock(_ op: Operation) throws -> Step? {
    let result = try defineScalarResult(op)
    let kind = kinds[result]
    let body: OpBody = { context in
      let bits = ScalarBits.fromInteger(Int64(context.state.pointee.steps), kind: kind)
      let values = context.rawRegister(result)
      for lane in context.activeRange {
        ScalarBits.write(bits, kind: kind, to: values + lane * kind.byteSize)
      }
    }
    return .op(body, meta(op, .other))
  }
}
