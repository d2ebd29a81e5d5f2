// tile-global-access: the global loads and stores of an elementwise thread loop (ElementwiseLoop)
// become DMA of whole tiles between global memory and on-chip buffers (docs/fast-ports.md).
//
// Invariants. Before: an SPMD-level kernel (simt-to-spmd ran). After: each matched thread loop
// runs, in a one-dimensional block (block_dim_y × block_dim_z = 1), as
//   count = clamp(bound − i₀, 0, threads)             i₀: the index of thread 0
//   DMA in every loaded pointer's [i₀, i₀ + count) to its tile (bang.memcpy GDRAM2NRAM,
//     ascend.data_copy {pad = true}: exact for any count)
//   scf.loop {element_loop = true} over e < count: the thread's work on tile[e]
//   DMA out every stored pointer's tile to [i₀, i₀ + count), in order of last store
// and keeps its original form for any other block shape. A grid-stride loop runs the same per
// tile of the block at U, U + S, ... (`scf.loop {tile_loop = true}`, the loop's own condition
// and step on a base variable), when the stride S, found by running the step once, is at least
// a block. Tiles hold `max_threads` elements;
// Ascend C gets `ascend.pipe_barrier` between the DMA and the work (the TBuf buffers have no
// queue to order the pipes). The kernel's level becomes `target`. A loop that does not match, or
// whose tiles would not fit the target's on-chip memory, is left as it is.
//
// Before (one thread loop of saxpy):
//   scf.loop {thread_loop = true} { ... } do {
//     %i = ... block_x * block_dim_x + thread_x ...
//     scf.if (%i < %n) { y[i] = a * x[i] + y[i] }
//   }
// After (Ascend C, abridged):
//   scf.if (block_dim_y * block_dim_z == 1) {
//     %count = ...; ascend.data_copy %x_tile, x + i₀, %count {pad = true}; (same for y)
//     ascend.pipe_barrier
//     scf.loop {element_loop = true} { e < count } do { y_tile[e] = a * x_tile[e] + y_tile[e] }
//     ascend.pipe_barrier
//     ascend.data_copy y + i₀, %y_tile, %count {pad = true}
//     ascend.pipe_barrier
//   } else { the thread loop as it was }

import KIR

/// Global accesses of elementwise thread loops become tile DMA.
public struct TileGlobalAccess: Pass {
  public static let info = PassInfo(
    name: "tile-global-access", group: .lowering,
    summary: "Elementwise thread loops move their global data by DMA of whole tiles through on-chip buffers.",
    options: [
      .targetChoice(ops: "DMA")
    ])

  let target: String

  public init(options: PassOptions) { target = options.choice("target") }

  public func run(on module: Module, context: PassContext) {
    guard target != "none" else { return }
    for function in module.functions where function.kind == .kernel && function.declaredLevel == .spmd {
      let tiler = KernelTiler(function: function, module: module, isBang: target == "bang", context: context)
      tiler.run(capacity: SimtToSpmd.capacities[target]?.bytes ?? 0)
    }
  }
}

/// The rewrite of one kernel's elementwise thread loops.
final class KernelTiler {
  let function: Function
  let module: Module
  let isBang: Bool
  let context: PassContext
  /// Ops to put at the kernel's entry (tiles, element counters).
  var entryOps: [Operation] = []
  /// Tiles made for a thread loop the launch-wide form also tiles (LaunchTiling.swift): its
  /// per-block form reuses them and its remark is the launch-wide one.
  var launchTiles: [ObjectIdentifier: [ObjectIdentifier: Value]] = [:]
  /// Copies of block loops, less the launch-wide loop, that run after the launch-wide tiles.
  var restBlockLoops: [Operation] = []
  /// Why a thread loop is tiled per block and not across the launch.
  var launchObstacles: [ObjectIdentifier: String] = [:]
  /// On-chip bytes the kernel uses so far.
  var used = 0
  var capacity = 0
  /// Elements in a per-block tile: the port's threads per block.
  var tileCount = 1024

  init(function: Function, module: Module, isBang: Bool, context: PassContext) {
    self.function = function
    self.module = module
    self.isBang = isBang
    self.context = context
  }

  /// The launch parameter named `name`.
  func launchParameter(_ name: String) -> Value? { function.launchParameter(name) }

  func run(capacity: Int) {
    guard let blockDimX = launchParameter("block_dim_x") else { return }
    self.capacity = capacity
    tileCount = Int(function.attributes["max_threads"]?.intValue ?? 1024)
    used = onChipFootprint(of: function, in: module)?.totalBytes ?? 0
    let tiled = process(function.body, blockDimX: blockDimX)
    guard tiled > 0 else { return }
    function.body.operations.insert(contentsOf: entryOps, at: 0)
    function.attributes["level"] = .keyword("target")
    context.count("thread loops tiled", tiled)
  }

  /// Tiles the block and thread loops in `region` and below; returns the thread loops tiled.
  private func process(_ region: Region, blockDimX: Value) -> Int {
    var tiled = 0
    rewrite(region) { op in
      if op.opcode == .loop, op.attributes["block_loop"]?.boolValue == true {
        guard let ops = launchWide(op, blockDimX: blockDimX) else { return nil }
        tiled += process(op.regions[1], blockDimX: blockDimX)
        let rests = restBlockLoops
        restBlockLoops = []
        for rest in rests { tiled += process(rest.regions[1], blockDimX: blockDimX) }
        return ops
      }
      guard ElementwiseLoop.isThreadLoop(op) else { return nil }
      let ops = tileThreadLoop(op, blockDimX: blockDimX)
      if ops != nil { tiled += 1 }
      return ops
    }
    return tiled
  }

  /// The global pointers `plan` moves, each once, loads first.
  func movedPointers(_ plan: ElementwiseLoop) -> [Value] {
    var pointers: [Value] = []
    for pointer in plan.loaded + plan.stored where !pointers.contains(where: { $0 === pointer }) { pointers.append(pointer) }
    return pointers
  }

  /// The per-block tiled form of `loop`, or nil (with a kept-scalar remark) when it is not an
  /// elementwise loop or its tiles do not fit.
  private func tileThreadLoop(_ loop: Operation, blockDimX: Value) -> [Operation]? {
    guard let blockDimY = launchParameter("block_dim_y"), let blockDimZ = launchParameter("block_dim_z") else { return nil }
    let plan: ElementwiseLoop
    do {
      plan = try ElementwiseLoop(loop, blockDimX: blockDimX)
    } catch let failure as NotElementwise {
      context.report(.remark(.keptScalar, "kept scalar: \(failure.reason)", at: failure.location ?? loop.location))
      return nil
    } catch {
      return nil
    }
    let pointers = movedPointers(plan)
    if let tiles = launchTiles[ObjectIdentifier(loop)] {
      return replacement(for: plan, tiles: tiles, blockDims: (blockDimY, blockDimZ))
    }
    let sizes = StorageSize(module: module)
    let bytes = pointers.reduce(0) { sum, pointer in sum + (pointer.type.pointee.flatMap(sizes.bytes(of:)) ?? 0) * tileCount }
    guard used + bytes <= capacity else {
      context.report(
        .remark(.keptScalar, "kept scalar: its tiles need \(bytes) bytes, and only \(max(0, capacity - used)) of the on-chip memory are left", at: loop.location))
      return nil
    }
    used += bytes
    let names = { (values: [Value]) in values.map { $0.name ?? "?" }.joined(separator: ", ") }
    let shape: String
    switch plan.shape {
    case .guarded: shape = "one element per thread"
    case .gridStride: shape = "grid-stride"
    }
    let across = launchObstacles[ObjectIdentifier(loop)].map { "; one tile per block, not across the launch: \($0)" } ?? ""
    context.report(
      .remark(
        .fastPortApplied,
        "tiled (\(shape)): global data moves by DMA of whole tiles, in: \(plan.loaded.isEmpty ? "none" : names(plan.loaded)); out: \(plan.stored.isEmpty ? "none (the threads' on-chip slots)" : names(plan.stored))\(across)",
        at: plan.work.first?.location ?? loop.location))
    return replacement(for: plan, tiles: makeTiles(pointers, count: tileCount, location: loop.location), blockDims: (blockDimY, blockDimZ))
  }

  /// One on-chip tile of `count` elements per pointer, declared at the kernel's entry.
  func makeTiles(_ pointers: [Value], count: Int, location: Location) -> [ObjectIdentifier: Value] {
    var tiles: [ObjectIdentifier: Value] = [:]
    for pointer in pointers {
      guard let element = pointer.type.pointee else { continue }
      let tile = Operation(
        .buffer, resultTypes: [.pointer(space: .shared, pointee: .array(element: element, count: count))],
        resultNames: [(pointer.name ?? "global") + "_tile"], attributes: ["role": .string("tile")], location: location)
      entryOps.append(tile)
      tiles[ObjectIdentifier(pointer)] = tile.results[0]
    }
    return tiles
  }

  /// Replaces, in `region` and below, each op `replace` gives ops for.
  private func rewrite(_ region: Region, _ replace: (Operation) -> [Operation]?) {
    var index = 0
    while index < region.operations.count {
      let op = region.operations[index]
      if let ops = replace(op) {
        region.operations.replaceSubrange(index...index, with: ops)
        index += ops.count
        continue
      }
      for inner in op.regions { rewrite(inner, replace) }
      index += 1
    }
  }

  /// The versioned form of `plan`'s loop: tiled for one-dimensional blocks (and, for a
  /// grid-stride loop, a stride of at least a block), as it was otherwise.
  private func replacement(
    for plan: ElementwiseLoop, tiles: [ObjectIdentifier: Value], blockDims: (Value, Value)
  ) -> [Operation] {
    let location = plan.loop.location
    let outer = Builder(region: Region(), location: location)
    let plane = outer.value(.mul, [blockDims.0, blockDims.1], type: .u32)
    var usable = outer.value(.cmp, [plane, outer.constant(int: 1, .u32)], type: .bool, attributes: ["predicate": .keyword("eq")])
    let indexType = plan.start.type

    // The first index of thread 0.
    var cloner = Cloner(mapping: [plan.threadX: outer.constant(int: 0, plan.threadX.type)])
    for op in plan.startOps { outer.region.operations.append(cloner.clone(op)) }
    let start = cloner.mapping[plan.start] ?? plan.start
    let threads = indexType == .u32 ? plan.threads : outer.value(.cast, [plan.threads], type: indexType)

    let tiledRegion = Region()
    let build = Builder(region: tiledRegion, location: location)
    switch plan.shape {
    case .guarded:
      emitTile(plan, base: start, bound: plan.bound, limit: threads, tiles: tiles, build: build)
    case let .gridStride(variable, condition, step):
      // The stride, from the loop's own step applied once to the start: tiles of a block may
      // not overlap (stride >= threads), else the loop stays as it was.
      let probe = Operation(.alloca, resultTypes: [variable.type], resultNames: ["stride_probe"], location: location)
      entryOps.append(probe)
      outer.create(.store, [start, probe.results[0]])
      var stepper = Cloner(mapping: [variable: probe.results[0]])
      for op in step.operations { outer.region.operations.append(stepper.clone(op)) }
      let next = outer.value(.load, [probe.results[0]], type: indexType)
      let stride = outer.value(.sub, [next, start], type: indexType)
      let wide = outer.value(.cmp, [stride, threads], type: .bool, attributes: ["predicate": .keyword("ge")])
      usable = outer.value(.and, [usable, wide], type: .bool)
      // for (base = start; base < bound; base += stride): one tile of the block per step.
      let baseVariable = Operation(.alloca, resultTypes: [variable.type], resultNames: ["tile_base"], location: location)
      entryOps.append(baseVariable)
      build.create(.store, [start, baseVariable.results[0]])
      var mapping = Cloner(mapping: [variable: baseVariable.results[0]])
      let loopCondition = mapping.clone(condition)
      var stepMapping = Cloner(mapping: [variable: baseVariable.results[0]])
      let loopStep = stepMapping.clone(step)
      let body = Region()
      build.within(body) {
        let base = build.value(.load, [baseVariable.results[0]], type: indexType, name: "tile_start")
        emitTile(plan, base: base, bound: plan.bound, limit: threads, tiles: tiles, build: build)
      }
      build.create(.loop, attributes: ["tile_loop": .bool(true)], regions: [loopCondition, body, loopStep])
    }
    outer.create(.if, [usable], regions: [tiledRegion, Region(operations: [plan.loop])])
    return outer.region.operations
  }

  /// One tile at `base` of at most `limit` elements below `bound`: count, DMA in, the element
  /// loop, DMA out.
  func emitTile(
    _ plan: ElementwiseLoop, base: Value, bound: Value, limit: Value, tiles: [ObjectIdentifier: Value], build: Builder,
    hoisted: [Value: Value] = [:]
  ) {
    let location = build.location
    let indexType = base.type
    let has = build.value(.cmp, [base, bound], type: .bool, attributes: ["predicate": .keyword("lt")])
    let remaining = build.value(.sub, [bound, base], type: indexType)
    let positive = build.value(.select, [has, remaining, build.constant(int: 0, indexType)], type: indexType)
    let fewer = build.value(.cmp, [positive, limit], type: .bool, attributes: ["predicate": .keyword("lt")])
    let count = build.value(.select, [fewer, positive, limit], type: indexType, name: "count")
    let count32 = indexType == .i32 ? count : build.value(.cast, [count], type: .i32)
    let countU32 = indexType == .u32 ? count : build.value(.cast, [count], type: .u32)

    func transfer(_ pointer: Value, toChip: Bool) {
      guard let tile = tiles[ObjectIdentifier(pointer)], let element = pointer.type.pointee else { return }
      // At the source line of the pointer's first access, which the transfer stands for.
      build.location = plan.work.first { $0.opcode == .offset && $0.operands[0] === pointer }?.location ?? location
      defer { build.location = location }
      let global = build.value(.offset, [hoisted[pointer] ?? pointer, base], type: pointer.type)
      let size = StorageSize(module: module).bytes(of: element) ?? 1
      build.dma(global: global, tile: tile, count: count32, elementSize: size, toChip: toChip, isBang: isBang)
    }
    // Nothing to move or compute for a block past the bound (no zero-length DMA on the chip).
    let nonEmpty = Region()
    build.within(nonEmpty) {
      for pointer in plan.loaded { transfer(pointer, toChip: true) }
      if !isBang { build.create(.ascendPipeBarrier) }

      // The work, once per element of the tiles.
      let counter = Operation(.alloca, resultTypes: [.pointer(space: .local, pointee: .u32)], resultNames: ["element"], location: location)
      entryOps.append(counter)
      build.create(.store, [build.constant(int: 0, .u32), counter.results[0]])
      let condition = Region()
      build.within(condition) {
        let current = build.value(.load, [counter.results[0]], type: .u32)
        build.create(.condition, [build.value(.cmp, [current, countU32], type: .bool, attributes: ["predicate": .keyword("lt")])])
      }
      let body = Region()
      build.within(body) {
        let element = build.value(.load, [counter.results[0]], type: .u32, name: "e")
        // thread_x of the element is e (a one-dimensional block); its index is base + e.
        var work = Cloner(mapping: hoisted)
        work.mapping[plan.counterLoad] = element
        for op in plan.preludeUsedByWork where op.result !== plan.counterLoad { body.operations.append(work.clone(op)) }
        let offset = indexType == .u32 ? element : build.value(.cast, [element], type: indexType)
        let index = build.value(.add, [base, offset], type: indexType)
        for op in plan.work {
          if let result = op.result, plan.indexValues.contains(ObjectIdentifier(result)) {
            work.mapping[result] = index
          } else if op.opcode == .offset, let tile = tiles[ObjectIdentifier(op.operands[0])], let old = op.result {
            work.mapping[old] = build.value(.element, [tile, element], type: old.type.withSpace(.shared))
          } else {
            body.operations.append(work.clone(op))
          }
        }
      }
      let step = Region()
      build.within(step) {
        let current = build.value(.load, [counter.results[0]], type: .u32)
        build.create(.store, [build.value(.add, [current, build.constant(int: 1, .u32)], type: .u32), counter.results[0]])
      }
      build.create(.loop, attributes: ["element_loop": .bool(true)], regions: [condition, body, step])
      if !isBang { build.create(.ascendPipeBarrier) }
      for pointer in plan.stored { transfer(pointer, toChip: false) }
      if !isBang { build.create(.ascendPipeBarrier) }
    }
    build.create(.if, [has], regions: [nonEmpty, Region()])
  }
}

extension IRType {
  /// This pointer type in address space `space`.
  func withSpace(_ space: AddressSpace) -> IRType {
    if case let .pointer(_, pointee) = self { return .pointer(space: space, pointee: pointee) }
    return self
  }
}
