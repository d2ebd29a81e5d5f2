// The execution profile a launch measures for the cost model: bytes moved per address space,
// op executions per class (summed over lanes), barriers, and the same per source line. Each
// worker counts into flat arrays indexed by line; the launch folds them into dictionaries.

import KIR

/// A class of op for the cost model.
public enum OperationClass: String, CaseIterable, Hashable, Sendable {
  /// Integer and i1 arithmetic, comparisons, selects.
  case integerArithmetic = "int"
  /// Floating-point arithmetic and comparisons.
  case floatArithmetic = "float"
  /// `math.call`: library functions and intrinsics.
  case math
  /// Conversions and bit casts.
  case conversion
  /// Loads, stores and address arithmetic.
  case memory
  /// Structured control flow, calls and returns.
  case control
  /// Block and warp barriers, and pipe barriers of target code (`ascend.pipe_barrier`).
  case barrier
  /// Atomic read-modify-writes.
  case atomic
  /// Shuffles, votes, ballots and `activemask`.
  case warp
  /// Reads and writes of promoted locals (registers), `printf`, `clock`, fences.
  case other
  /// DMA transfers between off-chip memory and on-chip buffers (`bang.memcpy`,
  /// `ascend.data_copy`): one per transfer; their bytes count per address space.
  case dma
  /// Vector instructions on on-chip buffers (`bang.vector`, `ascend.vector`): one per
  /// instruction; the bytes they produce are `LineProfile.vectorBytes`.
  case vector

  var index: Int {
    switch self {
    case .integerArithmetic: return 0
    case .floatArithmetic: return 1
    case .math: return 2
    case .conversion: return 3
    case .memory: return 4
    case .control: return 5
    case .barrier: return 6
    case .atomic: return 7
    case .warp: return 8
    case .other: return 9
    case .dma: return 10
    case .vector: return 11
    }
  }
}

/// The counts of one source line (or of the whole launch).
public struct LineProfile: Hashable, Sendable {
  /// Bytes loaded per address space (atomics count as a load and a store).
  public var bytesLoaded: [AddressSpace: Int] = [:]
  /// Bytes stored per address space.
  public var bytesStored: [AddressSpace: Int] = [:]
  /// Loads per address space (one per lane; atomics count as a load and a store).
  public var loads: [AddressSpace: Int] = [:]
  /// Stores per address space (one per lane).
  public var stores: [AddressSpace: Int] = [:]
  /// Op executions per class, summed over the lanes that executed them.
  public var operations: [OperationClass: Int] = [:]
  /// Barriers executed (each `__syncthreads` or `__syncwarp` once per block or warp group).
  public var barriers: Int = 0
  /// Result bytes of vector instructions.
  public var vectorBytes: Int = 0

  public init() {}
}

/// What a launch executed, for the cost model.
public struct ExecutionProfile: Sendable {
  /// The totals of the launch.
  public var total = LineProfile()
  /// The counts per source line, keyed `file:line`.
  public var lines: [String: LineProfile] = [:]
  /// Blocks run.
  public var blocks: Int = 0
  /// Threads run.
  public var threads: Int = 0

  public init() {}

  /// Bytes loaded per address space over the launch.
  public var bytesLoaded: [AddressSpace: Int] { total.bytesLoaded }
  /// Bytes stored per address space over the launch.
  public var bytesStored: [AddressSpace: Int] { total.bytesStored }
  /// Op executions per class over the launch.
  public var operations: [OperationClass: Int] { total.operations }
  /// Barriers executed over the launch.
  public var barriers: Int { total.barriers }
}

/// The address spaces counted separately in a profile, by counter index.
enum ProfileSpace {
  static let spaces: [AddressSpace] = [.global, .shared, .local, .constant]
  static let count = spaces.count

  @inline(__always) static func index(_ space: AddressSpace) -> Int {
    switch space {
    case .global, .gdram, .gm, .generic: return 0
    case .shared, .nram, .wram, .sram, .ub, .l1: return 1
    case .local: return 2
    case .constant: return 3
    }
  }
}

/// One worker's counters: flat arrays indexed by source line.
final class ProfileCounters {
  let lineCount: Int
  /// `operations[line * classCount + class]`.
  let operations: UnsafeMutablePointer<Int>
  /// `bytes[(line * spaceCount + space) * 2 + (isStore ? 1 : 0)]`.
  let bytes: UnsafeMutablePointer<Int>
  /// The lane accesses behind `bytes`, same layout.
  let accesses: UnsafeMutablePointer<Int>
  /// `barriers[line]`.
  let barriers: UnsafeMutablePointer<Int>
  /// `vectorBytes[line]`: result bytes of vector instructions.
  let vectorBytes: UnsafeMutablePointer<Int>

  static let classCount = OperationClass.allCases.count

  init(lineCount: Int) {
    self.lineCount = max(1, lineCount)
    operations = .allocate(capacity: self.lineCount * Self.classCount)
    operations.initialize(repeating: 0, count: self.lineCount * Self.classCount)
    bytes = .allocate(capacity: self.lineCount * ProfileSpace.count * 2)
    bytes.initialize(repeating: 0, count: self.lineCount * ProfileSpace.count * 2)
    accesses = .allocate(capacity: self.lineCount * ProfileSpace.count * 2)
    accesses.initialize(repeating: 0, count: self.lineCount * ProfileSpace.count * 2)
    barriers = .allocate(capacity: self.lineCount)
    barriers.initialize(repeating: 0, count: self.lineCount)
    vectorBytes = .allocate(capacity: self.lineCount)
    vectorBytes.initialize(repeating: 0, count: self.lineCount)
  }

  deinit {
    operations.deallocate()
    bytes.deallocate()
    accesses.deallocate()
    barriers.deallocate()
    vectorBytes.deallocate()
  }

  /// Adds these counters to `profile`, naming lines by `lineNames`.
  func fold(into profile: inout ExecutionProfile, lineNames: [String]) {
    for line in 0..<min(lineCount, lineNames.count) {
      var entry = LineProfile()
      var touched = false
      for operationClass in OperationClass.allCases {
        let count = operations[line * Self.classCount + operationClass.index]
        if count != 0 {
          entry.operations[operationClass, default: 0] += count
          touched = true
        }
      }
      for (spaceIndex, space) in ProfileSpace.spaces.enumerated() {
        let loaded = bytes[(line * ProfileSpace.count + spaceIndex) * 2]
        let stored = bytes[(line * ProfileSpace.count + spaceIndex) * 2 + 1]
        if loaded != 0 { entry.bytesLoaded[space, default: 0] += loaded }
        if stored != 0 { entry.bytesStored[space, default: 0] += stored }
        let loadCount = accesses[(line * ProfileSpace.count + spaceIndex) * 2]
        let storeCount = accesses[(line * ProfileSpace.count + spaceIndex) * 2 + 1]
        if loadCount != 0 { entry.loads[space, default: 0] += loadCount }
        if storeCount != 0 { entry.stores[space, default: 0] += storeCount }
        touched = touched || loaded != 0 || stored != 0
      }
      entry.barriers = barriers[line]
      entry.vectorBytes = vectorBytes[line]
      guard touched || entry.barriers != 0 else { continue }
      profile.lines[lineNames[line], default: LineProfile()].merge(entry)
      profile.total.merge(entry)
    }
  }
}

extension LineProfile {
  /// Adds the counts of `other`.
  mutating func merge(_ other: LineProfile) {
    for (key, value) in other.bytesLoaded { bytesLoaded[key, default: 0] += value }
    for (key, value) in other.bytesStored { bytesStored[key, default: 0] += value }
    for (key, value) in other.loads { loads[key, default: 0] += value }
    for (key, value) in other.stores { stores[key, default: 0] += value }
    for (key, value) in other.operations { operations[key, default: 0] += value }
    barriers += other.barriers
    vectorBytes += other.vectorBytes
  }
}
