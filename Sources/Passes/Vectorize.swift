// vectorize: an element loop over on-chip tiles (tile-global-access's `scf.loop {element_loop}`)
// whose work is f32 or f16 arithmetic becomes vector instructions over whole tiles
// (docs/fast-ports.md): `__bang_mul_scalar`, `__bang_add`, ... on MLU; `Muls`, `Add`, ... on
// Ascend (targets.md A8, B8).
//
// Invariants. Before: an element loop `for e < count` whose ops are loads and stores of
// `mem.element TILE, e`, arithmetic, and pure ops the stores do not need. After: per arithmetic
// op, in order, one vector op over `count` elements; a result stored to a tile right after it is
// computed is written there, any other result goes to a temporary tile. Forms: tile ⊕ tile for
// add, sub, mul (and div on Ascend); tile ⊕ scalar for add and mul (either side) and tile − scalar
// (BANG `sub_scalar`, Ascend `Adds` of the negated scalar). A loop with anything else (a
// conversion, a math call, scalar − tile, a copy without arithmetic, a tile read after it was
// overwritten) keeps its scalar form, which is correct, only slower.
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
      PassOptionInfo("target", .choice(["none", "bang", "ascendc"]), default: "none", "The target whose vector ops to use (none: the pass does nothing).")
    ])

  let target: String

  public init(options: PassOptions) { target = options.choice("target") }

  public func run(on module: Module, context: PassContext) {
    guard target != "none" else { return }
    for function in module.functions where function.kind == .kernel && function.declaredLevel == .target {
      var temporaries: [Operation] = []
      var vectorized = 0
      replaceElementLoops(in: function.body) { loop in
        var plan = VectorPlan(isBang: target == "bang")
        guard let ops = plan.lower(loop) else {
          context.report(.remark(.keptScalar, "kept scalar: \(plan.failure.reason)", at: plan.failure.location ?? loop.location))
          return nil
        }
        temporaries += plan.temporaries
        vectorized += 1
        let kinds = ops.filter { $0.opcode == .bangVector || $0.opcode == .ascendVector }.compactMap { $0.attributes["op"]?.keywordValue }
        context.report(.remark(.fastPortApplied, "vectorised: \(kinds.joined(separator: ", "))", at: ops.first { $0.opcode == .bangVector || $0.opcode == .ascendVector }?.location ?? loop.location))
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
  /// Temporary tiles the vector ops write, for the kernel's entry.
  private(set) var temporaries: [Operation] = []
  /// Why `lower` kept the loop scalar, and where.
  private(set) var failure: (reason: String, location: Location?) = ("", nil)

  /// Records why the loop stays scalar; nil, for `lower` to return.
  private mutating func fail(_ reason: String, at location: Location?) -> [Operation]? {
    failure = (reason, location)
    return nil
  }

  init(isBang: Bool) { self.isBang = isBang }

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

    // The ops the stores need, and what each value is in vector form.
    var needed: [Operation] = []
    var seen: Set<ObjectIdentifier> = []
    func need(_ op: Operation) -> Bool {
      guard seen.insert(ObjectIdentifier(op)).inserted else { return true }
      // Constants are scalars: they are re-made before the vector ops.
      for operand in op.operands
      where inLoop.contains(ObjectIdentifier(operand)) && operand !== element && operand.definingOp?.opcode != .constant {
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
    var elementType: IRType?
    for op in needed where op.opcode == .element {
      guard op.operands[1] === element, let tile = op.operands[0].definingOp, tile.opcode == .buffer, let result = op.result else { return fail("an access is not a tile element at the loop's index", at: op.location) }
      tileOf[ObjectIdentifier(result)] = op.operands[0]
    }
    for op in needed where op.opcode == .load {
      guard let tile = tileOf[ObjectIdentifier(op.operands[0])], let result = op.result else { return fail("a load is not from a tile at the loop's index", at: op.location) }
      tileOf[ObjectIdentifier(result)] = tile
      guard elementType == nil || elementType == result.type else { return fail("the tiles hold different element types (a conversion)", at: op.location) }
      elementType = result.type
    }
    guard let type = elementType, type == .f32 || type == .f16 else { return fail("the elements are not f32 or f16", at: nil) }

    // Every needed op is an address, a load, arithmetic or a store of an arithmetic result.
    let builder = Builder(region: Region(), location: loop.location)
    let count32 = builder.value(.cast, [count], type: .i32, name: "vector_count")
    var produced: [ObjectIdentifier: Value] = [:]  // arithmetic result -> the tile holding it
    func tile(of value: Value) -> Value? { tileOf[ObjectIdentifier(value)] ?? produced[ObjectIdentifier(value)] }
    for (index, op) in needed.enumerated() {
      switch op.opcode {
      case .element, .load: continue
      case .store:
        // Fused into the arithmetic that computed it (checked there); anything else is a copy.
        guard let stored = produced[ObjectIdentifier(op.operands[0])], let target = tileOf[ObjectIdentifier(op.operands[1])],
          stored === target
        else { return fail("a store copies a value with no arithmetic, or stores a value used elsewhere too", at: op.location) }
      case .add, .sub, .mul, .div:
        guard let result = op.result, result.type == type else { return fail("an arithmetic result of another type (a conversion)", at: op.location) }
        let (a, b) = (op.operands[0], op.operands[1])
        let destination: Value
        // Written straight into the tile its only use stores it to, when that store follows.
        if let next = needed.dropFirst(index + 1).first(where: { $0.opcode != .element && $0.opcode != .load }),
          next.opcode == .store, next.operands[0] === result,
          body.filter({ $0.operands.contains { $0 === result } }).count == 1,
          let stored = tileOf[ObjectIdentifier(next.operands[1])]
        {
          destination = stored
        } else if let reused = [a, b].first(where: { operand in
          temporaries.contains { $0.results[0] === produced[ObjectIdentifier(operand)] }
            && body.filter { $0.operands.contains { $0 === operand } }.count == 1
        }).flatMap({ produced[ObjectIdentifier($0)] }) {
          // An operand's temporary tile that nothing else reads: computed in place.
          destination = reused
        } else {
          guard let like = (tile(of: a) ?? tile(of: b))?.type else { return fail("an arithmetic op has no tile operand", at: op.location) }
          let temporary = Operation(
            .buffer, resultTypes: [like], resultNames: ["vector_tile"], attributes: ["role": .string("tile")], location: op.location)
          temporaries.append(temporary)
          destination = temporary.results[0]
        }
        // A scalar operand: a value from outside the loop, or a constant of the loop re-made here.
        var remade: [ObjectIdentifier: Value] = [:]
        let scalar: (Value) -> Value? = { value in
          guard value.type == type else { return nil }
          guard inLoop.contains(ObjectIdentifier(value)) else { return value }
          guard let constant = value.definingOp, constant.opcode == .constant else { return nil }
          if let made = remade[ObjectIdentifier(value)] { return made }
          var cloner = Cloner()
          let copy = cloner.clone(constant)
          builder.region.operations.append(copy)
          remade[ObjectIdentifier(value)] = copy.results[0]
          return copy.results[0]
        }
        guard emit(op.opcode, destination, a, b, count32, type: type, tile: { tile(of: $0) }, scalar: scalar, builder: builder, location: op.location) else {
          return fail("'\(op.opcode.name)' of these operands has no vector form on the target (scalar − tile, ÷ by a scalar, ÷ on BANG C)", at: op.location)
        }
        produced[ObjectIdentifier(result)] = destination
      default: return fail("'\(op.opcode.name)' has no vector form (a conversion, comparison, select or math call)", at: op.location)
      }
    }
    // A tile read after an op overwrote it would see the new values: keep the scalar form.
    guard readsFollowWrites(needed, tileOf: tileOf, produced: produced) else { return fail("a tile is read after an earlier vector op overwrote it", at: nil) }
    return builder.region.operations
  }

  /// Appends the vector op for `opcode` (operands tile or loop-invariant scalar); false when
  /// the combination has no vector form on the target.
  private func emit(
    _ opcode: Opcode, _ destination: Value, _ a: Value, _ b: Value, _ count: Value, type: IRType,
    tile: (Value) -> Value?, scalar: (Value) -> Value?, builder: Builder, location: Location
  ) -> Bool {
    builder.location = location
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
