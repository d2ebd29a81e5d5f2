// The work of a row loop as an element loop's, for RowLoopVector: the thread loop
//
//   thread loop { tx = thread % block_dim_x; uniform values; [ACC[thread] = INIT]; c = tx
//                 for (; c < B; c += block_dim_x) { work on elements at c + offsets } }
//
// becomes a list of ops on one element e (the row variable's value), every access an element of
// a placeholder tile at e (one per on-chip pointer and offset fixed for the block), every value
// from outside the row loop hoisted before the vector ops (uniform, or the loop is kept), and
// every pure op that does not depend on e computed once there too. An access in an `scf.if` on a
// uniform condition is taken from its `then` branch, the condition recorded for the guard.
//
// An accumulation, `ACC[thread] = INIT` before the loop and `ACC[thread] = ACC[thread] + v` in
// it (ACC a per-thread array, INIT uniform: rmsnorm's sum of squares), is recorded instead of
// copied: each thread's partial sum over its elements, which RowLoopVector adds up by chunks of
// the block's width.

import KIR

/// A row loop's work on one element.
struct RowWork {
  /// An on-chip pointer and offset the work reaches at `e + offset`, as a placeholder tile.
  struct Access {
    let base: Value
    let offset: ThreadAffine
    let isElement: Bool
    let placeholder: Value
  }

  /// `partial += term` over the row, from INIT: the per-thread arrays whose slot each thread
  /// gives its partial sum, and the local scalar holding it (as the last thread leaves it).
  struct Accumulation {
    let arrays: [Value]
    let scalar: Value?
    let initial: Value
    let term: Value
  }

  let rowLoop: Operation
  let bound: Value
  /// The values computed once, before the vector ops, and their builder.
  let build: Builder
  var hoister: Hoister
  let element: Value
  /// The element loop's ops: the element's load first.
  let work: [Operation]
  let conditions: [Value]
  let accesses: [Access]
  /// Placeholder tiles (kept alive: a value holds its defining op weakly).
  let placeholders: [Operation]
  let accumulation: Accumulation?
  /// Uniform values the thread's code stores in its slot of per-thread arrays before the row
  /// loop (`mean_saved[thread] = mean`), which the loop does not read: made for every thread.
  let slotStores: [(array: Value, value: Value)]
  /// The checks under which the accesses' offsets compute, for every element in [0, bound), the
  /// i64 values the vector ops take (AffineExactness.swift), and the row loop's last step does
  /// not wrap.
  let exactChecks: [AffineExactness.Check]


  /// Copies the work of `loop`'s row loop, or nil with `why`.
  init?(loop: Operation, uniformity: ThreadLoopUniformity, blockDimX: Value, why: inout String) {
    let body = loop.regions[1].operations
    guard let threadX = ElementwiseLoop.threadX(of: loop, blockDimX: blockDimX), let position = body.lastIndex(where: { $0.opcode == .loop }),
      let row = BlockStrideLoop(
        body[position], at: position, in: loop.regions[1], threadX: threadX, blockDimX: blockDimX,
        isOutside: { uniformity.isUniform($0) })
    else {
      why = "a loop in each thread's work is not a loop over a row by the block's stride"
      return nil
    }
    guard row.start.terms.isEmpty, row.start.minus.isEmpty, row.start.constant == 0 else {
      why = "the loop over a row does not start at threadIdx.x"
      return nil
    }
    let rowLoop = body[position]
    // Before the row loop: uniform values, the row variable's start, an accumulator's start: a
    // slot of a per-thread array or a local scalar.
    var accumulator: (pointer: Value, array: Value?, initial: Value)?
    var slotStores: [(array: Value, value: Value)] = []
    for op in body[..<position] {
      if op.isPure || op.opcode == .load || (op.opcode == .store && op.operands[1] === row.variable)
        || (op.opcode == .if && !op.results.isEmpty && op.results.allSatisfy { uniformity.isUniform($0) })
      {
        continue
      }
      if op.opcode == .store, uniformity.isUniform(op.operands[0]) {
        let address = op.operands[1]
        let array = ElementwiseLoop.slotArray(address, counter: uniformity.counter)
        let isScalar = address.definingOp?.opcode == .alloca && address.type.addressSpace == .local && address.type.pointee?.isFloat == true
        // A slot or local the row loop stores to is its accumulator; another slot keeps a
        // uniform value the loop must not read.
        if rowLoop.contains(where: { $0.opcode == .store && $0.operands[1] === address }), accumulator == nil, array != nil || isScalar {
          accumulator = (address, array, op.operands[0])
          continue
        }
        if let array, !loop.contains(where: { $0.opcode == .load && ElementwiseLoop.slotArray($0.operands[0], counter: uniformity.counter) === array }) {
          slotStores.append((array, op.operands[0]))
          continue
        }
      }
      why = "each thread's work has '\(op.opcode.name)' besides its loop over a row"
      return nil
    }

    let build = Builder(region: Region(), location: loop.location)
    var hoister = uniformity.hoister(into: build)
    let rowInside = Set(ElementwiseLoop.definedValues(in: rowLoop).map(ObjectIdentifier.init))
    let elementLoad = Operation(.load, operands: [row.variable], resultTypes: [row.variable.type.pointee ?? .i32], location: rowLoop.location)
    guard let element = elementLoad.result else { return nil }
    var work: [Operation] = [elementLoad]
    var synthetic: Set<ObjectIdentifier> = [ObjectIdentifier(element)]
    var mapping: [ObjectIdentifier: Value] = [:]
    var conditions: [Value] = []
    var accesses: [String: Access] = [:]
    var order: [String] = []  // the keys of `accesses` in the order of first use
    var placeholders: [Operation] = []
    var stores: [(root: Value, tile: Value)] = []
    var loads: [(root: Value, tile: Value)] = []
    var exactChecks: [AffineExactness.Check] = []
    var failure: String?
    // The accumulator's partial value and its sum with the term, which only its store may use.
    let partial = Value(type: accumulator?.initial.type ?? .f32, name: "partial")
    let sum = Value(type: partial.type, name: "sum")
    var term: Value?
    var stored = false

    func resolve(_ value: Value) -> Value? {
      if let mapped = mapping[ObjectIdentifier(value)] { return mapped }
      if rowInside.contains(ObjectIdentifier(value)) { return nil }
      guard uniformity.isUniform(value) else { return nil }
      return hoister.hoist(value)
    }
    // `address` (a copy in the work) as an element of a placeholder tile at the element's index.
    func tileElement(_ address: Value, type: IRType, location: Location) -> (pointer: Value, root: Value, tile: Value)? {
      guard let op = address.definingOp, op.opcode == .element || op.opcode == .offset, address.type.addressSpace == .shared else { return nil }
      let base = op.operands[0]
      guard !synthetic.contains(ObjectIdentifier(base)),
        let offset = ThreadAffine.of(op.operands[1], isThread: { $0 === element }, isOutside: { !synthetic.contains(ObjectIdentifier($0)) }),
        let capacity = Self.capacity(of: base, elementType: type)
      else { return nil }
      var exactness = AffineExactness(
        isThread: { $0 === element }, isOutside: { [synthetic] value in !synthetic.contains(ObjectIdentifier(value)) }, isSmallThread: false)
      guard exactness.index(op.operands[1]) else { return nil }
      exactChecks += exactness.checks
      let key = ([base] + offset.terms).map { "\(ObjectIdentifier($0))" }.joined(separator: ",")
        + " - " + offset.minus.map { "\(ObjectIdentifier($0))" }.joined(separator: ",") + " + \(offset.constant)"
      let placeholder: Value
      if let known = accesses[key] {
        placeholder = known.placeholder
      } else {
        let tile = Operation(
          .buffer, resultTypes: [.pointer(space: .shared, pointee: .array(element: type, count: capacity))], resultNames: ["row_tile"],
          attributes: ["role": .string("tile")], location: location)
        placeholder = tile.results[0]
        placeholders.append(tile)
        order.append(key)
        accesses[key] = Access(base: base, offset: offset, isElement: op.opcode == .element, placeholder: placeholder)
      }
      let pointer = Operation(.element, operands: [placeholder, element], resultTypes: [.pointer(space: .shared, pointee: type)], location: location)
      work.append(pointer)
      synthetic.insert(ObjectIdentifier(pointer.results[0]))
      return (pointer.results[0], ThreadLoopUniformity.root(of: base), placeholder)
    }
    // The accumulation's three ops: `load ACC[thread]`, `+ term`, `store` back.
    func accumulates(_ op: Operation) -> Bool? {
      guard let accumulator else { return nil }
      if op.opcode == .load, op.operands[0] === accumulator.pointer, let result = op.result {
        mapping[ObjectIdentifier(result)] = partial
        return true
      }
      if op.opcode == .add, let result = op.result, op.operands.contains(where: { mapping[ObjectIdentifier($0)] === partial }) {
        let other = op.operands.first { mapping[ObjectIdentifier($0)] !== partial } ?? op.operands[0]
        guard term == nil, result.type == .f32 || result.type == .f16, let value = resolve(other), synthetic.contains(ObjectIdentifier(value))
        else { return false }
        term = value
        mapping[ObjectIdentifier(result)] = sum
        return true
      }
      if op.opcode == .store, op.operands[1] === accumulator.pointer {
        guard !stored, mapping[ObjectIdentifier(op.operands[0])] === sum else { return false }
        stored = true
        return true
      }
      return nil
    }
    func copy(_ ops: [Operation]) -> Bool {
      for op in ops {
        if op.opcode == .load, op.operands[0] === row.variable, let result = op.result {
          mapping[ObjectIdentifier(result)] = element
          continue
        }
        if op.opcode == .yield { continue }
        if let done = accumulates(op) {
          guard done else {
            failure = "the loop over a row uses its partial sum other than to add one value per element to it"
            return false
          }
          continue
        }
        if op.opcode == .if {
          guard op.operands.count == 1, let condition = resolve(op.operands[0]), condition.type == .bool,
            let then = op.regions.first
          else {
            failure = "a branch in the loop over a row is not on a condition fixed for the block"
            return false
          }
          if !conditions.contains(where: { $0 === condition }) { conditions.append(condition) }
          guard copy(then.operations) else { return false }
          let yielded = then.operations.last(where: { $0.opcode == .yield })?.operands ?? []
          guard yielded.count == op.results.count else { return false }
          for (result, value) in zip(op.results, yielded) {
            guard let mapped = mapping[ObjectIdentifier(value)] ?? resolve(value) else { return false }
            mapping[ObjectIdentifier(result)] = mapped
          }
          continue
        }
        guard op.regions.isEmpty, op.isPure || op.opcode == .load || op.opcode == .store else {
          failure = "the loop over a row holds '\(op.opcode.name)'"
          return false
        }
        var operands: [Value] = []
        for operand in op.operands {
          guard let value = resolve(operand), value !== partial, value !== sum else {
            failure = "the loop over a row uses a value that differs between threads"
            return false
          }
          operands.append(value)
        }
        if op.opcode == .load || op.opcode == .store {
          let address = operands[op.opcode == .load ? 0 : 1]
          let type = op.opcode == .load ? (op.result?.type ?? .void) : operands[0].type
          guard let (pointer, root, tile) = tileElement(address, type: type, location: op.location) else {
            failure = "an access in the loop over a row is not to on-chip memory at the row's index plus an offset fixed for the block"
            return false
          }
          if op.opcode == .load { loads.append((root, tile)) } else { stores.append((root, tile)) }
          if op.opcode == .load { operands[0] = pointer } else { operands[1] = pointer }
        }
        let clone = Operation(
          op.opcode, operands: operands, resultTypes: op.results.map(\.type), resultNames: op.results.map(\.name), attributes: op.attributes,
          location: op.location)
        // A pure op of values fixed for the block (`blockIdx.x * cols` in an index) is computed
        // once, before the vector ops, as the index's offset; one that could trap when the row
        // is empty (an integer division by a variable) keeps the loop.
        if op.isPure, !operands.contains(where: { synthetic.contains(ObjectIdentifier($0)) }) {
          if [.div, .rem].contains(op.opcode), op.operands[1].type.isInteger, !Self.isNonZeroConstant(operands[1]) {
            failure = "the loop over a row divides by a value that may be zero"
            return false
          }
          build.region.operations.append(clone)
          for (old, new) in zip(op.results, clone.results) { mapping[ObjectIdentifier(old)] = new }
          continue
        }
        for (old, new) in zip(op.results, clone.results) {
          mapping[ObjectIdentifier(old)] = new
          synthetic.insert(ObjectIdentifier(new))
        }
        work.append(clone)
      }
      return true
    }
    guard copy(rowLoop.regions[1].operations) else {
      why = failure ?? "the loop over a row has no vector form"
      return nil
    }
    // After the row loop, with an accumulation: the partial sum copied into per-thread slots.
    var arrays: [Value] = accumulator?.array.map { [$0] } ?? []
    var finals: Set<ObjectIdentifier> = []  // values and slot addresses holding the partial sum
    for op in body[(position + 1)...] {
      guard let accumulator else {
        why = "each thread's work has '\(op.opcode.name)' after its loop over a row"
        return nil
      }
      if op.opcode == .load, let result = op.result,
        op.operands[0] === accumulator.pointer || finals.contains(ObjectIdentifier(op.operands[0]))
      {
        finals.insert(ObjectIdentifier(result))
      } else if op.isPure, op.regions.isEmpty {
        continue  // index arithmetic the partial sum does not reach (`lane`, `warp`)
      } else if op.opcode == .store, finals.contains(ObjectIdentifier(op.operands[0])), op.operands[1] !== accumulator.pointer,
        let array = ElementwiseLoop.slotArray(op.operands[1], counter: uniformity.counter)
      {
        finals.insert(ObjectIdentifier(op.operands[1]))
        if !arrays.contains(where: { $0 === array }) { arrays.append(array) }
      } else {
        why = "each thread's work after its loop over a row is more than keeping its partial sum"
        return nil
      }
    }
    if let accumulator {
      guard let term, stored, stores.isEmpty else {
        why =
          stores.isEmpty
          ? "the loop over a row neither stores one value per element nor adds one to each thread's partial sum"
          : "the loop over a row stores besides adding to each thread's partial sum"
        return nil
      }
      accumulation = Accumulation(
        arrays: arrays, scalar: accumulator.array == nil ? accumulator.pointer : nil, initial: hoister.hoist(accumulator.initial), term: term)
    } else {
      // Reads of the stored buffer are of the stored element itself (`s[c] = s[c] * f`), which
      // the vector ops read before they write it.
      guard stores.count == 1, let stored = stores.first, !loads.contains(where: { $0.root === stored.root && $0.tile !== stored.tile }) else {
        why =
          stores.count == 1
          ? "the loop over a row reads the buffer it stores to at another offset"
          : "the loop over a row stores \(stores.count) values per element; one is vectorised"
        return nil
      }
      accumulation = nil
    }
    guard let bound = resolve(row.bound) else {
      why = "the row's bound differs between threads"
      return nil
    }
    self.rowLoop = rowLoop
    self.bound = bound
    self.build = build
    self.hoister = hoister
    self.element = element
    self.work = work
    self.conditions = conditions
    self.accesses = order.compactMap { accesses[$0] }
    self.slotStores = slotStores.map { ($0.array, hoister.hoist($0.value)) }
    self.exactChecks = exactChecks + [row.lastStepCheck(blockDimX: blockDimX)].compactMap { $0 }
    self.hoister = hoister
    self.placeholders = placeholders
  }

  /// The element loop VectorPlan lowers: `for e < count` over `ops` (the work, or more).
  func elementLoop(_ ops: [Operation], count: Value) -> Operation {
    let condition = Region()
    let conditionBuild = Builder(region: condition, location: rowLoop.location)
    let counter = work[0].operands[0]
    let counterLoad = conditionBuild.value(.load, [counter], type: element.type)
    conditionBuild.create(.condition, [conditionBuild.compare(counterLoad, count, "lt")])
    return Operation(.loop, attributes: ["element_loop": .bool(true)], regions: [condition, Region(operations: ops), Region()], location: rowLoop.location)
  }

  private static func isNonZeroConstant(_ value: Value) -> Bool {
    guard let op = value.definingOp, op.opcode == .constant, let number = op.attributes["value"]?.intValue else { return false }
    return number != 0
  }

  /// The number of `type` elements in the on-chip buffer `base` points into, from its start.
  private static func capacity(of base: Value, elementType: IRType) -> Int? {
    let root = ThreadLoopUniformity.root(of: base)
    guard root.definingOp?.opcode == .buffer, case let .pointer(.shared, .array(type, count?))? = Optional(root.type), type == elementType
    else { return nil }
    return count
  }

  /// The element offsets of `base` from its buffer: the indices of the `mem.element` and
  /// `mem.offset` ops between them, all over elements of one type.
  static func offsetFromRoot(_ base: Value, depth: Int = 0) -> [Value]? {
    guard depth < 32, let op = base.definingOp else { return nil }
    if op.opcode == .buffer { return [] }
    guard op.opcode == .element || op.opcode == .offset, let rest = offsetFromRoot(op.operands[0], depth: depth + 1) else { return nil }
    return rest + [op.operands[1]]
  }
}
