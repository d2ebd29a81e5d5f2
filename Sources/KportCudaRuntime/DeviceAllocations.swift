// Where device memory lives for the host: each allocation of kport's runtime is an interpreter
// buffer, seen by the host at an address range of its own. cudaMalloc's ranges lie in a span
// of address space reserved with no access (PROT_NONE), so they collide with no host memory
// and a host dereference faults as on a GPU; a managed allocation's range is the buffer's own
// storage, which the host reads and writes directly. Ranges are never reused, so a pointer
// into freed memory is recognised as such.

import Foundation
import Interpreter

/// One allocation as the host sees it.
struct DeviceAllocation {
  var start: UInt
  var byteCount: Int
  var buffer: BufferID
  var isManaged: Bool
  /// A module variable's storage (typed by the module; never retyped or freed).
  var isSymbol: Bool
  var isFreed = false

  func contains(_ address: UInt) -> Bool { address >= start && address - start < UInt(max(byteCount, 1)) }
}

/// The host's view of device memory: address ranges to buffers.
struct DeviceAllocations {
  /// The reserved span device addresses come from.
  private let base: UInt
  private let limit: UInt
  private var next: UInt
  /// Allocations by start address.
  private(set) var entries: [DeviceAllocation] = []

  init() {
    // 1 TiB of address space, or less where the system will not reserve that much.
    var reserved: UnsafeMutableRawPointer?
    var size = 1 << 40
    while reserved == nil, size >= 1 << 32 {
      let mapped = mmap(nil, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0)
      if let mapped, mapped != UnsafeMutableRawPointer(bitPattern: -1) { reserved = mapped } else { size >>= 1 }
    }
    // Without a reservation, a high range the kernel does not hand out to mappings by default.
    base = UInt(bitPattern: reserved) != 0 ? UInt(bitPattern: reserved) : 0x7e00_0000_0000
    limit = base + UInt(size)
    next = base + 0x1000
  }

  /// A device address range of `byteCount` bytes for `buffer` (nil: the span is used up).
  mutating func addDevice(byteCount: Int, buffer: BufferID, isSymbol: Bool = false) -> UInt? {
    let start = next
    let end = start + UInt(max(byteCount, 1))
    guard end <= limit else { return nil }
    // 256-byte aligned, as cudaMalloc's are, with a gap so that p + size names no neighbour.
    next = (end + 256 + 255) & ~UInt(255)
    insert(DeviceAllocation(start: start, byteCount: byteCount, buffer: buffer, isManaged: false, isSymbol: isSymbol))
    return start
  }

  /// Records a managed allocation: the buffer's storage at `start`.
  mutating func addManaged(start: UInt, byteCount: Int, buffer: BufferID) {
    insert(DeviceAllocation(start: start, byteCount: byteCount, buffer: buffer, isManaged: true, isSymbol: false))
  }

  /// The allocation holding `address` and the address's offset in it.
  func find(_ address: UInt) -> (index: Int, offset: Int)? {
    var low = 0
    var high = entries.count
    while low < high {
      let middle = (low + high) / 2
      if entries[middle].start <= address { low = middle + 1 } else { high = middle }
    }
    guard low > 0, entries[low - 1].contains(address) else { return nil }
    return (low - 1, Int(address - entries[low - 1].start))
  }

  /// Whether `address` lies in the reserved device span (allocated or not).
  func isDeviceAddress(_ address: UInt) -> Bool { address >= base && address < limit }

  mutating func markFreed(_ index: Int) { entries[index].isFreed = true }

  private mutating func insert(_ allocation: DeviceAllocation) {
    var low = 0
    var high = entries.count
    while low < high {
      let middle = (low + high) / 2
      if entries[middle].start < allocation.start { low = middle + 1 } else { high = middle }
    }
    entries.insert(allocation, at: low)
  }
}
