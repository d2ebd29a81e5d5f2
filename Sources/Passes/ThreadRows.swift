// The rows of a thread loop, for stage-global-access: a thread loop over a 2-D or 3-D block
// whose threads index global memory by their row (`y = blockIdx.y * blockDim.y + threadIdx.y`)
// runs as a loop over the block's rows around a thread loop over one row's threads. In that
// inner loop threadIdx.y and threadIdx.z are the same for every thread, so `y * nx + x` is a
// block offset plus threadIdx.x, and each row's window moves by one DMA.
//
//   scf.loop {thread_loop} { t < threads } do { body(t) } step { t += 1 }
// becomes
//   rows = threads / block_dim_x; row = 0
//   scf.loop { row < rows } do {
//     start = row * block_dim_x; t = start
//     scf.loop {thread_loop} { t < start + block_dim_x } do { body(t), t / block_dim_x → row }
//     step { t += 1 }
//   } step { row += 1 }
//
// The threads run in the same order, so the split changes nothing by itself; the stager keeps
// it only when it stages an array of the row loop.

import KIR

/// A thread loop split into the block's rows.
struct ThreadRows {
  /// The local holding the row, for the kernel's entry.
  let rowVariable: Operation
  /// The thread loop over one row's threads (the body a copy of the original's).
  let inner: Operation
  /// The row, as the row loop's body reads it before the inner loop (the inner loop's uses of
  /// `thread / block_dim_x` read this value).
  let row: Value
  private let counter: Value
  private let threads: Value
  private let blockDimX: Value
  private let prelude: Region

  /// Splits `loop` when its body uses the thread's row (`thread / block_dim_x`); nil otherwise.
  init?(loop: Operation, blockDimX: Value) {
    let condition = loop.regions[0].operations
    guard condition.count == 3, condition[0].opcode == .load, condition[1].opcode == .cmp,
      condition[1].attributes["predicate"]?.keywordValue == "lt", condition[1].operands[0] === condition[0].results[0],
      condition[2].opcode == .condition, let counter = condition[0].operands.first,
      counter.type.pointee == .u32, condition[1].operands[1].type == .u32,
      Self.stepsByOne(loop.regions[2], counter: counter)
    else { return nil }
    let body = loop.regions[1]
    // The row: `div (load %thread), %block_dim_x` at the top of the body.
    let rows = body.operations.filter { op in
      op.opcode == .div && op.operands[1] === blockDimX
        && op.operands[0].definingOp.map { $0.opcode == .load && $0.operands[0] === counter } == true
    }
    guard !rows.isEmpty, Self.indexesByRow(body, rows: rows.compactMap(\.result)), !Self.breaksOut(of: body) else { return nil }
    self.counter = counter
    self.threads = condition[1].operands[1]
    self.blockDimX = blockDimX
    let location = loop.location
    rowVariable = Operation(.alloca, resultTypes: [.pointer(space: .local, pointee: .u32)], resultNames: ["row"], location: location)
    let build = Builder(region: Region(), location: location)
    let row = build.value(.load, [rowVariable.results[0]], type: .u32, name: "row")
    self.row = row
    let start = build.value(.mul, [row, blockDimX], type: .u32)
    let end = build.value(.add, [start, blockDimX], type: .u32)
    build.create(.store, [start, counter])
    prelude = build.region
    // The inner loop: the same body, with the row read from the row loop.
    var cloner = Cloner()
    let innerBody = cloner.clone(body)
    var replacements: [Value: Value] = [:]
    for op in rows { if let result = op.result, let copy = cloner.mapping[result] { replacements[copy] = row } }
    replaceUses(replacements, in: innerBody)
    let test = Builder(region: Region(), location: location)
    let current = test.value(.load, [counter], type: .u32)
    test.create(.condition, [test.compare(current, end, "lt")])
    inner = Operation(
      .loop, attributes: loop.attributes, regions: [test.region, innerBody, cloner.clone(loop.regions[2])], location: location)
  }

  /// The ops replacing the original loop: the rows' count and the row loop around `staged`,
  /// the ops replacing the inner loop.
  func assemble(replacing staged: [Operation]) -> [Operation] {
    let build = Builder(region: Region(), location: inner.location)
    let rows = build.value(.div, [threads, blockDimX], type: .u32, name: "rows")
    build.create(.store, [build.constant(int: 0, .u32), rowVariable.results[0]])
    let test = Builder(region: Region(), location: inner.location)
    let current = test.value(.load, [rowVariable.results[0]], type: .u32)
    test.create(.condition, [test.compare(current, rows, "lt")])
    let body = Region(operations: prelude.operations + staged)
    let step = Builder(region: Region(), location: inner.location)
    let last = step.value(.load, [rowVariable.results[0]], type: .u32)
    step.create(.store, [step.value(.add, [last, step.constant(int: 1, .u32)], type: .u32), rowVariable.results[0]])
    build.create(.loop, attributes: ["row_loop": .bool(true)], regions: [test.region, body, step.region])
    return build.region.operations
  }

  /// Whether any of `ops` (in order) uses the row, directly or through an earlier one.
  func dependsOnRow(_ ops: [Operation], _ value: Value) -> Bool {
    var dependent = Set(prelude.operations.flatMap(\.results).map(ObjectIdentifier.init))
    for op in ops where op.operands.contains(where: { dependent.contains(ObjectIdentifier($0)) }) {
      op.results.forEach { dependent.insert(ObjectIdentifier($0)) }
    }
    return dependent.contains(ObjectIdentifier(value))
  }

  /// A loop over the block's rows computing `checks` (ops over the row, as the row loop's body
  /// reads it) for each and clearing `flag` where `holds` is false. The thread counter is left
  /// as it was.
  func everyRow(_ checks: [Operation], holds: Value, flag: Value) -> [Operation] {
    let location = inner.location
    let build = Builder(region: Region(), location: location)
    let rows = build.value(.div, [threads, blockDimX], type: .u32)
    build.create(.store, [build.constant(int: 0, .u32), rowVariable.results[0]])
    let test = Builder(region: Region(), location: location)
    let current = test.value(.load, [rowVariable.results[0]], type: .u32)
    test.create(.condition, [test.compare(current, rows, "lt")])
    var cloner = Cloner()
    let body = Builder(region: Region(), location: location)
    for op in prelude.operations where op.opcode != .store { body.region.operations.append(cloner.clone(op)) }
    for op in checks { body.region.operations.append(cloner.clone(op)) }
    let held = body.value(.and, [body.value(.load, [flag], type: .bool), cloner.mapping[holds] ?? holds], type: .bool)
    body.create(.store, [held, flag])
    let step = Builder(region: Region(), location: location)
    let last = step.value(.load, [rowVariable.results[0]], type: .u32)
    step.create(.store, [step.value(.add, [last, step.constant(int: 1, .u32)], type: .u32), rowVariable.results[0]])
    build.create(.loop, regions: [test.region, body.region, step.region])
    return build.region.operations
  }

  /// Whether `step` is `counter += 1`.
  private static func stepsByOne(_ step: Region, counter: Value) -> Bool {
    let ops = step.operations
    guard ops.count >= 3, let store = ops.last, store.opcode == .store, store.operands[1] === counter,
      let add = store.operands[0].definingOp, add.opcode == .add,
      add.operands.contains(where: { $0.definingOp?.opcode == .load && $0.definingOp?.operands.first === counter })
    else { return false }
    return add.operands.contains { $0.definingOp?.opcode == .constant && $0.definingOp?.attributes["value"]?.intValue == 1 }
  }

  /// Whether the row reaches, through pure ops, the index of a global access or a condition
  /// in `body` (the thread-y computation simt-to-spmd emits may be unused until DCE).
  private static func indexesByRow(_ body: Region, rows: [Value]) -> Bool {
    var derived = Set(rows.map(ObjectIdentifier.init))
    var reaches = false
    body.walk { op in
      guard !reaches, op.operands.contains(where: { derived.contains(ObjectIdentifier($0)) }) else { return }
      if op.opcode == .offset, op.operands[0].type.addressSpace == .global {
        reaches = true
      } else if op.opcode == .if || op.opcode == .condition {
        reaches = true
      } else if op.isPure {
        for result in op.results { derived.insert(ObjectIdentifier(result)) }
      }
    }
    return reaches
  }

  /// Whether a `scf.break` in `region`, outside any nested loop or block, leaves the thread loop.
  private static func breaksOut(of region: Region) -> Bool {
    region.operations.contains { op in
      if op.opcode == .break { return true }
      if op.opcode == .loop || op.opcode == .doWhile || op.opcode == .block { return false }
      return op.regions.contains(where: breaksOut)
    }
  }
}
