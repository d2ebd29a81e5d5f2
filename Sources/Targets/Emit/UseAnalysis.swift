// What the function emitter decides before writing a line: how often each value is used and by
// which op, which region holds each op, and which ops fold into the expression of their user
// (SSA temporaries used once) instead of becoming a variable.
//
// Folding rules: constants and address arithmetic always fold (they are recomputed where used);
// other pure ops fold when used once, by an op in the same region or in an `if`/`block` nested
// in it (never into a loop, which would recompute them), unless they carry a source name; a load
// or a call folds when used once, through a chain of folded pure ops, by an op directly in the
// same region, with no op in between that writes memory (for a call: that touches memory).
import KIR

/// Use counts, parents and folding decisions of one function.
struct UseAnalysis {
  private(set) var useCount: [Value: Int] = [:]
  /// The single user of a value used once.
  private(set) var user: [Value: Operation] = [:]
  /// The region that directly holds each op.
  private(set) var region: [ObjectIdentifier: Region] = [:]
  /// The op that owns each region.
  private(set) var owner: [ObjectIdentifier: Operation] = [:]
  /// Ops whose single result folds into its user.
  private(set) var folded: Set<ObjectIdentifier> = []

  init(_ function: Function) {
    record(function.body)
    function.body.walk { op in
      if UseAnalysis.alwaysFolds(op) || isCheapCast(op) || (isPureValue(op) && foldsPure(op)) {
        folded.insert(ObjectIdentifier(op))
      }
    }
    function.body.walk { op in
      if (op.opcode == .load && foldsEffectful(op, allowReads: true))
        || ((op.opcode == .call || op.opcode == .clock) && foldsEffectful(op, allowReads: false))
      {
        folded.insert(ObjectIdentifier(op))
      }
    }
  }

  private mutating func record(_ body: Region) {
    for op in body.operations {
      region[ObjectIdentifier(op)] = body
      for operand in op.operands {
        useCount[operand, default: 0] += 1
        user[operand] = op
      }
      for inner in op.regions {
        owner[ObjectIdentifier(inner)] = op
        record(inner)
      }
    }
  }

  /// Whether `op` folds into its user.
  func isFolded(_ op: Operation) -> Bool { folded.contains(ObjectIdentifier(op)) }

  /// How often `value` is used.
  func uses(_ value: Value) -> Int { useCount[value] ?? 0 }

  /// Constants and address arithmetic: recomputed at every use.
  static func alwaysFolds(_ op: Operation) -> Bool {
    switch op.opcode {
    case .constant, .offset, .element, .field, .pointerCast, .globalAddress: return true
    default: return false
    }
  }

  /// A cast of a parameter, a named value or a literal: recomputed at every use, like a name.
  private func isCheapCast(_ op: Operation) -> Bool {
    guard op.opcode == .cast, let operand = op.operands.first, op.result?.name == nil else { return false }
    return operand.definingOp == nil || operand.name != nil || operand.definingOp?.opcode == .constant
  }

  private func isPureValue(_ op: Operation) -> Bool {
    switch op.opcode {
    case .add, .sub, .mul, .div, .rem, .and, .or, .xor, .shl, .shr, .neg, .not, .cmp, .select,
      .cast, .bitcast, .make, .extract, .mathCall, .pointerToInt, .intToPointer, .pointerDiff,
      .taskId, .taskDim:
      return op.results.count == 1
    default: return false
    }
  }

  private func foldsPure(_ op: Operation) -> Bool {
    guard let result = op.result, uses(result) == 1, result.name == nil,
      let consumer = user[result], let home = region[ObjectIdentifier(op)]
    else { return false }
    // Walk up from the user's region to the op's region through ifs and blocks only.
    var current = region[ObjectIdentifier(consumer)]
    while let here = current, here !== home {
      guard let parent = owner[ObjectIdentifier(here)], parent.opcode == .if || parent.opcode == .block
      else { return false }
      current = region[ObjectIdentifier(parent)]
    }
    return current != nil
  }

  /// The op that finally consumes `value` once folded ops are followed.
  private func consumer(of value: Value) -> Operation? {
    guard uses(value) == 1, let next = user[value] else { return nil }
    if isFolded(next), let result = next.result, next.opcode != .constant { return consumer(of: result) ?? nil }
    return next
  }

  private func foldsEffectful(_ op: Operation, allowReads: Bool) -> Bool {
    guard let result = op.result, uses(result) == 1, op.attributes["volatile"] == nil,
      let consumer = consumer(of: result), let home = region[ObjectIdentifier(op)],
      region[ObjectIdentifier(consumer)] === home,
      let start = home.operations.firstIndex(where: { $0 === op }),
      let end = home.operations.firstIndex(where: { $0 === consumer }), start < end
    else { return false }
    for between in home.operations[(start + 1)..<end] where !isFolded(between) {
      if UseAnalysis.touchesMemory(between, reads: !allowReads) { return false }
    }
    return true
  }

  /// Whether `op` (or an op nested in it) writes memory, or, with `reads`, reads it.
  static func touchesMemory(_ op: Operation, reads: Bool) -> Bool {
    var found = false
    let check: (Operation) -> Void = { inner in
      let effects = inner.info.effects
      if effects.contains(.writesMemory) || (reads && effects.contains(.readsMemory))
        || inner.opcode == .call || inner.opcode == .atomic
      {
        found = true
      }
    }
    check(op)
    for inner in op.regions { inner.walk(check) }
    return found
  }
}
