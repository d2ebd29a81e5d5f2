// Which accesses of one global array stage-global-access moves through on-chip buffers, and in
// which groups: one group (one window, one buffer, one DMA) per block offset U of the indices
// `U + thread_x + c`. A stencil in a row of a 2-D block reads `u[idx − nx]`, `u[idx ± 1]` and
// `u[idx + nx]`: three offsets, three windows, since the rows between them are not read.
//
// A read-only array's access that cannot be staged (its index is not thread-affine, a guard is
// not understood) stays in global memory while the others are staged: both read the same
// values. A written array is staged whole or not at all, through one group whose window the
// threads write whole (no `!=` guard leaves a hole in it).

import KIR

extension GlobalStager {
  /// The groups of `accesses` (all of one pointer) to stage, or nil when none is, with a remark
  /// for what stays in global memory and why.
  func stageGroups(
    _ accesses: [Access], pointer: Value, name: String, at: Location, memoryOrder: [(isStore: Bool, pointer: Value)],
    pairs: [PairedStore] = [], body: Region
  ) -> [[Access]]? {
    func keep(_ reason: String, at location: Location) {
      context.report(.remark(.keptScalar, "kept scalar: '\(name)' in this thread loop: \(reason)", at: location))
    }
    if let reason = arrayObstacle(accesses, pointer: pointer, memoryOrder: memoryOrder, pairs: pairs, body: body) {
      keep(reason, at: at)
      return nil
    }
    let isStore = accesses.contains { $0.stores > 0 }
    /// The block offset of an index: its added and its subtracted terms.
    struct Offset: Equatable {
      let plus: [ObjectIdentifier]
      let minus: [ObjectIdentifier]
    }
    var groups: [[Access]] = []
    var keys: [Offset] = []
    for access in accesses {
      if let reason = Self.accessObstacle(access) {
        if isStore {
          keep(reason, at: access.offset.location)
          return nil
        }
        context.report(
          .remark(.keptScalar, "kept scalar: this access of '\(name)' stays in global memory: \(reason)", at: access.offset.location))
        continue
      }
      guard let index = access.index else { continue }
      let key = Offset(plus: index.terms.map(ObjectIdentifier.init).sorted(), minus: index.minus.map(ObjectIdentifier.init).sorted())
      if let position = keys.firstIndex(of: key) {
        groups[position].append(access)
      } else {
        keys.append(key)
        groups.append([access])
      }
    }
    if isStore, groups.count > 1 {
      keep("its indices do not share one block offset", at: at)
      return nil
    }
    if isStore, accesses.contains(where: { $0.range?.exclusions.isEmpty == false }) {
      keep("a `!=` guard on a store leaves elements of its window unwritten", at: at)
      return nil
    }
    groups = groups.filter { group in
      let constants = group.compactMap(\.index).map(\.constant)
      guard let high = constants.max(), let low = constants.min(), high &- low > 4096 else { return true }
      keep("its indices spread over more than 4096 elements", at: group.first?.offset.location ?? at)
      return false
    }
    return groups.isEmpty ? nil : groups
  }

  /// Why no access of `pointer` can be staged, or nil.
  private func arrayObstacle(
    _ group: [Access], pointer: Value, memoryOrder: [(isStore: Bool, pointer: Value)], pairs: [PairedStore], body: Region
  ) -> String? {
    if group.contains(where: { $0.other }) { return "an element address is used other than to load or store it" }
    let loads = group.reduce(0) { $0 + $1.loads }
    // A store on each branch of an `if` at the same index is one store of the thread.
    let offsets = Set(group.map { ObjectIdentifier($0.offset.results[0]) })
    let paired = pairs.filter { offsets.contains($0.then) && offsets.contains($0.otherwise) }
    let stores = group.reduce(0) { $0 + $1.stores } - paired.count
    if let other = Self.aliasingAccess(of: pointer, isStore: stores > 0, memoryOrder: memoryOrder) {
      return "'\(other.name ?? "another pointer")' may point into the same array, and one of them is written in the loop"
    }
    if group.contains(where: { $0.isUniform && $0.stores > 0 }) { return "a store's index is the same for every thread of the block" }
    if loads > 0 && stores > 0 && !(group.count == 1 && Self.updatesInPlace(group[0], in: body)) {
      return "the loop both reads and writes it, other than one load and then one store of each thread's element"
    }
    if stores > 1 { return "the loop writes it more than once" }
    if stores == 1 {
      // Every global load of the loop comes before the store on the thread's path (the buffers
      // of the loads were filled before the loop; a load after the store could read through an
      // alias): after the last store of P, and after a paired `then` store up to its branch's end.
      let positions = memoryOrder.indices.filter { memoryOrder[$0].isStore && memoryOrder[$0].pointer === pointer }
      guard let last = positions.last, !memoryOrder[last...].contains(where: { !$0.isStore }) else {
        return "a global load follows its store in the loop"
      }
      if let pair = paired.first, let first = positions.first, first < pair.thenEnd,
        memoryOrder[first..<pair.thenEnd].contains(where: { !$0.isStore })
      {
        return "a global load follows its store in the loop"
      }
    }
    return nil
  }

  /// An access of the loop through another pointer into the same array as `pointer` (the same
  /// root parameter at another offset, or an unknown root) where either is a store: the DMA
  /// before the loop would miss its store, or the write-back after it would reorder the two.
  /// Distinct parameters are taken not to overlap (as CUDA code written for `__restrict__`).
  static func aliasingAccess(of pointer: Value, isStore: Bool, memoryOrder: [(isStore: Bool, pointer: Value)]) -> Value? {
    memoryOrder.first { entry in
      guard entry.pointer !== pointer, isStore || entry.isStore else { return false }
      guard let a = ElementwiseLoop.root(of: pointer), let b = ElementwiseLoop.root(of: entry.pointer) else { return true }
      return a === b
    }?.pointer
  }

  /// Whether `access` is one load and then one store of its address in the same region (`P[i] +=
  /// x`), with no `!=` guard: every element of the window is read by a thread of the block,
  /// which then may write it, so the window moves in, the threads update it, and it moves back
  /// whole (an element another block writes would race with this block's read in CUDA).
  private static func updatesInPlace(_ access: Access, in body: Region) -> Bool {
    guard access.loads == 1, access.stores == 1, !access.isUniform, access.strided == nil,
      access.range?.exclusions.isEmpty == true, let address = access.offset.result
    else { return false }
    func search(_ region: Region) -> Bool {
      let uses = region.operations.filter { $0.operands.contains { $0 === address } }
      if uses.count == 2, uses[0].opcode == .load, uses[1].opcode == .store, uses[1].operands[1] === address, uses[1].operands[0] !== address {
        return true
      }
      return region.operations.contains { op in op.regions.contains(where: search) }
    }
    return search(body)
  }

  /// Why `access` cannot be staged, or nil.
  private static func accessObstacle(_ access: Access) -> String? {
    if access.index == nil { return "an index is not blockIdx-based + threadIdx.x + a constant" }
    if access.inexact { return "its index or a guard may wrap or truncate in its integer type in a way that cannot be checked" }
    if access.hoistsTrap {
      return "its window needs a division by a value that may be 0, which the thread computes only under a condition"
    }
    if access.range == nil { return "an access is under a condition other than bounds on its index or threadIdx.x, or in a loop" }
    return nil
  }
}

/// A store to `P[i]` at the top of each branch of an `if` (the same P and the same i, defined
/// before the `if`), with no way out of either branch: every thread that reaches the `if`
/// stores P[i] exactly once. `then` and `otherwise` are the two `mem.offset` results.
struct PairedStore {
  let then: ObjectIdentifier
  let otherwise: ObjectIdentifier
  /// Where the `then` branch's accesses end in the loop's memory order.
  var thenEnd = 0

  init(then: ObjectIdentifier, otherwise: ObjectIdentifier, thenEnd: Int = 0) {
    self.then = then
    self.otherwise = otherwise
    self.thenEnd = thenEnd
  }

  /// The paired stores of `op`, an `scf.if`.
  static func find(in op: Operation) -> [PairedStore] {
    guard op.opcode == .if, op.regions.count == 2, !op.regions.contains(where: leaves) else { return [] }
    func stores(_ region: Region) -> [(pointer: Value, index: Value, offset: Value)] {
      region.operations.compactMap { store in
        guard store.opcode == .store, let offset = store.operands[1].definingOp, offset.opcode == .offset,
          offset.operands[0].type.addressSpace == .global, region.operations.contains(where: { $0 === offset }),
          let result = offset.result
        else { return nil }
        return (offset.operands[0], offset.operands[1], result)
      }
    }
    let otherwise = stores(op.regions[1])
    return stores(op.regions[0]).compactMap { first in
      guard let second = otherwise.first(where: { $0.pointer === first.pointer && $0.index === first.index }),
        stores(op.regions[0]).filter({ $0.pointer === first.pointer }).count == 1,
        otherwise.filter({ $0.pointer === first.pointer }).count == 1
      else { return nil }
      return PairedStore(then: ObjectIdentifier(first.offset), otherwise: ObjectIdentifier(second.offset))
    }
  }

  /// Whether `region` can leave early (`break`, `continue`, `return`, a trap) before its end.
  private static func leaves(_ region: Region) -> Bool {
    var found = false
    region.walk { op in
      if [.break, .continue, .return, .trap].contains(op.opcode) { found = true }
    }
    return found
  }
}
