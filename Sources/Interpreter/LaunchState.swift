// One launch: what every worker shares (the program, device buffers and their race shadows,
// the shared-memory layout, bound arguments, global addresses, limits and the counters that
// stop a runaway launch), the loop that hands blocks to workers, and the fold of their
// findings, profiles and output into the result.

import Foundation
import KIR
import Synchronization

/// The shared state of one launch.
final class LaunchState: @unchecked Sendable {
  /// The most worker threads (stamps keep the worker in 4 bits).
  static let maximumWorkers = 16
  /// Steps a worker runs between two checks of the limits.
  static let stepChunk = 1 << 18
  /// Buffers whose shadow would be larger than this are not race-checked.
  static let maximumShadowBytes = 1 << 34

  let program: KernelProgram
  let configuration: LaunchConfiguration
  let limits: ExecutionLimits
  let workers: Int
  /// Lanes of one step: the threads of a block, or of a group of blocks (BlockGroups.swift).
  let lanes: Int
  /// Threads per block.
  let blockLanes: Int
  /// Blocks per group (1: blocks run one by one).
  let groupBlocks: Int
  let gridCount: Int
  let deviceRegions: UnsafeMutablePointer<DeviceRegion>
  let deviceRegionCount: Int
  private let deviceNames: [String]
  /// Names of buffers bound to pointer parameters, by allocation id.
  private let parameterNames: [Int: String]
  let sharedOffsets: [Int]
  let sharedSizes: [Int]
  let sharedNames: [String]
  let sharedElementSizes: [Int]
  let sharedTotal: Int
  /// Bytes between two blocks' slices of a worker's shared arena, and the arena's size.
  let sharedStride: Int
  let sharedArenaBytes: Int
  /// The index of the dynamic shared memory among the shared variables.
  let dynamicSharedIndex: Int
  let globalAddresses: [String: UInt64]
  /// Per kernel parameter, the bits of each leaf.
  let argumentBits: [[UInt64]]
  let reportsCrossBlockRaces: Bool
  let atomicLocks: AtomicLocks
  private let shadowStorage: [(UnsafeMutableRawPointer, Int)]
  private let startTime = DispatchTime.now().uptimeNanoseconds
  private let totalSteps = Atomic<Int>(0)
  private let stopped = Atomic<Bool>(false)
  private let nextBlock = Atomic<Int>(0)
  private let memoryUsed = Atomic<Int>(0)

  init(
    program: KernelProgram, configuration: LaunchConfiguration, arguments: [KernelArgument],
    memory: DeviceMemory, limits: ExecutionLimits, workers: Int
  ) throws {
    self.program = program
    self.configuration = configuration
    self.limits = limits
    self.workers = max(1, min(workers, Self.maximumWorkers))
    blockLanes = configuration.block.count
    gridCount = configuration.grid.count
    reportsCrossBlockRaces = !program.usesDeviceFence
    atomicLocks = AtomicLocks()

    // Device buffers, with a race shadow each (calloc: pages appear when first touched).
    var globalIDs: [String: Int] = [:]
    for name in program.globals {
      globalIDs[name] = Address.deviceID(memory.globalBuffer(named: name, in: program.module).raw)
    }
    let buffers = memory.snapshot()
    let binding = try ArgumentBinder(program: program, buffers: buffers).bind(arguments)
    argumentBits = binding.bits
    parameterNames = binding.names
    deviceRegionCount = buffers.count + 1
    deviceRegions = .allocate(capacity: deviceRegionCount)
    deviceRegions.initialize(
      to: DeviceRegion(
        base: nil, byteCount: 0, elementSize: 1, space: .global, shadow: nil, granuleShift: 2))
    var shadows: [(UnsafeMutableRawPointer, Int)] = []
    for (raw, buffer) in buffers.enumerated() {
      let granuleShift = buffer.alignment >= 4 ? 2 : buffer.alignment >= 2 ? 1 : 0
      var shadow: UnsafeMutableRawPointer?
      let shadowBytes = ((buffer.byteCount >> granuleShift) + 1) * 8
      // Buffers reached only through pointers to const are not written: nothing to race on.
      if buffer.byteCount > 0, shadowBytes <= Self.maximumShadowBytes, buffer.space != .constant,
        !binding.readOnly.contains(raw + 1)
      {
        // The shadow of a buffer the kernel gets as a writable argument is touched all over:
        // map it in one go rather than page by page, when blocks are one-dimensional (their
        // accesses walk it in order). A two-dimensional block touches a short piece of many
        // rows at once: there, a page faulted in on first touch is still in the cache for the
        // neighbouring blocks that use the rest of it, where a page mapped beforehand is not
        // (measured on the 2048² stencil: 122 → 108 ms; saxpy the other way: 141 → 216 ms).
        let isOneDimensional = configuration.block.y == 1 && configuration.block.z == 1
        shadow = ShadowMemory.allocate(
          byteCount: shadowBytes,
          populate: isOneDimensional && binding.writable.contains(raw + 1)
            && shadowBytes <= 1 << 31)
        if let shadow { shadows.append((shadow, shadowBytes)) }
      }
      (deviceRegions + raw + 1).initialize(
        to: DeviceRegion(
          base: buffer.storage, byteCount: buffer.byteCount, elementSize: buffer.elementSize,
          space: buffer.space, shadow: shadow, granuleShift: granuleShift))
    }
    shadowStorage = shadows
    deviceNames = [""] + buffers.map(\.name)
    globalAddresses = globalIDs.mapValues { Address.make(id: $0, offset: 0) }

    // Shared memory: the static variables, then the dynamic shared memory.
    var offsets: [Int] = []
    var total = 0
    for info in program.shared {
      total = roundUp(total, to: max(16, info.alignment))
      offsets.append(total)
      total += info.byteCount
    }
    total = roundUp(total, to: 16)
    dynamicSharedIndex = offsets.count
    offsets.append(total)
    total = roundUp(total + configuration.dynamicSharedBytes, to: 16)
    sharedOffsets = offsets
    sharedSizes = program.shared.map(\.byteCount) + [configuration.dynamicSharedBytes]
    sharedNames = program.shared.map(\.name) + ["dynamic shared memory"]
    sharedElementSizes = program.shared.map(\.elementSize) + [program.dynamicSharedElementSize]
    sharedTotal = total
    sharedStride = roundUp(total, to: 64)
    // Grouping multiplies the shared arena: not when that would take a sizeable part of the
    // memory limit (shared memory and its shadow take five bytes per byte, per worker).
    var group = program.groupsBlocks ? BlockGroups.size(for: configuration) : 1
    let (need, overflow) = (sharedStride * group * 5).multipliedReportingOverflow(by: self.workers)
    if overflow || need > limits.maxMemoryBytes / 4 { group = 1 }
    groupBlocks = group
    lanes = blockLanes * group
    sharedArenaBytes = group == 1 ? total : sharedStride * group
  }

  deinit {
    deviceRegions.deinitialize(count: deviceRegionCount)
    deviceRegions.deallocate()
    for (shadow, bytes) in shadowStorage { ShadowMemory.free(shadow, byteCount: bytes) }
  }

  /// The name findings give the buffer with allocation id `id`: the kernel parameter it was
  /// passed as, else its allocation name.
  func bufferName(_ id: Int) -> String {
    if let name = parameterNames[id] { return name }
    return id >= 0 && id < deviceNames.count ? deviceNames[id] : "?"
  }

  /// Adds steps to the launch total and returns it.
  func addSteps(_ steps: Int) -> Int {
    totalSteps.wrappingAdd(steps, ordering: .relaxed).newValue
  }

  /// Accounts for `bytes` of launch memory; false when that passes the limit.
  func reserve(_ bytes: Int) -> Bool {
    memoryUsed.wrappingAdd(bytes, ordering: .relaxed).newValue <= limits.maxMemoryBytes
  }

  var isStopped: Bool { stopped.load(ordering: .relaxed) }

  func stop() { stopped.store(true, ordering: .relaxed) }

  func elapsedSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - startTime) / 1e9
  }

  /// Runs every block and folds the workers' results.
  func run() -> LaunchResult {
    // Shared memory and its shadow take five bytes per byte, per worker: refuse before
    // allocating what the limit does not allow.
    let (sharedNeed, overflow) = (sharedArenaBytes * 5).multipliedReportingOverflow(by: workers)
    if overflow || sharedNeed > limits.maxMemoryBytes {
      let location = program.module.function(named: program.kernel.name)?.location ?? .unknown
      let finding = Finding(
        kind: .memoryLimit, severity: .error, kernel: program.kernel.name, location: location,
        message:
          "memory-limit in kernel '\(program.kernel.name)' at \(describeShort(location)): \(sharedTotal) bytes of shared memory per block exceed the memory limit of \(limits.maxMemoryBytes) bytes"
      )
      return LaunchResult(
        findings: [finding], profile: ExecutionProfile(), hasErrors: true, output: "", steps: 0)
    }
    let results = WorkerResults()
    if workers == 1 {
      results.append(runWorker(0))
    } else {
      DispatchQueue.concurrentPerform(iterations: workers) { index in
        results.append(self.runWorker(index))
      }
    }
    let contexts = results.contexts.sorted { $0.worker < $1.worker }
    var profile = ExecutionProfile()
    for context in contexts {
      context.profile.fold(into: &profile, lineNames: program.lineNames)
    }
    profile.blocks = min(gridCount, nextBlock.load(ordering: .relaxed) * groupBlocks)
    profile.threads = profile.blocks * blockLanes
    let findings = FindingLog.merge(contexts.map(\.findings))
    let output = contexts.flatMap(\.output).sorted { $0.block < $1.block }.map(\.text).joined()
    return LaunchResult(
      findings: findings, profile: profile, hasErrors: findings.contains { $0.severity == .error },
      output: output, steps: totalSteps.load(ordering: .relaxed), blocksPerStep: groupBlocks)
  }

  /// One worker: takes blocks in increasing order until the grid is done or the launch stops.
  private func runWorker(_ index: Int) -> ExecutionContext {
    let context = ExecutionContext(launch: self, worker: index)
    do {
      try context.reserve(context.allocatedBytes)
      let kernelFrame = try context.frame(for: program.kernel)
      for (leaves, bits) in zip(program.kernel.parameterLeaves, argumentBits) {
        for (register, value) in zip(leaves, bits) { context.fill(kernelFrame, register, value) }
      }
      while !isStopped {
        let first = nextBlock.wrappingAdd(1, ordering: .relaxed).oldValue * groupBlocks
        if first >= gridCount { break }
        try context.runBlock(
          first, count: min(groupBlocks, gridCount - first), kernelFrame: kernelFrame)
      }
      try context.checkLimits()
    } catch {
      // LaunchAbort: the finding is recorded; other errors cannot reach here.
    }
    return context
  }
}

/// Zero-filled shadow memory, mapped lazily by the system.
enum ShadowMemory {
  static func allocate(byteCount: Int, populate: Bool) -> UnsafeMutableRawPointer? {
    guard
      let mapped = mmap(nil, byteCount, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
      mapped != MAP_FAILED
    else { return nil }
    // Large shadows in transparent huge pages where the system allows them (its `madvise`
    // mode): one fault maps 2 MiB instead of 4 KiB, and a launch over a large buffer
    // touches its shadow everywhere.
    if byteCount >= 1 << 22 { _ = madvise(mapped, byteCount, 14 /* MADV_HUGEPAGE */) }
    if populate { _ = madvise(mapped, byteCount, 23 /* MADV_POPULATE_WRITE */) }
    return mapped
  }

  static func free(_ pointer: UnsafeMutableRawPointer, byteCount: Int) {
    _ = munmap(pointer, byteCount)
  }
}

/// The contexts of finished workers, collected under a lock.
final class WorkerResults: @unchecked Sendable {
  private(set) var contexts: [ExecutionContext] = []
  private let lock = NSLock()

  func append(_ context: ExecutionContext) {
    lock.lock()
    contexts.append(context)
    lock.unlock()
  }
}

/// Locks that make global atomics atomic across workers, striped by address.
final class AtomicLocks: @unchecked Sendable {
  static let stripes = 64
  private let locks: [NSLock] = (0..<AtomicLocks.stripes).map { _ in NSLock() }

  /// Runs `body` holding the lock of `address`.
  @inline(__always) func withLock<R>(_ address: UInt64, _ body: () throws -> R) rethrows -> R {
    let lock = locks[Int((address >> 3) % UInt64(Self.stripes))]
    lock.lock()
    defer { lock.unlock() }
    return try body()
  }
}
