// simt-to-spmd for one kernel: early returns out, uniformity, storage to the entry, barrier
// fission, thread loops, the block loop over tasks, the launch parameters, the capacity check.
// On any error the kernel is restored to its SIMT form.

import KIR

struct KernelLowering {
  let function: Function
  let module: Module
  let context: PassContext
  let maxThreads: Int
  let maxDynamicShared: Int
  let capacity: (bytes: Int, what: String)?

  static let launchParameterNames = [
    "grid_dim_x", "grid_dim_y", "grid_dim_z", "block_dim_x", "block_dim_y", "block_dim_z",
  ]

  mutating func run() {
    var cloner = Cloner()
    let original = cloner.clone(function.body)
    if !lower() {
      function.body = original
      return
    }
    context.count("kernels lowered")
  }

  /// Lowers the kernel in place; false when it reported an error.
  private func lower() -> Bool {
    let location = function.location
    var flags: [Operation] = []
    eliminateReturns(in: function.body) {
      let op = Operation(.alloca, resultTypes: [.pointer(space: .local, pointee: .bool)], resultNames: ["returned"], location: location)
      flags.append(op)
      return op.results[0]
    }
    function.body.operations.insert(contentsOf: flags, at: 0)
    let uniformity = BlockUniformity(function: function)

    // Storage moves to the kernel's entry; shared memory becomes on-chip buffers.
    var storage: [Operation] = []
    extractStorage(from: function.body, into: &storage)
    var replacements: [Value: Value] = [:]
    var buffers: [Operation] = []
    var locals: [Operation] = []
    for op in storage {
      switch op.opcode {
      case .alloca: locals.append(op)
      default:
        guard let buffer = makeBuffer(for: op), let old = op.result else { return false }
        buffers.append(buffer)
        replacements[old] = buffer.results[0]
      }
    }

    // Launch parameters and block-level values.
    let parameters = Self.launchParameterNames.map { Value(type: .u32, name: $0) }
    let entry = Builder(region: Region(), location: location)
    let zero = entry.constant(int: 0, .u32)
    let one = entry.constant(int: 1, .u32)
    let blockCounter = Operation(.alloca, resultTypes: [.pointer(space: .local, pointee: .u32)], resultNames: ["block"], location: location)
    let threads = entry.value(.mul, [entry.value(.mul, [parameters[3], parameters[4]], type: .u32), parameters[5]], type: .u32, name: "threads")
    let blocks = entry.value(.mul, [entry.value(.mul, [parameters[0], parameters[1]], type: .u32), parameters[2]], type: .u32, name: "blocks")
    let task = entry.value(.taskId, type: .u32, name: "task")
    let tasks = entry.value(.taskDim, type: .u32, name: "tasks")
    let tooMany = entry.value(.cmp, [threads, entry.constant(int: Int64(maxThreads), .u32)], type: .bool, attributes: ["predicate": .keyword("gt")])
    let refuse = Region()
    Builder(region: refuse, location: location).create(
      .trap, attributes: ["message": .string("the port holds at most \(maxThreads) threads per block (max_threads); the launch asks for more")])
    entry.create(.if, [tooMany], regions: [refuse, Region()])
    entry.create(.store, [task, blockCounter.results[0]])

    let launch = LaunchValues(
      blockDim: Array(parameters[3..<6]), threadCount: threads,
      zero: zero, one: one)
    var fission = BarrierFission(uniformity: uniformity, context: context, launch: launch, maxThreads: maxThreads)
    let lowered = fission.lower(function.body, predicate: nil)
    if fission.failed { return false }
    // Shuffle and vote results are their exchanged values from here on, so that a later loop
    // using one saves and reloads it like any value.
    replaceUses(fission.replacements, in: Region(operations: lowered))
    for segment in fission.segments { replaceUses(fission.replacements, in: segment.inner) }
    let varying = locals.filter { op in op.result.map { !uniformity.uniformLocals.contains($0) } ?? false }
    var finisher = ThreadLoopFinisher(fission: fission, varyingLocals: varying, maxThreads: maxThreads)
    finisher.finish()
    for value in finisher.lostValues {
      context.report(
        .error(
          .cannotLowerSIMT,
          "internal error: a value used across a barrier lost its definition while the thread loops were built; please report it with the input",
          at: value.definingOp?.location ?? location))
    }
    if !finisher.lostValues.isEmpty { return false }

    // The block loop: for (block = task; block < blocks; block += tasks).
    let blockBody = Region()
    let body = Builder(region: blockBody, location: location)
    let block = body.value(.load, [blockCounter.results[0]], type: .u32, name: "block")
    let blockX = body.value(.rem, [block, parameters[0]], type: .u32, name: "block_x")
    let rest = body.value(.div, [block, parameters[0]], type: .u32)
    let blockY = body.value(.rem, [rest, parameters[1]], type: .u32, name: "block_y")
    let blockZ = body.value(.div, [rest, parameters[1]], type: .u32, name: "block_z")
    blockBody.operations.append(contentsOf: lowered)
    let condition = Region()
    entry.within(condition) {
      let current = entry.value(.load, [blockCounter.results[0]], type: .u32)
      entry.create(.condition, [entry.value(.cmp, [current, blocks], type: .bool, attributes: ["predicate": .keyword("lt")])])
    }
    let step = Region()
    entry.within(step) {
      let current = entry.value(.load, [blockCounter.results[0]], type: .u32)
      entry.create(.store, [entry.value(.add, [current, tasks], type: .u32), blockCounter.results[0]])
    }
    entry.create(.loop, attributes: ["block_loop": .bool(true)], regions: [condition, blockBody, step])
    entry.create(.return)

    // CUDA's special registers become the block loop's and the launch's values.
    function.body.walk { op in
      guard let result = op.result else { return }
      let dimension = ["x": 0, "y": 1, "z": 2][op.attributes["dim"]?.keywordValue ?? "x"] ?? 0
      switch op.opcode {
      case .blockId: replacements[result] = [blockX, blockY, blockZ][dimension]
      case .blockDim: replacements[result] = parameters[3 + dimension]
      case .gridDim: replacements[result] = parameters[dimension]
      default: break
      }
    }
    let keptLocals = locals.filter { !finisher.replacedLocals.contains(ObjectIdentifier($0)) }
    let perThread = fission.newLocals + finisher.newLocals
    function.body.operations =
      buffers + keptLocals + perThread + [blockCounter] + entry.region.operations
    replaceUses(replacements, in: function.body)
    removeSpecialRegisters(from: function.body)

    let arrays = perThread.filter { op in
      if case .array? = op.result?.type.pointee { return true }
      return false
    }
    if !fits(buffers: buffers, perThread: arrays) { return false }
    for parameter in parameters {
      function.parameters.append(Parameter(value: parameter, attributes: ["launch": .bool(true)]))
    }
    function.attributes["level"] = .keyword("spmd")
    function.attributes["max_threads"] = .int(Int64(maxThreads))
    return true
  }

  /// Moves every alloca and shared variable out of `region` and below, in order.
  private func extractStorage(from region: Region, into storage: inout [Operation]) {
    region.operations.removeAll { op in
      switch op.opcode {
      case .alloca, .sharedAlloc, .dynamicShared:
        storage.append(op)
        return true
      default: return false
      }
    }
    for op in region.operations { op.regions.forEach { extractStorage(from: $0, into: &storage) } }
  }

  /// The on-chip buffer that replaces a `__shared__` variable.
  private func makeBuffer(for op: Operation) -> Operation? {
    guard let result = op.result, case .pointer(.shared, let pointee) = result.type else { return nil }
    var type = pointee
    var role = "shared"
    if op.opcode == .dynamicShared {
      role = "dynamic_shared"
      guard case .array(let element, _) = pointee, let size = StorageSize(module: module).bytes(of: element), size > 0 else {
        context.report(.error(.cannotLowerSIMT, "extern __shared__ array of a type without a size", at: op.location))
        return nil
      }
      type = .array(element: element, count: maxDynamicShared / size)
    }
    return Operation(
      .buffer, resultTypes: [.pointer(space: .shared, pointee: type)], resultNames: [result.name],
      attributes: ["role": .string(role)], location: op.location)
  }

  /// Removes the special-register ops that `replaceUses` made dead.
  private func removeSpecialRegisters(from region: Region) {
    region.operations.removeAll { [.blockId, .blockDim, .gridDim].contains($0.opcode) }
    for op in region.operations { op.regions.forEach(removeSpecialRegisters) }
  }

  /// Checks the on-chip footprint against the target's capacity (KP3011).
  private func fits(buffers: [Operation], perThread: [Operation]) -> Bool {
    guard let capacity else { return true }
    let sizes = StorageSize(module: module)
    func total(_ ops: [Operation]) -> Int {
      ops.reduce(0) { sum, op in sum + (op.result?.type.pointee.flatMap(sizes.bytes(of:)) ?? 0) }
    }
    let shared = total(buffers)
    let arrays = total(perThread)
    guard shared + arrays > capacity.bytes else { return true }
    context.report(
      .error(
        .onChipCapacity,
        "kernel '\(function.name)' needs \(shared + arrays) bytes of on-chip memory (\(shared) of shared buffers, \(arrays) of per-thread arrays for \(maxThreads) threads), more than the \(capacity.bytes) bytes of \(capacity.what)",
        at: function.location))
    return false
  }
}
