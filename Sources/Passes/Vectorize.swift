// vectorize: an element loop over on-chip tiles (tile-global-access's `scf.loop {element_loop}`)
// whose work is f32 or f16 arithmetic becomes vector instructions over whole tiles
// (docs/fast-ports.md): `__bang_mul_scalar`, `__bang_add`, `__bang_float2half_rn`, ... on MLU;
// `Muls`, `Add`, `Cast`, ... on Ascend (targets.md A8, A9, B8).
//
// Invariants. Before: an element loop `for e < count` whose ops are loads and stores of
// `mem.element TILE, e`, arithmetic, and pure ops the stores do not need. After: per arithmetic
// op, in order, one vector op over `count` elements; a result stored to a tile right after it is
// computed is written there, any other result goes to a temporary tile. Forms: tile ⊕ tile for
// add, sub, mul (and div on Ascend); tile ⊕ scalar for add and mul (either side) and tile − scalar
// (BANG `sub_scalar`, Ascend `Adds` of the negated scalar); f32 ↔ f16 conversions of a tile
// (`bang.vector_unary` / `ascend.vector_unary`, f32 → f16 to nearest even as CUDA's
// `__float2half`). A scalar operand is any value the same for every element: a parameter, a
// constant, or pure ops of such values (`__float2half(scale)`), computed once before the vector
// ops. A loop with anything else (a math call, a comparison, scalar − tile, a copy without
// arithmetic, a tile read after it was overwritten) keeps its scalar form, which is correct,
// only slower.
//
// Before:
//   scf.loop {element_loop = true} { e < %count } do {
//     %x = mem.load (mem.element %x_tile, %e) ; %p = arith.mul %a, %x
//     %y = mem.load (mem.element %y_tile, %e) ; %s = arith.add %p, %y
//     mem.store %s, (mem.element %y_tile, %e)
//   }
// After (Ascend C):
//   ascend.vector Muls %tmp_tile, %x_tile, %a, %n
//   ascend.vector Add %y_tile, %tmp_tile, %y_tile, %n

import KIR

/// Element loops over tiles become vector instructions.
public struct Vectorize: Pass {
  public static let info = PassInfo(
    name: "vectorize", group: .lowering,
    summary: "Element loops over on-chip tiles become the target's vector instructions.",
    options: [
      .targetChoice(ops: "vector")
    ])

  let target: String

  public init(options: PassOptions) { target = options.choice("target") }

  public func run(on module: Module, context: PassContext) {
    guard target != "none" else { return }
    for function in module.functions where function.kind == .kernel && function.declaredLevel == .target {
      var temporaries: [Operation] = []
      var vectorized = 0
      // Temporary tiles must fit beside what the kernel holds on chip already.
      let capacity = SimtToSpmd.capacities[target]?.bytes ?? 0
      var used = onChipFootprint(of: function, in: module)?.totalBytes ?? 0
      let sizes = StorageSize(module: module)
      replaceElementLoops(in: function.body) { loop in
        var plan = VectorPlan(isBang: target == "bang", pool: temporaries)
        guard let ops = plan.lower(loop) else {
          context.report(.remark(.keptScalar, "kept scalar: \(plan.failure.reason)", at: plan.failure.location ?? loop.location))
          return nil
        }
        let bytes = plan.temporaries.reduce(0) { sum, op in sum + (op.results[0].type.pointee.flatMap(sizes.bytes(of:)) ?? 0) }
        guard used + bytes <= capacity else {
          context.report(
            .remark(.keptScalar, "kept scalar: its temporary tiles need \(bytes) bytes, and only \(max(0, capacity - used)) of the on-chip memory are left", at: loop.location))
          return nil
        }
        used += bytes
        temporaries += plan.temporaries
        vectorized += 1
        let vectorOps = ops.filter { [.bangVector, .ascendVector, .bangVectorUnary, .ascendVectorUnary].contains($0.opcode) }
        let kinds = vectorOps.compactMap { $0.attributes["op"]?.keywordValue }
        context.report(.remark(.fastPortApplied, "vectorised: \(kinds.joined(separator: ", "))", at: vectorOps.first?.location ?? loop.location))
        return ops
      }
      function.body.operations.insert(contentsOf: temporaries, at: 0)
      if vectorized > 0 { context.count("element loops vectorised", vectorized) }
    }
  }

  private func replaceElementLoops(in region: Region, _ replace: (Operation) -> [Operation]?) {
    var index = 0
    while index < region.operations.count {
      let op = region.operations[index]
      if op.opcode == .loop, op.attributes["element_loop"]?.boolValue == true, let ops = replace(op) {
        region.operations.replaceSubrange(index...index, with: ops)
        index += ops.count
        continue
      }
      for inner in op.regions { replaceElementLoops(in: inner, replace) }
      index += 1
    }
  }
}

/// The vector form of one element loop.
struct VectorPlan {
  let isBang: Bool
  /// Temporary tiles the vector ops write, made for this loop, for the kernel's entry.
  private(set) var temporaries: [Operation] = []
  /// Temporary tiles earlier element loops of the kernel made: free again here (no element
  /// loop's temporary outlives it).
  let pool: [Operation]
  /// The temporaries this loop writes (made or from the pool).
  private var taken: [Value] = []
  /// Why `lower` kept the loop scalar, and where.
  private(set) var failure: (reason: String, location: Location?) = ("", nil)

  /// Records why the loop stays scalar; nil, for `lower` to return.
  private mutating func fail(_ reason: String, at location: Location?) -> [Operation]? {
    failure = (reason, location)
    return nil
  }

  init(isBang: Bool, pool: [Operation] = []) {
    self.isBang = isBang
    self.pool = pool
  }

  /// The vector ops replacing `loop`, or nil when its work has no vector form.
  mutating func lower(_ loop: Operation) -> [Operation]? {
    let condition = loop.regions[0].operations
    guard condition.count == 3, condition[1].opcode == .cmp, condition[1].operands[0] === condition[0].results[0] else { return fail("the element loop is not in the shape tile-global-access gives it", at: nil) }
    let count = condition[1].operands[1]
    let counter = condition[0].operands[0]
    let body = loop.regions[1].operations
    guard let elementLoad = body.first, elementLoad.opcode == .load, elementLoad.operands[0] === counter,
      let element = elementLoad.result
    else { return fail("the element loop is not in the shape tile-global-access gives it", at: nil) }
    let position = Dictionary(uniqueKeysWithValues: body.enumerated().map { (ObjectIdentifier($0.element), $0.offset) })
    let inLoop = Set(body.flatMap(\.results).map(ObjectIdentifier.init))
    // Values the same for every element: from outside the loop, or pure ops of such values
    // (constants, `__float2half(scale)`). They are computed once, as scalars, before the
    // vector ops.
    var invariance: [ObjectIdentifier: Bool] = [:]
    func isInvariant(_ value: Value) -> Bool {
      guard inLoop.contains(ObjectIdentifier(value)) else { return true }
      if let known = invariance[ObjectIdentifier(value)] { return known }
      invariance[ObjectIdentifier(value)] = false
      guard value !== element, let op = value.definingOp, op.isPure, op.regions.isEmpty, op.opcode != .element else { return false }
      let result = op.operands.allSatisfy(isInvariant)
      invariance[ObjectIdentifier(value)] = result
      return result
    }

    // The ops the stores need, and what each value is in vector form.
    var needed: [Operation] = []
    var seen: Set<ObjectIdentifier> = []
    func need(_ op: Operation) -> Bool {
      guard seen.insert(ObjectIdentifier(op)).inserted else { return true }
      for operand in op.operands where operand !== element && !isInvariant(operand) {
        guard let definer = operand.definingOp, need(definer) else { return false }
      }
      needed.append(op)
      return true
    }
    for op in body where op.opcode == .store {
      guard need(op) else { return fail("a stored value depends on an op outside the element loop's reach", at: nil) }
    }
    // Everything else must be droppable.
    for op in body where !seen.contains(ObjectIdentifier(op)) && op !== elementLoad {
      guard op.isPure, op.regions.isEmpty else { return fail("the work has an op with a side effect that is not a tile load or store", at: nil) }
    }
    needed.sort { (position[ObjectIdentifier($0)] ?? 0) < (position[ObjectIdentifier($1)] ?? 0) }

    // Tiles: `mem.element TILE, e` addresses and the loads through them.
    var tileOf: [ObjectIdentifier: Value] = [:]  // an element address or loaded value -> its tile
    for op in needed where op.opcode == .element {
      guard op.operands[1] === element, let tile = op.operands[0].definingOp, tile.opcode == .buffer, let result = op.result else { return fail("an access is not a tile element at the loop's index", at: op.location) }
      tileOf[ObjectIdentifier(result)] = op.operands[0]
    }
    for op in needed where op.opcode == .load {
      guard let tile = tileOf[ObjectIdentifier(op.operands[0])], let result = op.result else { return fail("a load is not from a tile at the loop's index", at: op.location) }
      guard result.type == .f32 || result.type == .f16 else { return fail("the elements are not f32 or f16", at: op.location) }
      tileOf[ObjectIdentifier(result)] = tile
    }

    // Every needed op is an address, a load, arithmetic, a conversion or a store of a result.
    let builder = Builder(region: Region(), location: loop.location)
    let count32 = builder.value(.cast, [count], type: .i32, name: "vector_count")
    var produced: [ObjectIdentifier: Value] = [:]  // arithmetic result -> the tile holding it
    func tile(of value: Value) -> Value? { tileOf[ObjectIdentifier(value)] ?? produced[ObjectIdentifier(value)] }
    // A scalar operand: an invariant value, its ops re-made before the vector ops.
    var hoister = Hoister(build: builder, inside: inLoop)
    func scalar(_ value: Value) -> Value? { isInvariant(value) ? hoister.hoist(value) : nil }
    for (index, op) in needed.enumerated() {
      switch op.opcode {
      case .element, .load: continue
      case .store:
        // Fused into the arithmetic that computed it (checked there); anything else is a copy.
        guard let stored = produced[ObjectIdentifier(op.operands[0])], let target = tileOf[ObjectIdentifier(op.operands[1])],
          stored === target
        else { return fail("a store copies a value with no arithmetic, or stores a value used elsewhere too", at: op.location) }
      case .add, .sub, .mul, .div, .cast:
        guard let result = op.result, result.type == .f32 || result.type == .f16 else {
          return fail("a result that is not f32 or f16", at: op.location)
        }
        let isCast = op.opcode == .cast
        let (a, b) = (op.operands[0], isCast ? op.operands[0] : op.operands[1])
        if isCast {
          guard a.type != result.type, a.type == .f32 || a.type == .f16, tile(of: a) != nil else {
            return fail("a conversion other than between f32 and f16 tiles", at: op.location)
          }
        } else if a.type != result.type || b.type != result.type {
          return fail("arithmetic on mixed types", at: op.location)
        }
        guard let destination = destinationTile(for: result, at: index, needed: needed, body: body, operands: [a, b], tileOf: tileOf, produced: produced, location: op.location) else {
          return fail("an arithmetic op has no tile operand", at: op.location)
        }
        builder.location = op.location
        if isCast, let source = tile(of: a) {
          let narrows = a.type == .f32
          if isBang {
            builder.create(.bangVectorUnary, [destination, source, count32], attributes: ["op": .keyword(narrows ? "float2half_rn" : "half2float")])
          } else {
            builder.create(.ascendVectorUnary, [destination, source, count32], attributes: ["op": .keyword("Cast"), "round": .keyword(narrows ? "CAST_RINT" : "CAST_NONE")])
          }
        } else if !Self.emit(op.opcode, destination, a, b, count32, type: result.type, isBang: isBang, tile: { tile(of: $0) }, scalar: scalar, builder: builder) {
          return fail("'\(op.opcode.name)' of these operands has no vector form on the target (scalar − tile, ÷ by a scalar, ÷ on BANG C)", at: op.location)
        }
        produced[ObjectIdentifier(result)] = destination
      default: return fail("'\(op.opcode.name)' has no vector form (a comparison, select or math call)", at: op.location)
      }
    }
    // A tile read after an op overwrote it would see the new values: keep the scalar form.
    guard readsFollowWrites(needed, tileOf: tileOf, produced: produced) else { return fail("a tile is read after an earlier vector op overwrote it", at: nil) }
    return builder.region.operations
  }

  /// The tile `result` is written to: the tile its only use stores it to right after, else an
  /// operand's temporary tile that nothing else reads (computed in place), else a free or new
  /// temporary tile of the result's type.
  private mutating func destinationTile(
    for result: Value, at index: Int, needed: [Operation], body: [Operation], operands: [Value],
    tileOf: [ObjectIdentifier: Value], produced: [ObjectIdentifier: Value], location: Location
  ) -> Value? {
    func uses(_ value: Value) -> Int { body.filter { $0.operands.contains { $0 === value } }.count }
    if let next = needed.dropFirst(index + 1).first(where: { $0.opcode != .element && $0.opcode != .load }),
      next.opcode == .store, next.operands[0] === result, uses(result) == 1,
      let stored = tileOf[ObjectIdentifier(next.operands[1])]
    {
      return stored
    }
    let sink = Self.sink(of: needed, tileOf: tileOf, type: result.type)
    for operand in operands where operand.type == result.type && uses(operand) == 1 {
      if let own = produced[ObjectIdentifier(operand)], taken.contains(where: { $0 === own }) || own === sink { return own }
    }
    if let sink, !produced.values.contains(where: { $0 === sink }) { return sink }
    guard let source = operands.lazy.compactMap({ tileOf[ObjectIdentifier($0)] ?? produced[ObjectIdentifier($0)] }).first,
      case let .pointer(space, .array(_, count))? = Optional(source.type)
    else { return nil }
    let like = IRType.pointer(space: space, pointee: .array(element: result.type, count: count))
    if let free = pool.first(where: { old in old.results[0].type == like && !taken.contains { $0 === old.results[0] } }) {
      taken.append(free.results[0])
      return free.results[0]
    }
    let temporary = Operation(.buffer, resultTypes: [like], resultNames: ["vector_tile"], attributes: ["role": .string("tile")], location: location)
    temporaries.append(temporary)
    taken.append(temporary.results[0])
    return temporary.results[0]
  }

  /// The tile the loop stores to once and never reads, of `type` elements: it can hold the
  /// stored value's partial results before the store writes it whole (`y = x * a * w`: `Muls`
  /// into y, then `Mul` of y in place), where a temporary tile would take more on-chip memory.
  private static func sink(of needed: [Operation], tileOf: [ObjectIdentifier: Value], type: IRType) -> Value? {
    let stores = needed.filter { $0.opcode == .store }
    guard stores.count == 1, let store = stores.first, let tile = tileOf[ObjectIdentifier(store.operands[1])],
      case .pointer(_, .array(type, _))? = Optional(tile.type)
    else { return nil }
    let read = needed.contains { $0.opcode == .load && tileOf[ObjectIdentifier($0.operands[0])] === tile }
    return read ? nil : tile
  }

  /// Appends the vector op for `opcode` (operands tile or loop-invariant scalar); false when
  /// the combination has no vector form on the target.
  static func emit(
    _ opcode: Opcode, _ destination: Value, _ a: Value, _ b: Value, _ count: Value, type: IRType, isBang: Bool,
    tile: (Value) -> Value?, scalar: (Value) -> Value?, builder: Builder
  ) -> Bool {
    let vectorOp: Opcode = isBang ? .bangVector : .ascendVector
    switch (tile(a), tile(b)) {
    case let (ta?, tb?):
      let names: [Opcode: (String, String)] = [.add: ("add", "Add"), .sub: ("sub", "Sub"), .mul: ("mul", "Mul"), .div: ("", "Div")]
      guard let name = names[opcode].map({ isBang ? $0.0 : $0.1 }), !name.isEmpty else { return false }
      builder.create(vectorOp, [destination, ta, tb, count], attributes: ["op": .keyword(name)])
    case let (ta?, nil):
      guard let s = scalar(b) else { return false }
      switch opcode {
      case .add: builder.create(vectorOp, [destination, ta, s, count], attributes: ["op": .keyword(isBang ? "add_scalar" : "Adds")])
      case .mul: builder.create(vectorOp, [destination, ta, s, count], attributes: ["op": .keyword(isBang ? "mul_scalar" : "Muls")])
      case .sub:
        if isBang {
          builder.create(vectorOp, [destination, ta, s, count], attributes: ["op": .keyword("sub_scalar")])
        } else {
          let negated = builder.value(.neg, [s], type: type)
          builder.create(vectorOp, [destination, ta, negated, count], attributes: ["op": .keyword("Adds")])
        }
      default: return false
      }
    case let (nil, tb?):
      guard let s = scalar(a) else { return false }
      switch opcode {
      case .add: builder.create(vectorOp, [destination, tb, s, count], attributes: ["op": .keyword(isBang ? "add_scalar" : "Adds")])
      case .mul: builder.create(vectorOp, [destination, tb, s, count], attributes: ["op": .keyword(isBang ? "mul_scalar" : "Muls")])
      default: return false
      }
    case (nil, nil): return false
    }
    return true
  }

  /// Whether every read of a tile comes before any later write of it changes the tile, in the
  /// order the vector ops run: a value loaded from a tile is read where it is used.
  private func readsFollowWrites(
    _ needed: [Operation], tileOf: [ObjectIdentifier: Value], produced: [ObjectIdentifier: Value]
  ) -> Bool {
    var written: [ObjectIdentifier: Int] = [:]  // tile -> the position of its last write so far
    for (index, op) in needed.enumerated() where op.opcode != .store {
      guard let result = op.result, op.opcode != .element, op.opcode != .load else { continue }
      // The tiles this op reads through loads: none may have been written since the load.
      for operand in op.operands {
        guard let load = operand.definingOp, load.opcode == .load, let tile = tileOf[ObjectIdentifier(operand)] else { continue }
        let loadedAt = needed.firstIndex { $0 === load } ?? 0
        if let writtenAt = written[ObjectIdentifier(tile)], writtenAt > loadedAt, writtenAt < index { return false }
      }
      if let destination = produced[ObjectIdentifier(result)] { written[ObjectIdentifier(destination)] = index }
    }
    return true
  }
}
