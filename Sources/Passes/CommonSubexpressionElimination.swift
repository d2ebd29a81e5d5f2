// cse: merges pure ops that compute the same thing from the same operands.
//
// Invariants. Before: a verified module. After: no pure, region-free, single-result op has an
// equal twin (same opcode, operands, attributes and result type) earlier in its region or in an
// enclosing region; uses of the later one use the earlier one. Ops with effects (loads, atomics,
// shuffles, barriers) are never merged. Dominance in structured IR is textual: a value defined
// earlier in the same region or in an enclosing region is visible.
//
// Before:
//   %3 = cuda.thread_id x : u32
//   ...
//   %8 = cuda.thread_id x : u32
//   %11 = arith.rem %8, %10 : u32
// After:
//   %3 = cuda.thread_id x : u32
//   ...
//   %11 = arith.rem %3, %10 : u32

import KIR

/// Common-subexpression elimination of pure ops.
public struct CommonSubexpressionElimination: Pass {
  public static let info = PassInfo(
    name: "cse", group: .transform,
    summary: "Merge pure ops that compute the same value from the same operands.")

  public init(options: PassOptions) {}

  public func run(on module: Module, context: PassContext) {
    for function in module.functions {
      var replacements: [Value: Value] = [:]
      eliminate(in: function.body, available: [:], replacements: &replacements, context: context)
    }
  }

  /// What makes two pure ops equal.
  private struct Key: Hashable {
    let opcode: Opcode
    let operands: [ObjectIdentifier]
    let attributes: [String: Attribute]
    let type: IRType
  }

  private func eliminate(in region: Region, available: [Key: Value], replacements: inout [Value: Value], context: PassContext) {
    var available = available
    var kept: [Operation] = []
    kept.reserveCapacity(region.operations.count)
    for op in region.operations {
      for (index, operand) in op.operands.enumerated() {
        if let replacement = replacements[operand] { op.operands[index] = replacement }
      }
      for inner in op.regions { eliminate(in: inner, available: available, replacements: &replacements, context: context) }
      guard op.isPure, op.regions.isEmpty, let result = op.result else {
        kept.append(op)
        continue
      }
      let key = Key(opcode: op.opcode, operands: op.operands.map(ObjectIdentifier.init), attributes: op.attributes, type: result.type)
      if let twin = available[key] {
        replacements[result] = twin
        context.count("ops merged")
        continue
      }
      available[key] = result
      kept.append(op)
    }
    region.operations = kept
  }
}
