// The lowering of a matched warp shuffle tree (WarpButterfly) by fold-warp-butterflies: the
// tree once per group of lanes (xor: stored to every lane; down: to the first lane, or every
// lane's exact value where the others are read after), under a guard that falls back to the loop
// as it was.

import KIR

extension WarpButterfly {
  /// How a fold stores its result.
  enum Form: Equatable {
    /// xor: the group's sum to every lane of the group.
    case broadcast
    /// down: the group's sum to its first lane alone (StaleLanes proved the others unread).
    case firstLane
    /// down: every lane's own value, level by level in place over a segment of `width` lanes.
    case everyLane(width: Int)
  }

  /// The lanes one iteration of the fold covers: the group, or the segment.
  func span(_ form: Form) -> Int {
    if case let .everyLane(width) = form { return width }
    return group
  }

  /// The replacement: the fold per span under `threads % span == 0` (first lane: and a
  /// one-dimensional block, for which the stale-lane proof evaluated its conditions), else `loop`.
  ///
  /// Under per-thread flags, the fold of a span runs where its first lane's flag is set, and the
  /// guard adds that the flags agree within every span (a group whose lanes differ, legal for a
  /// shuffle down whose active lanes read only active ones, runs the loop as it was); the flag
  /// that records it is a new local, returned with the ops for the kernel's entry.
  func lower(_ loop: Operation, form: Form, blockDimX: Value?) -> (ops: [Operation], locals: [Operation]) {
    let build = Builder(region: Region(), location: loop.location)
    let threadType = counter.type.pointee ?? .u32
    let size = build.constant(int: Int64(span(form)), threadType)
    var usable = build.compare(build.value(.rem, [threads, size], type: threadType), build.constant(int: 0, threadType), "eq")
    if form == .firstLane, let blockDimX {
      usable = build.value(.and, [usable, build.compare(blockDimX, threads, "eq")], type: .bool)
    }
    var locals: [Operation] = []
    if let active {
      let agree = Operation(.alloca, resultTypes: [.pointer(space: .local, pointee: .bool)], resultNames: ["groups_agree"], location: loop.location)
      locals.append(agree)
      checkGroupsAgree(active, into: agree.results[0], build, threadType: threadType, size: size)
      usable = build.value(.and, [usable, build.value(.load, [agree.results[0]], type: .bool)], type: .bool)
    }
    let folded = Region()
    let make = Builder(region: folded, location: loop.location)
    make.create(.store, [make.constant(int: 0, threadType), counter])
    let condition = Region()
    let header = Builder(region: condition, location: loop.location)
    header.create(.condition, [header.compare(header.value(.load, [counter], type: threadType), threads, "lt")])
    let body = Region()
    let inner = Builder(region: body, location: loop.location)
    let base = inner.value(.load, [counter], type: threadType)
    if let active {
      // if (ACTIVE[base]) { the fold }
      let tree = Region()
      let flag = inner.value(.load, [inner.value(.element, [active, base], type: .pointer(space: .local, pointee: .bool))], type: .bool)
      inner.create(.if, [flag], regions: [tree, Region()])
      inner.region = tree
    }
    let type = values.type.pointee?.elementType ?? .f32
    func slot(_ array: Value, _ offset: Int) -> Value {
      let at = offset == 0 ? base : inner.value(.add, [base, inner.constant(int: Int64(offset), threadType)], type: threadType)
      return inner.value(.element, [array, at], type: .pointer(space: .local, pointee: type))
    }
    func add(_ own: Value, _ partner: Value, into target: Value) {
      let sum = inner.value(.add, [inner.value(.load, [own], type: type), inner.value(.load, [partner], type: type)], type: type)
      inner.create(.store, [sum, target])
    }
    let masks = Array(sequence(first: first, next: { $0 > 1 ? $0 / 2 : nil }))
    switch form {
    case .broadcast, .firstLane:
      // The halving tree in the lanes array, then its root to the group's lanes.
      var source = values
      for m in masks {
        for j in 0..<m { add(slot(source, j), slot(source, j + m), into: slot(lanes, j)) }
        source = lanes
      }
      let sum = inner.value(.load, [slot(lanes, 0)], type: type)
      for j in 0..<(form == .broadcast ? group : 1) { inner.create(.store, [sum, slot(values, j)]) }
    case let .everyLane(width):
      // Per level, `for (j = 0; j < W; j++) V[base + j] += V[base + (j + m < W ? j + m : j)]`:
      // in place in increasing j, lane j + m is read before it is written. The copy loop's
      // counter is j.
      for m in masks {
        inner.create(.store, [inner.constant(int: 0, threadType), copyCounter])
        let laneCondition = Region()
        let laneHeader = Builder(region: laneCondition, location: loop.location)
        let limit = laneHeader.constant(int: Int64(width), threadType)
        laneHeader.create(.condition, [laneHeader.compare(laneHeader.value(.load, [copyCounter], type: threadType), limit, "lt")])
        let laneBody = Region()
        let lane = Builder(region: laneBody, location: loop.location)
        let j = lane.value(.load, [copyCounter], type: threadType)
        let inRange = lane.compare(j, lane.constant(int: Int64(width - m), threadType), "lt")
        let source = lane.value(.select, [inRange, lane.value(.add, [j, lane.constant(int: Int64(m), threadType)], type: threadType), j], type: threadType)
        func address(_ offset: Value) -> Value {
          lane.value(.element, [values, lane.value(.add, [base, offset], type: threadType)], type: .pointer(space: .local, pointee: type))
        }
        let own = address(j)
        let sum = lane.value(.add, [lane.value(.load, [own], type: type), lane.value(.load, [address(source)], type: type)], type: type)
        lane.create(.store, [sum, own])
        let laneStep = Region()
        let advance = Builder(region: laneStep, location: loop.location)
        advance.create(.store, [advance.value(.add, [advance.value(.load, [copyCounter], type: threadType), advance.constant(int: 1, threadType)], type: threadType), copyCounter])
        inner.create(.loop, regions: [laneCondition, laneBody, laneStep])
      }
    }
    let step = Region()
    let next = Builder(region: step, location: loop.location)
    next.create(.store, [next.value(.add, [next.value(.load, [counter], type: threadType), size], type: threadType), counter])
    make.create(.loop, regions: [condition, body, step])
    // The mask ends at 0, as the loop leaves it.
    make.create(.store, [make.constant(int: 0, maskVariable.type.pointee ?? .i32), maskVariable])
    build.create(.if, [usable], regions: [folded, Region(operations: [loop])])
    return (build.region.operations, locals)
  }

  /// `AGREE = true; for (t = 0; t < threads; t++) if (ACTIVE[t] != ACTIVE[t - t % span]) AGREE = false`.
  private func checkGroupsAgree(_ active: Value, into agree: Value, _ build: Builder, threadType: IRType, size: Value) {
    let location = build.location
    build.create(.store, [build.constant(int: 1, .bool), agree])
    build.create(.store, [build.constant(int: 0, threadType), copyCounter])
    let condition = Region()
    let header = Builder(region: condition, location: location)
    header.create(.condition, [header.compare(header.value(.load, [copyCounter], type: threadType), threads, "lt")])
    let body = Region()
    let inner = Builder(region: body, location: location)
    let thread = inner.value(.load, [copyCounter], type: threadType)
    let leader = inner.value(.sub, [thread, inner.value(.rem, [thread, size], type: threadType)], type: threadType)
    func flag(_ at: Value) -> Value {
      inner.value(.load, [inner.value(.element, [active, at], type: .pointer(space: .local, pointee: .bool))], type: .bool)
    }
    let differs = inner.compare(flag(thread), flag(leader), "ne")
    let clear = Region()
    let clearing = Builder(region: clear, location: location)
    clearing.create(.store, [clearing.constant(int: 0, .bool), agree])
    inner.create(.if, [differs], regions: [clear, Region()])
    let step = Region()
    let next = Builder(region: step, location: location)
    next.create(.store, [next.value(.add, [next.value(.load, [copyCounter], type: threadType), next.constant(int: 1, threadType)], type: threadType), copyCounter])
    build.create(.loop, regions: [condition, body, step])
  }
}
