// tile-global-access, launch-wide form: when a block does nothing but an elementwise thread loop
// whose elements are `blockIdx.x * blockDim.x + threadIdx.x` (guarded), or the whole range of a
// grid-stride loop striding by the launch's threads, the launch's elements are one range
// [0, end), and the tasks share it in chunks as large as the on-chip tiles allow, instead of one
// block's worth of elements per tile (docs/fast-ports.md). Fewer, larger DMA transfers: on the
// chips each transfer pays a fixed issue cost, and a block of 256 elements moves only 1 KiB.
//
//   scf.if (block_dim_y × block_dim_z = 1 ∧ grid_dim_y × grid_dim_z = 1 ∧ grid_dim_x × block_dim_x
//           fits the index type [∧ the grid stride is grid_dim_x × block_dim_x]) {
//     end = clamp(bound, 0, grid_dim_x × block_dim_x)       (grid-stride: clamp(bound, 0, ∞))
//     chunk = min(round_up(⌈end / tasks⌉, granule), tile)    granule: 512 bytes of the narrowest
//     for (start = task × chunk; start < end; start += tasks × chunk)     element (full-bandwidth
//       one tile at start of min(chunk, end − start) elements                     alignment)
//   } else { the block loop, its thread loop tiled per block (the same tiles) }
//
// Every element is computed once, by the same work on the same values as its CUDA thread: the
// work depends on its block and thread only through the element's index (checked), and the
// blocks of a one-dimensional launch cover [0, grid_dim_x × block_dim_x) once each.

import KIR

extension KernelTiler {
  /// Elements in a launch-wide tile at most: 64 KiB of f32, past which larger transfers gain
  /// nothing on either chip (targets.md B7: 16 KB transfers already use the bandwidth).
  static let launchTileLimit = 16384

  /// The launch-wide form of `blockLoop` (tiles made, its thread loop registered for the
  /// per-block form), or nil when the block loop does not qualify.
  func launchWide(_ blockLoop: Operation, blockDimX: Value) -> [Operation]? {
    let threadLoops = blockLoop.regions[1].operations.filter(ElementwiseLoop.isThreadLoop)
    guard threadLoops.count == 1, let loop = threadLoops.first,
      let plan = try? ElementwiseLoop(loop, blockDimX: blockDimX),
      let gridX = launchParameter("grid_dim_x"), let gridY = launchParameter("grid_dim_y"),
      let gridZ = launchParameter("grid_dim_z"),
      let blockY = launchParameter("block_dim_y"), let blockZ = launchParameter("block_dim_z")
    else { return nil }
    if let obstacle = launchObstacle(blockLoop, plan: plan, gridX: gridX, blockDimX: blockDimX) {
      launchObstacles[ObjectIdentifier(loop)] = obstacle
      return nil
    }
    let pointers = movedPointers(plan)
    let sizes = StorageSize(module: module)
    let elementSizes = pointers.compactMap { $0.type.pointee.flatMap(sizes.bytes(of:)) }
    let perElement = elementSizes.reduce(0, +)
    guard perElement > 0, let narrowest = elementSizes.min(), narrowest > 0 else { return nil }
    let granule = max(1, 512 / narrowest)
    // Half of what is left, so that vectorize's temporary tiles and later loops fit too.
    var elements = 1
    while elements * 2 * perElement <= (capacity - used) / 2, elements * 2 <= Self.launchTileLimit { elements *= 2 }
    guard elements >= max(tileCount, granule) else {
      launchObstacles[ObjectIdentifier(loop)] = "tiles of \(max(tileCount, granule)) elements or more do not fit twice in the on-chip memory left"
      return nil
    }
    used += perElement * elements
    let tiles = makeTiles(pointers, count: elements, location: loop.location)
    launchTiles[ObjectIdentifier(loop)] = tiles
    let names = { (values: [Value]) in values.map { $0.name ?? "?" }.joined(separator: ", ") }
    context.report(
      .remark(
        .fastPortApplied,
        "tiled across the launch (\(plan.isGridStride ? "grid-stride, when the stride is the launch's thread count" : "one element per thread")): the tasks share the launch's elements in chunks of up to \(elements), moved by DMA, in: \(plan.loaded.isEmpty ? "none" : names(plan.loaded)); out: \(names(plan.stored)); one tile per block otherwise (2-D or 3-D blocks or grids\(plan.isGridStride ? ", another stride" : ""))",
        at: plan.work.first?.location ?? loop.location))

    let location = blockLoop.location
    let outer = Builder(region: Region(), location: location)
    let one = outer.constant(int: 1, .u32)
    func equalsOne(_ a: Value, _ b: Value) -> Value {
      outer.value(.cmp, [outer.value(.mul, [a, b], type: .u32), one], type: .bool, attributes: ["predicate": .keyword("eq")])
    }
    let indexType = plan.start.type
    var usable = outer.value(.and, [equalsOne(blockY, blockZ), equalsOne(gridY, gridZ)], type: .bool)
    // grid_dim_x × block_dim_x fits the index type: grid_dim_x ≤ max / block_dim_x.
    let maximum = outer.constant(int: indexType == .i32 ? Int64(Int32.max) : Int64(UInt32.max), .u32)
    let most = outer.value(.div, [maximum, blockDimX], type: .u32)
    usable = outer.value(.and, [usable, outer.value(.cmp, [gridX, most], type: .bool, attributes: ["predicate": .keyword("le")])], type: .bool)
    let total32 = outer.value(.mul, [gridX, blockDimX], type: .u32)
    let total = indexType == .u32 ? total32 : outer.value(.cast, [total32], type: indexType)
    let zero = outer.constant(int: 0, indexType)
    var end = plan.bound
    switch plan.shape {
    case .guarded:
      let below = outer.value(.cmp, [plan.bound, total], type: .bool, attributes: ["predicate": .keyword("lt")])
      end = outer.value(.select, [below, plan.bound, total], type: indexType)
    case let .gridStride(variable, _, step):
      // The stride, from the loop's own step applied to 0, is the launch's thread count.
      let probe = Operation(.alloca, resultTypes: [variable.type], resultNames: ["stride_probe"], location: location)
      entryOps.append(probe)
      outer.create(.store, [zero, probe.results[0]])
      var stepper = Cloner(mapping: [variable: probe.results[0]])
      for op in step.operations { outer.region.operations.append(stepper.clone(op)) }
      let stride = outer.value(.load, [probe.results[0]], type: indexType)
      usable = outer.value(.and, [usable, outer.value(.cmp, [stride, total], type: .bool, attributes: ["predicate": .keyword("eq")])], type: .bool)
    }
    let positive = outer.value(.cmp, [end, zero], type: .bool, attributes: ["predicate": .keyword("gt")])
    end = outer.value(.select, [positive, end, zero], type: indexType, name: "end")

    // The tasks' chunks, counted in i64 so that start + tasks × chunk cannot wrap.
    let wide = Region()
    let build = Builder(region: wide, location: location)
    let end64 = build.value(.cast, [end], type: .i64)
    let tasks = build.value(.cast, [build.value(.taskDim, type: .u32)], type: .i64)
    let task = build.value(.cast, [build.value(.taskId, type: .u32)], type: .i64)
    let granuleValue = build.constant(int: Int64(granule), .i64)
    let one64 = build.constant(int: 1, .i64)
    func divideRoundingUp(_ a: Value, _ b: Value) -> Value {
      build.value(.div, [build.value(.sub, [build.value(.add, [a, b], type: .i64), one64], type: .i64), b], type: .i64)
    }
    let share = divideRoundingUp(end64, tasks)
    let rounded = build.value(.mul, [divideRoundingUp(share, granuleValue), granuleValue], type: .i64)
    let limit = build.constant(int: Int64(elements), .i64)
    let smaller = build.value(.cmp, [rounded, limit], type: .bool, attributes: ["predicate": .keyword("lt")])
    let chunk = build.value(.select, [smaller, rounded, limit], type: .i64, name: "chunk")
    let chunkIndex = build.value(.cast, [chunk], type: indexType)
    let stride = build.value(.mul, [tasks, chunk], type: .i64)
    let startVariable = Operation(.alloca, resultTypes: [.pointer(space: .local, pointee: .i64)], resultNames: ["chunk_start"], location: location)
    entryOps.append(startVariable)
    build.create(.store, [build.value(.mul, [task, chunk], type: .i64), startVariable.results[0]])
    let condition = Region()
    build.within(condition) {
      let current = build.value(.load, [startVariable.results[0]], type: .i64)
      build.create(.condition, [build.value(.cmp, [current, end64], type: .bool, attributes: ["predicate": .keyword("lt")])])
    }
    let body = Region()
    build.within(body) {
      let start = build.value(.cast, [build.value(.load, [startVariable.results[0]], type: .i64)], type: indexType, name: "chunk_base")
      emitTile(plan, base: start, bound: end, limit: chunkIndex, tiles: tiles, build: build)
    }
    let advance = Region()
    build.within(advance) {
      let current = build.value(.load, [startVariable.results[0]], type: .i64)
      build.create(.store, [build.value(.add, [current, stride], type: .i64), startVariable.results[0]])
    }
    build.create(.loop, attributes: ["tile_loop": .bool(true)], regions: [condition, body, advance])
    outer.create(.if, [usable], regions: [wide, Region(operations: [blockLoop])])
    return outer.region.operations
  }

  /// Why `plan`'s elements are not one launch-wide range, or nil when they are.
  private func launchObstacle(_ blockLoop: Operation, plan: ElementwiseLoop, gridX: Value, blockDimX: Value) -> String? {
    guard plan.start.type == .i32 || plan.start.type == .u32 else { return "the index is neither int nor unsigned int" }
    let inside = Set(ElementwiseLoop.definedValues(in: blockLoop).map(ObjectIdentifier.init))
    func fromLaunch(_ value: Value) -> Bool { !inside.contains(ObjectIdentifier(value)) }
    // The block does nothing but the thread loop.
    for op in blockLoop.regions[1].operations where op !== plan.loop {
      let harmless =
        (op.isPure && op.regions.isEmpty) || op.opcode == .load
        || (op.opcode == .store && op.operands[1].type.addressSpace == .local)
      guard harmless else { return "the block does more than its elementwise loop" }
    }
    // The elements of block b are b × block_dim_x + thread_x.
    let blockCounter = blockLoop.regions[0].operations.first?.operands.first
    guard let add = plan.startOps.first(where: { $0.opcode == .add }) else { return "the index is not blockIdx.x * blockDim.x + threadIdx.x" }
    let base = add.operands[0] === plan.threadX ? add.operands[1] : add.operands[0]
    guard let product = base.definingOp, product.opcode == .mul, product.operands.contains(where: { $0 === blockDimX }),
      let blockX = product.operands.first(where: { $0 !== blockDimX }), let remainder = blockX.definingOp,
      remainder.opcode == .rem, remainder.operands[1] === gridX, let counter = remainder.operands[0].definingOp,
      counter.opcode == .load, counter.operands[0] === blockCounter
    else { return "the index is not blockIdx.x * blockDim.x + threadIdx.x" }
    // The work depends on its block and thread only through the element's index.
    var own = plan.indexValues
    for op in plan.work {
      for operand in op.operands where !own.contains(ObjectIdentifier(operand)) && !fromLaunch(operand) {
        return "the work uses a value computed per block or per thread besides the index"
      }
      for result in op.results { own.insert(ObjectIdentifier(result)) }
    }
    guard fromLaunch(plan.bound) else { return "the bound is computed per block" }
    if case let .gridStride(variable, condition, step) = plan.shape {
      for region in [condition, step] {
        var local = Set(region.arguments.map(ObjectIdentifier.init))
        var free: [Value] = []
        region.walk { op in
          free += op.operands
          for result in op.results { local.insert(ObjectIdentifier(result)) }
        }
        if free.contains(where: { $0 !== variable && !local.contains(ObjectIdentifier($0)) && !fromLaunch($0) }) {
          return "the grid-stride loop's bound or stride is computed per block"
        }
      }
    }
    return nil
  }
}

extension ElementwiseLoop {
  var isGridStride: Bool {
    if case .gridStride = shape { return true }
    return false
  }
}
