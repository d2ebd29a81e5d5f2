// Running compiled steps over the lanes of one block with structured masks.
//
// `active` is the set of lanes executing the current step. `scf.if` runs its first region
// with active ∧ c and its second with active ∧ ¬c, then continues with the lanes that finished
// either normally. `scf.break`, `scf.continue` and `func.return` move the active lanes into
// the pending mask of the construct they leave (`breakMask`, `continueMask`, `returnMask`) and
// deactivate them; the construct reactivates them when it ends: a loop with the lanes whose
// condition failed or that broke out, an iteration's step region with the lanes that continued,
// a call with its entry lanes. Loops iterate while any lane is active. A region stops as soon
// as no lane is active. Lanes that return from the kernel or trap join `exited` and never run
// again; barriers do not wait for them.
//
// Uniform steps (Uniformity.swift) skip the masks: a pure op on uniform operands runs on the
// first active lane and broadcasts its result, and an `scf.if` or loop condition that is the
// same in every lane sends all active lanes one way without building a mask.

import KIR

extension ExecutionContext {
  /// The most nested calls (a guard against unbounded recursion).
  static let maximumCallDepth = 256

  /// Makes `mask` the active lanes.
  @inline(__always) func setActive(_ mask: LaneMask) {
    state.pointee.active = mask
    state.pointee.blockRunsValid = false
    // One pass over the words: the count and the span of active lanes.
    var count = 0
    var low = -1
    var high = -1
    withUnsafeBytes(of: mask.words) { raw in
      for index in 0..<((lanes + 63) >> 6) {
        let word = raw.load(fromByteOffset: index * 8, as: UInt64.self)
        if word == 0 { continue }
        count &+= word.nonzeroBitCount
        if low < 0 { low = index << 6 | word.trailingZeroBitCount }
        high = index << 6 | (63 - word.leadingZeroBitCount)
      }
    }
    state.pointee.activeCount = count
    state.pointee.rangeStart = low < 0 ? 0 : low
    state.pointee.rangeEnd = low < 0 ? 0 : high + 1
  }

  /// The lanes pure ops compute: from the lowest active lane to the highest. (Lanes outside
  /// the active mask compute values no active lane reads: registers are SSA, and values merge
  /// under the mask only at `scf.yield` and stores.)
  @inline(__always) var activeRange: Range<Int> {
    state.pointee.rangeStart..<state.pointee.rangeEnd
  }

  /// The active lanes, visiting only the words of their span (counting through it when every
  /// lane in it is active, the common case).
  @inline(__always) var activeLanes: ActiveLanes {
    let range = activeRange
    return ActiveLanes(
      state.pointee.active, span: range, isDense: state.pointee.activeCount == range.count)
  }

  /// Runs block `linear` of the grid, and the `count - 1` blocks after it when blocks run in
  /// groups (BlockGroups.swift), with the kernel's frame.
  func runBlock(_ linear: Int, count: Int = 1, kernelFrame: Frame) throws {
    state.pointee.blockLinear = linear
    state.pointee.blockIndex = blockIndex(linear: linear)
    findings.firstBlockOfRun = linear
    if groupBlocks > 1 { setGroupBlocks(count) }
    for pool in framePools {
      for frame in pool where !frame.function.blockInitializers.isEmpty {
        initialize(frame, frame.function.blockInitializers)
      }
    }
    // Fresh shadow state: shared memory starts uninitialised in every block.
    sharedShadow.update(repeating: 0, count: max(2, launch.sharedArenaBytes / 2 + 2))
    state.pointee.sharedCounter = 1
    // A task starts with every pipe idle.
    pipeHazards?.barrier()
    state.pointee.globalBlockStart = state.pointee.globalCounter
    for warp in 0..<warpCount { globalWarpPending[warp] = false }
    state.pointee.anyWarpPending = false
    startBlockInterval()
    setActive(allLanes)
    state.pointee.exited = .none
    state.pointee.returnMask = .none
    state.pointee.breakMask = .none
    state.pointee.continueMask = .none
    state.pointee.loopExit = .none
    state.pointee.callDepth = 0
    state.pointee.frame = kernelFrame.registers
    state.pointee.slotBase = kernelFrame.slotBase
    blockOutput = ""
    try run(launch.program.kernel.steps)
    if !blockOutput.isEmpty { output.append((linear, blockOutput)) }
    if state.pointee.steps >= state.pointee.stepCheckpoint { try checkLimits() }
  }

  /// Runs `steps` while any lane is active.
  func run(_ steps: StepList) throws {
    for index in steps.indices {
      if state.pointee.activeCount == 0 { return }
      try steps[index]._withUnsafeGuaranteedRef { node in
        if !node.earlierCounts.isEmpty {
          for meta in node.earlierCounts { count(meta) }
        }
        count(node.meta)
        try node.action(self)
      }
    }
  }

  /// What running `step` does once it is counted: an op's body, or the routine of a control
  /// step bound to its plan (StepNode).
  static func action(for step: Step) -> OpBody {
    switch step {
    case .op(let body, _):
      return body
    case .countOnly:
      return { _ in }
    case .ifElse(let plan, _):
      return { try $0.runIf(plan) }
    case .loop(let plan, let meta):
      return { try $0.runLoop(plan, meta: meta) }
    case .doWhile(let plan, let meta):
      return { try $0.runDoWhile(plan, meta: meta) }
    case .block(let body, _):
      return { try $0.runBlockRegion(body) }
    case .condition(let register, _):
      return { $0.runCondition(register) }
    case .breakLoop:
      return { context in
        context.state.pointee.breakMask |= context.state.pointee.active
        context.setActive(.none)
      }
    case .continueLoop:
      return { context in
        context.state.pointee.continueMask |= context.state.pointee.active
        context.setActive(.none)
      }
    case .returnValue(let plan, _):
      return { $0.runReturn(plan) }
    case .call(let plan, let meta):
      return { try $0.runCall(plan, meta: meta) }
    case .uniformOp(let body, let result, _):
      return { try $0.runUniform(body, result) }
    case .uniformIf(let plan, _):
      return { context in
        // Every active lane holds the same condition: the first decides for all.
        let isTaken =
          context.register(plan.condition, as: UInt8.self)[context.state.pointee.rangeStart] & 1
          != 0
        try context.run(isTaken ? plan.thenSteps : plan.elseSteps)
      }
    case .uniformCondition(let register, _):
      return { context in
        if context.register(register, as: UInt8.self)[context.state.pointee.rangeStart] & 1 == 0 {
          context.state.pointee.loopExit |= context.state.pointee.active
          context.setActive(.none)
        }
      }
    }
  }

  /// `scf.block`: runs the body, then takes back the lanes that broke out of it.
  private func runBlockRegion(_ body: StepList) throws {
    let savedBreak = state.pointee.breakMask
    state.pointee.breakMask = .none
    try run(body)
    setActive(state.pointee.active | state.pointee.breakMask)
    state.pointee.breakMask = savedBreak
  }

  /// `scf.condition`: the lanes whose condition fails leave the loop.
  private func runCondition(_ register: Int) {
    let condition = LaneMask(bools: self.register(register, as: UInt8.self), span: activeRange)
    let active = state.pointee.active
    state.pointee.loopExit |= active - condition
    setActive(active & condition)
  }

  /// `func.return`: the returned values of the active lanes, which then leave the function.
  private func runReturn(_ plan: ReturnPlan) {
    let active = state.pointee.active
    for index in plan.sources.indices {
      maskedCopy(
        from: rawRegister(plan.sources[index]), to: rawRegister(plan.targets[index]),
        byteSize: plan.byteSizes[index], mask: active, lanes: lanes,
        isFull: state.pointee.activeCount == lanes)
    }
    state.pointee.returnMask |= active
    if state.pointee.callDepth == 0 { state.pointee.exited |= active }
    setActive(.none)
  }

  /// Runs a uniform op's body on the first active lane and copies its result to every lane.
  /// (A finding the body reports names that lane: the first active one, as the lane loop would.)
  @inline(__always) private func runUniform(_ body: OpBody, _ result: UniformResult) throws {
    let lane = state.pointee.rangeStart
    let end = state.pointee.rangeEnd
    state.pointee.rangeEnd = lane &+ 1
    defer { state.pointee.rangeEnd = end }
    try body(self)
    let values = rawRegister(result.register)
    switch result.byteSize {
    case 1:
      let value = values.load(fromByteOffset: lane, as: UInt8.self)
      values.initializeMemory(as: UInt8.self, repeating: value, count: lanes)
    case 2:
      let value = values.load(fromByteOffset: lane &* 2, as: UInt16.self)
      values.initializeMemory(as: UInt16.self, repeating: value, count: lanes)
    case 4:
      let value = values.load(fromByteOffset: lane &* 4, as: UInt32.self)
      values.initializeMemory(as: UInt32.self, repeating: value, count: lanes)
    default:
      let value = values.load(fromByteOffset: lane &* 8, as: UInt64.self)
      values.initializeMemory(as: UInt64.self, repeating: value, count: lanes)
    }
  }

  private func runIf(_ plan: IfPlan) throws {
    let entry = state.pointee.active
    let entryCount = state.pointee.activeCount
    let entryStart = state.pointee.rangeStart
    let entryEnd = state.pointee.rangeEnd
    // One pass over the words of the active span: both branches' lanes, counts and spans.
    let split =
      intervalSplit(condition: plan.condition, entry: entry, count: entryCount, span: entryStart..<entryEnd)
      ?? BranchSplit(
        entry: entry, condition: register(plan.condition, as: UInt8.self), span: entryStart..<entryEnd)
    // Every active lane goes one way: the mask stays as it is.
    if split.elseCount == 0 { return try run(plan.thenSteps) }
    if split.thenCount == 0 { return try run(plan.elseSteps) }
    // Both sets are non-empty here. A branch without steps leaves its lanes as they are
    // (without making them the active mask and back). Lanes only leave the mask inside a
    // branch, so the lanes that finish are the entry's exactly when as many finish.
    var finished = split.thenLanes
    var finishedCount = split.thenCount
    if !plan.thenSteps.isEmpty {
      setActive(split.thenLanes, count: split.thenCount, span: split.thenSpan)
      if split.thenBlockRuns > 0 { useBlockRuns(split.thenBlockRuns) }
      try run(plan.thenSteps)
      finished = state.pointee.active
      finishedCount = state.pointee.activeCount
    }
    if plan.elseSteps.isEmpty {
      finished |= split.elseLanes
      finishedCount &+= split.elseCount
    } else {
      setActive(split.elseLanes, count: split.elseCount, span: split.elseSpan)
      try run(plan.elseSteps)
      finished |= state.pointee.active
      finishedCount &+= state.pointee.activeCount
    }
    if finishedCount == entryCount {
      // Every lane came through (the common case): the entry's count and span still hold.
      setActive(entry, count: entryCount, span: entryStart..<entryEnd)
    } else {
      setActive(finished)
    }
  }

  /// Makes `mask` the active lanes, given its count and span.
  @inline(__always) func setActive(_ mask: LaneMask, count: Int, span: Range<Int>) {
    state.pointee.active = mask
    state.pointee.blockRunsValid = false
    state.pointee.activeCount = count
    state.pointee.rangeStart = span.lowerBound
    state.pointee.rangeEnd = span.upperBound
  }

  private func runLoop(_ plan: LoopPlan, meta: OpMeta) throws {
    let savedBreak = state.pointee.breakMask
    let savedContinue = state.pointee.continueMask
    let savedExit = state.pointee.loopExit
    state.pointee.breakMask = .none
    state.pointee.loopExit = .none
    // Each iteration starts with the lanes the previous one ended with: the active mask as the
    // step region leaves it (no need to set it again).
    while true {
      try run(plan.condition)
      if state.pointee.activeCount == 0 { break }
      if plan.mayContinue {
        state.pointee.continueMask = .none
        try run(plan.body)
        setActive(state.pointee.active | state.pointee.continueMask)
      } else {
        try run(plan.body)
      }
      try run(plan.step)
      if state.pointee.steps >= state.pointee.stepCheckpoint { try checkLimits(at: meta) }
    }
    setActive(state.pointee.loopExit | state.pointee.breakMask)
    state.pointee.breakMask = savedBreak
    state.pointee.continueMask = savedContinue
    state.pointee.loopExit = savedExit
  }

  private func runDoWhile(_ plan: LoopPlan, meta: OpMeta) throws {
    let savedBreak = state.pointee.breakMask
    let savedContinue = state.pointee.continueMask
    let savedExit = state.pointee.loopExit
    state.pointee.breakMask = .none
    state.pointee.loopExit = .none
    while state.pointee.activeCount != 0 {
      if plan.mayContinue {
        state.pointee.continueMask = .none
        try run(plan.body)
        setActive(state.pointee.active | state.pointee.continueMask)
      } else {
        try run(plan.body)
      }
      try run(plan.condition)
      if state.pointee.steps >= state.pointee.stepCheckpoint { try checkLimits(at: meta) }
    }
    setActive(state.pointee.loopExit | state.pointee.breakMask)
    state.pointee.breakMask = savedBreak
    state.pointee.continueMask = savedContinue
    state.pointee.loopExit = savedExit
  }

  private func runCall(_ plan: CallPlan, meta: OpMeta) throws {
    guard let callee = plan.callee.function else { return }
    let entry = state.pointee.active
    if state.pointee.callDepth >= Self.maximumCallDepth {
      currentLocation = launch.program.records[meta.index].location
      try limitExceeded(
        .memoryLimit, "call depth exceeds \(Self.maximumCallDepth) (unbounded recursion?)")
    }
    let frame = try self.frame(for: callee)
    functionDepth[callee.index] += 1
    let callerFrame = state.pointee.frame
    let callerSlotBase = state.pointee.slotBase
    let savedReturn = state.pointee.returnMask
    var argument = 0
    for leaves in callee.parameterLeaves {
      for register in leaves where argument < plan.arguments.count {
        let size = callee.registerKinds[register].byteSize * lanes
        (frame.registers + register * laneStride).copyMemory(
          from: callerFrame + plan.arguments[argument] * laneStride, byteCount: size)
        argument += 1
      }
    }
    state.pointee.returnMask = .none
    state.pointee.callDepth += 1
    state.pointee.frame = frame.registers
    state.pointee.slotBase = frame.slotBase
    try run(callee.steps)
    state.pointee.frame = callerFrame
    state.pointee.slotBase = callerSlotBase
    state.pointee.callDepth -= 1
    state.pointee.returnMask = savedReturn
    functionDepth[callee.index] -= 1
    for (source, target) in zip(callee.resultLeaves, plan.results) {
      let size = callee.registerKinds[source].byteSize * lanes
      (callerFrame + target * laneStride).copyMemory(
        from: frame.registers + source * laneStride, byteCount: size)
    }
    setActive(entry - state.pointee.exited)
  }

  /// Checks the limits at a loop's back edge, locating a limit finding at the loop.
  func checkLimits(at meta: OpMeta) throws {
    currentLocation = launch.program.records[meta.index].location
    try checkLimits()
  }
}
