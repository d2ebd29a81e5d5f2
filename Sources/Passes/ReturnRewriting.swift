// Turning `func.return`s in the middle of a body into structured exits, shared by `inline`
// (returns of an inlined callee) and `simt-to-spmd` (early returns of a kernel, which must not
// leave the thread and block loops the lowering builds around the body).

import KIR

/// Whether a `func.return` sits inside a loop or block of `region` (`nested`: region is already
/// inside one), where a single `scf.break` would not leave the enclosing `scf.block`.
func returnsInsideBreakable(_ region: Region, nested: Bool) -> Bool {
  region.operations.contains { op in
    if op.opcode == .return { return nested }
    let inner = nested || op.opcode.isBreakable
    return op.regions.contains { returnsInsideBreakable($0, nested: inner) }
  }
}

/// How many `func.return`s `region` holds, at any depth.
func countReturns(in region: Region) -> Int {
  var count = 0
  region.walk { if $0.opcode == .return { count += 1 } }
  return count
}

/// Replaces each `func.return` in `region` by a store of its value to `slot`, a store of true to
/// `flag`, and an `scf.break`; after a loop or block that holds one, breaks out again when the
/// flag is set. Run on the body of an `scf.block`, every return then leaves that block.
func rewriteReturns(in region: Region, slot: Value?, flag: Value?) {
  var index = 0
  while index < region.operations.count {
    let op = region.operations[index]
    if op.opcode == .return {
      let builder = Builder(region: Region(), location: op.location)
      if let slot, let value = op.operands.first { builder.create(.store, [value, slot]) }
      if let flag { builder.create(.store, [builder.constant(int: 1, .bool), flag]) }
      builder.create(.break)
      region.operations.replaceSubrange(index...index, with: builder.region.operations)
      index += builder.region.operations.count
      continue
    }
    let holdsReturn = op.contains { $0.opcode == .return }
    for inner in op.regions { rewriteReturns(in: inner, slot: slot, flag: flag) }
    index += 1
    if holdsReturn, op.opcode.isBreakable, let flag {
      let builder = Builder(region: Region(), location: op.location)
      let returned = builder.value(.load, [flag], type: .bool)
      let leave = Region()
      Builder(region: leave, location: op.location).create(.break)
      builder.create(.if, [returned], regions: [leave, Region()])
      region.operations.insert(contentsOf: builder.region.operations, at: index)
      index += builder.region.operations.count
    }
  }
}

/// Removes the `func.return`s of a void function's `body`, keeping its meaning.
///
/// A guard (`if (c) { ...; return; }` followed by the rest of the body) becomes
/// `if (c) { ... } else { rest }`, recursively, so the common early exits turn into plain
/// structured control flow. Any return left (inside a loop, say) leaves an `scf.block` around
/// the body, through a flag allocated with `makeFlag` when a loop or block holds it.
func eliminateReturns(in body: Region, makeFlag: () -> Value) {
  moveTailsIntoGuards(body)
  guard countReturns(in: body) > 0,
    let first = body.operations.firstIndex(where: { $0.contains { $0.opcode == .return } })
  else { return }
  // Only the ops from the first one holding a return on can be skipped: the block starts there
  // (so a barrier before it stays outside, at block level).
  let tail = Array(body.operations[first...])
  let location = tail.first?.location ?? .unknown
  let inner = Region(operations: tail)
  let flag = returnsInsideBreakable(inner, nested: false) ? makeFlag() : nil
  rewriteReturns(in: inner, slot: nil, flag: flag)
  let builder = Builder(region: Region(), location: location)
  if let flag { builder.create(.store, [builder.constant(int: 0, .bool), flag]) }
  builder.create(.block, regions: [inner])
  body.operations = Array(body.operations[..<first]) + builder.region.operations
}

/// Drops a trailing `func.return` of `region` (the end of the function) and turns guards into
/// if/else: `region` runs to the end of the function.
private func moveTailsIntoGuards(_ region: Region) {
  if let last = region.operations.last, last.opcode == .return, last.operands.isEmpty {
    region.operations.removeLast()
  }
  for (index, op) in region.operations.enumerated() where op.opcode == .if && op.results.isEmpty {
    guard op.regions.count == 2 else { continue }
    let exits = op.regions.map { endsInReturn($0) }
    guard exits[0] || exits[1] else { continue }
    // A branch leaves the function: the rest of the region belongs to the other one (and is
    // unreachable when both leave).
    let rest = Array(region.operations[(index + 1)...])
    region.operations.removeSubrange((index + 1)...)
    if exits[0] != exits[1] {
      let fallsThrough = exits[0] ? op.regions[1] : op.regions[0]
      fallsThrough.operations.append(contentsOf: rest)
    }
    for inner in op.regions { moveTailsIntoGuards(inner) }
    return
  }
}

/// Whether the last op of `region` is a `func.return` without a value.
private func endsInReturn(_ region: Region) -> Bool {
  guard let last = region.operations.last else { return false }
  return last.opcode == .return && last.operands.isEmpty
}
