// The vector form of a thread loop whose work is one loop over a row by the block's stride (the
// loops of rmsnorm, layernorm and dynamic_shared), for vectorize-thread-loops
// (docs/fast-ports.md). All the block's threads together run the row loop's work once for every
// c in [0, B), and each c's work reaches only its own elements, so the work is an element loop
// over [0, B) (RowWork), which `VectorPlan` lowers as it lowers tile-global-access's:
//
//   uniform values, hoisted (a shared scalar, a slot of a uniform per-thread array, rsqrtf of them)
//   if (B > 0 ∧ every branch condition taken ∧ every operand aligned) {
//     Ascend: PipeBarrier<PIPE_ALL> (unless one comes right before)
//     vector ops over B elements of each operand's first element
//     Ascend: PipeBarrier<PIPE_ALL> (unless one comes right after)
//   } else { the thread loop as it was }
//
// An accumulation, `ACC[thread] = INIT; for (c ...) ACC[thread] += v(c)`, gives thread t the sum
// INIT + v(t) + v(t + W) + ... (W = blockDim.x) in that order. By chunks of W elements:
//
//   for (k = 0; k < B; k += W) {            n = min(W, B − k)
//     chunk[0, n) = v(k + [0, n))             (vector ops; v a plain tile load: the tile itself)
//     k == 0 ? acc[0, n) = chunk + INIT : acc[0, n) = acc + chunk
//   }
//   Ascend: PipeBarrier<PIPE_ALL>
//   for every thread t: ACC[t] = t_x < min(W, B) ? acc[t_x] : INIT
//
// which adds in the threads' own order, so the sums are exact. The chunks need W elements to be
// aligned too.

import KIR

/// One row loop's vector form.
struct RowLoopVector {
  let loop: Operation
  let uniformity: ThreadLoopUniformity
  let isBang: Bool
  /// The block's most threads (`max_threads`): the size of the accumulation's tiles.
  let maxThreads: Int
  /// Tiles earlier row loops of the kernel made: free again here (none outlives its loop).
  let pool: [Operation]

  /// The ops replacing the loop, or nil with `why` saying what keeps it scalar. New temporary
  /// tiles and locals (for the kernel's entry) are added to `entry`.
  func lower(blockDimX: Value, followsBarrier: Bool, precedesBarrier: Bool, entry: inout [Operation], why: inout String) -> [Operation]? {
    guard var row = RowWork(loop: loop, uniformity: uniformity, blockDimX: blockDimX, why: &why) else { return nil }
    defer { withExtendedLifetime(row.placeholders) {} }
    let build = row.build
    let alignment = Int64(isBang ? 64 : 32)
    // The guard, and each placeholder's first element.
    let count = row.hoister.wide(row.bound)
    var usable = build.compare(count, build.constant(int: 0, .i64), "gt")
    for condition in row.conditions { usable = build.value(.and, [usable, condition], type: .bool) }
    let lastElement = build.value(.sub, [count, build.constant(int: 1, .i64)], type: .i64)
    if let exact = AffineExactness.holds(
      row.exactChecks, first: build.constant(int: 0, .i64), last: lastElement, threadFromZero: true, hoister: &row.hoister)
    {
      usable = build.value(.and, [usable, exact], type: .bool)
    }
    func isAligned(_ elements: Value, size: Int) -> Value { build.isAligned(elements, elementSize: size, alignment: alignment) }
    var offsets: [(access: RowWork.Access, offset: Value, type: IRType)] = []
    for access in row.accesses {
      guard case let .pointer(_, .array(type, _))? = Optional(access.placeholder.type), case let .float(kind) = type,
        let fromRoot = RowWork.offsetFromRoot(access.base)
      else {
        why = "an operand's offset from its on-chip buffer is not known"
        return nil
      }
      let offset = row.hoister.sum(access.offset.terms, minus: access.offset.minus, access.offset.constant)
      let total = build.value(.add, [offset, row.hoister.sum(fromRoot, 0)], type: .i64)
      usable = build.value(.and, [usable, isAligned(total, size: kind.byteSize)], type: .bool)
      offsets.append((access, offset, type))
    }
    // The pointers of the accesses `shift` elements on, made by `make`.
    func pointers(shift: Value?, _ make: Builder) -> [Value: Value] {
      var map: [Value: Value] = [:]
      for (access, offset, type) in offsets {
        let at = shift.map { make.value(.add, [offset, $0], type: .i64) } ?? offset
        let index = make.value(.cast, [at], type: .i32)
        map[access.placeholder] = make.value(access.isElement ? .element : .offset, [access.base, index], type: .pointer(space: .shared, pointee: type))
      }
      return map
    }

    let vector = Region()
    if let accumulation = row.accumulation {
      guard
        let ops = accumulate(
          row, accumulation, count: count, blockDimX: blockDimX, usable: &usable, isAligned: isAligned, pointers: pointers, entry: &entry, why: &why)
      else { return nil }
      vector.operations = ops
    } else {
      var plan = VectorPlan(isBang: isBang, pool: pool)
      guard let ops = plan.lower(row.elementLoop(row.work, count: row.bound)) else {
        why = plan.failure.reason
        return nil
      }
      vector.operations = ops
      replaceUses(pointers(shift: nil, build), in: vector)
      entry += plan.temporaries
      if !isBang, !precedesBarrier { vector.operations.append(Operation(.ascendPipeBarrier, location: loop.location)) }
      if !row.slotStores.isEmpty { writeSlots(row, partials: nil, count: count, width: build.value(.cast, [blockDimX], type: .i64), into: Builder(region: vector)) }
    }
    if !isBang, !followsBarrier { vector.operations.insert(Operation(.ascendPipeBarrier, location: loop.location), at: 0) }
    build.create(.if, [usable], regions: [vector, Region(operations: [loop])])
    return build.region.operations
  }

  /// The chunk loop and the copy into the per-thread array of an accumulation.
  private func accumulate(
    _ row: RowWork, _ accumulation: RowWork.Accumulation, count: Value, blockDimX: Value, usable: inout Value,
    isAligned: (Value, Int) -> Value, pointers: (Value?, Builder) -> [Value: Value], entry: inout [Operation], why: inout String
  ) -> [Operation]? {
    let type = accumulation.initial.type
    guard case let .float(kind) = type else {
      why = "the partial sums are not f32 or f16"
      return nil
    }
    let build = row.build
    let location = row.rowLoop.location
    var made: [Operation] = []
    func tile(_ name: String) -> Operation {
      let tileType = IRType.pointer(space: .shared, pointee: .array(element: type, count: maxThreads))
      if let free = pool.first(where: { $0.results[0].name == name && $0.results[0].type == tileType }) { return free }
      let tile = Operation(.buffer, resultTypes: [tileType], resultNames: [name], attributes: ["role": .string("tile")], location: location)
      made.append(tile)
      return tile
    }
    let accTile = tile("row_partials")
    let chunkVariable = Operation(.alloca, resultTypes: [.pointer(space: .local, pointee: .i64)], resultNames: ["chunk_start"], location: location)
    let width = build.value(.cast, [blockDimX], type: .i64)
    usable = build.value(.and, [usable, isAligned(width, kind.byteSize)], type: .bool)
    usable = build.value(.and, [usable, build.compare(width, build.constant(int: Int64(maxThreads), .i64), "le")], type: .bool)
    let ops = Region()
    let make = Builder(region: ops, location: location)
    let vectorOp: Opcode = isBang ? .bangVector : .ascendVector
    let zero = make.constant(int: 0, .i64)
    make.create(.store, [zero, chunkVariable.results[0]])
    // for (k = 0; k < B; k += W)
    let condition = Region()
    let header = Builder(region: condition, location: location)
    header.create(.condition, [header.compare(header.value(.load, [chunkVariable.results[0]], type: .i64), count, "lt")])
    let body = Region()
    let inner = Builder(region: body, location: location)
    let start = inner.value(.load, [chunkVariable.results[0]], type: .i64)
    let rest = inner.value(.sub, [count, start], type: .i64)
    let length = inner.value(.select, [inner.compare(rest, width, "lt"), rest, width], type: .i64)
    let length32 = inner.value(.cast, [length], type: .i32)
    let shifted = pointers(start, inner)
    // chunk[0, n) = v: the vector ops of the work with a store of v to the chunk, or the tile v
    // is a plain load of.
    var source: Value
    if let load = accumulation.term.definingOp, load.opcode == .load, let element = load.operands[0].definingOp, element.opcode == .element,
      let placeholder = shifted[element.operands[0]]
    {
      source = placeholder
    } else {
      let chunkTile = tile("row_chunk")
      let address = Operation(.element, operands: [chunkTile.results[0], row.element], resultTypes: [.pointer(space: .shared, pointee: type)], location: location)
      let store = Operation(.store, operands: [accumulation.term, address.results[0]], location: location)
      var plan = VectorPlan(isBang: isBang, pool: pool)
      guard let vectorOps = plan.lower(row.elementLoop(row.work + [address, store], count: length)) else {
        why = plan.failure.reason
        return nil
      }
      let lowered = Region(operations: vectorOps)
      replaceUses(shifted, in: lowered)
      body.operations += lowered.operations
      entry += plan.temporaries
      source = chunkTile.results[0]
    }
    let first = inner.compare(start, zero, "eq")
    let initialize = Region()
    Builder(region: initialize, location: location).create(
      vectorOp, [accTile.results[0], source, accumulation.initial, length32], attributes: ["op": .keyword(isBang ? "add_scalar" : "Adds")])
    let add = Region()
    Builder(region: add, location: location).create(
      vectorOp, [accTile.results[0], accTile.results[0], source, length32], attributes: ["op": .keyword(isBang ? "add" : "Add")])
    inner.create(.if, [first], regions: [initialize, add])
    let step = Region()
    let next = Builder(region: step, location: location)
    next.create(.store, [next.value(.add, [next.value(.load, [chunkVariable.results[0]], type: .i64), width], type: .i64), chunkVariable.results[0]])
    make.create(.loop, regions: [condition, body, step])
    if !isBang { make.create(.ascendPipeBarrier) }
    writeSlots(row, partials: (accTile.results[0], accumulation), count: count, width: width, into: make)
    entry += made + [chunkVariable]
    return ops.operations
  }

  /// For every thread t: the uniform values the thread's code stores in its slots, and with an
  /// accumulation `ACC[t] = t_x < min(W, B) ? acc[t_x] : INIT` for every per-thread array ACC
  /// the thread loop keeps its partial sum in (and the local scalar, as the last thread leaves
  /// it); over the thread loop's own counter and bound, which end as the loop leaves them.
  private func writeSlots(_ row: RowWork, partials: (tile: Value, accumulation: RowWork.Accumulation)?, count: Value, width: Value, into make: Builder) {
    var cloner = Cloner()
    let counter = uniformity.counter
    make.create(.store, [make.constant(int: 0, counter.type.pointee ?? .u32), counter])
    let condition = cloner.clone(loop.regions[0])
    let step = cloner.clone(loop.regions[2])
    let body = Region()
    let inner = Builder(region: body, location: make.location)
    let thread = inner.value(.load, [counter], type: counter.type.pointee ?? .u32)
    for (array, value) in row.slotStores {
      inner.create(.store, [value, inner.value(.element, [array, thread], type: .pointer(space: .local, pointee: value.type))])
    }
    guard let (acc, accumulation) = partials else {
      make.create(.loop, regions: [condition, body, step])
      return
    }
    let used = make.value(.select, [make.compare(count, width, "lt"), count, width], type: .i64)
    make.create(.loop, regions: [condition, body, step])
    let type = accumulation.initial.type
    let threadX = inner.value(.rem, [thread, inner.value(.cast, [width], type: thread.type)], type: thread.type)
    let threadX64 = inner.value(.cast, [threadX], type: .i64)
    let inRow = inner.compare(threadX64, used, "lt")
    let fromTile = Region()
    let read = Builder(region: fromTile, location: make.location)
    let element = read.value(.element, [acc, read.value(.cast, [threadX], type: .i32)], type: .pointer(space: .shared, pointee: type))
    read.create(.yield, [read.value(.load, [element], type: type)])
    let initial = Region()
    Builder(region: initial, location: make.location).create(.yield, [accumulation.initial])
    let value = inner.create(.if, [inRow], results: [type], regions: [fromTile, initial]).results[0]
    for array in accumulation.arrays {
      inner.create(.store, [value, inner.value(.element, [array, thread], type: .pointer(space: .local, pointee: type))])
    }
    if let scalar = accumulation.scalar { inner.create(.store, [value, scalar]) }
  }
}
