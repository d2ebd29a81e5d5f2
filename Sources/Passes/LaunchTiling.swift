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
    guard let loop = blockLoop.regions[1].operations.first(where: ElementwiseLoop.isThreadLoop),
      let plan = try? ElementwiseLoop(loop, blockDimX: blockDimX),
      let gridX = launchParameter("grid_dim_x"), let gridY = launchParameter("grid_dim_y"),
      let gridZ = launchParameter("grid_dim_z"),
      let blockY = launchParameter("block_dim_y"), let blockZ = launchParameter("block_dim_z")
    else { return nil }
    let invariants = Self.launchInvariants(blockLoop)
    if let obstacle = launchObstacle(blockLoop, plan: plan, gridX: gridX, blockDimX: blockDimX, invariants: invariants) {
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
    // The values the block loop computes from the launch alone, once, before it.
    var hoist = Cloner()
    for op in invariants { outer.region.operations.append(hoist.clone(op)) }
    let bound = hoist.mapping[plan.bound] ?? plan.bound
    var end = bound
    switch plan.shape {
    case .guarded:
      let below = outer.value(.cmp, [bound, total], type: .bool, attributes: ["predicate": .keyword("lt")])
      end = outer.value(.select, [below, bound, total], type: indexType)
    case let .gridStride(variable, _, step):
      // The stride, from the loop's own step applied to 0, is the launch's thread count.
      let probe = Operation(.alloca, resultTypes: [variable.type], resultNames: ["stride_probe"], location: location)
      entryOps.append(probe)
      outer.create(.store, [zero, probe.results[0]])
      var stepper = hoist
      stepper.mapping[variable] = probe.results[0]
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
      emitTile(plan, base: start, bound: end, limit: chunkIndex, tiles: tiles, build: build, hoisted: hoist.mapping)
    }
    let advance = Region()
    build.within(advance) {
      let current = build.value(.load, [startVariable.results[0]], type: .i64)
      build.create(.store, [build.value(.add, [current, stride], type: .i64), startVariable.results[0]])
    }
    build.create(.loop, attributes: ["tile_loop": .bool(true)], regions: [condition, body, advance])
    // What the blocks do after the loop, once the launch's elements are done.
    let after = blockLoop.regions[1].operations.drop { $0 !== loop }.dropFirst()
    if after.contains(where: { !($0.isPure && $0.regions.isEmpty) }), let index = blockLoop.regions[1].operations.firstIndex(where: { $0 === loop }) {
      var cloner = Cloner()
      let rest = cloner.clone(blockLoop)
      rest.regions[1].operations.remove(at: index)
      wide.operations.append(rest)
      restBlockLoops.append(rest)
    }
    outer.create(.if, [usable], regions: [wide, Region(operations: [blockLoop])])
    return outer.region.operations
  }

  /// The ops at the top of `blockLoop`'s body that compute a value from the launch alone (pure,
  /// no regions, operands from outside the loop or from each other) and cannot trap (integer
  /// division only by a constant other than 0 and -1): the launch-wide form computes them once,
  /// before it (`n / 4`, `blockDim.x * gridDim.x`).
  static func launchInvariants(_ blockLoop: Operation) -> [Operation] {
    let inside = Set(ElementwiseLoop.definedValues(in: blockLoop).map(ObjectIdentifier.init))
    var invariant: Set<ObjectIdentifier> = []
    var ops: [Operation] = []
    for op in blockLoop.regions[1].operations where op.isPure && op.regions.isEmpty {
      guard op.operands.allSatisfy({ !inside.contains(ObjectIdentifier($0)) || invariant.contains(ObjectIdentifier($0)) }) else { continue }
      if op.opcode == .div || op.opcode == .rem, op.results.first?.type.isInteger == true {
        guard let divisor = op.operands[1].definingOp, divisor.opcode == .constant, let value = divisor.attributes["value"]?.intValue,
          value != 0, value != -1
        else { continue }
      }
      ops.append(op)
      op.results.forEach { invariant.insert(ObjectIdentifier($0)) }
    }
    return ops
  }

  /// Why the ops a block runs after `plan`'s loop cannot run after every block's loop: they read
  /// what the loop leaves in its locals (the index, the thread counter before resetting it).
  private static func restObstacle(_ rest: [Operation], after plan: ElementwiseLoop) -> String? {
    func mentions(_ value: Value) -> (Operation) -> Bool { { op in op.contains { $0.operands.contains { $0 === value } } } }
    if case let .gridStride(variable, _, _) = plan.shape, rest.contains(where: mentions(variable)) {
      return "the block reads the loop's index after the loop"
    }
    if let first = rest.first(where: mentions(plan.counter)), !(first.opcode == .store && first.operands[1] === plan.counter) {
      return "the block reads the thread counter after its elementwise loop"
    }
    // Other tasks run the chunks, with nothing ordering them before this block's rest: the rest
    // may not reach global memory (a thread's tail reading `y[gid]` it wrote in its loop).
    let reachesGlobal = rest.contains { outer in
      outer.contains { op in !op.isPure && op.operands.contains { $0.type.isPointer && $0.type.addressSpace == .global } }
    }
    if reachesGlobal { return "the block reaches global memory after its elementwise loop, which other tasks' chunks may still be moving" }
    return nil
  }

  /// Why `plan`'s elements are not one launch-wide range, or nil when they are.
  private func launchObstacle(_ blockLoop: Operation, plan: ElementwiseLoop, gridX: Value, blockDimX: Value, invariants: [Operation]) -> String? {
    guard plan.start.type == .i32 || plan.start.type == .u32 else { return "the index is neither int nor unsigned int" }
    let inside = Set(ElementwiseLoop.definedValues(in: blockLoop).map(ObjectIdentifier.init))
    let hoistable = Set(invariants.flatMap(\.results).map(ObjectIdentifier.init))
    func fromLaunch(_ value: Value) -> Bool { !inside.contains(ObjectIdentifier(value)) || hoistable.contains(ObjectIdentifier(value)) }
    // The block does nothing before the thread loop; what it does after reads nothing the loop
    // leaves in locals (its index, its thread counter before resetting it).
    let body = blockLoop.regions[1].operations
    guard let position = body.firstIndex(where: { $0 === plan.loop }) else { return "the block does more than its elementwise loop" }
    for op in body[..<position] {
      let harmless =
        (op.isPure && op.regions.isEmpty) || op.opcode == .load
        || (op.opcode == .store && op.operands[1].type.addressSpace == .local)
      guard harmless else { return "the block does more than its elementwise loop" }
    }
    if let reason = Self.restObstacle(Array(body[(position + 1)...]), after: plan) { return reason }
    guard plan.startsAtGridIndex(in: blockLoop, gridX: gridX, blockDimX: blockDimX) else { return "the index is not blockIdx.x * blockDim.x + threadIdx.x" }
    // The work depends on its block and thread only through the element's index.
    var own = plan.indexValues
    for op in plan.work {
      for operand in op.operands where !own.contains(ObjectIdentifier(operand)) && !fromLaunch(operand) {
        return "the work uses a value computed per block or per thread besides the index"
      }
      for result in op.results { own.insert(ObjectIdentifier(result)) }
    }
    guard fromLaunch(plan.bound) else { return "the bound is computed per block" }
    if case let .gridStride(variable, condition, step) = plan.shape,
      !ElementwiseLoop.freeValues(of: [condition, step], except: variable).allSatisfy(fromLaunch)
    {
      return "the grid-stride loop's bound or stride is computed per block"
    }
    return nil
  }
}

extension ElementwiseLoop {
  /// Whether the first index of a thread is `blockIdx.x * blockDim.x + threadIdx.x`, block b's
  /// elements b × block_dim_x + thread_x: over a launch, [0, grid_dim_x × block_dim_x).
  func startsAtGridIndex(in blockLoop: Operation, gridX: Value, blockDimX: Value) -> Bool {
    let blockCounter = blockLoop.regions[0].operations.first?.operands.first
    guard let add = startOps.first(where: { $0.opcode == .add }) else { return false }
    let base = add.operands[0] === threadX ? add.operands[1] : add.operands[0]
    guard let product = base.definingOp, product.opcode == .mul, product.operands.contains(where: { $0 === blockDimX }),
      let blockX = product.operands.first(where: { $0 !== blockDimX }), let remainder = blockX.definingOp,
      remainder.opcode == .rem, remainder.operands[1] === gridX, let counter = remainder.operands[0].definingOp,
      counter.opcode == .load, counter.operands[0] === blockCounter
    else { return false }
    return true
  }

  /// The values the ops of `regions` use from outside them, other than `variable`.
  static func freeValues(of regions: [Region], except variable: Value) -> [Value] {
    var free: [Value] = []
    for region in regions {
      var local = Set(region.arguments.map(ObjectIdentifier.init))
      region.walk { op in
        free += op.operands.filter { $0 !== variable && !local.contains(ObjectIdentifier($0)) }
        op.results.forEach { local.insert(ObjectIdentifier($0)) }
      }
    }
    return free
  }

  var isGridStride: Bool {
    if case .gridStride = shape { return true }
    return false
  }
}
