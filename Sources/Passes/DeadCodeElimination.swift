// dce: removes what cannot affect the result: unused pure ops, locals that are only written,
// empty `scf.if`s, ops after a terminator, and device functions no kernel reaches.
//
// Invariants. Before: a verified module. After: every pure op's result is used; every
// `mem.alloca` is read (or its address escapes: passed to a call, converted, stored); no
// `scf.if` without results has two empty regions; no op follows a terminator; when the module
// has a kernel, every device function is reachable from one. Loads are kept even when unused,
// since removing one could hide an out-of-bounds access the sanitizers report.
//
// Before:
//   %x = mem.alloca : ptr<local, f32>
//   %c = arith.constant 1.0 : f32
//   mem.store %c, %x
//   %unused = arith.add %a, %b : f32
// After:
//   (nothing)

import KIR

/// Dead-code elimination.
public struct DeadCodeElimination: Pass {
  public static let info = PassInfo(
    name: "dce", group: .transform,
    summary: "Remove unused pure ops, write-only locals, empty ifs, unreachable ops and unused device functions.")

  public init(options: PassOptions) {}

  public func run(on module: Module, context: PassContext) {
    for function in module.functions {
      while true {
        let uses = useCounts(in: function.body)
        let writeOnly = writeOnlyStorage(in: function.body)
        let removed = sweep(function.body, uses: uses, writeOnly: writeOnly, context: context)
        if removed == 0 { break }
      }
    }
    removeUnreachableFunctions(from: module, context: context)
  }

  /// Removes dead ops from `region` and below; returns how many.
  private func sweep(_ region: Region, uses: [Value: Int], writeOnly: Set<Value>, context: PassContext) -> Int {
    var nested = 0
    var dead = 0
    var kept: [Operation] = []
    for op in region.operations {
      for inner in op.regions { nested += sweep(inner, uses: uses, writeOnly: writeOnly, context: context) }
      if isDead(op, uses: uses, writeOnly: writeOnly) {
        dead += 1
        continue
      }
      kept.append(op)
      if op.info.effects.contains(.terminator) { break }
    }
    let unreachable = region.operations.count - dead - kept.count
    context.count("ops removed", dead)
    context.count("unreachable ops removed", unreachable)
    region.operations = kept
    return nested + dead + unreachable
  }

  private func isDead(_ op: Operation, uses: [Value: Int], writeOnly: Set<Value>) -> Bool {
    let unused = op.results.allSatisfy { (uses[$0] ?? 0) == 0 }
    if op.isPure && unused && !op.results.isEmpty { return true }
    if op.opcode == .alloca, let result = op.result, unused || writeOnly.contains(result) { return true }
    if op.opcode == .store, writeOnly.contains(op.operands[1]) { return true }
    if op.opcode == .if, op.results.isEmpty, op.regions.allSatisfy({ $0.operations.isEmpty }) { return true }
    if op.opcode.isAddress, let result = op.result, writeOnly.contains(result) { return true }
    return false
  }

  /// Allocas, and addresses derived from them, that are only ever stored through.
  private func writeOnlyStorage(in region: Region) -> Set<Value> {
    // Address → the values derived from it; values used in any other way are "read".
    var derived: [Value: [Value]] = [:]
    var read: Set<Value> = []
    var roots: [Value] = []
    region.walk { op in
      if op.opcode == .alloca, let result = op.result { roots.append(result) }
      for (index, operand) in op.operands.enumerated() {
        switch op.opcode {
        case .store where index == 1: continue
        case .offset, .element, .field, .pointerCast:
          if index == 0, let result = op.result {
            derived[operand, default: []].append(result)
            continue
          }
          read.insert(operand)
        default: read.insert(operand)
        }
      }
    }
    var result: Set<Value> = []
    for root in roots {
      var family: [Value] = [root]
      var index = 0
      var isRead = false
      while index < family.count {
        if read.contains(family[index]) {
          isRead = true
          break
        }
        family += derived[family[index]] ?? []
        index += 1
      }
      if !isRead { result.formUnion(family) }
    }
    return result
  }

  private func removeUnreachableFunctions(from module: Module, context: PassContext) {
    let kernels = module.functions.filter { $0.kind == .kernel }.map(\.name)
    guard !kernels.isEmpty else { return }
    let graph = CallGraph(module)
    var reachable = Set(kernels)
    var work = kernels
    while let name = work.popLast() {
      for callee in graph.callees[name] ?? [] where reachable.insert(callee).inserted { work.append(callee) }
    }
    let before = module.functions.count
    module.functions.removeAll { !reachable.contains($0.name) }
    context.count("unused device functions removed", before - module.functions.count)
  }
}

extension Opcode {
  /// Whether the op computes an address from its first operand (for write-only analysis).
  var isAddress: Bool { self == .offset || self == .element || self == .field || self == .pointerCast }
}
