// The vector form of a thread loop whose work is one loop over a row by the block's stride
// (the final loops of rmsnorm, layernorm and dynamic_shared's normalize), for
// vectorize-thread-loops (docs/fast-ports.md):
//
//   thread loop { tx = thread % block_dim_x; uniform values; c = tx
//                 for (; c < B; c += block_dim_x) { work on elements at c + offsets } }
//
// All the block's threads together run the work once for every c in [0, B), and each c's work
// reaches only its own elements, so the work is an element loop over [0, B), which
// `VectorPlan` lowers as it lowers tile-global-access's element loops:
//
//   uniform values, hoisted (a shared scalar, a slot of a uniform per-thread array, rsqrtf of them)
//   if (B > 0 ∧ every branch condition taken ∧ every operand aligned) {
//     Ascend: PipeBarrier<PIPE_ALL> (unless one comes right before)
//     vector ops over B elements of each operand's first element
//     Ascend: PipeBarrier<PIPE_ALL>
//   } else { the thread loop as it was }
//
// An access must be `P[c + off]` with P a pointer to on-chip memory and off fixed for the block;
// one in an `scf.if` on a condition fixed for the block (stage-global-access's `fits ?
// P_stage[c] : P[c]`) is taken from its `then` branch, its condition added to the guard. The
// stored pointer's buffer is not read in the work (one store), so no element is read after the
// vector ops wrote it. Several threads of a 2-D block with the same threadIdx.x run the same row
// and store the same values: the vector form stores them once.

import KIR

/// One row loop's vector form.
struct RowLoopVector {
  let loop: Operation
  let uniformity: ThreadLoopUniformity
  let isBang: Bool

  /// What the element loop is made of, for `lower`.
  private struct Access {
    /// The access's pointer before the element index, and the element offset from it.
    let base: Value
    let offset: ThreadAffine
    let isElement: Bool
    let placeholder: Value
  }

  /// The ops replacing the loop, or nil with `why` saying what keeps it scalar. New temporary
  /// tiles (for the kernel's entry) are added to `temporaries`.
  func lower(blockDimX: Value, followsBarrier: Bool, precedesBarrier: Bool, temporaries: inout [Operation], why: inout String) -> [Operation]? {
    let body = loop.regions[1].operations
    guard let threadX = ElementwiseLoop.threadX(of: loop, blockDimX: blockDimX), let rowLoop = body.last,
      let row = BlockStrideLoop(
        rowLoop, at: body.count - 1, in: loop.regions[1], threadX: threadX, blockDimX: blockDimX,
        isOutside: { uniformity.isUniform($0) })
    else {
      why = "a loop in each thread's work is not a loop over a row by the block's stride at the end of the thread's code"
      return nil
    }
    guard row.start.terms.isEmpty, row.start.minus.isEmpty, row.start.constant == 0 else {
      why = "the loop over a row does not start at threadIdx.x"
      return nil
    }
    for op in body.dropLast()
    where !(op.isPure || op.opcode == .load || (op.opcode == .store && op.operands[1] === row.variable)
      || (op.opcode == .if && !op.results.isEmpty && op.results.allSatisfy { uniformity.isUniform($0) }))
    {
      why = "each thread's work has '\(op.opcode.name)' besides its loop over a row"
      return nil
    }

    let build = Builder(region: Region(), location: loop.location)
    var hoister = uniformity.hoister(into: build)
    let rowInside = Set(ElementwiseLoop.definedValues(in: rowLoop).map(ObjectIdentifier.init))
    // The element loop: its counter (the row variable), its index and its work.
    let elementLoad = Operation(.load, operands: [row.variable], resultTypes: [row.variable.type.pointee ?? .i32], location: rowLoop.location)
    guard let element = elementLoad.result else { return nil }
    var work: [Operation] = [elementLoad]
    var synthetic: Set<ObjectIdentifier> = [ObjectIdentifier(element)]
    var mapping: [ObjectIdentifier: Value] = [:]
    var conditions: [Value] = []
    var accesses: [String: Access] = [:]
    var order: [String] = []  // the keys of `accesses` in the order of first use
    var placeholders: [Operation] = []  // their results' defining ops are weak references
    var stores: [(root: Value, tile: Value)] = []
    var loads: [(root: Value, tile: Value)] = []
    var failure: String?

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
    func copy(_ ops: [Operation]) -> Bool {
      for op in ops {
        if op.opcode == .load, op.operands[0] === row.variable, let result = op.result {
          mapping[ObjectIdentifier(result)] = element
          continue
        }
        if op.opcode == .yield { continue }
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
          guard let value = resolve(operand) else {
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
    // Reads of the stored buffer are of the stored element itself (`s[c] = s[c] * f`), which
    // the vector ops read before they write it.
    guard stores.count == 1, let stored = stores.first, !loads.contains(where: { $0.root === stored.root && $0.tile !== stored.tile }) else {
      why =
        stores.count == 1
        ? "the loop over a row reads the buffer it stores to at another offset" : "the loop over a row stores \(stores.count) values per element; one is vectorised"
      return nil
    }
    guard let bound = resolve(row.bound) else {
      why = "the row's bound differs between threads"
      return nil
    }

    // The element loop VectorPlan lowers: `for c < bound` over the placeholder tiles.
    let condition = Region()
    let conditionBuild = Builder(region: condition, location: rowLoop.location)
    let counterLoad = conditionBuild.value(.load, [row.variable], type: element.type)
    conditionBuild.create(.condition, [conditionBuild.compare(counterLoad, bound, "lt")])
    let elementLoop = Operation(.loop, attributes: ["element_loop": .bool(true)], regions: [condition, Region(operations: work), Region()], location: rowLoop.location)
    var plan = VectorPlan(isBang: isBang)
    guard let vectorOps = plan.lower(elementLoop) else {
      why = plan.failure.reason
      return nil
    }

    // The guard, and each placeholder's first element.
    let count = hoister.wide(bound)
    var usable = build.compare(count, build.constant(int: 0, .i64), "gt")
    for condition in conditions { usable = build.value(.and, [usable, condition], type: .bool) }
    let alignment = Int64(isBang ? 64 : 32)
    var pointers: [Value: Value] = [:]
    for access in order.compactMap({ accesses[$0] }) {
      guard case let .pointer(_, .array(type, _))? = Optional(access.placeholder.type), case let .float(kind) = type,
        let fromRoot = Self.offsetFromRoot(access.base)
      else {
        why = "an operand's offset from its on-chip buffer is not known"
        return nil
      }
      let offset = hoister.sum(access.offset.terms, minus: access.offset.minus, access.offset.constant)
      let total = build.value(.add, [offset, hoister.sum(fromRoot, 0)], type: .i64)
      let bytes = build.value(.mul, [total, build.constant(int: Int64(kind.byteSize), .i64)], type: .i64)
      let aligned = build.compare(build.value(.rem, [bytes, build.constant(int: alignment, .i64)], type: .i64), build.constant(int: 0, .i64), "eq")
      usable = build.value(.and, [usable, aligned], type: .bool)
      let index = build.value(.cast, [offset], type: .i32)
      pointers[access.placeholder] = build.value(access.isElement ? .element : .offset, [access.base, index], type: .pointer(space: .shared, pointee: type))
    }
    let vector = Region(operations: vectorOps)
    replaceUses(pointers, in: vector)
    withExtendedLifetime(placeholders) {}
    if !isBang, !followsBarrier { vector.operations.insert(Operation(.ascendPipeBarrier, location: loop.location), at: 0) }
    if !isBang, !precedesBarrier { vector.operations.append(Operation(.ascendPipeBarrier, location: loop.location)) }
    temporaries += plan.temporaries
    build.create(.if, [usable], regions: [vector, Region(operations: [loop])])
    return build.region.operations
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
  private static func offsetFromRoot(_ base: Value, depth: Int = 0) -> [Value]? {
    guard depth < 32, let op = base.definingOp else { return nil }
    if op.opcode == .buffer { return [] }
    guard op.opcode == .element || op.opcode == .offset, let rest = offsetFromRoot(op.operands[0], depth: depth + 1) else { return nil }
    return rest + [op.operands[1]]
  }
}
