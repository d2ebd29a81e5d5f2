// Pointers in the interpreter: a 64-bit address naming an allocation and a byte offset, so that
// pointer arithmetic is integer arithmetic, generic pointers work for every space, and
// `mem.pointer_to_int` gives a plain integer. The top 24 bits are the allocation id, the low 40
// the offset biased by 2^39, so an offset may stray below zero (p - 1) and still name its
// allocation for the out-of-bounds report.
//
// Allocation ids: 0 is null; 1..<2^22 are device buffers (BufferID.raw + 1, shared by every
// worker); 2^22 + k is the block's `__shared__` variable k (the last one its dynamic shared
// memory; block b of a group of blocks, BlockGroups.swift, has 2^22 + b * variables + k);
// 2^23 + 1024 * slot + lane is a thread's local variable in a frame slot.

import KIR

/// Encoding and decoding of interpreter addresses.
enum Address {
  static let offsetBits: UInt64 = 40
  static let offsetMask: UInt64 = (1 << 40) - 1
  static let bias = 1 << 39
  /// The first id of shared variables.
  static let sharedBase = 1 << 22
  /// The first id of local variables.
  static let localBase = 1 << 23
  /// Lanes per local slot in the id space.
  static let lanesPerSlot = 1024
  /// The most local slots one worker can hold.
  static let maximumLocalSlots = ((1 << 24) - localBase) / lanesPerSlot

  /// The address of byte `offset` of allocation `id`.
  @inline(__always) static func make(id: Int, offset: Int) -> UInt64 {
    (UInt64(truncatingIfNeeded: id) << offsetBits)
      &+ UInt64(truncatingIfNeeded: offset &+ bias)
  }

  /// The allocation id of an address.
  @inline(__always) static func id(_ address: UInt64) -> Int {
    Int(truncatingIfNeeded: address >> offsetBits)
  }

  /// The byte offset of an address within its allocation (negative below its start).
  @inline(__always) static func offset(_ address: UInt64) -> Int {
    Int(truncatingIfNeeded: address & offsetMask) &- bias
  }

  /// The id of device buffer `raw`.
  @inline(__always) static func deviceID(_ raw: Int) -> Int { raw + 1 }

  /// The id of local slot `slot` for `lane`.
  @inline(__always) static func localID(slot: Int, lane: Int) -> Int {
    localBase + slot * lanesPerSlot + lane
  }
}

/// Where an access lands: an allocation's storage and the facts the sanitizers need.
struct ResolvedRegion {
  /// The allocation id this was resolved from (-1: nothing resolved yet).
  var id: Int = -1
  /// Its storage; nil when the id names no allocation.
  var base: UnsafeMutableRawPointer?
  var byteCount: Int = 0
  var space: AddressSpace = .global
  /// 0: no shadow state; 1: shared shadow (per block, plain words); 2: global shadow (atomic).
  var shadowKind: UInt8 = 0
  /// log2 of the global shadow's granule.
  var granuleShift = 2
  /// The shadow words of the allocation's first granule.
  var shadow: UnsafeMutableRawPointer?
  /// Bytes the current op moved through this region, not yet in the profile.
  var moved = 0
  /// Accesses (one per lane) behind `moved`.
  var accesses = 0
}

/// A device buffer as a launch sees it.
struct DeviceRegion {
  var base: UnsafeMutableRawPointer?
  var byteCount: Int
  var elementSize: Int
  var space: AddressSpace
  /// One shadow word per granule, or nil when races are not tracked.
  var shadow: UnsafeMutableRawPointer?
  /// log2 of the granule: the element's alignment, at most 4 bytes.
  var granuleShift: Int
}

/// A worker's storage for the local variables of one frame slot.
struct LocalSlot {
  var storage: UnsafeMutableRawPointer
  /// Bytes between two lanes' copies.
  var stride: Int
  var byteCount: Int
  var elementSize: Int
  var name: String
}

extension ExecutionContext {
  /// The regions of the shared variables of every block of the group in this worker's arena,
  /// by id from `Address.sharedBase` (block `b`'s variable `v` is `b * variables + v`).
  static func sharedRegions(of launch: LaunchState, arena: UnsafeMutableRawPointer, shadow: UnsafeMutablePointer<UInt64>)
    -> [ResolvedRegion]
  {
    let variables = launch.sharedOffsets.count
    return (0..<(variables * launch.groupBlocks)).map { id in
      let index = id % variables
      let offset = (id / variables) * launch.sharedStride + launch.sharedOffsets[index]
      return ResolvedRegion(
        id: Address.sharedBase + id, base: arena + offset, byteCount: launch.sharedSizes[index],
        space: .shared, shadowKind: 1, shadow: UnsafeMutableRawPointer(shadow + (offset >> 2) * 2))
    }
  }

  /// Resolves an allocation id to its region in this worker.
  func resolve(_ id: Int) -> ResolvedRegion {
    if id >= Address.localBase {
      let slot = (id - Address.localBase) / Address.lanesPerSlot
      let lane = (id - Address.localBase) % Address.lanesPerSlot
      guard slot < localSlotCount, lane < lanes else { return ResolvedRegion(id: id) }
      let found = localSlots[slot]
      return ResolvedRegion(
        id: id, base: found.storage + lane * found.stride, byteCount: found.byteCount,
        space: .local)
    }
    if id >= Address.sharedBase {
      let index = id &- Address.sharedBase
      guard index < sharedRegionCount else { return ResolvedRegion(id: id) }
      return sharedRegions[index]
    }
    guard id > 0, id < launch.deviceRegionCount else { return ResolvedRegion(id: id) }
    let region = launch.deviceRegions[id]
    return ResolvedRegion(
      id: id, base: region.base, byteCount: region.byteCount, space: region.space,
      shadowKind: region.shadow == nil ? 0 : 2, granuleShift: region.granuleShift,
      shadow: region.shadow)
  }

  /// The name, element size and space of the allocation `id` names, for findings.
  func describeAllocation(_ id: Int) -> (name: String, elementSize: Int, space: AddressSpace)? {
    if id >= Address.localBase {
      let slot = (id - Address.localBase) / Address.lanesPerSlot
      guard slot < localSlotCount else { return nil }
      return (localSlots[slot].name, localSlots[slot].elementSize, .local)
    }
    if id >= Address.sharedBase {
      let index = (id - Address.sharedBase) % launch.sharedNames.count
      guard id - Address.sharedBase < launch.sharedNames.count * groupBlocks else { return nil }
      return (launch.sharedNames[index], launch.sharedElementSizes[index], .shared)
    }
    guard id > 0, id < launch.deviceRegionCount else { return nil }
    let region = launch.deviceRegions[id]
    return (launch.bufferName(id), region.elementSize, region.space)
  }
}
