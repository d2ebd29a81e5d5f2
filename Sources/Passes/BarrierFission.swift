// Barrier fission, the first half of `simt-to-spmd`: a kernel body becomes block-level code
// (run once per block) with thread loops (run once per thread) between the barriers.
//
// A block-level region is walked in order. Ops that compute a uniform value go to block level;
// the others collect in the pending thread loop, which a barrier, a shuffle, a store to a
// uniform local or an op holding a barrier ends. Control flow that holds a barrier is lowered
// recursively at block level when all threads take it the same way; a thread-dependent `if`
// that holds only warp operations becomes predicated thread loops (a per-thread flag says
// which threads take it). What the lowering cannot do is a located diagnostic.
//
// The thread loops are finished by ThreadLoops.swift once every loop exists, because a value a
// later loop uses may have to be saved by an earlier one.

import KIR

/// One thread loop: the CUDA code of one barrier interval, for one thread per iteration.
final class ThreadSegment {
  let index: Int
  /// The per-thread i1 array saying which threads run the loop's body; nil: every thread.
  let predicate: Value?
  /// Whether the loop runs more than once per block (it is inside a loop of the kernel), so a
  /// local it alone uses may carry a thread's value from one run to the next.
  let repeats: Bool
  /// The ops of the barrier interval (the body of the loop, or of its predicate's `if`).
  let inner: Region
  /// The loop's `do` region, filled when the segment is finished.
  let loopBody: Region
  /// The linear thread index (`mem.load` of the counter), first op of the loop body.
  let thread: Value
  /// The header: the linear index and its x, y, z decomposition.
  let header: [Operation]
  let threadX: Value
  let threadY: Value
  let threadZ: Value

  init(
    index: Int, predicate: Value?, repeats: Bool, operations: [Operation], counter: Value,
    launch: LaunchValues, location: Location
  ) {
    self.index = index
    self.predicate = predicate
    self.repeats = repeats
    self.inner = Region(operations: operations)
    self.loopBody = Region()
    let builder = Builder(region: Region(), location: location)
    thread = builder.value(.load, [counter], type: .u32, name: "thread")
    threadX = builder.value(.rem, [thread, launch.blockDim[0]], type: .u32, name: "thread_x")
    let rest = builder.value(.div, [thread, launch.blockDim[0]], type: .u32)
    threadY = builder.value(.rem, [rest, launch.blockDim[1]], type: .u32, name: "thread_y")
    threadZ = builder.value(.div, [rest, launch.blockDim[1]], type: .u32, name: "thread_z")
    header = builder.region.operations
  }
}

/// The launch's values at block level: the kernel's launch parameters and constants.
struct LaunchValues {
  let blockDim: [Value]
  /// blockDim.x * blockDim.y * blockDim.z.
  let threadCount: Value
  let zero: Value
  let one: Value
}

/// The state of lowering one kernel's body.
struct BarrierFission {
  let uniformity: BlockUniformity
  let context: PassContext
  let launch: LaunchValues
  let maxThreads: Int
  private(set) var segments: [ThreadSegment] = []
  /// The segment whose thread loop defines each value (top-level results of its ops).
  private(set) var segmentOf: [Value: Int] = [:]
  /// New per-thread arrays (predicates, shuffle lanes), to be placed at the kernel's entry.
  private(set) var newLocals: [Operation] = []
  /// The ops standing for the linear thread index until the loops exist (held, so that their
  /// identities stay unique after they leave the IR).
  private(set) var threadIndexPlaceholders: [ObjectIdentifier: Operation] = [:]
  /// Results of lowered ops, replaced once the body is assembled (shuffle results).
  private(set) var replacements: [Value: Value] = [:]
  private(set) var failed = false
  /// How many loops of the kernel enclose the region being lowered.
  private var loopDepth = 0

  init(uniformity: BlockUniformity, context: PassContext, launch: LaunchValues, maxThreads: Int) {
    self.uniformity = uniformity
    self.context = context
    self.launch = launch
    self.maxThreads = maxThreads
  }

  /// The block-level ops that replace `region`, run by the threads `predicate` selects.
  mutating func lower(_ region: Region, predicate: Value?) -> [Operation] {
    var lowering = RegionLowering(predicate: predicate)
    for op in region.operations { lowerOp(op, into: &lowering) }
    flush(&lowering)
    return lowering.output
  }

  private mutating func lowerOp(_ op: Operation, into lowering: inout RegionLowering) {
    switch op.opcode {
    case .syncthreads:
      if lowering.predicate != nil { reportDivergentBarrier(op) }
      flush(&lowering)
    case .syncwarp:
      flush(&lowering)
    case .shuffle:
      lowerShuffle(op, into: &lowering)
    case .syncthreadsCount, .syncthreadsAnd, .syncthreadsOr:
      lowerBlockCollective(op, into: &lowering)
    case .vote, .ballot, .activemask:
      lowerWarpVote(op, into: &lowering)
    case .yield, .condition, .break, .continue:
      if op.operands.contains(where: { segmentOf[$0] != nil || !uniformity.isUniform($0) }) {
        fail(op, "the value of this '\(op.opcode.name)' depends on the thread, but the construct it ends holds a barrier or a warp operation")
      }
      flush(&lowering)
      lowering.output.append(op)
    default:
      if uniformity.isStructural(op) {
        lowerStructural(op, into: &lowering)
      } else if isBlockLevel(op, predicate: lowering.predicate) {
        if op.opcode == .store { flush(&lowering) }
        lowering.output.append(op)
      } else if op.opcode == .store && uniformity.uniformLocals.contains(op.operands[1]) {
        fail(op, "internal error: a variable kept once per block would be assigned inside a thread loop; please report it with the input")
      } else {
        lowering.pending.append(op)
      }
    }
  }

  /// Whether `op` runs once per block: a uniform value computed from block-level values, a
  /// uniform local's load or store.
  private func isBlockLevel(_ op: Operation, predicate: Value?) -> Bool {
    guard op.regions.isEmpty, op.results.allSatisfy({ uniformity.isUniform($0) }),
      !op.operands.contains(where: { segmentOf[$0] != nil })
    else { return false }
    switch op.opcode {
    case .threadId: return false
    case .div, .rem:
      // Under a predicate no thread may run it: it must not trap (a zero divisor, or the most
      // negative integer divided by -1).
      if predicate == nil { return true }
      guard let divisor = op.operands[1].definingOp, divisor.opcode == .constant,
        let value = divisor.attributes["value"]
      else { return false }
      if let integer = value.intValue { return integer != 0 && integer != -1 }
      return value.floatValue != nil
    case .load:
      let pointer = op.operands[0]
      if uniformity.uniformLocals.contains(pointer) { return true }
      return predicate == nil && pointer.type.addressSpace == .constant
    case .store:
      return uniformity.uniformLocals.contains(op.operands[1])
    default:
      return op.isPure
    }
  }

  private mutating func lowerStructural(_ op: Operation, into lowering: inout RegionLowering) {
    switch op.opcode {
    case .if:
      let condition = op.operands[0]
      if uniformity.isUniform(condition) && segmentOf[condition] == nil {
        flush(&lowering)
        op.regions = op.regions.map { Region(operations: lower($0, predicate: lowering.predicate)) }
        lowering.output.append(op)
      } else {
        lowerPredicatedIf(op, into: &lowering)
      }
    case .loop, .doWhile, .block:
      flush(&lowering)
      if uniformity.isDivergent(op) {
        if !reportDivergentBarrier(in: op) {
          fail(op, "a warp operation inside a loop or early exit that differs between threads is not supported yet")
        }
        return
      }
      if op.opcode != .block { loopDepth += 1 }
      op.regions = op.regions.map { Region(operations: lower($0, predicate: lowering.predicate)) }
      if op.opcode != .block { loopDepth -= 1 }
      lowering.output.append(op)
    default:
      fail(op, "'\(op.opcode.name)' holds a barrier or warp operation and cannot be lowered")
    }
  }

  /// A thread-dependent `if` holding warp operations: each branch runs in thread loops
  /// predicated on a per-thread flag.
  private mutating func lowerPredicatedIf(_ op: Operation, into lowering: inout RegionLowering) {
    if reportDivergentBarrier(in: op) { return }
    if !op.results.isEmpty || op.hasEscapingJump {
      fail(op, "a thread-dependent condition that yields a value or leaves a loop around a warp operation is not supported yet")
      return
    }
    let builder = Builder(region: Region(), location: op.location)
    let thread = threadIndex(builder)
    var taken = op.operands[0]
    var outer: Value?
    if let predicate = lowering.predicate {
      let enclosing = builder.value(.load, [builder.value(.element, [predicate, thread], type: .pointer(space: .local, pointee: .bool))], type: .bool)
      outer = enclosing
      taken = builder.value(.and, [enclosing, taken], type: .bool)
    }
    let thenFlags = perThreadArray(.bool, name: "taken", location: op.location)
    builder.create(.store, [taken, builder.value(.element, [thenFlags, thread], type: .pointer(space: .local, pointee: .bool))])
    var elseFlags: Value?
    if op.regions.count > 1, !op.regions[1].isEmpty {
      let flags = perThreadArray(.bool, name: "not_taken", location: op.location)
      var notTaken = builder.value(.not, [op.operands[0]], type: .bool)
      if let outer { notTaken = builder.value(.and, [outer, notTaken], type: .bool) }
      builder.create(.store, [notTaken, builder.value(.element, [flags, thread], type: .pointer(space: .local, pointee: .bool))])
      elseFlags = flags
    }
    lowering.pending.append(contentsOf: builder.region.operations)
    flush(&lowering)
    lowering.output.append(contentsOf: lower(op.regions[0], predicate: thenFlags))
    if let elseFlags { lowering.output.append(contentsOf: lower(op.regions[1], predicate: elseFlags)) }
    context.count("predicated regions")
  }

  /// Ends the pending thread loop, if any, and appends it to the block-level output.
  mutating func flush(_ lowering: inout RegionLowering) {
    guard !lowering.pending.isEmpty else { return }
    let location = lowering.pending[0].location
    // Each thread loop has its own counter: `for (uint32_t thread = 0; ...)` in emitted code.
    let counterOp = Operation(
      .alloca, resultTypes: [.pointer(space: .local, pointee: .u32)], resultNames: ["thread"], location: location)
    newLocals.append(counterOp)
    let counter = counterOp.results[0]
    let segment = ThreadSegment(
      index: segments.count, predicate: lowering.predicate, repeats: loopDepth > 0,
      operations: lowering.pending, counter: counter, launch: launch, location: location)
    for op in lowering.pending {
      for result in op.results { segmentOf[result] = segment.index }
    }
    segments.append(segment)
    lowering.pending = []
    let builder = Builder(region: Region(), location: location)
    builder.create(.store, [launch.zero, counter])
    let condition = Region()
    builder.within(condition) {
      let current = builder.value(.load, [counter], type: .u32)
      let more = builder.value(.cmp, [current, launch.threadCount], type: .bool, attributes: ["predicate": .keyword("lt")])
      builder.create(.condition, [more])
    }
    let step = Region()
    builder.within(step) {
      let current = builder.value(.load, [counter], type: .u32)
      builder.create(.store, [builder.value(.add, [current, launch.one], type: .u32), counter])
    }
    builder.create(.loop, attributes: ["thread_loop": .bool(true)], regions: [condition, segment.loopBody, step])
    lowering.output.append(contentsOf: builder.region.operations)
    context.count("thread loops")
  }

  /// An op standing for the linear thread index of the thread loop it ends up in.
  mutating func threadIndex(_ builder: Builder) -> Value {
    let value = builder.constant(int: 0, .u32)
    if let op = value.definingOp { threadIndexPlaceholders[ObjectIdentifier(op)] = op }
    return value
  }

  /// A new per-thread array of `element`, indexed by the linear thread index.
  mutating func perThreadArray(_ element: IRType, name: String, location: Location) -> Value {
    let op = Operation(
      .alloca, resultTypes: [.pointer(space: .local, pointee: .array(element: element, count: maxThreads))],
      resultNames: [name], location: location)
    newLocals.append(op)
    return op.results[0]
  }

  mutating func replace(_ old: Value, with new: Value) { replacements[old] = new }

  /// Adds a local to the kernel's entry.
  mutating func addEntryLocal(_ op: Operation) { newLocals.append(op) }


  /// Reports KP3010 at the first block barrier inside `op`; whether there was one.
  @discardableResult
  private mutating func reportDivergentBarrier(in op: Operation) -> Bool {
    var barrier: Operation?
    op.regions.forEach { region in
      region.walk { inner in
        if barrier == nil, inner.info.effects.contains(.barrier), inner.opcode != .syncwarp { barrier = inner }
      }
    }
    guard let barrier else { return false }
    reportDivergentBarrier(barrier, note: op)
    return true
  }

  mutating func reportDivergentBarrier(_ barrier: Operation, note: Operation? = nil) {
    var diagnostic = Diagnostic.error(
      .barrierUnderDivergence,
      "'\(barrier.opcode.name)' is reached under control flow that depends on the thread; the block's threads cannot be split into loops here",
      at: barrier.location)
    if let note {
      diagnostic.notes.append(.note("the thread-dependent construct is here", at: note.location))
    }
    context.report(diagnostic)
    failed = true
  }

  mutating func fail(_ op: Operation, _ message: String) {
    context.report(.error(.cannotLowerSIMT, message, at: op.location))
    failed = true
  }
}

/// The output being built for one block-level region.
struct RegionLowering {
  let predicate: Value?
  var output: [Operation] = []
  var pending: [Operation] = []

  init(predicate: Value?) { self.predicate = predicate }
}
