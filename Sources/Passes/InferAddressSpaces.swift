// infer-address-spaces: generic pointers get the address space they point into, as LLVM's pass
// of that name does. A `__device__` function taking `float* p` gets a generic pointer; after
// inlining, the argument is often a `__shared__` array cast to generic. The targets have no
// generic pointers into on-chip memory (UB is reached through LocalTensor on Ascend), so the
// casts go and the derived addresses keep the buffer's space.
//
// Invariants. Before: a verified module. After: the same semantics; no `mem.pointer_cast` to
// space generic whose operand is in a non-generic space has a use through `mem.offset`,
// `mem.element`, `mem.field` or another cast (those now carry the operand's space); casts of
// casts are one cast; a cast of a null pointer (`mem.int_to_pointer` of a constant) is a null
// pointer of the cast's type. Pointers stored to memory, passed to calls or yielded keep their
// types.
//
// Before:
//   %g = mem.pointer_cast %tile : ptr<generic, f32>
//   %q = mem.offset %g, %i : ptr<generic, f32>
//   %v = mem.load %q : f32
// After:
//   %q = mem.offset %tile.0, %i : ptr<shared, f32>     (%tile.0: the cast folded away)
//   %v = mem.load %q : f32

import KIR

/// Infers the address spaces of generic pointers.
public struct InferAddressSpaces: Pass {
  public static let info = PassInfo(
    name: "infer-address-spaces", group: .transform,
    summary: "Give generic pointers the address space they point into; fold casts of casts and of null.")

  public init(options: PassOptions) {}

  public func run(on module: Module, context: PassContext) {
    for function in module.functions {
      var mapping: [Value: Value] = [:]
      let safe = RetypableAddresses(function.body)
      rewrite(function.body, mapping: &mapping, safe: safe, context: context)
    }
  }

  private func rewrite(
    _ region: Region, mapping: inout [Value: Value], safe: RetypableAddresses, context: PassContext
  ) {
    var index = 0
    while index < region.operations.count {
      let op = region.operations[index]
      for (position, operand) in op.operands.enumerated() {
        if let replacement = mapping[operand] { op.operands[position] = replacement }
      }
      for inner in op.regions { rewrite(inner, mapping: &mapping, safe: safe, context: context) }
      guard let result = op.result, case .pointer(let space, let pointee) = result.type else {
        index += 1
        continue
      }
      switch op.opcode {
      case .pointerCast:
        var source = op.operands[0]
        if let inner = source.definingOp, inner.opcode == .pointerCast { source = inner.operands[0] }
        if source.type == result.type {
          mapping[result] = source
          region.operations.remove(at: index)
          context.count("casts removed")
          continue
        }
        if let inner = source.definingOp, inner.opcode == .intToPointer {
          let null = Operation(
            .intToPointer, operands: inner.operands, resultTypes: [result.type], resultNames: [result.name],
            location: op.location)
          region.operations[index] = null
          mapping[result] = null.results[0]
          context.count("null pointers folded")
          index += 1
          continue
        }
        if space == .generic, safe.contains(result), case .pointer(let sourceSpace, _) = source.type,
          sourceSpace != .generic
        {
          let retyped = Operation(
            .pointerCast, operands: [source], resultTypes: [.pointer(space: sourceSpace, pointee: pointee)],
            resultNames: [result.name], location: op.location)
          if retyped.results[0].type == source.type {
            mapping[result] = source
            region.operations.remove(at: index)
          } else {
            region.operations[index] = retyped
            mapping[result] = retyped.results[0]
            index += 1
          }
          context.count("pointers given a space")
          continue
        }
        if source !== op.operands[0] {
          op.operands[0] = source
          context.count("casts of casts folded")
        }
      case .offset, .element, .field:
        if space == .generic, safe.contains(result), case .pointer(let sourceSpace, _) = op.operands[0].type,
          sourceSpace != .generic
        {
          let retyped = Operation(
            op.opcode, operands: op.operands, resultTypes: [.pointer(space: sourceSpace, pointee: pointee)],
            resultNames: [result.name], attributes: op.attributes, location: op.location)
          region.operations[index] = retyped
          mapping[result] = retyped.results[0]
          context.count("pointers given a space")
        }
      default:
        break
      }
      index += 1
    }
  }
}


/// The generic pointers whose every use only addresses memory (a load's or atomic's address, a
/// store's address, the base of an offset, element, field or cast whose result is such a
/// pointer too): changing their space changes no other op's types.
struct RetypableAddresses {
  private var uses: [Value: [(op: Operation, index: Int)]] = [:]
  private var known: [Value: Bool] = [:]

  init(_ body: Region) {
    body.walk { op in
      for (index, operand) in op.operands.enumerated() { uses[operand, default: []].append((op, index)) }
    }
  }

  func contains(_ value: Value) -> Bool {
    var visiting: Set<Value> = []
    return check(value, &visiting)
  }

  private func check(_ value: Value, _ visiting: inout Set<Value>) -> Bool {
    if let answer = known[value] { return answer }
    guard visiting.insert(value).inserted else { return false }
    for use in uses[value] ?? [] {
      switch (use.op.opcode, use.index) {
      case (.load, 0), (.store, 1), (.atomic, 0): continue
      case (.offset, 0), (.element, 0), (.field, 0), (.pointerCast, 0):
        guard let result = use.op.result else { return false }
        if result.type.addressSpace != .generic { continue }
        if !check(result, &visiting) { return false }
      default:
        return false
      }
    }
    return true
  }
}
