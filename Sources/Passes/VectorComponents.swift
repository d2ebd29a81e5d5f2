// The work of a loop over vector elements (`float4`, `half2` through reinterpret_cast) that is
// the same scalar work on every component: flatten-vector-elements' match and rewrite.
//
// The work loads vectors `x4[i]` of global arrays that are scalar arrays seen as vectors
// (`mem.pointer_cast` of `ptr<global, T>` to `ptr<global, vec<W x T>>`), takes their components
// (`agg.extract`), computes, and stores vectors `y4[i] = make(e₀, ..., e_{W−1})` (or a loaded
// vector whole). It is component-wise when every e_k is e₀ with component 0 of each loaded
// vector replaced by component k: the same ops, attributes and types, the same values from
// outside (fixed for the launch, so not depending on the element), and no use of the index i
// other than the addresses. Then component k of vector i is scalar element W·i + k of the same
// scalar work on element W·i + k, and the loop can run over the scalars.

import KIR

/// A component-wise vector work, and its scalar form.
struct VectorComponents {
  let width: Int
  private let work: [Operation]
  private let indexValues: Set<ObjectIdentifier>
  /// Work ops by their results.
  private var definitions: [ObjectIdentifier: Operation] = [:]
  /// The vector loads of the work.
  private var vectorLoads: Set<ObjectIdentifier> = []
  /// Work values that depend on a loaded vector.
  private var dependent: Set<ObjectIdentifier> = []

  /// Matches `work` (ElementwiseLoop's, with vector elements); nil unless it is component-wise.
  /// `fixed` tells whether a value from outside the work is fixed for the launch.
  init?(work: [Operation], indexValues: Set<ObjectIdentifier>, fixed: (Value) -> Bool) {
    self.work = work
    self.indexValues = indexValues
    var width: Int?
    for op in work where op.opcode == .offset {
      guard case let .vector(_, count)? = op.operands[0].type.pointee, Self.scalarBase(of: op.operands[0]) != nil, width == nil || width == count
      else { return nil }
      width = count
    }
    guard let width, width >= 2 else { return nil }
    self.width = width
    for op in work {
      op.results.forEach { definitions[ObjectIdentifier($0)] = op }
      if op.opcode == .load, let result = op.result, result.type.pointee == nil, case .vector = result.type {
        vectorLoads.insert(ObjectIdentifier(result))
        dependent.insert(ObjectIdentifier(result))
      } else if op.operands.contains(where: { dependent.contains(ObjectIdentifier($0)) }) {
        op.results.forEach { dependent.insert(ObjectIdentifier($0)) }
      }
    }
    for op in work {
      if op.results.first.map({ indexValues.contains(ObjectIdentifier($0)) }) == true { continue }
      // The index only addresses elements; values from outside are fixed for the launch.
      for (position, operand) in op.operands.enumerated() {
        if indexValues.contains(ObjectIdentifier(operand)), !(op.opcode == .offset && position == 1) { return nil }
        if definitions[ObjectIdentifier(operand)] == nil, !indexValues.contains(ObjectIdentifier(operand)), !fixed(operand) { return nil }
      }
      // Loaded vectors are only taken apart or stored whole; other vectors only built to store.
      for (position, operand) in op.operands.enumerated() where vectorLoads.contains(ObjectIdentifier(operand)) {
        guard (op.opcode == .extract && position == 0) || (op.opcode == .store && position == 0) else { return nil }
      }
      if case .vector? = op.result?.type, op.opcode != .load, op.opcode != .make { return nil }
      if op.opcode == .store {
        guard let components = components(of: op.operands[0]) else { return nil }
        var proven: Set<Pair> = []
        for k in 1..<width where !same(components[k], components[0], k: k, proven: &proven) { return nil }
      }
    }
  }

  /// The scalar array a vector array is a view of: `mem.pointer_cast` of `ptr<global, T>` to
  /// `ptr<global, vec<W x T>>`.
  static func scalarBase(of pointer: Value) -> Value? {
    guard let cast = pointer.definingOp, cast.opcode == .pointerCast, case let .vector(element, _)? = pointer.type.pointee,
      let base = cast.operands.first, base.type.pointee == element, base.type.addressSpace == pointer.type.addressSpace
    else { return nil }
    return base
  }

  /// The work on one scalar element: each vector address becomes its scalar array's at the same
  /// index (which the loop now counts in scalars), each vector load a scalar load, each store
  /// the store of component 0's value.
  func scalarWork() -> [Operation] {
    var ops: [Operation] = []
    var mapping: [ObjectIdentifier: Value] = [:]
    let build = Builder(region: Region())
    func materialize(_ value: Value) -> Value {
      let value = resolve(value)
      if let known = mapping[ObjectIdentifier(value)] { return known }
      guard let op = definitions[ObjectIdentifier(value)] else { return value }
      // Component 0 of a loaded vector (the match admits no other in component 0's value).
      if op.opcode == .extract, op.attributes["index"]?.intValue == 0, let loaded = mapping[ObjectIdentifier(op.operands[0])] { return loaded }
      var cloner = Cloner()
      for operand in op.operands { cloner.mapping[operand] = materialize(operand) }
      let copy = cloner.clone(op)
      ops.append(copy)
      mapping[ObjectIdentifier(value)] = copy.results[0]
      return copy.results[0]
    }
    for op in work {
      build.location = op.location
      switch op.opcode {
      case .load where op.results.first.map({ indexValues.contains(ObjectIdentifier($0)) }) == true:
        ops.append(op)
      case .offset:
        guard let base = Self.scalarBase(of: op.operands[0]), let result = op.result else { continue }
        let offset = Operation(.offset, operands: [base, op.operands[1]], resultTypes: [base.type], resultNames: [result.name], location: op.location)
        ops.append(offset)
        mapping[ObjectIdentifier(result)] = offset.results[0]
      case .load:
        guard let address = mapping[ObjectIdentifier(op.operands[0])], let element = address.type.pointee, let result = op.result else { continue }
        let load = Operation(.load, operands: [address], resultTypes: [element], resultNames: [result.name], location: op.location)
        ops.append(load)
        mapping[ObjectIdentifier(result)] = load.results[0]
      case .store:
        guard let address = mapping[ObjectIdentifier(op.operands[1])], let components = components(of: op.operands[0]) else { continue }
        let value = materialize(components[0])
        ops.append(Operation(.store, operands: [value, address], attributes: op.attributes, location: op.location))
      default:
        continue
      }
    }
    return ops
  }

  private struct Pair: Hashable {
    let a: ObjectIdentifier
    let b: ObjectIdentifier
  }

  /// The components of a stored vector: a built vector's operands, or a loaded vector's
  /// components (component k as itself, taken apart by `same` and `scalarWork`).
  private func components(of vector: Value) -> [Value]? {
    if vectorLoads.contains(ObjectIdentifier(vector)) {
      return (0..<width).map { _ in vector }
    }
    guard let make = vector.definingOp, make.opcode == .make, make.operands.count == width else { return nil }
    return make.operands
  }

  /// `extract(make(s₀, ...), j)` as s_j, through nested makes.
  private func resolve(_ value: Value) -> Value {
    var value = value
    while let op = value.definingOp, op.opcode == .extract, let make = op.operands[0].definingOp, make.opcode == .make,
      let index = op.attributes["index"]?.intValue, index >= 0, Int(index) < make.operands.count
    {
      value = make.operands[Int(index)]
    }
    return value
  }

  /// Whether `a` (in component k's value) is `b` (in component 0's) with each loaded vector's
  /// component 0 taken as component k.
  private func same(_ a: Value, _ b: Value, k: Int, proven: inout Set<Pair>) -> Bool {
    let (a, b) = (resolve(a), resolve(b))
    // A loaded vector stored whole: component k of it against component 0.
    if a === b, vectorLoads.contains(ObjectIdentifier(a)) { return true }
    if a === b { return !dependent.contains(ObjectIdentifier(a)) }
    let pair = Pair(a: ObjectIdentifier(a), b: ObjectIdentifier(b))
    if proven.contains(pair) { return true }
    guard let left = definitions[ObjectIdentifier(a)], let right = definitions[ObjectIdentifier(b)], left.opcode == right.opcode,
      left.isPure, left.regions.isEmpty, right.regions.isEmpty, left.operands.count == right.operands.count,
      left.results.map(\.type) == right.results.map(\.type)
    else { return false }
    if left.opcode == .extract {
      return left.operands[0] === right.operands[0] && vectorLoads.contains(ObjectIdentifier(left.operands[0]))
        && left.attributes["index"]?.intValue == Int64(k) && right.attributes["index"]?.intValue == 0
    }
    guard left.opcode != .make, left.opcode != .offset, left.attributes == right.attributes else { return false }
    for (x, y) in zip(left.operands, right.operands) where !same(x, y, k: k, proven: &proven) { return false }
    proven.insert(pair)
    return true
  }
}
