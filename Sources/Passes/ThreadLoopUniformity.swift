// Which values of a thread loop are the same for every thread, for the vector forms of
// vectorize-thread-loops: a value used as a vector instruction's scalar operand is computed once,
// before the instruction, in place of once per thread.
//
// A value of thread loop L is uniform when it is defined outside L, or computed in L by
//   - pure ops (math calls included) of uniform values, or an `scf.if` on a uniform condition
//     whose branches hold only pure ops and yield uniform values;
//   - a load of a local scalar L never stores to (not L's thread counter);
//   - a load of an on-chip buffer at a uniform address, where L stores to no pointer into the
//     same buffer, to no on-chip pointer whose buffer is unknown, and holds no op that may write
//     memory otherwise (a DMA, a vector op, a call, an atomic): every thread reads the same
//     element, and nothing in L changes it (a thread reading an element another writes would be
//     a race in CUDA);
//   - a load of `SAVED[thread]` from a per-thread array every slot of which holds one value
//     (UniformSlots): simt-to-spmd saves a value that crosses a barrier per thread
//     (`total_saved`), also when it is the same for all (a block reduction's result).
//
// Hoisted, a load of a slot reads slot 0: the thread counter stands for 0 (the block has a
// thread, or the thread loop would not run).

import KIR

/// The uniform values of one thread loop.
struct ThreadLoopUniformity {
  let loop: Operation
  /// The loop's thread counter (`%thread`).
  let counter: Value
  /// Values the loop defines.
  let inside: Set<ObjectIdentifier>
  private let storedLocals: Set<ObjectIdentifier>
  private let storedRoots: Set<ObjectIdentifier>
  /// Whether the loop holds an op that may write memory other than through a store.
  private let writesOtherwise: Bool
  private let slots: Set<ObjectIdentifier>

  init?(loop: Operation, slots: UniformSlots) {
    guard let counter = loop.regions.first?.operations.first?.operands.first else { return nil }
    self.loop = loop
    self.counter = counter
    self.slots = slots.arrays
    inside = Set(ElementwiseLoop.definedValues(in: loop).map(ObjectIdentifier.init))
    var locals: Set<ObjectIdentifier> = []
    var roots: Set<ObjectIdentifier> = []
    var otherwise = false
    let control: Set<Opcode> = [.if, .loop, .doWhile, .yield, .condition, .break, .continue, .load]
    for region in loop.regions {
      region.walk { op in
        if op.opcode == .store {
          let address = op.operands[1]
          let root = Self.root(of: address)
          if address.type.addressSpace == .local, address.definingOp?.opcode == .alloca {
            locals.insert(ObjectIdentifier(address))
          } else if address.type.addressSpace == .global || address.type.addressSpace == .local || root.definingOp?.opcode == .buffer {
            roots.insert(ObjectIdentifier(root))
          } else {
            otherwise = true  // a pointer into on-chip memory whose buffer is not known
          }
        } else if !op.isPure, !control.contains(op.opcode), op.opcode != .ascendPipeBarrier {
          otherwise = true
        }
      }
    }
    storedLocals = locals
    storedRoots = roots
    writesOtherwise = otherwise
  }

  /// The pointer an address is an element or offset of (through pointer casts).
  static func root(of address: Value, depth: Int = 0) -> Value {
    guard depth < 32, let op = address.definingOp, [.element, .offset, .cast].contains(op.opcode), op.operands[0].type.isPointer
    else { return address }
    return root(of: op.operands[0], depth: depth + 1)
  }

  /// Whether `value` is the same for every thread of the loop.
  func isUniform(_ value: Value, depth: Int = 0) -> Bool {
    if !inside.contains(ObjectIdentifier(value)) { return true }
    guard depth < 24, let op = value.definingOp else { return false }
    switch op.opcode {
    case .load:
      let address = op.operands[0]
      if let local = address.definingOp, local.opcode == .alloca, address.type.addressSpace == .local {
        return address !== counter && !storedLocals.contains(ObjectIdentifier(address))
      }
      if isSlot(address) { return true }
      let root = Self.root(of: address)
      guard address.type.addressSpace == .shared, root.definingOp?.opcode == .buffer, !writesOtherwise, !storedRoots.contains(ObjectIdentifier(root))
      else { return false }
      return isUniform(address, depth: depth + 1)
    case .if:
      guard op.operands.count == 1, isUniform(op.operands[0], depth: depth + 1) else { return false }
      for region in op.regions {
        for inner in region.operations {
          if inner.opcode == .yield {
            guard inner.operands.allSatisfy({ isUniform($0, depth: depth + 1) }) else { return false }
          } else if !(inner.isPure && inner.regions.isEmpty) {
            return false
          }
        }
      }
      return true
    default:
      return op.isPure && op.regions.isEmpty && op.operands.allSatisfy { isUniform($0, depth: depth + 1) }
    }
  }

  /// Whether `address` is `SAVED[thread]` of a uniform per-thread array.
  private func isSlot(_ address: Value) -> Bool {
    ElementwiseLoop.slotArray(address, counter: counter).map { slots.contains(ObjectIdentifier($0)) } == true
  }

  /// A hoister for the values of this loop, the counter's loads standing for thread 0.
  func hoister(into build: Builder) -> Hoister {
    var hoister = Hoister(build: build, inside: inside)
    loop.regions[1].walk { op in
      if op.opcode == .load, op.operands[0] === counter, let result = op.result {
        hoister.assume(result, is: build.constant(int: 0, result.type))
      }
    }
    return hoister
  }
}

/// The per-thread arrays of a kernel whose slots all hold the same value whenever one is read:
/// every access is `A[thread]` in a thread loop, and every store is in the body of a thread
/// loop over all the block's threads (not under a condition, not in a loop over one row's
/// threads), of a value uniform in that loop. Each such loop writes every slot with one value,
/// so the slots stay equal. Found as the greatest fixed point: an array whose stores read other
/// candidates stays one while they do.
struct UniformSlots {
  private(set) var arrays: Set<ObjectIdentifier> = []

  init(function: Function) {
    let topLevel = Set(function.body.operations.flatMap(\.results).map(ObjectIdentifier.init))
    var stores: [ObjectIdentifier: [(store: Operation, loop: Operation)]] = [:]
    var disqualified: Set<ObjectIdentifier> = []
    var candidates: Set<ObjectIdentifier> = []
    function.body.walk { op in
      if op.opcode == .alloca, let result = op.result, case .pointer(.local, .array)? = Optional(result.type) {
        candidates.insert(ObjectIdentifier(result))
      }
    }
    // Every use of a candidate: `mem.element A, (load counter)` in a thread loop, the address
    // of loads, and of stores at the top of a thread loop over the whole block.
    var elements: [ObjectIdentifier: Value] = [:]  // an element address -> its array
    func visit(_ region: Region, threadLoop: Operation?) {
      let counter = threadLoop?.regions[0].operations.first?.operands.first
      for op in region.operations {
        for (index, operand) in op.operands.enumerated() where candidates.contains(ObjectIdentifier(operand)) {
          var isSlot = false
          if index == 0, let counter, let result = op.result { isSlot = ElementwiseLoop.slotArray(result, counter: counter) === operand }
          if isSlot, let result = op.result { elements[ObjectIdentifier(result)] = operand } else { disqualified.insert(ObjectIdentifier(operand)) }
        }
        for (index, operand) in op.operands.enumerated() {
          guard let array = elements[ObjectIdentifier(operand)] else { continue }
          if op.opcode == .load && index == 0 { continue }
          let isTop =
            op.opcode == .store && index == 1 && region === threadLoop?.regions[1]
            && threadLoop.map { Self.coversBlock($0, topLevel: topLevel) } == true
          if isTop, let threadLoop {
            stores[ObjectIdentifier(array), default: []].append((op, threadLoop))
          } else {
            disqualified.insert(ObjectIdentifier(array))
          }
        }
        let inner = ElementwiseLoop.isThreadLoop(op) ? op : threadLoop
        for nested in op.regions { visit(nested, threadLoop: inner) }
      }
    }
    visit(function.body, threadLoop: nil)
    var current = candidates.subtracting(disqualified).filter { stores[$0] != nil }
    var changed = true
    while changed {
      changed = false
      let assumed = UniformSlots(arrays: current)
      for array in current {
        let uniform = (stores[array] ?? []).allSatisfy { store, loop in
          ThreadLoopUniformity(loop: loop, slots: assumed)?.isUniform(store.operands[0]) == true
        }
        if !uniform {
          current.remove(array)
          changed = true
        }
      }
    }
    arrays = current
  }

  private init(arrays: Set<ObjectIdentifier>) { self.arrays = arrays }

  /// Whether `loop` runs every thread of the block: its bound is computed at the kernel's top
  /// level (the block's thread count), not per row.
  private static func coversBlock(_ loop: Operation, topLevel: Set<ObjectIdentifier>) -> Bool {
    ElementwiseLoop.threadBound(of: loop).map { topLevel.contains(ObjectIdentifier($0)) } == true
  }
}
