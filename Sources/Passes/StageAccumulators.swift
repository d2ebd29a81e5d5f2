// stage-accumulators: a thread loop whose grid-stride loop accumulates into the thread's own
// locals (`float v = 0; for (i = gid; i < n; i += stride) v += in[i]; partial[tid] = v;`)
// keeps those locals in per-thread on-chip slots and becomes three thread loops: the locals'
// initial stores, the grid-stride loop, the rest. tile-global-access then tiles the grid-stride
// loop per block (the slots are the threads' own, so each tile's element loop adds into them
// in every thread's own order: exact), and vectorize makes the adds vector instructions.
//
//   for t { P; v = c; i = start; for (; i < n; i += S) { W(v, in[i]) }  R(v) }
//   →  for t { P; slot[t] = c }
//      for t { P; i = start; for (; i < n; i += S) { W(slot[t], in[i]) } }
//      for t { P; R(slot[t]) }
//
// P is pure ops over the thread's indices (copied into each loop), the initial stores store
// values from P or from outside, and every local the stores or the loop touch (other than the
// loop's index) is a scalar local that the kernel uses only in this thread loop, loads and
// stores it directly, and stores before the loop. As for split-thread-loops: with no barrier
// in a thread loop, all threads running their initial stores, then all their loops, then all
// the rest is one of the orders CUDA allows, and each thread keeps its values in its own slot.
// The split form is kept only where tile-global-access will take the loop (ElementwiseLoop
// matches it); slots take `max_threads` elements of on-chip memory each, which must fit.

import KIR

/// Grid-stride accumulations keep their accumulators in per-thread on-chip slots.
public struct StageAccumulators: Pass {
  public static let info = PassInfo(
    name: "stage-accumulators", group: .lowering,
    summary: "A grid-stride loop accumulating into the thread's locals keeps them in per-thread on-chip slots, in a thread loop of its own.",
    options: [
      .targetChoice(ops: "on-chip capacity")
    ])

  let target: String

  public init(options: PassOptions) { target = options.choice("target") }

  public func run(on module: Module, context: PassContext) {
    guard target != "none", let capacity = SimtToSpmd.capacities[target]?.bytes else { return }
    for function in module.loweredKernels where function.declaredLevel == .spmd {
      guard let blockDimX = function.launchParameter("block_dim_x"), let blockThreads = function.blockThreads else { continue }
      var staging = AccumulatorStaging(
        function: function, blockDimX: blockDimX, slotCount: Int(function.attributes["max_threads"]?.intValue ?? 1024),
        room: capacity - (onChipFootprint(of: function, in: module)?.totalBytes ?? 0), sizes: StorageSize(module: module))
      var staged = 0
      rewriteOps(in: function.body, where: ElementwiseLoop.isThreadLoop) { loop, path in
        guard ElementwiseLoop.threadBound(of: loop) === blockThreads, ElementwiseLoop.startsAtZero(path),
          let ops = staging.stage(loop)
        else { return nil }
        staged += 1
        let names = staging.lastNames.joined(separator: ", ")
        context.report(
          .remark(
            .fastPortApplied, "accumulators in on-chip slots: \(names) kept per thread on chip, so that the grid-stride loop can be tiled",
            at: staging.lastLocation ?? loop.location))
        return ops
      }
      function.body.operations.insert(contentsOf: staging.buffers, at: 0)
      for array in staging.movedArrays { staging.moveOnChip(array) }
      if staged > 0 { context.count("accumulations staged", staged) }
    }
  }
}

/// The staging of one kernel's accumulations.
private struct AccumulatorStaging {
  let function: Function
  let blockDimX: Value
  let slotCount: Int
  /// On-chip bytes left for slots.
  var room: Int
  let sizes: StorageSize
  /// The slot arrays made, for the kernel's entry.
  var buffers: [Operation] = []
  var lastNames: [String] = []
  /// Per-thread arrays whose slots accumulate: they move on chip once the walk is done.
  var movedArrays: [Value] = []
  var lastLocation: Location?

  init(function: Function, blockDimX: Value, slotCount: Int, room: Int, sizes: StorageSize) {
    self.function = function
    self.blockDimX = blockDimX
    self.slotCount = slotCount
    self.room = room
    self.sizes = sizes
  }

  /// The three loops `loop` becomes, or nil.
  mutating func stage(_ loop: Operation) -> [Operation]? {
    let body = loop.regions[1].operations
    guard let counter = loop.regions[0].operations.first?.operands.first else { return nil }
    func isPrelude(_ op: Operation) -> Bool { (op.isPure && op.regions.isEmpty) || (op.opcode == .load && op.operands[0] === counter) }
    guard let firstStore = body.firstIndex(where: { !isPrelude($0) }),
      let loopIndex = body[firstStore...].firstIndex(where: { $0.opcode == .loop }), loopIndex >= firstStore + 2
    else { return nil }
    // Pure ops between the stores belong to P (they depend on no store).
    let before = Array(body[..<(loopIndex - 1)])
    let prelude = before.filter(isPrelude)
    let initial = before.filter { !isPrelude($0) }
    let indexStore = body[loopIndex - 1]
    let gridLoop = body[loopIndex]
    let rest = Array(body[(loopIndex + 1)...])
    guard indexStore.opcode == .store, !initial.isEmpty else { return nil }
    let variable = indexStore.operands[1]
    let preludeValues = Set(prelude.flatMap(\.results).map(ObjectIdentifier.init))
    let inLoop = Set(ElementwiseLoop.definedValues(in: loop).map(ObjectIdentifier.init))

    // The initial stores: values from P or from outside, into scalar locals or the thread's
    // slots of per-thread arrays (`mem.element ARRAY, thread` in P).
    let threadLoad = prelude.first { $0.opcode == .load }?.result
    var locals: [Value] = []
    var arrays: [Value] = []
    var slotAddresses: Set<ObjectIdentifier> = []
    for op in initial {
      guard op.opcode == .store, op.operands[1] !== variable,
        preludeValues.contains(ObjectIdentifier(op.operands[0])) || !inLoop.contains(ObjectIdentifier(op.operands[0]))
      else { return nil }
      let address = op.operands[1]
      if Self.isScalarLocal(address) {
        if !locals.contains(where: { $0 === address }) { locals.append(address) }
      } else if let element = address.definingOp, let threadLoad, prelude.contains(where: { $0 === element }),
        ElementwiseLoop.isSlot(element, counterLoad: threadLoad, outside: { !inLoop.contains(ObjectIdentifier($0)) }),
        element.operands[0].definingOp?.opcode == .alloca
      {
        slotAddresses.insert(ObjectIdentifier(address))
        if !arrays.contains(where: { $0 === element.operands[0] }) { arrays.append(element.operands[0]) }
      } else {
        return nil
      }
    }
    // The loop touches no other local memory than those and its index.
    var touched = false
    var foreign = false
    _ = gridLoop.contains { op in
      for operand in op.operands where operand.type.addressSpace == .local && operand !== variable {
        if locals.contains(where: { $0 === operand }) || slotAddresses.contains(ObjectIdentifier(operand)) { touched = true } else { foreign = true }
      }
      return false
    }
    guard touched, !foreign, arrays.allSatisfy({ Self.canMoveOnChip($0, in: function) }) else { return nil }
    // The rest does not read the loop's index; the kernel uses the locals only here, directly.
    guard !rest.contains(where: { $0.contains { $0.operands.contains { $0 === variable } } }) else { return nil }
    var opsInLoop: Set<ObjectIdentifier> = []
    loop.regions.forEach { $0.walk { opsInLoop.insert(ObjectIdentifier($0)) } }
    for local in locals {
      var outsideUse = false
      var indirect = false
      function.body.walk { op in
        for (position, operand) in op.operands.enumerated() where operand === local {
          if !opsInLoop.contains(ObjectIdentifier(op)) { outsideUse = true }
          if !Self.isAccess(op, at: position) { indirect = true }
        }
      }
      guard !outsideUse, !indirect else { return nil }
    }
    // Room on chip for the slots.
    let bytes = locals.reduce(0) { $0 + (($1.type.pointee.flatMap(sizes.bytes(of:)) ?? 0) * slotCount) }
    guard bytes <= room else { return nil }

    // Build the three loops from a copy, so that a refusal leaves `loop` as it was.
    var copier = Cloner()
    let copy = copier.clone(loop)
    let copied = copy.regions[1].operations
    guard let counterLoad = copied.first(where: { $0.opcode == .load && $0.operands[0] === counter })?.result else { return nil }
    var slotArrays: [Value: Value] = [:]
    var made: [Operation] = []
    for local in locals {
      guard let element = local.type.pointee else { return nil }
      let buffer = Operation(
        .buffer, resultTypes: [.pointer(space: .shared, pointee: .array(element: element, count: slotCount))],
        resultNames: [(local.name ?? "local") + "_slots"], attributes: ["role": .string("slots")], location: loop.location)
      made.append(buffer)
      slotArrays[local] = buffer.results[0]
    }
    let copiedBefore = Array(copied[..<(loopIndex - 1)])
    let preludeOps = copiedBefore.filter(isPrelude)
    let parts = [copiedBefore.filter { !isPrelude($0) }, Array(copied[(loopIndex - 1)...loopIndex]), Array(copied[(loopIndex + 1)...])]
      .map { Region(operations: $0) }
    for part in parts { Self.redirect(part, slots: slotArrays, thread: counterLoad) }
    if let body = parts[1].operations.last?.regions[1] {
      Self.ifConvert(body) { address in
        guard let element = address.definingOp else { return false }
        return ElementwiseLoop.isSlot(element, counterLoad: counterLoad, outside: { _ in true })
      }
    }
    let (initialOps, loopOps, restOps) = (parts[0].operations, parts[1].operations, parts[2].operations)
    let middle = Operation(
      .loop, attributes: loop.attributes, regions: [copy.regions[0], Region(operations: preludeOps + loopOps), copy.regions[2]], location: loop.location)
    guard (try? ElementwiseLoop(middle, blockDimX: blockDimX)) != nil else { return nil }

    buffers += made
    room -= bytes
    for array in arrays where !movedArrays.contains(where: { $0 === array }) { movedArrays.append(array) }
    lastNames = (locals + arrays).map { $0.name ?? "?" }
    lastLocation = gridLoop.location
    let reset = { ElementwiseLoop.counterReset(counter, location: loop.location) }
    var result: [Operation] = [ElementwiseLoop.threadLoop(like: copy, prelude: preludeOps, tail: initialOps)] + reset() + [middle]
    if !restOps.isEmpty { result += reset() + [ElementwiseLoop.threadLoop(like: copy, prelude: preludeOps, tail: restOps)] }
    return result
  }

  /// Whether operand `position` of `op` is the address it loads from or stores to.
  static func isAccess(_ op: Operation, at position: Int) -> Bool {
    (op.opcode == .load && position == 0) || (op.opcode == .store && position == 1)
  }

  /// Whether per-thread array `array` is only addressed element by element, each element only
  /// loaded or stored: it can live on chip.
  static func canMoveOnChip(_ array: Value, in function: Function) -> Bool {
    guard case .array? = array.type.pointee else { return false }
    var elements: Set<ObjectIdentifier> = []
    var movable = true
    function.body.walk { op in
      for (position, operand) in op.operands.enumerated() where operand === array {
        if op.opcode == .element, position == 0, let result = op.result { elements.insert(ObjectIdentifier(result)) } else { movable = false }
      }
    }
    function.body.walk { op in
      for (position, operand) in op.operands.enumerated() where elements.contains(ObjectIdentifier(operand)) {
        if !Self.isAccess(op, at: position) { movable = false }
      }
    }
    return movable
  }

  /// Moves per-thread array `array` (a local `mem.alloca`) into an on-chip slot array: its
  /// element addresses become addresses of the buffer's elements.
  func moveOnChip(_ array: Value) {
    guard let pointee = array.type.pointee, let alloca = array.definingOp else { return }
    let buffer = Operation(
      .buffer, resultTypes: [.pointer(space: .shared, pointee: pointee)], resultNames: [array.name],
      attributes: ["role": .string("slots")], location: alloca.location)
    var replacements: [Value: Value] = [:]
    func retarget(_ region: Region) {
      for (index, op) in region.operations.enumerated() {
        op.regions.forEach(retarget)
        guard op.opcode == .element, op.operands.first === array, let result = op.result else { continue }
        let moved = Operation(
          .element, operands: [buffer.results[0], op.operands[1]], resultTypes: [result.type.withSpace(.shared)],
          resultNames: [result.name], location: op.location)
        region.operations[index] = moved
        replacements[result] = moved.results[0]
      }
    }
    retarget(function.body)
    replaceUses(replacements, in: function.body)
    function.body.operations.removeAll { $0 === alloca }
    function.body.operations.insert(buffer, at: 0)
  }

  /// Replaces each `if (c) { ... }` of `region` (no else) whose ops are pure ops that cannot
  /// trap and loads and stores of the thread's own slots (`isPrivate`) by those ops run always,
  /// each store storing `c ? value : the slot's value`: `if (x > t) ++count` becomes `count = x > t
  /// ? count + 1 : count`. The slots are the thread's alone, so reading and writing them back
  /// unchanged is invisible; with c the ops do what they did.
  static func ifConvert(_ region: Region, isPrivate: (Value) -> Bool) {
    var index = 0
    while index < region.operations.count {
      let op = region.operations[index]
      let isEnd = { (inner: Operation) in inner.opcode == .yield && inner.operands.isEmpty }
      guard op.opcode == .if, op.results.isEmpty, op.regions.count == 2, op.regions[1].operations.allSatisfy(isEnd), let condition = op.operands.first
      else {
        index += 1
        continue
      }
      let then = op.regions[0].operations.filter { !isEnd($0) }
      let convertible = then.allSatisfy { inner in
        switch inner.opcode {
        case .load: return isPrivate(inner.operands[0])
        case .store: return isPrivate(inner.operands[1])
        case .div, .rem: return inner.result?.type.isInteger == false
        default: return inner.isPure && inner.regions.isEmpty
        }
      }
      guard convertible, then.contains(where: { $0.opcode == .store }) else {
        index += 1
        continue
      }
      var converted: [Operation] = []
      for inner in then {
        if inner.opcode == .store {
          let build = Builder(region: Region(), location: inner.location)
          let type = inner.operands[0].type
          let old = build.value(.load, [inner.operands[1]], type: type)
          inner.operands[0] = build.value(.select, [condition, inner.operands[0], old], type: type)
          converted += build.region.operations
        }
        converted.append(inner)
      }
      region.operations.replaceSubrange(index...index, with: converted)
      index += converted.count
    }
  }

  /// Whether `value` is a scalar local variable (`mem.alloca` of one scalar).
  static func isScalarLocal(_ value: Value) -> Bool {
    guard value.definingOp?.opcode == .alloca, value.type.addressSpace == .local, let pointee = value.type.pointee else { return false }
    return pointee.isScalar
  }

  /// Loads and stores of each local in `region` (and below) go to `slots[local][thread]`.
  static func redirect(_ region: Region, slots: [Value: Value], thread: Value) {
    var index = 0
    while index < region.operations.count {
      let op = region.operations[index]
      op.regions.forEach { redirect($0, slots: slots, thread: thread) }
      let position = op.opcode == .load ? 0 : (op.opcode == .store ? 1 : -1)
      if position >= 0, let buffer = slots[op.operands[position]], let element = op.operands[position].type.pointee {
        let address = Operation(.element, operands: [buffer, thread], resultTypes: [.pointer(space: .shared, pointee: element)], location: op.location)
        op.operands[position] = address.results[0]
        region.operations.insert(address, at: index)
        index += 1
      }
      index += 1
    }
  }
}
