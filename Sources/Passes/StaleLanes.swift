// StaleLanes: whether the slots of a per-thread array that a fold leaves stale are never read.
//
// A warp's shuffle-down tree leaves the sum in lane 0 of each group of G lanes only; what the
// other lanes hold is partial sums nobody reads (`if (lane == 0) scratch[warp] = v`). A fold that
// computes lane 0's value alone leaves the other slots of the values array as they were, so it
// must show that, on every path from the fold, no slot t with t % G != 0 of that array (or of an
// array it was copied into) is read before it is written again.
//
// The scan runs over the ops after the fold, then out through the enclosing regions: after an
// `scf.if`, the ops after it; after a loop's body, what is stale at the loop's head (a fixed
// point over any number of further iterations, the fold among them: it reads every slot, so
// nothing may be stale there) flows past the loop. An `scf.if` on the way is scanned branch by
// branch (what is stale after it: the union); a `func.return` ends the path. Arrays holding
// stale slots ("stale") change only in thread loops over the block's
// threads, whose bodies touch their arrays at the thread's own slot:
// - a store at the top level of the body writes every thread's slot: the array is whole again;
// - `B[t] = A[t]` with A stale makes B stale (in any branch: conservatively);
// - a read of a stale slot is allowed in the then-branch of an `if` whose condition holds only
//   for threads t % G == 0 (checked by evaluating it for every thread of every allowed block size);
// - any other use of a stale array, any other op that mentions one, or a jump (`return`, `break`,
//   `continue`) on the way fails the proof.
// An array whose address is kept anywhere in the kernel (`p = &v`, read later as `*p`, which the
// scan would not see as a use) never becomes stale: the proof fails.

import KIR


struct StaleLanes {
  /// The group G: slots t % G == 0 hold true values.
  let group: Int
  let threads: Value
  /// block_dim_x, _y, _z: leader conditions are evaluated for one-dimensional blocks of
  /// G, 2G, ... `maxThreads` threads (the fold's guard asks for block_dim_x == threads).
  let blockDims: [Value]
  let maxThreads: Int
  /// The kernel's body, where no stale array's address may escape.
  let kernel: Region

  /// Whether, with `array`'s non-leader slots stale after the op at `path.last` (`path` the
  /// positions from the kernel's body down), no later op reads one.
  func neverRead(_ array: Value, after path: [OpPosition]) -> Bool {
    guard let innermost = path.last, !addressEscapes(array),
      var stale = scan(innermost.region.operations[(innermost.index + 1)...], [ObjectIdentifier(array)])
    else { return false }
    for level in stride(from: path.count - 2, through: 0, by: -1) {
      if stale.isEmpty { return true }
      let (region, index) = path[level]
      let parent = region.operations[index]
      switch parent.opcode {
      case .if:
        break
      case .loop where !ElementwiseLoop.isThreadLoop(parent) && parent.regions.count == 3 && parent.regions[1] === path[level + 1].region:
        // What is stale at the loop's head: after the body, and after any number of further
        // iterations (the fold in them starts its own stale slots, which the scan from the fold
        // covers; a transfer through a thread loop is distributive over the stale set).
        var head = stale
        while true {
          guard !mentions(parent.regions[0].operations[...], head), !mentions(parent.regions[2].operations[...], head),
            let next = scan(parent.regions[1].operations[...], head)
          else { return false }
          if next.isSubset(of: head) { break }
          head.formUnion(next)
        }
        stale = head
      default:
        return false
      }
      guard let after = scan(region.operations[(index + 1)...], stale) else { return false }
      stale = after
    }
    return true
  }

  /// The stale arrays after `ops`, from `stale` before them; nil when an op may read a stale slot.
  private func scan(_ ops: ArraySlice<Operation>, _ stale: Set<ObjectIdentifier>) -> Set<ObjectIdentifier>? {
    var stale = stale
    for op in ops {
      if stale.isEmpty { return stale }
      guard mentions([op][...], stale) else { continue }
      // The kernel ends: nothing after reads anything.
      if op.opcode == .return { return [] }
      if op.opcode == .if {
        var after: Set<ObjectIdentifier> = []
        for branch in op.regions {
          guard let branchStale = scan(branch.operations[...], stale) else { return nil }
          after.formUnion(branchStale)
        }
        if op.regions.count < 2 { after.formUnion(stale) }
        stale = after
        continue
      }
      guard ElementwiseLoop.isThreadLoop(op), ElementwiseLoop.threadBound(of: op) === threads,
        let counter = op.regions[0].operations.first?.operands.first,
        !mentions(op.regions[0].operations[...], stale), !mentions(op.regions[2].operations[...], stale),
        !op.regions[1].contains(where: Self.isJump)
      else { return nil }
      var users: [ObjectIdentifier: [Operation]] = [:]
      Self.collectUsers(op.regions[1], into: &users)
      var body = ThreadBody(analysis: self, counter: counter, users: users)
      guard body.visit(op.regions[1], conditions: [], nested: false, &stale) else { return nil }
    }
    return stale
  }

  /// Whether a pointer into `array` may be kept anywhere in the kernel (`p = &v`, then `*p`
  /// read where the scan sees no use of the array): every use of the array must be `mem.element
  /// ARRAY, i` whose address is only loaded from or stored to.
  fileprivate func addressEscapes(_ array: Value) -> Bool {
    var elements: [Value] = []
    var escapes = false
    kernel.walk { op in
      guard op.operands.contains(where: { $0 === array }) else { return }
      if op.opcode == .element, op.operands[0] === array, op.operands.dropFirst().allSatisfy({ $0 !== array }), let address = op.results.first {
        elements.append(address)
      } else {
        escapes = true
      }
    }
    guard !escapes else { return true }
    let addresses = Set(elements.map(ObjectIdentifier.init))
    kernel.walk { op in
      for (position, operand) in op.operands.enumerated() where addresses.contains(ObjectIdentifier(operand)) {
        let allowed = (op.opcode == .load && position == 0) || (op.opcode == .store && position == 1)
        if !allowed { escapes = true }
      }
    }
    return escapes
  }

  /// Whether an op of `ops` (or nested in one) has a stale array as an operand, or jumps.
  private func mentions(_ ops: ArraySlice<Operation>, _ stale: Set<ObjectIdentifier>) -> Bool {
    ops.contains { $0.contains { op in Self.isJump(op) || op.operands.contains { stale.contains(ObjectIdentifier($0)) } } }
  }

  private static func isJump(_ op: Operation) -> Bool { [.break, .continue, .return].contains(op.opcode) }

  private static func collectUsers(_ region: Region, into users: inout [ObjectIdentifier: [Operation]]) {
    region.walk { op in
      for operand in op.operands { users[ObjectIdentifier(operand), default: []].append(op) }
    }
  }

  /// Whether `condition` (an i1 in a thread loop with `counter`) holds only for threads
  /// t % G == 0, for every one-dimensional block of G, 2G, ... `maxThreads` threads.
  fileprivate func leadersOnly(_ condition: Value, counter: Value) -> Bool {
    guard var evaluator = LaneArithmetic(condition, variables: [counter], values: [threads] + blockDims) else { return false }
    var inputs: [Int64] = [0, 0, 0] + Array(repeating: 1, count: max(0, blockDims.count - 1))
    for blockThreads in stride(from: group, through: maxThreads, by: group) {
      (inputs[1], inputs[2]) = (Int64(blockThreads), Int64(blockThreads))
      for t in 0..<blockThreads where t % group != 0 {
        inputs[0] = Int64(t)
        guard let holds = evaluator.evaluate(inputs) else { return false }
        if holds != 0 { return false }
      }
    }
    return true
  }
}

/// The body of one thread loop, visited in order for one thread.
private struct ThreadBody {
  let analysis: StaleLanes
  let counter: Value
  let users: [ObjectIdentifier: [Operation]]
  /// The values loaded from stale slots so far in this thread's pass over the body.
  var staleValues: Set<ObjectIdentifier> = []
  /// Whether each `if` condition met holds for leaders alone (evaluated when first needed).
  var leadersOnly: [ObjectIdentifier: Bool] = [:]

  /// The stale array whose own slot `address` is, if any.
  private func staleSlot(_ address: Value, _ stale: Set<ObjectIdentifier>) -> Value? {
    guard let array = ElementwiseLoop.slotArray(address, counter: counter), stale.contains(ObjectIdentifier(array)) else { return nil }
    return array
  }

  /// Whether one of `conditions` (of the `if`s whose then-branch encloses an op) holds for
  /// leaders alone.
  private mutating func guarded(_ conditions: [Value]) -> Bool {
    conditions.contains { condition in
      if let known = leadersOnly[ObjectIdentifier(condition)] { return known }
      let holds = analysis.leadersOnly(condition, counter: counter)
      leadersOnly[ObjectIdentifier(condition)] = holds
      return holds
    }
  }

  /// Visits `region`, under the then-branches of `if (C)` for each C of `conditions`; at the
  /// body's top level where `conditions` is empty and `nested` false.
  mutating func visit(_ region: Region, conditions: [Value], nested: Bool, _ stale: inout Set<ObjectIdentifier>) -> Bool {
    for op in region.operations {
      // A stale array is used only as `mem.element ARRAY, (load counter)`, whose address is
      // only loaded from or stored to.
      for operand in op.operands where stale.contains(ObjectIdentifier(operand)) {
        guard op.opcode == .element, op.operands[0] === operand, let address = op.results.first,
          ElementwiseLoop.slotArray(address, counter: counter) === operand,
          (users[ObjectIdentifier(address)] ?? []).allSatisfy({ user in
            (user.opcode == .load && user.operands[0] === address) || (user.opcode == .store && user.operands[0] !== address)
          })
        else { return false }
      }
      switch op.opcode {
      case .load:
        if staleSlot(op.operands[0], stale) != nil, !guarded(conditions) {
          // Only copied whole into another slot: `B[t] = A[t]`.
          guard let value = op.results.first,
            (users[ObjectIdentifier(value)] ?? []).allSatisfy({ user in
              user.opcode == .store && user.operands[0] === value && ElementwiseLoop.slotArray(user.operands[1], counter: counter) != nil
            })
          else { return false }
          staleValues.insert(ObjectIdentifier(value))
        }
      case .store:
        // A stale value (loaded outside a leaders-only branch) makes its target stale; any other
        // store at the top level writes every thread's slot.
        guard let target = ElementwiseLoop.slotArray(op.operands[1], counter: counter) else { continue }
        if staleValues.contains(ObjectIdentifier(op.operands[0])) {
          guard !analysis.addressEscapes(target) else { return false }
          stale.insert(ObjectIdentifier(target))
        } else if !nested {
          stale.remove(ObjectIdentifier(target))
        }
      case .if:
        for (position, branch) in op.regions.enumerated() {
          let inside = position == 0 ? conditions + [op.operands[0]] : conditions
          guard visit(branch, conditions: inside, nested: true, &stale) else { return false }
        }
      default:
        for inner in op.regions {
          guard visit(inner, conditions: conditions, nested: true, &stale) else { return false }
        }
      }
    }
    return true
  }
}
