// The shape tile-global-access recognises in an SPMD kernel: a thread loop whose every thread
// reaches global memory only at one index, affine in the thread with unit stride
// (`i = U + thread_x`, U fixed for the block), under the guard `i < bound`, with straight-line
// work in between: the thread loop of an elementwise CUDA kernel (saxpy, gelu, scale-and-shift).
//
//   scf.loop {thread_loop = true} { %t = mem.load %thread; ... scf.condition (%t < %threads) } do {
//     %t1 = mem.load %thread
//     %thread_x = arith.rem %t1, %block_dim_x
//     %i = arith.cast (arith.add %U, %thread_x) : i32        (or the add alone)
//     scf.if (arith.cmp lt %i, %bound) {
//       %q = mem.offset %P, %i ; %v = mem.load %q ; ... ; mem.store %w, %r   (r = offset %R, %i)
//     }
//   } step { ... }
//
// Every load comes before every store: a thread reads its elements before it writes any, so
// reading them all first into on-chip tiles gives the values CUDA reads.

import KIR

/// A matched elementwise thread loop.
struct ElementwiseLoop {
  let loop: Operation
  /// The thread counter (`%thread`) and the loop's bound (`%threads`).
  let counter: Value
  let threads: Value
  /// The body's ops before the guard (counter load, thread_x, index), cloned per element.
  let prelude: [Operation]
  /// The counter load of the prelude.
  let counterLoad: Value
  /// The index `%i`, its pieces, and the guard's bound.
  let index: Value
  let indexOps: [Operation]
  let threadX: Value
  let bound: Value
  /// The guarded work.
  let work: [Operation]
  /// Global pointers loaded and stored through `mem.offset P, %i`, in order of first load and
  /// of last store.
  let loaded: [Value]
  let stored: [Value]

  /// Matches `loop`, or nil when it is not an elementwise thread loop.
  init?(_ loop: Operation, blockDimX: Value) {
    guard loop.opcode == .loop, loop.attributes["thread_loop"]?.boolValue == true, loop.regions.count == 3 else { return nil }
    let condition = loop.regions[0].operations
    guard condition.count == 3, condition[0].opcode == .load, condition[1].opcode == .cmp,
      condition[1].attributes["predicate"]?.keywordValue == "lt", condition[1].operands[0] === condition[0].results[0],
      condition[2].opcode == .condition
    else { return nil }
    counter = condition[0].operands[0]
    threads = condition[1].operands[1]
    let body = loop.regions[1].operations
    guard let guardIf = body.last, guardIf.opcode == .if, guardIf.regions.count == 2,
      guardIf.regions[1].operations.allSatisfy({ $0.opcode == .yield && $0.operands.isEmpty })
    else { return nil }
    prelude = Array(body.dropLast())
    guard let load = prelude.first(where: { $0.opcode == .load && $0.operands[0] === condition[0].operands[0] }),
      let loaded = load.result,
      let rem = prelude.first(where: { $0.opcode == .rem && $0.operands[0] === loaded && $0.operands[1] === blockDimX }),
      let threadX = rem.result
    else { return nil }
    counterLoad = loaded
    self.threadX = threadX
    // The prelude is pure apart from the counter load.
    guard prelude.allSatisfy({ $0 === load || $0.isPure }) else { return nil }
    // The guard: cmp lt %i, %bound with %bound from outside the loop.
    guard let compare = guardIf.operands[0].definingOp, compare.opcode == .cmp,
      compare.attributes["predicate"]?.keywordValue == "lt", prelude.contains(where: { $0 === compare })
    else { return nil }
    index = compare.operands[0]
    bound = compare.operands[1]
    let insideLoop = Set(Self.definedValues(in: loop).map(ObjectIdentifier.init))
    guard !insideLoop.contains(ObjectIdentifier(bound)) else { return nil }
    // The index: [cast] (add U thread_x) with U from outside the loop.
    var ops: [Operation] = []
    var sum = index
    if let cast = index.definingOp, cast.opcode == .cast {
      guard cast.operands[0].type.isInteger, index.type.isInteger else { return nil }
      ops.append(cast)
      sum = cast.operands[0]
    }
    guard let add = sum.definingOp, add.opcode == .add, add.operands.contains(where: { $0 === threadX }) else { return nil }
    let base = add.operands[0] === threadX ? add.operands[1] : add.operands[0]
    guard base !== threadX, !insideLoop.contains(ObjectIdentifier(base)) else { return nil }
    ops.insert(add, at: 0)
    indexOps = ops
    // The work: offsets at %i of global pointers from outside, their loads and stores, pure ops.
    work = guardIf.regions[0].operations.filter { !($0.opcode == .yield && $0.operands.isEmpty) }
    var offsets: [ObjectIdentifier: Value] = [:]
    var firstStore: Int?
    var lastLoad = -1
    var loadOrder: [Value] = []
    var storeOrder: [Value] = []
    for (position, op) in work.enumerated() {
      switch op.opcode {
      case .offset:
        let pointer = op.operands[0]
        guard op.operands[1] === index, pointer.type.addressSpace == .global,
          let pointee = pointer.type.pointee, pointee.isScalar, !insideLoop.contains(ObjectIdentifier(pointer)),
          let result = op.result
        else { return nil }
        offsets[ObjectIdentifier(result)] = pointer
      case .load:
        guard let pointer = offsets[ObjectIdentifier(op.operands[0])] else { return nil }
        if !loadOrder.contains(where: { $0 === pointer }) { loadOrder.append(pointer) }
        lastLoad = position
      case .store:
        guard let pointer = offsets[ObjectIdentifier(op.operands[1])],
          offsets[ObjectIdentifier(op.operands[0])] == nil
        else { return nil }
        storeOrder.removeAll { $0 === pointer }
        storeOrder.append(pointer)
        if firstStore == nil { firstStore = position }
      default:
        guard op.isPure, op.regions.isEmpty else { return nil }
        // An element address is only loaded from or stored to.
        if op.operands.contains(where: { offsets[ObjectIdentifier($0)] != nil }) { return nil }
      }
    }
    guard !storeOrder.isEmpty, firstStore.map({ lastLoad < $0 }) ?? true else { return nil }
    self.loaded = loadOrder
    self.stored = storeOrder
    self.loop = loop
  }

  /// Every value an op inside `op` defines (results and region arguments).
  static func definedValues(in op: Operation) -> [Value] {
    var values: [Value] = []
    for region in op.regions {
      values += region.arguments
      region.walk { inner in values += inner.results }
    }
    return values
  }
}
