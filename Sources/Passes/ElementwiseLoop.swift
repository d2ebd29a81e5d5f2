// The shapes tile-global-access recognises in an SPMD kernel: a thread loop whose every thread
// reaches global memory only at its element's index, `U + thread_x` with U fixed for the block
// (unit stride), with straight-line work: the thread loop of an elementwise CUDA kernel.
//
// Guarded: one element per thread.
//   scf.loop {thread_loop = true} { %t = mem.load %thread; scf.condition (%t < %threads) } do {
//     %thread_x = arith.rem (mem.load %thread), %block_dim_x
//     %i = [arith.cast] (arith.add %U, %thread_x)
//     scf.if (arith.cmp lt %i, %bound) { work: mem.offset %P, %i; loads, stores, pure ops }
//   }
// Grid-stride: `for (i = U + thread_x; i < bound; i += S)` with S fixed for the launch.
//   scf.loop {thread_loop = true} { ... } do {
//     %thread_x = ...; %i0 = [arith.cast] (arith.add %U, %thread_x); mem.store %i0, %iv
//     scf.loop { scf.condition (mem.load %iv < %bound) } do { work, the index as mem.load %iv }
//       step { mem.store [cast] (arith.add [cast] (mem.load %iv), %S), %iv }
//   }
//
// Every load comes before every store: a thread reads its elements before it writes any, so
// reading them all first into on-chip tiles gives the values CUDA reads.

import KIR

/// Why a thread loop is not an elementwise loop, for the kept-scalar remark.
struct NotElementwise: Error {
  let reason: String
  let location: Location?
  init(_ reason: String, at location: Location? = nil) {
    self.reason = reason
    self.location = location
  }
}

/// A matched elementwise thread loop.
struct ElementwiseLoop {
  /// How the threads walk their elements.
  enum Shape {
    case guarded
    /// The index variable, and the inner loop's condition and step regions.
    case gridStride(variable: Value, condition: Region, step: Region)
  }

  let shape: Shape
  let loop: Operation
  /// The thread counter (`%thread`) and the loop's bound (`%threads`).
  let counter: Value
  let threads: Value
  /// The thread loop's ops before the work (counter load, thread_x, start index), cloned per
  /// element.
  let prelude: [Operation]
  let counterLoad: Value
  let threadX: Value
  /// The first index of a thread and the ops computing it from U and thread_x.
  let start: Value
  let startOps: [Operation]
  let bound: Value
  /// The work on one element.
  let work: [Operation]
  /// The values in the work that are the element's index.
  let indexValues: Set<ObjectIdentifier>
  /// Global pointers loaded and stored at the index, in order of first load and of last store.
  let loaded: [Value]
  let stored: [Value]

  /// Whether `op` is a thread loop simt-to-spmd made (the candidates).
  static func isThreadLoop(_ op: Operation) -> Bool {
    op.opcode == .loop && op.attributes["thread_loop"]?.boolValue == true && op.regions.count == 3
  }

  /// Matches `loop`; throws why it is not an elementwise thread loop. With `vectorElements`,
  /// an element may also be a vector (`float4`, `half2`) of a global array of vectors.
  init(_ loop: Operation, blockDimX: Value, vectorElements: Bool = false) throws {
    let shapeError = NotElementwise("the thread loop is not in the shape simt-to-spmd gives one barrier-free segment")
    guard Self.isThreadLoop(loop) else { throw shapeError }
    let condition = loop.regions[0].operations
    guard condition.count == 3, condition[0].opcode == .load, condition[1].opcode == .cmp,
      condition[1].attributes["predicate"]?.keywordValue == "lt", condition[1].operands[0] === condition[0].results[0],
      condition[2].opcode == .condition
    else { throw shapeError }
    counter = condition[0].operands[0]
    threads = condition[1].operands[1]
    let body = loop.regions[1].operations
    guard let last = body.last else { throw shapeError }
    prelude = Array(body.dropLast(last.opcode == .if ? 1 : 2))
    guard let load = prelude.first(where: { $0.opcode == .load && $0.operands[0] === condition[0].operands[0] }),
      let loaded = load.result,
      let rem = prelude.first(where: { $0.opcode == .rem && $0.operands[0] === loaded && $0.operands[1] === blockDimX }),
      let threadX = rem.result,
      prelude.allSatisfy({ $0 === load || $0.isPure })
    else {
      throw NotElementwise("the work is not all under one `if (i < n)` or in one grid-stride loop at the end of the thread's code")
    }
    counterLoad = loaded
    self.threadX = threadX
    let insideLoop = Set(Self.definedValues(in: loop).map(ObjectIdentifier.init))
    func outside(_ value: Value) -> Bool { !insideLoop.contains(ObjectIdentifier(value)) }

    var indexValues: Set<ObjectIdentifier> = []
    if last.opcode == .if {
      // Guarded: scf.if (cmp lt %i, %bound) { work }.
      guard last.regions.count == 2, last.regions[1].operations.allSatisfy({ $0.opcode == .yield && $0.operands.isEmpty }),
        let compare = last.operands[0].definingOp, compare.opcode == .cmp,
        compare.attributes["predicate"]?.keywordValue == "lt", prelude.contains(where: { $0 === compare }),
        outside(compare.operands[1])
      else { throw NotElementwise("the guard is not `i < bound` with a bound fixed for the block", at: last.location) }
      start = compare.operands[0]
      bound = compare.operands[1]
      work = last.regions[0].operations.filter { !($0.opcode == .yield && $0.operands.isEmpty) }
      indexValues.insert(ObjectIdentifier(start))
      shape = .guarded
    } else {
      // Grid-stride: mem.store %i0, %iv; scf.loop over %iv.
      let initial = body[body.count - 2]
      guard last.opcode == .loop, last.regions.count == 3, initial.opcode == .store, outside(initial.operands[1]),
        initial.operands[1].type.addressSpace == .local
      else {
        throw NotElementwise("the work is neither guarded by `if (i < n)` nor a grid-stride loop `for (i = ...; i < n; i += stride)`", at: last.location)
      }
      let variable = initial.operands[1]
      let inner = last.regions[0].operations
      guard inner.count == 3, inner[0].opcode == .load, inner[0].operands[0] === variable, inner[1].opcode == .cmp,
        inner[1].attributes["predicate"]?.keywordValue == "lt", inner[1].operands[0] === inner[0].results[0],
        outside(inner[1].operands[1]), inner[2].opcode == .condition,
        Self.isConstantStep(last.regions[2], variable: variable, outside: outside)
      else {
        throw NotElementwise("the loop over the thread's elements is not `i < bound; i += stride` with a bound and stride fixed for the launch", at: last.location)
      }
      start = initial.operands[0]
      bound = inner[1].operands[1]
      work = last.regions[1].operations
      for op in work where op.opcode == .load && op.operands[0] === variable {
        if let result = op.result { indexValues.insert(ObjectIdentifier(result)) }
      }
      // The work only reads the index variable.
      guard !work.contains(where: { $0.opcode != .load && $0.operands.contains { $0 === variable } }) else {
        throw NotElementwise("the work changes the loop's index", at: last.location)
      }
      shape = .gridStride(variable: variable, condition: last.regions[0], step: last.regions[2])
    }
    self.indexValues = indexValues

    // The start: [cast] (add U thread_x) with U from outside the loop.
    var ops: [Operation] = []
    var sum = start
    if let cast = start.definingOp, cast.opcode == .cast {
      guard cast.operands[0].type.isInteger, start.type.isInteger else { throw NotElementwise("the index is not an integer", at: cast.location) }
      ops.append(cast)
      sum = cast.operands[0]
    }
    let notAffine = NotElementwise("index not affine in threadIdx.x with unit stride (`blockIdx.x * blockDim.x + threadIdx.x`)", at: start.definingOp?.location)
    guard let add = sum.definingOp, add.opcode == .add, add.operands.contains(where: { $0 === threadX }) else { throw notAffine }
    let base = add.operands[0] === threadX ? add.operands[1] : add.operands[0]
    guard base !== threadX, outside(base) else { throw notAffine }
    ops.insert(add, at: 0)
    startOps = ops

    // The work: offsets at the index of global pointers from outside, their loads and stores,
    // pure ops.
    var offsets: [ObjectIdentifier: Value] = [:]
    // The thread's own on-chip slots (stage-accumulators): `mem.element SLOTS, thread`.
    var slots: Set<ObjectIdentifier> = []
    for op in prelude where Self.isSlot(op, counterLoad: loaded, outside: outside) {
      if let result = op.result { slots.insert(ObjectIdentifier(result)) }
    }
    var storesSlot = false
    var firstStore: Int?
    var lastLoad = -1
    var loadOrder: [Value] = []
    var storeOrder: [Value] = []
    for (position, op) in work.enumerated() {
      if let result = op.result, indexValues.contains(ObjectIdentifier(result)) { continue }
      switch op.opcode {
      case .offset:
        let pointer = op.operands[0]
        guard indexValues.contains(ObjectIdentifier(op.operands[1])), pointer.type.addressSpace == .global,
          let pointee = pointer.type.pointee, pointee.isScalar || (vectorElements && Self.isScalarVector(pointee)), outside(pointer),
          let result = op.result
        else {
          throw NotElementwise("an access is not to a global array of scalars at the element's own index (another index, an offset, a vector or struct element)", at: op.location)
        }
        offsets[ObjectIdentifier(result)] = pointer
      case .element where Self.isSlot(op, counterLoad: loaded, outside: outside):
        if let result = op.result { slots.insert(ObjectIdentifier(result)) }
      case .load where slots.contains(ObjectIdentifier(op.operands[0])):
        continue
      case .store where slots.contains(ObjectIdentifier(op.operands[1])):
        guard !slots.contains(ObjectIdentifier(op.operands[0])), offsets[ObjectIdentifier(op.operands[0])] == nil else {
          throw NotElementwise("an element's address is used other than to load or store it", at: op.location)
        }
        storesSlot = true
      case .load:
        guard let pointer = offsets[ObjectIdentifier(op.operands[0])] else {
          throw NotElementwise("a load is not from a global array at the element's index", at: op.location)
        }
        if !loadOrder.contains(where: { $0 === pointer }) { loadOrder.append(pointer) }
        lastLoad = position
      case .store:
        guard let pointer = offsets[ObjectIdentifier(op.operands[1])], offsets[ObjectIdentifier(op.operands[0])] == nil
        else { throw NotElementwise("a store is not to a global array at the element's index", at: op.location) }
        storeOrder.removeAll { $0 === pointer }
        storeOrder.append(pointer)
        if firstStore == nil { firstStore = position }
      default:
        guard op.isPure, op.regions.isEmpty else {
          throw NotElementwise("the work has '\(op.opcode.name)' (control flow, a call, an atomic or another side effect)", at: op.location)
        }
        // An element address is only loaded from or stored to.
        if op.operands.contains(where: { offsets[ObjectIdentifier($0)] != nil || slots.contains(ObjectIdentifier($0)) }) {
          throw NotElementwise("an element's address is used other than to load or store it", at: op.location)
        }
      }
    }
    guard !storeOrder.isEmpty || storesSlot else { throw NotElementwise("the work stores nothing to global memory") }
    guard firstStore.map({ lastLoad < $0 }) ?? true else {
      throw NotElementwise("a load follows a store: tiles read before the work would miss the stored value", at: work[lastLoad].location)
    }
    // A grid-stride thread reads its later elements after writing its earlier ones: a stored
    // array may not be another view (an offset, a cast) of an array the work also reaches.
    if case .gridStride = shape, let clash = Self.overlappingViews(stored: storeOrder, accessed: loadOrder + storeOrder) {
      throw NotElementwise("'\(clash.0.name ?? "?")' and '\(clash.1.name ?? "?")' may be views of the same array at different offsets: a thread's later elements could read what it wrote", at: last.location)
    }
    self.loaded = loadOrder
    self.stored = storeOrder
    self.loop = loop
  }

  /// The array a pointer views: its value through offsets, casts and elements (a parameter),
  /// or nil when it comes from elsewhere (loaded from memory).
  static func root(of pointer: Value) -> Value? {
    var value = pointer
    while let op = value.definingOp {
      guard [.offset, .pointerCast, .element].contains(op.opcode), let base = op.operands.first else { return nil }
      value = base
    }
    return value
  }

  /// A stored pointer and another accessed one that may view the same array differently: the
  /// same root (or an unknown one) but not the same value.
  static func overlappingViews(stored: [Value], accessed: [Value]) -> (Value, Value)? {
    for target in stored {
      for other in accessed where other !== target {
        guard let a = root(of: target), let b = root(of: other), a !== b else { return (target, other) }
      }
    }
    return nil
  }

  /// Whether `op` addresses the thread's own slot of a slot array, `mem.element SLOTS, (load
  /// %thread)`: an on-chip `spmd.buffer {role = "slots"}` (stage-accumulators) or a per-thread
  /// array simt-to-spmd made (a local `mem.alloca` of an array).
  static func isSlot(_ op: Operation, counterLoad: Value, outside: (Value) -> Bool) -> Bool {
    guard op.opcode == .element, op.operands.count == 2, op.operands[1] === counterLoad, outside(op.operands[0]),
      let array = op.operands[0].definingOp
    else { return false }
    if array.opcode == .buffer { return array.attributes["role"]?.stringValue == "slots" }
    guard array.opcode == .alloca, op.operands[0].type.addressSpace == .local, case .array? = op.operands[0].type.pointee else { return false }
    return true
  }

  /// Whether `type` is a vector of scalars.
  static func isScalarVector(_ type: IRType) -> Bool {
    if case let .vector(element, _) = type { return element.isScalar }
    return false
  }

  /// The code of thread loop `loop` up to its first grid-stride loop, as a thread loop of its
  /// own (sharing `loop`'s ops and condition and step regions), and the index in `loop`'s body
  /// of that grid-stride loop; nil unless that code is pure ops, the index's initial store and
  /// the loop.
  static func leadingGridStride(of loop: Operation) -> (head: Operation, position: Int)? {
    let body = loop.regions[1].operations
    guard let counter = loop.regions[0].operations.first?.operands.first,
      let store = body.firstIndex(where: { !(($0.isPure && $0.regions.isEmpty) || ($0.opcode == .load && $0.operands[0] === counter)) }),
      store + 1 < body.count, body[store].opcode == .store, body[store + 1].opcode == .loop
    else { return nil }
    let head = Operation(
      .loop, attributes: loop.attributes, regions: [loop.regions[0], Region(operations: Array(body[...(store + 1)])), loop.regions[2]],
      location: loop.location)
    return (head, store + 1)
  }

  /// The prelude ops the work uses (thread_x, say), directly or through each other, in order;
  /// not the index's own ops, which the tiles replace.
  var preludeUsedByWork: [Operation] {
    var needed: Set<ObjectIdentifier> = []
    for op in work {
      for operand in op.operands where !indexValues.contains(ObjectIdentifier(operand)) { needed.insert(ObjectIdentifier(operand)) }
    }
    var used: [Operation] = []
    for op in prelude.reversed() where op.results.contains(where: { needed.contains(ObjectIdentifier($0)) }) {
      used.append(op)
      for operand in op.operands { needed.insert(ObjectIdentifier(operand)) }
    }
    return used.reversed()
  }

  /// Whether `step` adds a value fixed for the launch to `variable`: pure ops, one load of the
  /// variable, and a last store of `[cast] (add [cast] (load), S)` with S not depending on it.
  static func isConstantStep(_ step: Region, variable: Value, outside: (Value) -> Bool) -> Bool {
    let ops = step.operations
    guard let store = ops.last, store.opcode == .store, store.operands[1] === variable else { return false }
    let loads = ops.filter { $0.opcode == .load }
    guard loads.count == 1, loads[0].operands[0] === variable, let loaded = loads[0].result,
      ops.dropLast().allSatisfy({ $0.opcode == .load || $0.isPure })
    else { return false }
    func strip(_ value: Value) -> Value {
      if let op = value.definingOp, op.opcode == .cast, op.operands[0].type.isInteger { return strip(op.operands[0]) }
      return value
    }
    guard let add = strip(store.operands[0]).definingOp, add.opcode == .add else { return false }
    let (a, b) = (strip(add.operands[0]), strip(add.operands[1]))
    let stride = a === loaded ? add.operands[1] : (b === loaded ? add.operands[0] : nil)
    guard let stride else { return false }
    // The stride depends on values from outside and step-region pure ops only, not the load.
    func independent(_ value: Value) -> Bool {
      if value === loaded { return false }
      guard let op = value.definingOp, ops.contains(where: { $0 === op }) else { return outside(value) }
      return op.isPure && op.operands.allSatisfy(independent)
    }
    return independent(stride)
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
