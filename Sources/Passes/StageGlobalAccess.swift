// stage-global-access: the global arrays a thread loop reads (or writes) at thread-affine
// indices (ThreadAffine.swift) move by DMA per block (per row of a 2-D block, ThreadRows.swift,
// or by one strided DMA over the rows of each plane, RowStrides.swift; one window per block
// offset, StageGroups.swift) through an on-chip buffer, and the threads reach them there
// (docs/fast-ports.md). Kernels tile-global-access cannot tile whole
// (reductions, stencils, anything with shared memory or barriers) still pay one slow scalar
// off-chip access per element; on the chips a scalar on-chip access is far cheaper.
//
// For each global pointer P of a thread loop whose every access is `P[U + thread_x + c]` (U the
// same for each access of P, fixed for the block), under guards that are conjunctions of
// comparisons of such indices (or of thread_x) with block-uniform values (or, on an else branch,
// the negation of one comparison or of a disjunction of them), the threads that reach
// an access are a range [low, high) of thread_x, and the elements they touch are the window
// [U + c + low, U + c + high). Before the thread loop:
//   start = the lowest start of the non-empty windows; end = the highest end
//   DMA P[start, end) into the buffer   (every element between two that CUDA reads lies in the
//                                        same allocation, so the hull is safe to read)
// and each access becomes `buffer[index − start]`. Written arrays (one store, no loads of P in
// the loop, every load of the loop before it) go the other way: the threads store into the
// buffer, and one DMA after the loop writes the window back, which the threads wrote whole.
// P may not be both read and written in the loop. Ascend C gets `ascend.pipe_barrier` around the
// DMA. The buffer holds max_threads + (highest c − lowest c) elements; a block's window is never
// longer, since block_dim_x ≤ max_threads. A window strided over the rows of a plane gets twice
// max_threads when the memory is there (RowStrides.swift checks the fit at run time).
//
// Before (reduce_shared, abridged):
//   scf.loop {thread_loop} do { %tx = ...; %i = U + %tx
//     scf.if (%i < %n) { %v = mem.load (mem.offset %in, %i) ... } }
// After:
//   %start = ...; %count = ...
//   scf.if (%count > 0) { bang.memcpy GDRAM2NRAM %in_stage, (mem.offset %in, %start), %count × 4 }
//   scf.loop {thread_loop} do { ... scf.if (%i < %n) { %v = mem.load (mem.element %in_stage, %i − %start) } }

import KIR

/// Global accesses of thread loops go through per-block on-chip buffers filled by DMA.
public struct StageGlobalAccess: Pass {
  public static let info = PassInfo(
    name: "stage-global-access", group: .lowering,
    summary: "Global arrays a thread loop reads or writes at thread-affine indices move by DMA per block (for 2-D and 3-D blocks: one strided DMA over a plane's rows, else one per row) through on-chip buffers.",
    options: [
      .targetChoice(ops: "DMA")
    ])

  let target: String

  public init(options: PassOptions) { target = options.choice("target") }

  public func run(on module: Module, context: PassContext) {
    guard target != "none" else { return }
    for function in module.loweredKernels {
      let stager = GlobalStager(function: function, module: module, isBang: target == "bang", context: context)
      stager.run(capacity: SimtToSpmd.capacities[target]?.bytes ?? 0)
    }
  }
}

/// The staging of one kernel's thread loops.
final class GlobalStager {
  let function: Function
  let module: Module
  let isBang: Bool
  let context: PassContext
  var entryOps: [Operation] = []
  private var used = 0
  private var capacity = 0
  private var staged = 0
  /// The kernel's stage buffers, for later thread loops to reuse.
  private var pool: [Operation] = []

  init(function: Function, module: Module, isBang: Bool, context: PassContext) {
    self.function = function
    self.module = module
    self.isBang = isBang
    self.context = context
  }

  func run(capacity: Int) {
    guard
      let blockDimX = function.launchParameter("block_dim_x")
    else { return }
    self.capacity = capacity
    used = onChipFootprint(of: function, in: module)?.totalBytes ?? 0
    stage(in: function.body, blockDimX: blockDimX)
    // The scalar unit's reads of what DMA filled, and its stores to global memory, before the
    // next DMA (this pass's and tile-global-access's).
    if !isBang { PipeBarrierDebt.pay(in: function.body) }
    guard staged > 0 else { return }
    function.body.operations.insert(contentsOf: entryOps, at: 0)
    function.attributes["level"] = .keyword("target")
    context.count("global arrays staged", staged)
  }

  /// Stages the thread loops in `region` and below.
  private func stage(in region: Region, blockDimX: Value) {
    var index = 0
    while index < region.operations.count {
      let op = region.operations[index]
      if ElementwiseLoop.isThreadLoop(op), let rows = ThreadRows(loop: op, blockDimX: blockDimX) {
        // The threads index by their row: stage each row's windows, or keep the loop as it was.
        let row = function.launchParameter("block_dim_y").map { (rows.row, $0) }
        if let staged = stage(loop: rows.inner, blockDimX: blockDimX, isRow: true, row: row) {
          entryOps.append(rows.rowVariable)
          let ops = versionedRows(staged, rows: rows, original: op)
          region.operations.replaceSubrange(index...index, with: ops)
          index += ops.count
        } else {
          index += 1
        }
        continue
      }
      if ElementwiseLoop.isThreadLoop(op), let staged = stage(loop: op, blockDimX: blockDimX) {
        let ops = versioned(staged)
        region.operations.replaceSubrange(index...index, with: ops)
        index += ops.count
        continue
      }
      if !ElementwiseLoop.isThreadLoop(op) {
        for inner in op.regions { stage(in: inner, blockDimX: blockDimX) }
      }
      index += 1
    }
  }

  /// One access to a global array in a thread loop.
  struct Access {
    let offset: Operation
    let index: ThreadAffine?
    /// The threads that reach it; nil when a guard is not understood (else branches, loops).
    var range: ThreadRange?
    /// The loop striding by the block it is in, whose variable its index uses.
    let strided: BlockStrideLoop?
    /// Run-time conditions under which the IR computes the index and the guards as the window
    /// arithmetic does (AffineExactness): over thread_x in [0, block_dim_x), and over the strided
    /// loop's variable in [start, bound).
    var threadChecks: [AffineExactness.Check] = []
    var variableChecks: [AffineExactness.Check] = []
    /// The index or a guard takes a step no check covers.
    var inexact = false
    /// The index is the same for every thread: a window of one element.
    var isUniform = false
    /// The region of its first load or store.
    var useRegion: Region?
    /// A value computed before the loop for its window may trap (a division by a value that may
    /// be 0) where the thread's code would not have computed it.
    var hoistsTrap = false
    var loads = 0
    var stores = 0
    var other = false
    /// Uses as the base of another offset (`x = in + row * cols`): pointer arithmetic, no access.
    var bases = 0
  }

  /// `loop` with the DMA before and after it and the checks of its accesses' exactness
  /// (StageExactness.swift), or nil when it stages no array.
  /// `row`: the row loop's row and block_dim_y, for the strided form (RowStrides.swift).
  func stage(loop: Operation, blockDimX: Value, isRow: Bool = false, row: (Value, Value)? = nil) -> StagedLoop? {
    let body = loop.regions[1]
    guard let threadX = ElementwiseLoop.threadX(of: loop, blockDimX: blockDimX) else { return nil }
    let inside = Set(ElementwiseLoop.definedValues(in: loop).map(ObjectIdentifier.init))
    let isOutside = { (value: Value) in !inside.contains(ObjectIdentifier(value)) }

    // Every global access, with its index and the threads that reach it; then their uses.
    var accesses: [ObjectIdentifier: Access] = [:]
    var order: [ObjectIdentifier] = []
    var memoryOrder: [(isStore: Bool, pointer: Value)] = []
    var pairs: [PairedStore] = []
    func visit(_ region: Region, range: ThreadRange?, strided: BlockStrideLoop? = nil) {
      for (position, op) in region.operations.enumerated() {
        if op.opcode == .offset, op.operands[0].type.addressSpace == .global,
          ThreadRange.isUniform(op.operands[0], isOutside: isOutside),
          op.operands[0].type.pointee?.isScalar == true, let result = op.result
        {
          var index =
            strided.map { loop in ThreadAffine.of(op.operands[1], isThread: loop.isIndex, isOutside: isOutside) }
            ?? ThreadAffine.of(op.operands[1], threadX: threadX, isOutside: isOutside)
          // An index the same for every thread (`b[blockIdx.x - 1]`): one element, outside
          // loops striding by the block (which may run no iteration).
          var isUniform = false
          if index == nil, strided == nil, let (affine, count) = ThreadAffine.decomposition(op.operands[1], isThread: { $0 === threadX }, isOutside: isOutside),
            count == 0
          {
            (index, isUniform) = (affine, true)
          }
          var access = Access(offset: op, index: index, range: range, strided: strided)
          access.isUniform = isUniform
          accesses[ObjectIdentifier(result)] = access
          order.append(ObjectIdentifier(result))
        }
        for (position, operand) in op.operands.enumerated() {
          guard var access = accesses[ObjectIdentifier(operand)] else { continue }
          // The threads that access it are those reaching its loads and stores (an address
          // computed before an `if` and used in it: the `if`'s), all in one region.
          if op.opcode == .load || (op.opcode == .store && position == 1) {
            if let first = access.useRegion {
              if first !== region { access.range = nil }
            } else {
              access.useRegion = region
              access.range = range
            }
          }
          if op.opcode == .load {
            access.loads += 1
            memoryOrder.append((false, access.offset.operands[0]))
          } else if op.opcode == .store && position == 1 {
            access.stores += 1
            memoryOrder.append((true, access.offset.operands[0]))
          } else if op.opcode == .offset && position == 0 {
            access.bases += 1
          } else {
            access.other = true
          }
          accesses[ObjectIdentifier(operand)] = access
        }
        switch op.opcode {
        case .if where strided != nil:
          // Inside a strided loop only block-uniform conditions keep the window whole.
          for inner in op.regions { visit(inner, range: nil, strided: strided) }
        case .loop where strided == nil && range.map({ $0.lows.isEmpty && $0.highs.isEmpty }) == true:
          // Every thread runs it: a loop striding by the block visits one range.
          let loop = BlockStrideLoop(op, at: position, in: region, threadX: threadX, blockDimX: blockDimX, isOutside: isOutside)
          visit(op.regions[0], range: nil)
          visit(op.regions[1], range: loop == nil ? nil : range, strided: loop)
          visit(op.regions[2], range: nil)
        case .if:
          var narrowed = range
          if narrowed?.narrow(by: op.operands[0], threadX: threadX, isOutside: isOutside) == false { narrowed = nil }
          visit(op.regions[0], range: narrowed)
          let thenEnd = memoryOrder.count
          if op.regions.count > 1 {
            var otherwise = range
            if otherwise?.narrow(by: op.operands[0], negated: true, threadX: threadX, isOutside: isOutside) == false { otherwise = nil }
            visit(op.regions[1], range: otherwise)
          }
          // Each thread reaching the `if` stores P[i] once, on one branch or the other: one store
          // over the `if`'s threads.
          for pair in PairedStore.find(in: op) {
            for key in [pair.then, pair.otherwise] { accesses[key]?.range = range }
            pairs.append(PairedStore(then: pair.then, otherwise: pair.otherwise, thenEnd: thenEnd))
          }
        default:
          // A nested loop runs its accesses any number of times: not a window of threads.
          let nested = op.opcode == .loop || op.opcode == .doWhile
          for inner in op.regions { visit(inner, range: nested ? nil : range, strided: strided) }
        }
      }
    }
    visit(body, range: ThreadRange())
    // What every thread computes, before any condition.
    let unconditional = Set(body.operations.flatMap(\.results).map(ObjectIdentifier.init))
    for key in order {
      guard var access = accesses[key] else { continue }
      checkExactness(of: &access, threadX: threadX, blockDimX: blockDimX, isOutside: isOutside)
      access.hoistsTrap = Self.hoistsTrap(access, unconditional: unconditional, isOutside: isOutside)
      accesses[key] = access
    }

    // Group by pointer, in order of first access.
    var pointers: [Value] = []
    var byPointer: [ObjectIdentifier: [Access]] = [:]
    for key in order {
      // Pointer arithmetic on a row's base is no access of the array.
      guard let access = accesses[key], access.loads + access.stores > 0 || access.other || access.bases == 0 else { continue }
      let pointer = access.offset.operands[0]
      if byPointer[ObjectIdentifier(pointer)] == nil { pointers.append(pointer) }
      byPointer[ObjectIdentifier(pointer), default: []].append(access)
    }
    let location = loop.location
    let before = Builder(region: Region(), location: location)
    var hoister = Hoister(build: before, inside: inside)
    let after = Builder(region: Region(), location: location)
    var stagedHere = 0
    var taken: [Operation] = []
    var replacements: [(Operation, Value, Value, Value?)] = []  // offset op, buffer, window start, fits
    var stagedAccesses: [Access] = []
    let frame = row.map { RowFrame(row: $0.0, blockDimY: $0.1, inside: inside) }
    for pointer in pointers {
      let all = byPointer[ObjectIdentifier(pointer)] ?? []
      let name = pointer.name ?? "a global array"
      let at = all.first?.offset.location ?? location
      guard let groups = stageGroups(all, pointer: pointer, name: name, at: at, memoryOrder: memoryOrder, pairs: pairs, body: body) else { continue }
      guard let element = pointer.type.pointee, let size = StorageSize(module: module).bytes(of: element), size > 0 else { continue }
      let isStore = all.contains { $0.stores > 0 }
      // Read, then written at the same element by the same thread (`data[i] += x`): in and out.
      let isReadWrite = isStore && all.contains { $0.loads > 0 }
      var moved = 0
      var stridedGroups = 0
      for group in groups {
        let constants = group.compactMap(\.index).map(\.constant)
        guard let low = constants.min(), let high = constants.max() else { continue }
        let isStrided = group.contains { $0.strided != nil }
        let threads = Int(function.attributes["max_threads"]?.intValue ?? 1024)
        var needed = threads + Int(high - low)
        // The strided form holds a plane's rows: twice the threads hold those of blocks at least
        // 8 threads wide (Ascend pads each row to 32 bytes); a plane that does not fit at run time
        // moves by row. When that much memory is not left, the per-row size.
        if frame != nil, !isStrided, used + (2 * threads + Int(high - low)) * size <= capacity {
          needed = 2 * threads + Int(high - low)
        }
        // Block-uniform loads only: one element per distinct offset.
        if group.allSatisfy(\.isUniform) { needed = 1 + Int(high - low) }
        let buffer: Operation
        // A buffer of an earlier thread loop is free again: each lives only through its loop.
        if let free = pool.first(where: { old in
          guard case let .array(oldElement, oldCount?)? = old.results[0].type.pointee else { return false }
          return oldElement == element && oldCount >= needed && !taken.contains { $0 === old }
        }) {
          buffer = free
        } else {
          var count = needed
          if isStrided {
            // A strided loop's window has no size known here: the largest power of two of
            // elements in half the memory left; a block whose window is longer uses global memory.
            var elements = 1
            while elements * 2 * size <= (capacity - used) / 2, elements * 2 <= KernelTiler.launchTileLimit { elements *= 2 }
            count = max(count, elements)
          }
          guard used + count * size <= capacity else {
            context.report(
              .remark(.keptScalar, "kept scalar: '\(name)': its on-chip buffer needs \(count * size) bytes, and only \(max(0, capacity - used)) are left", at: group.first?.offset.location ?? at))
            continue
          }
          used += count * size
          buffer = Operation(
            .buffer, resultTypes: [.pointer(space: .shared, pointee: .array(element: element, count: count))],
            resultNames: [name + "_stage"], attributes: ["role": .string("stage")], location: location)
          entryOps.append(buffer)
          pool.append(buffer)
        }
        taken.append(buffer)
        guard case let .array(_, count?)? = buffer.results[0].type.pointee else { continue }
        // The strided form over the rows of a plane, when its conditions are proven: the bias the
        // accesses subtract and the length of a row's own DMA (0 when the plane's DMA moved it).
        var rowStrided: (bias: Value, length: Value)?
        if let frame, !isStrided, !isReadWrite, !group.contains(where: \.isUniform) {
          rowStrided = stridedRows(
            group, frame: frame, pointer: hoister.hoist(pointer), buffer: buffer.results[0], capacity: count, size: size,
            isStore: isStore, before: before, after: after, blockDimX: blockDimX, hoister: &hoister)
        }
        var (start, length) = rowStrided ?? window(of: group, blockDimX: blockDimX, hoister: &hoister)
        if rowStrided != nil { stridedGroups += 1 }
        // A pointer computed in the loop from block-uniform values is computed before it too.
        let base = hoister.hoist(pointer)
        var fits: Value?
        if isStrided {
          let fit = before.value(.cmp, [length, before.constant(int: Int64(count), .i64)], type: .bool, name: name + "_fits", attributes: ["predicate": .keyword("le")])
          length = before.value(.select, [fit, length, before.constant(int: 0, .i64)], type: .i64)
          fits = fit
        }
        // The DMA carries the first access's location: a fault in it (an access past the end of
        // the array in CUDA) names the source line.
        let accessLocation = group.first?.offset.location ?? location
        if !isStore || isReadWrite {
          transfer(base, buffer: buffer.results[0], start: start, length: length, size: size, toChip: true, build: before, at: accessLocation)
        }
        if isStore {
          transfer(base, buffer: buffer.results[0], start: start, length: length, size: size, toChip: false, build: after, at: accessLocation)
        }
        for access in group { replacements.append((access.offset, buffer.results[0], start, fits)) }
        stagedAccesses += group
        moved += 1
      }
      guard moved > 0 else { continue }
      stagedHere += 1
      let dmas = moved == 1 ? "one DMA" : "\(moved) DMAs (one per block offset)"
      var per = isRow ? "per row of the block" : "per block"
      if stridedGroups == moved {
        per = "per block (per plane of a 3-D block), strided over its rows"
      } else if stridedGroups > 0 {
        per = "per row of the block, \(stridedGroups) of them per block (per plane of a 3-D block) strided over its rows"
      }
      context.report(
        .remark(
          .fastPortApplied,
          isReadWrite
            ? "staged: '\(name)' moves by \(dmas) \(per) into an on-chip buffer, the threads update it there, and it is written back"
            : "staged: '\(name)' \(isStore ? "is written back from" : "moves by \(dmas) \(per) into") an on-chip buffer \(isStore ? "by \(dmas) \(per)" : "and the threads read it there")",
          at: at))
    }
    guard stagedHere > 0 else { return nil }
    staged += stagedHere
    // The loop as it was, for blocks whose indices are not exact (a row loop's caller has it).
    let exactness = exactness(of: stagedAccesses, blockDimX: blockDimX, inside: inside, location: location)
    var cloner = Cloner()
    let original = exactness != nil && !isRow ? cloner.clone(loop) : nil
    for (offset, buffer, start, fits) in replacements {
      if let fits {
        redirectWhenFitting(offset, to: buffer, start: start, fits: fits, in: body)
      } else {
        redirect(offset, to: buffer, start: start, in: body)
      }
    }
    // The scalar unit reads what DMA in brought.
    if !isBang, before.region.operations.contains(where: { $0.opcode == .if }) { before.create(.ascendPipeBarrier) }
    if !isBang, !after.region.operations.isEmpty {
      // DMA out waits for the scalar unit's stores, and everything after the loop for DMA out
      // when one ran (a row of a plane moved whole by its last row does not): the next block's
      // stores and DMA in overwrite what it read, and the GM it wrote may be read again. (A loop
      // with no DMA out owes the barrier after its scalar reads: PipeBarrierDebt.)
      after.region.operations.insert(Operation(.ascendPipeBarrier, location: location), at: 0)
      let transfers = after.region.operations.filter { op in
        var moves = false
        if op.opcode == .if { op.regions.forEach { $0.walk { if $0.opcode == .ascendDataCopy { moves = true } } } }
        return moves
      }.map { $0.operands[0] }
      if let first = transfers.first {
        let moved = transfers.dropFirst().reduce(first) { after.value(.or, [$0, $1], type: .bool) }
        let done = Region()
        after.within(done) { _ = after.create(.ascendPipeBarrier) }
        after.create(.if, [moved], regions: [done, Region()])
      } else {
        after.create(.ascendPipeBarrier)
      }
    }
    return StagedLoop(ops: before.region.operations + [loop] + after.region.operations, original: original, exactness: exactness)
  }

  /// The hull of the accesses' windows as (start, length) in i64, computed by `hoister`.
  func window(of group: [Access], blockDimX: Value, hoister: inout Hoister) -> (Value, Value) {
    let build = hoister.build
    let zero = build.constant(int: 0, .i64)
    var hull = WindowHull()
    for access in group {
      guard let index = access.index, let range = access.range else { continue }
      let base = hoister.sum(index.terms, minus: index.minus, index.constant)
      let first: Value
      let last: Value
      if let loop = access.strided {
        // The loop's variable runs over [start, bound) across the block's threads.
        first = build.value(.add, [base, hoister.sum(loop.start.terms, minus: loop.start.minus, loop.start.constant)], type: .i64)
        last = build.value(.add, [base, hoister.wide(loop.bound)], type: .i64)
      } else if access.isUniform {
        // One element, read when some thread reaches the access.
        let (low, high) = hoister.bounds(of: range, blockDimX: blockDimX)
        first = build.value(.select, [build.compare(low, high, "lt"), base, build.value(.add, [base, build.constant(int: 1, .i64)], type: .i64)], type: .i64)
        last = build.value(.add, [base, build.constant(int: 1, .i64)], type: .i64)
      } else {
        let (low, high) = hoister.bounds(of: range, blockDimX: blockDimX)
        first = build.value(.add, [base, low], type: .i64)
        last = build.value(.add, [base, high], type: .i64)
      }
      var nonEmpty = build.compare(first, last, "lt")
      // A block-uniform condition on the way decides whether the block touches the array.
      for (condition, negated) in range.uniform {
        var holds = hoister.hoist(condition)
        if negated { holds = build.value(.not, [holds], type: .bool) }
        nonEmpty = build.value(.and, [nonEmpty, holds], type: .bool)
      }
      hull.widen(first: first, last: last, nonEmpty: nonEmpty, build)
    }
    return hull.window(zero: zero, build)
  }

  /// `if (length > 0)`: the DMA of the window between `pointer` and `buffer`.
  private func transfer(_ pointer: Value, buffer: Value, start: Value, length: Value, size: Int, toChip: Bool, build: Builder, at: Location) {
    let outer = build.location
    build.location = at
    defer { build.location = outer }
    let has = build.compare(length, build.constant(int: 0, .i64), "gt")
    let moves = Region()
    build.within(moves) {
      let global = build.value(.offset, [pointer, start], type: pointer.type)
      let count = build.value(.cast, [length], type: .i32)
      build.dma(global: global, tile: buffer, count: count, elementSize: size, toChip: toChip, isBang: isBang)
    }
    build.create(.if, [has], regions: [moves, Region()])
  }

  /// The buffer's element for the access `offset` (P + index): index − start.
  func stagedElement(_ offset: Operation, buffer: Value, start: Value, build: Builder) -> Value {
    let index = offset.operands[1]
    let wide = index.type == .i64 ? index : build.value(.cast, [index], type: .i64)
    let local = build.value(.cast, [build.value(.sub, [wide, start], type: .i64)], type: .i32)
    let type = offset.results.first?.type.withSpace(.shared) ?? .pointer(space: .shared, pointee: .f32)
    return build.value(.element, [buffer, local], type: type)
  }

  /// Replaces `offset` (P + index) in `region` by the buffer's element index − start.
  private func redirect(_ offset: Operation, to buffer: Value, start: Value, in region: Region) {
    guard let old = offset.result else { return }
    func replace(in region: Region) -> Bool {
      guard let position = region.operations.firstIndex(where: { $0 === offset }) else {
        return region.operations.contains { op in op.regions.contains(where: replace) }
      }
      let build = Builder(region: Region(), location: offset.location)
      let element = stagedElement(offset, buffer: buffer, start: start, build: build)
      region.operations.replaceSubrange(position...position, with: build.region.operations)
      replaceUses([old: element], in: region)
      return true
    }
    _ = replace(in: region)
  }
}
