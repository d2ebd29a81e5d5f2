// Helpers the passes share for rewriting KIR in place: cloning ops and regions with a value
// map, replacing uses, counting uses, and walking regions with their parent op.

import KIR

/// Clones ops and regions, mapping operands through `mapping` and recording each cloned
/// result and region argument there, so later clones use the copies.
struct Cloner {
  var mapping: [Value: Value]

  init(mapping: [Value: Value] = [:]) { self.mapping = mapping }

  /// A copy of `op` with mapped operands, new results and cloned regions.
  mutating func clone(_ op: Operation) -> Operation {
    let copy = Operation(
      op.opcode, operands: op.operands.map { mapping[$0] ?? $0 }, resultTypes: op.results.map(\.type),
      resultNames: op.results.map(\.name), attributes: op.attributes, regions: [], location: op.location)
    for (old, new) in zip(op.results, copy.results) { mapping[old] = new }
    copy.regions = op.regions.map { clone($0) }
    return copy
  }

  /// A copy of `region` with new arguments and cloned ops.
  mutating func clone(_ region: Region) -> Region {
    let arguments = region.arguments.map { argument -> Value in
      let copy = Value(type: argument.type, name: argument.name)
      mapping[argument] = copy
      return copy
    }
    var operations: [Operation] = []
    operations.reserveCapacity(region.operations.count)
    for op in region.operations { operations.append(clone(op)) }
    return Region(arguments: arguments, operations: operations)
  }
}

/// Replaces every use of a key of `replacements` by its value, in `region` and below.
func replaceUses(_ replacements: [Value: Value], in region: Region) {
  guard !replacements.isEmpty else { return }
  region.walk { op in
    for (index, operand) in op.operands.enumerated() {
      if let replacement = replacements[operand] { op.operands[index] = replacement }
    }
  }
}

/// How many times each value is used as an operand in `region` and below.
func useCounts(in region: Region) -> [Value: Int] {
  var counts: [Value: Int] = [:]
  region.walk { op in
    for operand in op.operands { counts[operand, default: 0] += 1 }
  }
  return counts
}

/// An op's position: the op at `index` in `region`.
typealias OpPosition = (region: Region, index: Int)

/// Offers each op of `region` and below that `select` accepts to `replace`, with the positions
/// from `region` down to it; a non-nil result replaces the op (and is not visited), else the
/// walk goes on into the op's regions.
func rewriteOps(
  in region: Region, path: [OpPosition] = [], where select: (Operation) -> Bool, _ replace: (Operation, [OpPosition]) -> [Operation]?
) {
  var index = 0
  while index < region.operations.count {
    let op = region.operations[index]
    let here = path + [(region: region, index: index)]
    if select(op), let ops = replace(op, here) {
      region.operations.replaceSubrange(index...index, with: ops)
      index += ops.count
      continue
    }
    op.regions.forEach { rewriteOps(in: $0, path: here, where: select, replace) }
    index += 1
  }
}

extension Opcode {
  /// Whether `scf.break` inside this op's body leaves it.
  var isBreakable: Bool { self == .loop || self == .doWhile || self == .block }
}

extension Operation {
  /// Whether this op or an op nested in it satisfies `predicate`.
  func contains(where predicate: (Operation) -> Bool) -> Bool {
    if predicate(self) { return true }
    for region in regions {
      for op in region.operations where op.contains(where: predicate) { return true }
    }
    return false
  }
}

extension Region {
  /// Whether an op in this region or below satisfies `predicate`.
  func contains(where predicate: (Operation) -> Bool) -> Bool {
    operations.contains { $0.contains(where: predicate) }
  }
}
