// The interpreter's public face: launch configurations, limits, kernel arguments, results, and
// `Interpreter.launch`, which compiles the kernel (once per interpreter), lays out memory,
// runs every block on the worker threads and folds their findings and profiles together.
//
// The interpreter is KIR's executable definition at the SIMT level (6.8): each op's semantics
// is one case of the exhaustive switch in Compiler.swift and the op files it dispatches to.

import Foundation
import KIR

/// A 3-D extent or index (`dim3`).
public struct Dim3: Hashable, Sendable, CustomStringConvertible {
  public var x: Int
  public var y: Int
  public var z: Int

  public init(_ x: Int, _ y: Int = 1, _ z: Int = 1) {
    self.x = x
    self.y = y
    self.z = z
  }

  /// x * y * z.
  public var count: Int { x * y * z }

  public var description: String { "(\(x),\(y),\(z))" }
}

/// The grid and block of a launch and its dynamic shared memory.
public struct LaunchConfiguration: Sendable {
  public var grid: Dim3
  public var block: Dim3
  /// The bytes of `extern __shared__` memory per block (the third `<<<>>>` argument).
  public var dynamicSharedBytes: Int

  public init(grid: Dim3, block: Dim3, dynamicSharedBytes: Int = 0) {
    self.grid = grid
    self.block = block
    self.dynamicSharedBytes = dynamicSharedBytes
  }
}

/// Limits that stop a runaway launch with a finding instead of hanging or exhausting memory.
public struct ExecutionLimits: Sendable {
  /// Op executions summed over lanes.
  public var maxSteps: Int
  /// Wall-clock seconds for the launch.
  public var maxWallSeconds: Double
  /// Bytes the launch itself may allocate (registers, locals, shared memory, shadow state).
  public var maxMemoryBytes: Int

  public init(
    maxSteps: Int = 2_000_000_000, maxWallSeconds: Double = 60, maxMemoryBytes: Int = 4 << 30
  ) {
    self.maxSteps = maxSteps
    self.maxWallSeconds = maxWallSeconds
    self.maxMemoryBytes = maxMemoryBytes
  }
}

/// A kernel argument, matching the kernel's parameters in order.
public enum KernelArgument: Sendable {
  /// An integer or `i1` scalar (also a raw address for a pointer parameter; 0 is null).
  case int(Int64)
  /// A floating-point scalar.
  case float(Double)
  /// A pointer to element `offsetElements` of a buffer.
  case buffer(BufferID, offsetElements: Int = 0)
  /// A struct or vector by value: its fields in order (nested aggregates or a flat list).
  case aggregate([KernelArgument])
}

/// What a launch did: its findings, its profile, and what the kernel printed.
public struct LaunchResult: Sendable {
  /// The sanitizer findings, one per (kind, source location), lowest block first.
  public var findings: [Finding]
  public var profile: ExecutionProfile
  /// Whether any finding is an error.
  public var hasErrors: Bool
  /// What device `printf` wrote, block by block in block order, lanes in order.
  public var output: String
  /// Op executions summed over lanes.
  public var steps: Int
  /// How many blocks ran as the lanes of one step (1: one by one; BlockGroups.swift).
  public var blocksPerStep = 1
}

/// A problem that is not a kernel fault: the launch could not be run at all.
public enum InterpreterError: Error, CustomStringConvertible, Equatable {
  case noSuchKernel(String)
  case badArguments(String)
  case unsupported(op: String, location: Location)

  public var description: String {
    switch self {
    case .noSuchKernel(let name): return "no kernel named '\(name)' in the module"
    case .badArguments(let message): return "bad launch arguments: \(message)"
    case .unsupported(let op, let location):
      return "\(location): the interpreter cannot execute \(op)"
    }
  }
}

/// Runs kernels of one module on the CPU with CUDA semantics and sanitizers.
///
/// Each function is compiled once, on first launch, into a program of lane-vectorised steps;
/// a launch runs every block of the grid over `workerThreads` threads, each block's threads as
/// lanes of one vector.
public struct Interpreter: Sendable {
  public let module: Module
  public let limits: ExecutionLimits
  public let workerThreads: Int
  private let cache: ProgramCache

  /// Whether launches may run several small blocks as the lanes of one step (BlockGroups.swift);
  /// results and findings are the same either way.
  public let groupsBlocks: Bool

  /// `groupsBlocks` nil: as the environment says (`KPORT_BLOCK_GROUPS=0` turns grouping off).
  public init(
    module: Module, limits: ExecutionLimits = ExecutionLimits(), workerThreads: Int = 1,
    groupsBlocks: Bool? = nil
  ) {
    self.module = module
    self.limits = limits
    self.workerThreads = max(1, min(workerThreads, LaunchState.maximumWorkers))
    self.groupsBlocks = groupsBlocks ?? BlockGroups.isEnabled
    self.cache = ProgramCache(module: module)
  }

  /// Runs `kernel` over the grid of `configuration` with `arguments` in `memory`.
  ///
  /// - Throws: ``InterpreterError`` when the kernel is missing, the arguments or configuration
  ///   do not fit it, or it uses an op the interpreter cannot execute. Kernel faults are
  ///   findings in the result, never throws.
  public func launch(
    kernel: String, configuration: LaunchConfiguration, arguments: [KernelArgument],
    memory: DeviceMemory
  ) throws -> LaunchResult {
    guard let function = module.function(named: kernel), function.kind == .kernel else {
      throw InterpreterError.noSuchKernel(kernel)
    }
    try Self.check(configuration)
    memory.declareStructs(of: module)
    var program = try cache.program(for: function, groupsBlocks: false)
    if groupsBlocks, BlockGroups.size(for: configuration) > 1 {
      let grouped = try cache.program(for: function, groupsBlocks: true)
      if grouped.groupsBlocks { program = grouped }
    }
    let state = try LaunchState(
      program: program, configuration: configuration, arguments: arguments,
      memory: memory, limits: limits, workers: workerThreads)
    return state.run()
  }

  private static func check(_ configuration: LaunchConfiguration) throws {
    let grid = configuration.grid
    let block = configuration.block
    guard grid.x > 0, grid.y > 0, grid.z > 0, grid.x < 1 << 31, grid.y < 65536, grid.z < 65536
    else {
      throw InterpreterError.badArguments(
        "grid \(grid) must be positive, x below 2^31, y and z below 65536")
    }
    guard block.x > 0, block.y > 0, block.z > 0, block.z <= 64,
      block.count <= LaneMask.capacity
    else {
      throw InterpreterError.badArguments(
        "block \(block) must be positive with at most \(LaneMask.capacity) threads (z at most 64)")
    }
    guard configuration.dynamicSharedBytes >= 0, configuration.dynamicSharedBytes < 1 << 40 else {
      throw InterpreterError.badArguments("dynamic shared memory must be between 0 and 2^40 bytes")
    }
  }
}

/// The compiled program of a module, built on first use and shared by launches.
final class ProgramCache: @unchecked Sendable {
  private let module: Module
  private var program: Program?
  /// The same, compiled for grouped blocks (BlockGroups.swift).
  private var groupedProgram: Program?
  private let lock = NSLock()

  init(module: Module) { self.module = module }

  /// A snapshot of the program with `kernel` and its callees compiled.
  func program(for kernel: Function, groupsBlocks: Bool) throws -> KernelProgram {
    lock.lock()
    defer { lock.unlock() }
    if groupsBlocks {
      let current = groupedProgram ?? Program(module: module, groupsBlocks: true)
      groupedProgram = current
      return try current.kernelProgram(for: kernel)
    }
    let current = program ?? Program(module: module)
    program = current
    return try current.kernelProgram(for: kernel)
  }
}
