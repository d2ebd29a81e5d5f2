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
    _ accesses: [Access], pointer: Value, name: String, at: Location, memoryOrder: [(isStore: Bool, pointer: Value)]
  ) -> [[Access]]? {
    func keep(_ reason: String, at location: Location) {
      context.report(.remark(.keptScalar, "kept scalar: '\(name)' in this thread loop: \(reason)", at: location))
    }
    if let reason = arrayObstacle(accesses, pointer: pointer, memoryOrder: memoryOrder) {
      keep(reason, at: at)
      return nil
    }
    let isStore = accesses.contains { $0.stores > 0 }
    var groups: [[Access]] = []
    var keys: [[ObjectIdentifier]] = []
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
      let key = index.terms.map(ObjectIdentifier.init).sorted() + [ObjectIdentifier(pointer)] + index.minus.map(ObjectIdentifier.init).sorted()
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
    _ group: [Access], pointer: Value, memoryOrder: [(isStore: Bool, pointer: Value)]
  ) -> String? {
    if group.contains(where: { $0.other }) { return "an element address is used other than to load or store it" }
    let loads = group.reduce(0) { $0 + $1.loads }
    let stores = group.reduce(0) { $0 + $1.stores }
    if loads > 0 && stores > 0 { return "the loop both reads and writes it" }
    if stores > 1 { return "the loop writes it more than once" }
    if stores == 1 {
      // Every global load of the loop comes before the store (the buffers of the loads were
      // filled before the loop; a load after the store could read through an alias).
      guard let storeAt = memoryOrder.firstIndex(where: { $0.isStore && $0.pointer === pointer }),
        !memoryOrder[storeAt...].contains(where: { !$0.isStore })
      else { return "a global load follows its store in the loop" }
    }
    return nil
  }

  /// Why `access` cannot be staged, or nil.
  private static func accessObstacle(_ access: Access) -> String? {
    if access.index == nil { return "an index is not blockIdx-based + threadIdx.x + a constant" }
    if access.range == nil { return "an access is under a condition other than bounds on its index or threadIdx.x, or in a loop" }
    return nil
  }
}
