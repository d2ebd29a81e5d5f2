// Finishing the thread loops of `simt-to-spmd`, once barrier fission has made all of them:
// each loop gets its header (the linear thread index and threadIdx.x/y/z), its predicate, and
// the values it uses from earlier loops.
//
// A value defined in an earlier thread loop is recomputed when it is a short chain of pure ops
// over thread indices and block-level values (cheap, and the emitted code reads naturally);
// otherwise the earlier loop saves it into a per-thread array and this loop reloads it. A local
// variable used by more than one thread loop becomes a per-thread array; one used by a single
// loop stays a scalar local.

import KIR

/// Finishes the segments of one kernel.
struct ThreadLoopFinisher {
  let fission: BarrierFission
  /// Locals that are not uniform (one storage per thread where they span loops).
  let varyingLocals: [Operation]
  let maxThreads: Int
  /// Per-thread arrays that replace locals used by several loops, and the arrays of saved values.
  private(set) var newLocals: [Operation] = []
  /// Locals replaced by per-thread arrays (to be dropped from the entry).
  private(set) var replacedLocals: Set<ObjectIdentifier> = []
  private var savedArrays: [Value: Value] = [:]
  private var perThreadLocals: [Value: Value] = [:]
  /// Header values of every loop: 0 the linear index, 1...3 threadIdx.x, y, z. A loop that
  /// uses another loop's header value uses its own instead.
  private var headerRoles: [Value: Int] = [:]
  /// The loop that defines each value: barrier fission's top-level results, then the values a
  /// loop's prologue recomputes or reloads.
  private var definedIn: [Value: Int]

  init(fission: BarrierFission, varyingLocals: [Operation], maxThreads: Int) {
    self.fission = fission
    self.varyingLocals = varyingLocals
    self.maxThreads = maxThreads
    self.definedIn = fission.segmentOf
  }

  mutating func finish() {
    let segments = fission.segments
    // A loop uses a local when it uses its address or an address derived from it by pure ops
    // (an element or field computed once and reused after a barrier).
    var loopsUsing: [Value: Set<Int>] = [:]
    var repeating: Set<Value> = []
    for segment in segments {
      segment.inner.walk { op in
        for operand in op.operands {
          for root in localRoots(of: operand) {
            loopsUsing[root, default: []].insert(segment.index)
            if segment.repeats { repeating.insert(root) }
          }
        }
      }
    }
    for local in varyingLocals {
      // One storage serves all threads only when a single loop that runs once per block uses the
      // local: there every thread writes it before reading it, or reads garbage in CUDA too.
      guard let pointer = local.result, (loopsUsing[pointer]?.count ?? 0) > 1 || repeating.contains(pointer),
        let pointee = pointer.type.pointee
      else { continue }
      let array = Operation(
        .alloca, resultTypes: [.pointer(space: .local, pointee: .array(element: pointee, count: maxThreads))],
        resultNames: [pointer.name], location: local.location)
      newLocals.append(array)
      replacedLocals.insert(ObjectIdentifier(local))
      perThreadLocals[pointer] = array.results[0]
    }
    for segment in segments {
      for (role, value) in headerValues(of: segment).enumerated() { headerRoles[value] = role }
    }
    for segment in segments { finish(segment) }
  }

  /// The locals `value` is the address of, or derived from by pure ops.
  private func localRoots(of value: Value) -> [Value] {
    var roots: [Value] = []
    var seen: Set<Value> = []
    func visit(_ value: Value, depth: Int) {
      guard depth < 16, seen.insert(value).inserted else { return }
      guard let op = value.definingOp else { return }
      if op.opcode == .alloca {
        roots.append(value)
      } else if op.isPure && op.regions.isEmpty {
        op.operands.forEach { visit($0, depth: depth + 1) }
      }
    }
    visit(value, depth: 0)
    return roots
  }

  private func headerValues(of segment: ThreadSegment) -> [Value] {
    [segment.thread, segment.threadX, segment.threadY, segment.threadZ]
  }

  private mutating func finish(_ segment: ThreadSegment) {
    let builder = Builder(region: Region(), location: segment.inner.operations.first?.location ?? .unknown)
    var mapping: [Value: Value] = [:]
    // Locals kept per thread.
    var used: [Value] = []
    var seen: Set<Value> = []
    segment.inner.walk { op in
      for operand in op.operands where seen.insert(operand).inserted { used.append(operand) }
    }
    for value in used {
      if let role = headerRoles[value] {
        mapping[value] = headerValues(of: segment)[role]
      } else if let array = perThreadLocals[value] {
        mapping[value] = builder.value(.element, [array, segment.thread], type: value.type)
      } else if let origin = definedIn[value], origin != segment.index {
        mapping[value] = transfer(value, from: origin, into: segment, builder: builder, mapping: &mapping)
      }
    }
    replaceUses(mapping, in: segment.inner)
    for op in builder.region.operations {
      for result in op.results { definedIn[result] = segment.index }
    }
    segment.inner.operations.insert(contentsOf: builder.region.operations, at: 0)
    replaceThreadIndices(in: segment.inner, segment: segment)
    segment.loopBody.operations = segment.header
    if let predicate = segment.predicate {
      let guardBuilder = Builder(region: segment.loopBody, location: builder.location)
      let flag = guardBuilder.value(
        .load,
        [guardBuilder.value(.element, [predicate, segment.thread], type: .pointer(space: .local, pointee: .bool))],
        type: .bool)
      guardBuilder.create(.if, [flag], regions: [segment.inner, Region()])
    } else {
      segment.loopBody.operations.append(contentsOf: segment.inner.operations)
    }
  }

  /// The value standing for `value` (defined by thread loop `origin`) in `segment`.
  private mutating func transfer(
    _ value: Value, from origin: Int, into segment: ThreadSegment, builder: Builder,
    mapping: inout [Value: Value]
  ) -> Value {
    if let known = mapping[value] { return known }
    if let op = value.definingOp, isRecomputable(op, depth: 0) {
      return recompute(op, value: value, segment: segment, builder: builder, mapping: &mapping)
    }
    let array: Value
    if let existing = savedArrays[value] {
      array = existing
    } else {
      let local = Operation(
        .alloca, resultTypes: [.pointer(space: .local, pointee: .array(element: value.type, count: maxThreads))],
        resultNames: [(value.name ?? "value") + "_saved"], location: value.definingOp?.location ?? builder.location)
      newLocals.append(local)
      array = local.results[0]
      savedArrays[value] = array
      if !save(value, into: array, in: fission.segments[origin]) { lostValues.append(value) }
    }
    let slot = builder.value(.element, [array, segment.thread], type: .pointer(space: .local, pointee: value.type))
    let reloaded = builder.value(.load, [slot], type: value.type, name: value.name)
    mapping[value] = reloaded
    return reloaded
  }

  /// Stores `value` into its per-thread array right after its definition in `segment` (which
  /// is finished: its ops are in the loop body, or in the predicate's `if` there).
  private func save(_ value: Value, into array: Value, in segment: ThreadSegment) -> Bool {
    let region = segment.predicate == nil ? segment.loopBody : segment.inner
    guard let op = value.definingOp,
      let index = region.operations.firstIndex(where: { $0 === op })
    else { return false }
    let builder = Builder(region: Region(), location: op.location)
    let slot = builder.value(.element, [array, segment.thread], type: .pointer(space: .local, pointee: value.type))
    builder.create(.store, [value, slot])
    region.operations.insert(contentsOf: builder.region.operations, at: index + 1)
    return true
  }

  /// Whether `op` is a short chain of pure ops over thread indices and block-level values.
  private func isRecomputable(_ op: Operation, depth: Int) -> Bool {
    guard depth < 8, op.regions.isEmpty, op.isPure || isThreadIndex(op) else { return false }
    return op.operands.allSatisfy { operand in
      guard definedIn[operand] != nil, headerRoles[operand] == nil else { return true }
      guard let inner = operand.definingOp else { return false }
      return isRecomputable(inner, depth: depth + 1)
    }
  }

  private func isThreadIndex(_ op: Operation) -> Bool {
    op.opcode == .threadId || fission.threadIndexPlaceholders[ObjectIdentifier(op)] != nil
  }

  private mutating func recompute(
    _ op: Operation, value: Value, segment: ThreadSegment, builder: Builder,
    mapping: inout [Value: Value]
  ) -> Value {
    for operand in op.operands where mapping[operand] == nil {
      if let role = headerRoles[operand] {
        mapping[operand] = headerValues(of: segment)[role]
      } else if let array = perThreadLocals[operand] {
        mapping[operand] = builder.value(.element, [array, segment.thread], type: operand.type)
      } else if definedIn[operand] != nil, let inner = operand.definingOp {
        mapping[operand] = recompute(inner, value: operand, segment: segment, builder: builder, mapping: &mapping)
      }
    }
    var cloner = Cloner(mapping: mapping)
    let copy = cloner.clone(op)
    copy.location = op.location
    builder.region.operations.append(copy)
    for (old, new) in zip(op.results, copy.results) { mapping[old] = new }
    if isThreadIndex(op) { recomputedThreadIndices[ObjectIdentifier(copy)] = copy }
    return mapping[value] ?? value
  }

  /// Copies of thread-index ops made by `recompute`, replaced like the originals (held, so that
  /// their identities stay unique).
  private var recomputedThreadIndices: [ObjectIdentifier: Operation] = [:]
  /// Thread-index ops taken out of the loops, held so that values defined by them keep their
  /// defining op (`Value.definingOp` is weak) and later loops can recompute them.
  private var retired: [Operation] = []
  /// Values an earlier loop had to save but whose definition it no longer holds (an internal
  /// error the pass reports).
  private(set) var lostValues: [Value] = []

  /// Replaces `cuda.thread_id` and the linear-index placeholders by the loop's header values.
  private mutating func replaceThreadIndices(in region: Region, segment: ThreadSegment) {
    var replacements: [Value: Value] = [:]
    var removed: [Operation] = []
    func strip(_ region: Region) {
      region.operations.removeAll { op in
        guard let result = op.result else { return false }
        if op.opcode == .threadId {
          switch op.attributes["dim"]?.keywordValue {
          case "y": replacements[result] = segment.threadY
          case "z": replacements[result] = segment.threadZ
          default: replacements[result] = segment.threadX
          }
          removed.append(op)
          return true
        }
        let id = ObjectIdentifier(op)
        if fission.threadIndexPlaceholders[id] != nil || recomputedThreadIndices[id] != nil {
          replacements[result] = segment.thread
          removed.append(op)
          return true
        }
        return false
      }
      for op in region.operations { op.regions.forEach(strip) }
    }
    strip(region)
    retired += removed
    replaceUses(replacements, in: region)
  }
}
