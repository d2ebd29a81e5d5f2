// flatten-vector-elements: a grid-stride loop over vector elements (`float4`, `half2` through
// reinterpret_cast of scalar arrays) whose work is the same scalar work on every component
// (VectorComponents) runs over the scalars, so that tile-global-access can tile it:
//
//   for (i = blockIdx.x * blockDim.x + threadIdx.x; i < n4; i += blockDim.x * gridDim.x)
//     y4[i] = make_float4(a * x4[i].x + y4[i].x, ..., a * x4[i].w + y4[i].w);
//   →  for (i = blockIdx.x * blockDim.x + threadIdx.x; i < 4 * n4; i += blockDim.x * gridDim.x)
//        y[i] = a * x[i] + y[i];
//
// The threads of a launch start at [0, G), G = grid_dim_x × block_dim_x, and stride by G, so
// together they visit [0, n4) as vectors and [0, 4 · n4) as scalars, each element as many times
// (once per thread with the same x index); which thread computes an element changes, what it
// computes does not: the work depends on nothing per block or thread but the element (the
// values it takes from outside are fixed for the launch). The stride being G is known only at
// run time, and the scalar indices must not overflow the index type where the vector ones do
// not (W · n4 + G ≤ max), so the block loop is versioned:
//
//   if (stride == G && stride >= 1 && W · bound + stride <= max) { flattened } else { as it was }

import KIR

/// Grid-stride loops over vector elements run over the scalars.
public struct FlattenVectorElements: Pass {
  public static let info = PassInfo(
    name: "flatten-vector-elements", group: .lowering,
    summary: "A grid-stride loop over float4 / half2 elements of scalar arrays, the same work on every component, runs over the scalars (where the launch's indices allow; as it was otherwise).",
    options: [])

  public init(options: PassOptions) {}

  public func run(on module: Module, context: PassContext) {
    for function in module.loweredKernels where function.declaredLevel == .spmd {
      guard let blockDimX = function.launchParameter("block_dim_x"), let gridX = function.launchParameter("grid_dim_x") else { continue }
      var probes: [Operation] = []
      var flattened = 0
      rewriteOps(in: function.body, where: { $0.opcode == .loop && $0.attributes["block_loop"]?.boolValue == true }) { blockLoop, _ in
        var flattening = BlockFlattening(blockLoop: blockLoop, blockDimX: blockDimX, gridX: gridX, context: context)
        guard let ops = flattening.run() else { return nil }
        probes += flattening.probes
        flattened += flattening.count
        return ops
      }
      function.body.operations.insert(contentsOf: probes, at: 0)
      if flattened > 0 { context.count("vector loops flattened", flattened) }
    }
  }
}

/// The flattening of the vector loops of one block loop.
private struct BlockFlattening {
  let blockLoop: Operation
  let blockDimX: Value
  let gridX: Value
  let context: PassContext
  /// Locals the guard uses, for the kernel's entry.
  var probes: [Operation] = []
  var count = 0

  init(blockLoop: Operation, blockDimX: Value, gridX: Value, context: PassContext) {
    self.blockLoop = blockLoop
    self.blockDimX = blockDimX
    self.gridX = gridX
    self.context = context
  }

  private struct Candidate {
    let plan: ElementwiseLoop
    let components: VectorComponents
    let variable: Value
    let condition: Region
    let step: Region
    let body: Region
  }

  /// The guard and the two versions of the block loop, or nil when no loop flattens.
  mutating func run() -> [Operation]? {
    let invariants = KernelTiler.launchInvariants(blockLoop)
    let inside = Set(ElementwiseLoop.definedValues(in: blockLoop).map(ObjectIdentifier.init))
    let hoistable = Set(invariants.flatMap(\.results).map(ObjectIdentifier.init))
    func fixed(_ value: Value) -> Bool { !inside.contains(ObjectIdentifier(value)) || hoistable.contains(ObjectIdentifier(value)) }

    var candidates: [Candidate] = []
    for loop in blockLoop.regions[1].operations where ElementwiseLoop.isThreadLoop(loop) {
      guard let (head, position) = ElementwiseLoop.leadingGridStride(of: loop),
        let plan = try? ElementwiseLoop(head, blockDimX: blockDimX, vectorElements: true),
        case let .gridStride(variable, condition, step) = plan.shape,
        plan.work.contains(where: { $0.opcode == .offset && VectorComponents.scalarBase(of: $0.operands[0]) != nil })
      else { continue }
      let location = plan.work.first?.location ?? loop.location
      func keep(_ reason: String) { context.report(.remark(.keptScalar, "kept as vectors: \(reason)", at: location)) }
      guard plan.start.type == .i32 || plan.start.type == .u32 else { keep("the index is neither int nor unsigned int"); continue }
      guard plan.startsAtGridIndex(in: blockLoop, gridX: gridX, blockDimX: blockDimX) else {
        keep("the index does not start at blockIdx.x * blockDim.x + threadIdx.x")
        continue
      }
      guard fixed(plan.bound), ElementwiseLoop.freeValues(of: [condition, step], except: variable).allSatisfy(fixed) else {
        keep("the loop's bound or stride is computed per block or per thread")
        continue
      }
      guard let components = VectorComponents(work: plan.work, indexValues: plan.indexValues, fixed: fixed) else {
        keep("the work is not the same scalar work on every component of its vectors, or depends on its block, thread or index")
        continue
      }
      candidates.append(
        Candidate(plan: plan, components: components, variable: variable, condition: condition, step: step, body: loop.regions[1].operations[position].regions[1]))
    }
    guard !candidates.isEmpty else { return nil }

    // The block loop as it was, for launches the flattened loops do not serve.
    var cloner = Cloner()
    let original = cloner.clone(blockLoop)
    let build = Builder(region: Region(), location: blockLoop.location)
    var hoist = Cloner()
    for op in invariants { build.region.operations.append(hoist.clone(op)) }
    var usable: Value?
    for candidate in candidates {
      let fits = guardValue(candidate, hoisted: hoist, build: build)
      usable = usable.map { build.value(.and, [$0, fits], type: .bool) } ?? fits
      flatten(candidate)
    }
    guard let usable else { return nil }
    build.create(.if, [usable], regions: [Region(operations: [blockLoop]), Region(operations: [original])])
    return build.region.operations
  }

  /// `stride == G ∧ stride ≥ 1 ∧ W · bound + stride ≤ max`, in i64.
  private mutating func guardValue(_ candidate: Candidate, hoisted: Cloner, build: Builder) -> Value {
    let plan = candidate.plan
    let indexType = plan.start.type
    let probe = Operation(.alloca, resultTypes: [candidate.variable.type], resultNames: ["stride_probe"], location: build.location)
    probes.append(probe)
    build.create(.store, [build.constant(int: 0, indexType), probe.results[0]])
    var stepper = hoisted
    stepper.mapping[candidate.variable] = probe.results[0]
    for op in candidate.step.operations { build.region.operations.append(stepper.clone(op)) }
    let stride = build.value(.cast, [build.value(.load, [probe.results[0]], type: indexType)], type: .i64)
    let bound = build.value(.cast, [hoisted.mapping[plan.bound] ?? plan.bound], type: .i64)
    let threads = build.value(.mul, [build.value(.cast, [gridX], type: .i64), build.value(.cast, [blockDimX], type: .i64)], type: .i64)
    let width = build.constant(int: Int64(candidate.components.width), .i64)
    let maximum = build.constant(int: indexType == .i32 ? Int64(Int32.max) : Int64(UInt32.max), .i64)
    let last = build.value(.add, [build.value(.mul, [width, bound], type: .i64), stride], type: .i64)
    let launchStride = build.value(.and, [build.compare(stride, threads, "eq"), build.compare(stride, build.constant(int: 1, .i64), "ge")], type: .bool)
    return build.value(.and, [launchStride, build.compare(last, maximum, "le")], type: .bool)
  }

  /// Rewrites the candidate's loop in place: bound W · bound, the scalar work.
  private mutating func flatten(_ candidate: Candidate) {
    let plan = candidate.plan
    let width = candidate.components.width
    let body = blockLoop.regions[1]
    let position = body.operations.firstIndex(where: { $0.results.contains { $0 === plan.bound } }).map { $0 + 1 } ?? 0
    let build = Builder(region: Region(), location: plan.loop.location)
    let scaled = build.value(.mul, [plan.bound, build.constant(int: Int64(width), plan.bound.type)], type: plan.bound.type, name: "scalars")
    body.operations.insert(contentsOf: build.region.operations, at: position)
    candidate.condition.operations[1].operands[1] = scaled
    candidate.body.operations = candidate.components.scalarWork()
    count += 1
    let arrays = plan.loaded + plan.stored.filter { stored in !plan.loaded.contains { $0 === stored } }
    let names = arrays.map { VectorComponents.scalarBase(of: $0)?.name ?? $0.name ?? "?" }.joined(separator: ", ")
    context.report(
      .remark(
        .fastPortApplied,
        "flattened: the loop over vectors of \(width) elements of \(names) runs over their elements, the same work on each (as it was where the stride is not the launch's thread count or the indices would overflow)",
        at: plan.work.first?.location ?? plan.loop.location))
  }
}
