// vectorize-thread-loops: a thread loop whose only effect is one store of `a ⊕ b` to an on-chip
// buffer, both at indices `U + threadIdx.x + c` under guards on the index or threadIdx.x (a
// reduction tree's level: `if (tid < s) sdata[tid] += sdata[tid + s]`), becomes one vector
// instruction over the threads' range (docs/fast-ports.md):
//
//   range [low, high) of threadIdx.x from the guards; count = high − low
//   if (count > 0 ∧ the read windows equal or miss the written one ∧ every operand aligned)
//     bang.vector add &dst[Ud + cd + low], &a[Ua + ca + low], &b[Ub + cb + low], count
//   else
//     the thread loop as it was
//
// The vector form reads every operand before it writes, as the threads do when no thread reads
// an element another writes; a read window that overlaps the written one other than exactly
// (the same element for the same thread) would be a race in CUDA and keeps the loop. Operands
// must be 32-byte aligned on Ascend (UB) and 64-byte aligned on BANG (NRAM, the MLU2xx rule,
// kept on MLU3xx where it is unverified), checked per launch; short levels stay scalar.
// `ops` are add, sub, mul on f32 or f16 (div on Ascend), each operand an on-chip element at a
// thread-affine index or a value the same for every thread (ThreadLoopUniformity.swift).
//
// A thread loop whose work is a loop over a row by the block's stride (`for (c = threadIdx.x;
// c < B; c += blockDim.x)`) is an element loop over [0, B) instead: RowLoopVector.swift.

import KIR

/// Thread loops that store one arithmetic result per thread to on-chip memory become vector ops.
public struct VectorizeThreadLoops: Pass {
  public static let info = PassInfo(
    name: "vectorize-thread-loops", group: .lowering,
    summary: "Thread loops storing one arithmetic result of on-chip operands per thread, or per element of a row the threads stride over, become vector instructions.",
    options: [.targetChoice(ops: "vector")])

  let target: String

  public init(options: PassOptions) { target = options.choice("target") }

  public func run(on module: Module, context: PassContext) {
    guard target != "none" else { return }
    let isBang = target == "bang"
    let sizes = StorageSize(module: module)
    for function in module.loweredKernels {
      guard
        let blockDimX = function.launchParameter("block_dim_x")
      else { continue }
      let slots = UniformSlots(function: function)
      let maxThreads = Int(function.attributes["max_threads"]?.intValue ?? 1024)
      // Temporary tiles of row loops must fit beside what the kernel holds on chip already.
      let capacity = SimtToSpmd.capacities[target]?.bytes ?? 0
      var used = onChipFootprint(of: function, in: module)?.totalBytes ?? 0
      var temporaries: [Operation] = []
      var rewritten = 0
      rewrite(function.body) { loop, followsBarrier, precedesBarrier in
        var why = "its work has no vector form"
        // A staged loop's version for blocks whose indices wrap (StageExactness.swift) stays as it is.
        guard loop.attributes["fallback"]?.boolValue != true, let uniformity = ThreadLoopUniformity(loop: loop, slots: slots) else { return nil }
        if let ops = ThreadLoopVector(loop: loop, blockDimX: blockDimX, isBang: isBang, module: module, uniformity: uniformity, why: &why)?
          .lower(followsBarrier: followsBarrier, why: &why)
        {
          rewritten += 1
          context.report(.remark(.fastPortApplied, "vectorised across the block's threads: one vector instruction where the threads' ranges allow", at: loop.location))
          return ops
        }
        if loop.regions[1].operations.contains(where: { $0.opcode == .loop }) {
          var made: [Operation] = []
          if let ops = RowLoopVector(loop: loop, uniformity: uniformity, isBang: isBang, maxThreads: maxThreads, pool: temporaries)
            .lower(blockDimX: blockDimX, followsBarrier: followsBarrier, precedesBarrier: precedesBarrier, entry: &made, why: &why)
          {
            let bytes = made.filter { $0.opcode == .buffer }.reduce(0) { sum, op in sum + (op.results[0].type.pointee.flatMap(sizes.bytes(of:)) ?? 0) }
            if used + bytes <= capacity {
              used += bytes
              temporaries += made
              rewritten += 1
              var kinds: [String] = []
              for op in ops where op.opcode == .if {
                op.regions[0].walk { inner in
                  if [.bangVector, .ascendVector].contains(inner.opcode), let kind = inner.attributes["op"]?.keywordValue { kinds.append(kind) }
                }
              }
              context.report(.remark(.fastPortApplied, "vectorised across the block's row: \(kinds.joined(separator: ", "))", at: loop.location))
              return ops
            }
            why = "its temporary tiles need \(bytes) bytes, and only \(max(0, capacity - used)) of the on-chip memory are left"
          }
        }
        context.report(.remark(.keptScalar, "kept scalar across the block's threads: \(why)", at: loop.location))
        return nil
      }
      function.body.operations.insert(contentsOf: temporaries, at: 0)
      if rewritten > 0 {
        function.attributes["level"] = .keyword("target")
        context.count("thread loops vectorised", rewritten)
      }
    }
  }

  private func rewrite(_ region: Region, _ replace: (Operation, Bool, Bool) -> [Operation]?) {
    var index = 0
    while index < region.operations.count {
      let op = region.operations[index]
      let precedesBarrier = index + 1 < region.operations.count && region.operations[index + 1].opcode == .ascendPipeBarrier
      if ElementwiseLoop.isThreadLoop(op), let ops = replace(op, Self.followsBarrier(region.operations[..<index]), precedesBarrier) {
        region.operations.replaceSubrange(index...index, with: ops)
        index += ops.count
        continue
      }
      if !ElementwiseLoop.isThreadLoop(op) { op.regions.forEach { rewrite($0, replace) } }
      index += 1
    }
  }

  /// Whether `ops` end with an `ascend.pipe_barrier` followed by nothing another pipe could be
  /// waiting for: ops with no regions that reach no memory but locals (the thread counter).
  private static func followsBarrier(_ ops: ArraySlice<Operation>) -> Bool {
    for op in ops.reversed() {
      if op.opcode == .ascendPipeBarrier { return true }
      guard op.regions.isEmpty, op.isPure || ((op.opcode == .load || op.opcode == .store) && op.operands.last?.type.addressSpace == .local)
      else { return false }
    }
    return false
  }
}

/// One thread loop's vector form.
private struct ThreadLoopVector {
  let loop: Operation
  let blockDimX: Value
  let isBang: Bool
  let module: Module
  let threadX: Value
  let range: ThreadRange
  let store: Operation
  let arithmetic: Operation
  let inside: Set<ObjectIdentifier>
  let uniformity: ThreadLoopUniformity

  /// The loop's plan, or nil with `why` saying what keeps it scalar.
  init?(loop: Operation, blockDimX: Value, isBang: Bool, module: Module, uniformity: ThreadLoopUniformity, why: inout String) {
    self.loop = loop
    self.blockDimX = blockDimX
    self.isBang = isBang
    self.module = module
    let body = loop.regions[1].operations
    self.uniformity = uniformity
    guard let threadX = ElementwiseLoop.threadX(of: loop, blockDimX: blockDimX)
    else {
      why = "the loop's thread index is not threadIdx.x of a one-dimensional block"
      return nil
    }
    self.threadX = threadX
    inside = uniformity.inside
    // The body: pure ops and reads, then at most one `if` (no else) holding the work.
    var work = body
    var range = ThreadRange()
    let isUniformHere = { (value: Value) -> Bool in uniformity.isUniform(value) }
    if let last = body.last, last.opcode == .if {
      guard last.regions.count < 2 || last.regions[1].operations.allSatisfy({ $0.opcode == .yield && $0.operands.isEmpty }),
        last.results.isEmpty, range.narrow(by: last.operands[0], threadX: threadX, isOutside: isUniformHere), range.uniform.isEmpty,
        range.exclusions.isEmpty
      else {
        why = "its guard is not a range of threadIdx.x fixed for the block (or the `if` has an else)"
        return nil
      }
      work = Array(body.dropLast()) + last.regions[0].operations.filter { $0.opcode != .yield }
    }
    if let other = work.first(where: { !(($0.isPure && $0.regions.isEmpty) || $0.opcode == .load || $0.opcode == .store) }) {
      why =
        other.opcode == .loop || other.opcode == .doWhile
        ? "each thread's work holds a loop under its guard (`if (threadIdx.x == 0) { for ... }`), which is not vectorised"
        : "each thread's work holds '\(other.opcode.name)'; only loads, arithmetic and one store under a thread-index guard are vectorised"
      return nil
    }
    let stores = work.filter { $0.opcode == .store }
    guard stores.count == 1, let store = stores.first else {
      why = "each thread stores \(stores.count) values; one store per thread is vectorised"
      return nil
    }
    guard let arithmetic = store.operands[0].definingOp, [.add, .sub, .mul, .div].contains(arithmetic.opcode),
      arithmetic.results[0].type == .f32 || arithmetic.results[0].type == .f16
    else {
      why = "the stored value is not one add, sub, mul or div of f32 or f16"
      return nil
    }
    // Stores only to on-chip memory; the arithmetic's result is used by the store only.
    guard store.operands[1].type.addressSpace == .shared else {
      why = "the store is not to on-chip memory"
      return nil
    }
    guard body.allSatisfy({ !$0.operands.contains { $0 === arithmetic.results[0] } || $0 === store }),
      work.filter({ $0.operands.contains { $0 === arithmetic.results[0] } }).count == 1
    else {
      why = "the arithmetic's result is used by more than the store"
      return nil
    }
    self.store = store
    self.arithmetic = arithmetic
    self.range = range
  }

  /// An on-chip operand: `mem.element BUFFER, index` with a thread-affine index.
  private func element(_ address: Value) -> (buffer: Value, index: ThreadAffine)? {
    guard let op = address.definingOp, op.opcode == .element, !inside.contains(ObjectIdentifier(op.operands[0])),
      op.operands[0].type.addressSpace == .shared,
      let index = ThreadAffine.of(op.operands[1], threadX: threadX, isOutside: { uniformity.isUniform($0) })
    else { return nil }
    return (op.operands[0], index)
  }

  /// The versioned replacement of the loop, or nil when its work has no vector form.
  /// `followsBarrier`: a pipe barrier comes right before the loop (Ascend needs no other).
  func lower(followsBarrier: Bool, why: inout String) -> [Operation]? {
    let type = arithmetic.results[0].type
    guard let destination = element(store.operands[1]) else {
      why = "the store is not to an on-chip buffer at threadIdx.x plus an offset fixed for the block"
      return nil
    }
    // Operands: loads of on-chip elements, or uniform scalars.
    var tiles: [(buffer: Value, index: ThreadAffine)?] = []
    for operand in arithmetic.operands {
      if let load = operand.definingOp, load.opcode == .load, let source = element(load.operands[0]) {
        tiles.append(source)
      } else if uniformity.isUniform(operand) {
        tiles.append(nil)
      } else {
        why = "an operand is neither an on-chip element at threadIdx.x plus an offset fixed for the block nor the same for every thread"
        return nil
      }
    }
    guard tiles.contains(where: { $0 != nil }), let size = StorageSize(module: module).bytes(of: type) else {
      why = "no operand is an on-chip element"
      return nil
    }

    // The guard and the indices compute the range's 64-bit values where these checks hold.
    var exactness = AffineExactness(threadX: threadX, isOutside: { uniformity.isUniform($0) })
    let indices = ([store.operands[1]] + arithmetic.operands.compactMap { $0.definingOp?.opcode == .load ? $0.definingOp?.operands[0] : nil })
      .compactMap { $0.definingOp?.opcode == .element ? $0.definingOp?.operands[1] : nil }
    guard range.comparisons.allSatisfy({ exactness.condition($0) }), indices.allSatisfy({ exactness.index($0) }) else {
      why = "its guard or an index may wrap or truncate in its integer type in a way that cannot be checked"
      return nil
    }
    let build = Builder(region: Region(), location: loop.location)
    var hoister = uniformity.hoister(into: build)
    let (low, high) = hoister.bounds(of: range, blockDimX: blockDimX)
    let count = build.value(.sub, [high, low], type: .i64)
    var usable = build.compare(count, build.constant(int: 0, .i64), "gt")
    if let exact = AffineExactness.holdsForThreadX(exactness.checks, blockDimX: blockDimX, hoister: &hoister) {
      usable = build.value(.and, [usable, exact], type: .bool)
    }
    let alignment = Int64(isBang ? 64 : 32)
    // Each operand's first element, its start, and the check that it is aligned.
    func operand(_ tile: (buffer: Value, index: ThreadAffine)) -> (pointer: Value, start: Value) {
      let start = build.value(.add, [hoister.sum(tile.index.terms, minus: tile.index.minus, tile.index.constant), low], type: .i64)
      usable = build.value(.and, [usable, build.isAligned(start, elementSize: size, alignment: alignment)], type: .bool)
      let pointer = build.value(.element, [tile.buffer, build.value(.cast, [start], type: .i32)], type: .pointer(space: .shared, pointee: type))
      return (pointer, start)
    }
    let target = operand(destination)
    var pointers: [ObjectIdentifier: Value] = [:]  // an arithmetic operand -> its first element
    for (operandValue, tile) in zip(arithmetic.operands, tiles) {
      guard let tile else { continue }
      let source = operand(tile)
      pointers[ObjectIdentifier(operandValue)] = source.pointer
      // The read window [start, start + count) equals the written one or misses it.
      if tile.buffer === destination.buffer {
        let same = build.compare(source.start, target.start, "eq")
        let before = build.compare(build.value(.add, [source.start, count], type: .i64), target.start, "le")
        let after = build.compare(source.start, build.value(.add, [target.start, count], type: .i64), "ge")
        let apart = build.value(.or, [same, build.value(.or, [before, after], type: .bool)], type: .bool)
        usable = build.value(.and, [usable, apart], type: .bool)
      }
    }
    let vector = Region()
    let emitted = build.within(vector) { () -> Bool in
      let amount = build.value(.cast, [count], type: .i32)
      // The vector unit reads and writes after the scalar unit's (or DMA's) earlier accesses, and
      // the scalar unit reads what it wrote (targets.md B9).
      if !isBang, !followsBarrier { build.create(.ascendPipeBarrier) }
      guard
        VectorPlan.emit(
          arithmetic.opcode, target.pointer, arithmetic.operands[0], arithmetic.operands[1], amount, type: type, isBang: isBang,
          tile: { pointers[ObjectIdentifier($0)] }, scalar: { hoister.hoist($0) }, builder: build)
      else { return false }
      if !isBang { build.create(.ascendPipeBarrier) }
      return true
    }
    guard emitted else {
      why = "the target has no vector form of '\(arithmetic.opcode.name)' with these operands"
      return nil
    }
    build.create(.if, [usable], regions: [vector, Region(operations: [loop])])
    return build.region.operations
  }
}
