// The strided form of stage-global-access over the rows of a 2-D or 3-D block: one DMA moves a
// window of every row of a plane (the rows of one threadIdx.z; a 2-D block is one plane), laid
// out row after row in the on-chip buffer, instead of one DMA per row.
//
// It applies to a group of accesses (one block offset, StageGroups.swift) of a row loop
// (ThreadRows.swift) when, with ty = row % block_dim_y (threadIdx.y) and everything else of the
// row fixed for the plane (threadIdx.z = row / block_dim_y, values outside the row loop):
//   - the group's block offset is affine in ty: U(ty) = U0 + ty × S, U0 and S fixed for the
//     plane (`y * nx + ...` with y = blockIdx.y * blockDim.y + ty: S = nx), so each row's window
//     starts at U0 + K + ty × S with K and the length L the same in every row (its accesses'
//     thread ranges do not depend on ty);
//   - its accesses are under the same block-uniform conditions, each a conjunction of
//     comparisons that, as ty ± (a value fixed for the plane) ⋈ 0, bound ty, or conditions fixed
//     for the plane: the rows that take part are [lo, hi), which `!=` guards narrow at its ends
//     (a read: a row excluded in the middle is read and not used, the hull of rows CUDA reads
//     lies in one allocation; a write takes no `!=` guard on ty, its rows are exact).
// Then, per plane (computed in each row, the same in every row of the plane):
//   pitch = L (MLU), or L rounded up to 32 bytes (Ascend: DataCopyPad pads each block in UB)
//   fits  = (hi − lo) × pitch ≤ the buffer's elements ∧ S ≥ L (the rows do not overlap)
//   reads:  at ty = 0, if fits: one strided DMA of hi − lo segments of L elements, from
//           P + U0 + lo × S + K every S elements, into the buffer every pitch elements
//   writes: at ty = block_dim_y − 1, if fits: the same DMA the other way
//   and each access P[i] of row ty reads buffer[i − bias], bias = U0 + lo × S + K + (ty − lo) × (S − pitch).
// A plane that does not fit moves by one DMA per row, as before (bias = the row's window start).
// Anything not proven keeps the per-row DMA.

import KIR

/// The row of a row loop, for the strided form.
struct RowFrame {
  /// The row loop's row (u32), read before the inner thread loop.
  let row: Value
  let blockDimY: Value
  /// Values the inner thread loop defines.
  let inside: Set<ObjectIdentifier>

  /// Whether `op` computes threadIdx.y (`rem %row, %block_dim_y`).
  func isThreadY(_ op: Operation) -> Bool {
    op.opcode == .rem && op.operands[0] === row && op.operands[1] === blockDimY
  }

  /// Whether `value` changes between the rows of a plane: it is the row or threadIdx.y, or is
  /// computed from them (threadIdx.z, `row / block_dim_y`, does not change).
  func varies(_ value: Value) -> Bool {
    var memo: [ObjectIdentifier: Bool] = [:]
    func visit(_ value: Value) -> Bool {
      if value === row { return true }
      guard let op = value.definingOp else { return false }
      if isThreadY(op) { return true }
      if op.opcode == .div && op.operands[0] === row && op.operands[1] === blockDimY { return false }
      if let known = memo[ObjectIdentifier(value)] { return known }
      // A value defined before the row loop never reaches the row; memoised, so shared operands
      // are visited once.
      let result = op.operands.contains { visit($0) }
      memo[ObjectIdentifier(value)] = result
      return result
    }
    return visit(value)
  }
}

/// `offset + ty × stride` in i64, built before the inner loop; `strideConstant` when the stride is
/// a known constant.
struct RowLinear {
  var offset: Value
  var stride: Value
  var strideConstant: Int64?
  /// Whether the value is never negative: its parts are threadIdx.y, the row, unsigned values
  /// and non-negative constants, through additions and multiplications.
  var isNonNegative: Bool
}

/// The plane-level values of one group's strided form, built in the row loop before the inner loop.
struct RowStridePlan {
  /// The first row of the plane that takes part, and how many do.
  let first: Value
  let rows: Value
  /// The window of the first row: its start index in P and its length.
  let start: Value
  let length: Value
  /// Elements from one row's window to the next in P, and in the buffer.
  let stride: Value
  let pitch: Value
  /// Whether the plane's rows fit the buffer (else: one DMA per row).
  let fits: Value
}

/// Builds the strided form's analysis and values; nil when the form does not apply.
struct RowStrider {
  let frame: RowFrame
  let blockDimX: Value
  var hoister: Hoister
  var build: Builder { hoister.build }
  /// Run-time conditions under which the IR's unsigned and narrowing steps of the row offsets
  /// and conditions compute the i64 values `linear` gives them (AffineExactness.swift): each
  /// such step's value in its type's range at ty = 0 and ty = block_dim_y − 1.
  private var exact: [Value] = []

  init(frame: RowFrame, blockDimX: Value, location: Location) {
    self.frame = frame
    self.blockDimX = blockDimX
    hoister = Hoister(build: Builder(region: Region(), location: location), inside: frame.inside)
  }

  /// The plan for `group` (accesses of one block offset) with a buffer of `capacity` elements of
  /// `size` bytes, or nil. Its ops are in `build.region`, to go before the inner loop.
  mutating func plan(
    _ group: [GlobalStager.Access], isStore: Bool, capacity: Int, size: Int, isBang: Bool
  ) -> RowStridePlan? {
    guard let index = group.first?.index, group.allSatisfy({ $0.index != nil && $0.range != nil && $0.strided == nil }) else { return nil }
    // The same block-uniform conditions for every access: the same rows.
    struct Condition: Hashable {
      let value: ObjectIdentifier
      let negated: Bool
    }
    func key(_ list: [(value: Value, negated: Bool)]) -> Set<Condition> {
      Set(list.map { Condition(value: ObjectIdentifier($0.value), negated: $0.negated) })
    }
    let conditions = group.first?.range?.uniform ?? []
    guard group.allSatisfy({ key($0.range?.uniform ?? []) == key(conditions) }) else { return nil }
    // Thread ranges the same in every row.
    for access in group {
      guard let range = access.range else { return nil }
      let bounds = range.lows + range.highs + range.exclusions
      if bounds.contains(where: { bound in (bound.plus + bound.minus).contains { frame.varies($0) } }) { return nil }
    }
    // U = Σ terms − Σ minus, affine in ty.
    let zero = build.constant(int: 0, .i64)
    var offset = zero
    var stride = zero
    for (terms, sign) in [(index.terms, "add"), (index.minus, "sub")] {
      for term in terms {
        guard let part = linear(term) else { return nil }
        offset = build.value(sign == "add" ? .add : .sub, [offset, part.offset], type: .i64)
        stride = build.value(sign == "add" ? .add : .sub, [stride, part.stride], type: .i64)
      }
    }
    guard let (first, end) = rowRange(conditions, exact: isStore) else { return nil }
    let rows = hoister.extreme(build.value(.sub, [end, first], type: .i64), zero, "gt")
    let (window, length) = columnWindow(group)
    let start = build.value(.add, [build.value(.add, [offset, build.value(.mul, [first, stride], type: .i64)], type: .i64), window], type: .i64)
    let wideSize = build.constant(int: Int64(size), .i64)
    var pitch = length
    if !isBang {
      // DataCopyPad starts every block on a 32-byte boundary of UB.
      let thirtyOne = build.constant(int: 31, .i64)
      let thirtyTwo = build.constant(int: 32, .i64)
      let bytes = build.value(.mul, [length, wideSize], type: .i64)
      let rounded = build.value(.mul, [build.value(.div, [build.value(.add, [bytes, thirtyOne], type: .i64), thirtyTwo], type: .i64), thirtyTwo], type: .i64)
      pitch = build.value(.div, [rounded, wideSize], type: .i64)
    }
    let used = build.value(.mul, [rows, pitch], type: .i64)
    var fits = build.compare(used, build.constant(int: Int64(capacity), .i64), "le")
    fits = build.value(.and, [fits, build.compare(stride, length, "ge")], type: .bool)
    for condition in exact { fits = build.value(.and, [fits, condition], type: .bool) }
    // The DMA's byte strides are i32.
    let limit = build.constant(int: Int64(Int32.max), .i64)
    fits = build.value(.and, [fits, build.compare(build.value(.mul, [stride, wideSize], type: .i64), limit, "le")], type: .bool)
    return RowStridePlan(first: first, rows: rows, start: start, length: length, stride: stride, pitch: pitch, fits: fits)
  }

  /// threadIdx.y as an i64.
  private func threadYValue() -> Value {
    build.value(.cast, [build.value(.rem, [frame.row, frame.blockDimY], type: .u32)], type: .i64)
  }

  /// `value` as offset + ty × stride, or nil when it is not affine in ty.
  private mutating func linear(_ value: Value, depth: Int = 0) -> RowLinear? {
    guard value.type.isInteger, depth < 32 else { return nil }
    let zero = build.constant(int: 0, .i64)
    if !frame.varies(value) {
      let constant = value.definingOp?.opcode == .constant ? value.definingOp?.attributes["value"]?.intValue : nil
      let isNonNegative = !value.type.isSigned || (constant ?? -1) >= 0
      return RowLinear(offset: hoister.wide(value), stride: zero, strideConstant: 0, isNonNegative: isNonNegative)
    }
    let one = build.constant(int: 1, .i64)
    if value === frame.row {
      // row = threadIdx.z × block_dim_y + ty.
      return RowLinear(
        offset: build.value(.sub, [hoister.wide(value), threadYValue()], type: .i64), stride: one, strideConstant: 1, isNonNegative: true)
    }
    guard let op = value.definingOp else { return nil }
    if frame.isThreadY(op) { return RowLinear(offset: zero, stride: one, strideConstant: 1, isNonNegative: true) }
    // Unsigned arithmetic may wrap where i64 arithmetic does not: no subtraction, no constant
    // that reads as a negative number.
    let isUnsigned = !value.type.isSigned
    if isUnsigned, op.opcode == .sub { return nil }
    if isUnsigned, op.operands.contains(where: { ($0.definingOp?.attributes["value"]?.intValue ?? 0) >= 1 << 31 }) { return nil }
    switch op.opcode {
    case .cast:
      // A signed value cast to unsigned wraps when negative (`(unsigned)(y - 1)` at y = 0).
      guard op.operands[0].type.isInteger, let inner = linear(op.operands[0], depth: depth + 1) else { return nil }
      if isUnsigned && op.operands[0].type.isSigned && !inner.isNonNegative { return nil }
      if let range = AffineExactness.lost(from: op.operands[0].type, to: value.type, smallSource: false) { requireWithin(inner, range) }
      return inner
    case .add, .sub:
      guard let a = linear(op.operands[0], depth: depth + 1), let b = linear(op.operands[1], depth: depth + 1) else { return nil }
      let code: Opcode = op.opcode == .add ? .add : .sub
      let constant = a.strideConstant.flatMap { x in b.strideConstant.map { y in code == .add ? x &+ y : x &- y } }
      let result = RowLinear(
        offset: build.value(code, [a.offset, b.offset], type: .i64), stride: build.value(code, [a.stride, b.stride], type: .i64),
        strideConstant: constant, isNonNegative: code == .add && a.isNonNegative && b.isNonNegative)
      requireExact(result, type: value.type)
      return result
    case .mul:
      // One factor fixed for the plane.
      let (left, right) = (op.operands[0], op.operands[1])
      let (varying, fixed) = frame.varies(left) ? (left, right) : (right, left)
      guard !frame.varies(fixed), let part = linear(varying, depth: depth + 1) else { return nil }
      guard let scale = linear(fixed, depth: depth + 1) else { return nil }
      let factor = scale.offset
      var constant: Int64?
      if let k = part.strideConstant, let c = fixed.definingOp?.attributes["value"]?.intValue, fixed.definingOp?.opcode == .constant {
        constant = k &* c
      } else if part.strideConstant == 0 {
        constant = 0
      }
      let result = RowLinear(
        offset: build.value(.mul, [part.offset, factor], type: .i64), stride: build.value(.mul, [part.stride, factor], type: .i64),
        strideConstant: constant, isNonNegative: part.isNonNegative && scale.isNonNegative)
      requireExact(result, type: value.type)
      return result
    default:
      return nil
    }
  }

  /// An unsigned step of 32 bits or fewer stays in [0, 2^bits) (signed ones cannot overflow in
  /// CUDA).
  private mutating func requireExact(_ value: RowLinear, type: IRType) {
    guard !type.isSigned, let bits = type.integerBits, bits <= 32 else { return }
    requireWithin(value, (0, Int64(1) << bits - 1))
  }

  /// `value` in [min, max] for every ty of the block (an affine value's extremes are at the ends).
  private mutating func requireWithin(_ value: RowLinear, _ range: (min: Int64, max: Int64)) {
    let last = build.value(.sub, [hoister.wide(frame.blockDimY), build.constant(int: 1, .i64)], type: .i64)
    for end in [value.offset, build.value(.add, [value.offset, build.value(.mul, [value.stride, last], type: .i64)], type: .i64)] {
      exact.append(build.compare(end, build.constant(int: range.min, .i64), "ge"))
      exact.append(build.compare(end, build.constant(int: range.max, .i64), "le"))
    }
  }

  /// The rows [first, end) of the plane (ty values) that satisfy `conditions`, within
  /// [0, block_dim_y); nil when a condition does not bound ty. `exact`: no `!=` on ty.
  private mutating func rowRange(_ conditions: [(value: Value, negated: Bool)], exact: Bool) -> (Value, Value)? {
    var lows: [Value] = []
    var highs: [Value] = []
    var exclusions: [Value] = []
    var plane: [Value] = []
    let one = build.constant(int: 1, .i64)
    func solve(_ condition: Value, negated: Bool) -> Bool {
      if !frame.varies(condition) {
        let holds = hoister.hoist(condition)
        plane.append(negated ? build.value(.not, [holds], type: .bool) : holds)
        return true
      }
      guard let op = condition.definingOp else { return false }
      if (op.opcode == .and && !negated) || (op.opcode == .or && negated) {
        return solve(op.operands[0], negated: negated) && solve(op.operands[1], negated: negated)
      }
      if op.opcode == .not, op.operands[0].type.isBool { return solve(op.operands[0], negated: !negated) }
      guard op.opcode == .cmp, var predicate = op.attributes["predicate"]?.keywordValue else { return false }
      if negated {
        guard let flipped = ["lt": "ge", "ge": "lt", "le": "gt", "gt": "le", "eq": "ne", "ne": "eq"][predicate] else { return false }
        predicate = flipped
      }
      // left − right = offset + k × ty, k = ±1: ty ⋈ bound.
      guard let left = linear(op.operands[0]), let right = linear(op.operands[1]),
        let k = left.strideConstant.flatMap({ a in right.strideConstant.map { a &- $0 } }), k == 1 || k == -1
      else { return false }
      let difference = build.value(.sub, [left.offset, right.offset], type: .i64)
      var bound = difference
      if k == 1 {
        bound = build.value(.sub, [build.constant(int: 0, .i64), difference], type: .i64)
      } else {
        guard let mirrored = ["lt": "gt", "gt": "lt", "le": "ge", "ge": "le", "eq": "eq", "ne": "ne"][predicate] else { return false }
        predicate = mirrored
      }
      let next = build.value(.add, [bound, one], type: .i64)
      switch predicate {
      case "lt": highs.append(bound)
      case "le": highs.append(next)
      case "gt": lows.append(next)
      case "ge": lows.append(bound)
      case "eq":
        lows.append(bound)
        highs.append(next)
      case "ne":
        if exact { return false }
        exclusions.append(bound)
      default: return false
      }
      return true
    }
    for (condition, negated) in conditions {
      guard solve(condition, negated: negated) else { return nil }
    }
    var first = build.constant(int: 0, .i64)
    var end = hoister.wide(frame.blockDimY)
    for low in lows { first = hoister.extreme(first, low, "gt") }
    for high in highs { end = hoister.extreme(end, high, "lt") }
    // An excluded row narrows the range at an end.
    (first, end) = build.narrowed(low: first, high: end, excluding: exclusions)
    // A plane-level condition that fails empties the plane.
    if let allHold = plane.reduce(nil, { (soFar: Value?, holds: Value) in soFar.map { build.value(.and, [$0, holds], type: .bool) } ?? holds }) {
      end = build.value(.select, [allHold, end, first], type: .i64)
    }
    return (first, end)
  }

  /// The hull of the group's windows relative to the block offset: (K, L), the same in every row.
  private mutating func columnWindow(_ group: [GlobalStager.Access]) -> (Value, Value) {
    var hull = WindowHull()
    let zero = build.constant(int: 0, .i64)
    for access in group {
      guard let index = access.index, let range = access.range else { continue }
      let constant = build.constant(int: index.constant, .i64)
      let (low, high) = hoister.bounds(of: range, blockDimX: blockDimX)
      let first = build.value(.add, [constant, low], type: .i64)
      let last = build.value(.add, [constant, high], type: .i64)
      let nonEmpty = build.compare(first, last, "lt")
      hull.widen(first: first, last: last, nonEmpty: nonEmpty, build)
    }
    return hull.window(zero: zero, build)
  }
}

extension GlobalStager {
  /// The strided form of `group`'s DMA over the rows of each plane, or nil when it does not
  /// apply. Returns the bias the row's accesses subtract from their index and the length of the
  /// row's own DMA (0 when the plane fits: the strided DMA moved it).
  ///
  /// At the plane's first row (ty = 0) the plan is computed, its bias and whether it fits kept in
  /// locals (a write's DMA parameters too), and a read's strided DMA issued; at the last row
  /// (ty = block_dim_y − 1) a write's strided DMA is issued from the kept parameters. The
  /// per-row window is computed only in a plane that does not fit. Every row of a plane runs:
  /// the row loop has no way out (ThreadRows takes no loop a `break` leaves).
  func stridedRows(
    _ group: [Access], frame: RowFrame, pointer: Value, buffer: Value, capacity: Int, size: Int, isStore: Bool,
    before: Builder, after: Builder, blockDimX: Value, hoister: inout Hoister
  ) -> (bias: Value, length: Value)? {
    let location = before.location
    var check = RowStrider(frame: frame, blockDimX: blockDimX, location: location)
    guard check.plan(group, isStore: isStore, capacity: capacity, size: size, isBang: isBang) != nil else { return nil }
    // The row's block offsets and conditions, computed once per row as the per-row form does:
    // the thread loop's copies of them become these (cse), not once per thread.
    for access in group {
      for term in (access.index?.terms ?? []) + (access.index?.minus ?? []) { _ = hoister.hoist(term) }
      for (condition, _) in access.range?.uniform ?? [] { _ = hoister.hoist(condition) }
    }
    let name = (pointer.name ?? "stage") + "_plane"
    // Locals set at a plane's first row and read at its others: initialised at the kernel's
    // entry, so that the emitted C declares them outside the row loop (a declaration inside it
    // would start each row anew).
    func local(_ suffix: String, _ type: IRType) -> Value {
      let op = Operation(.alloca, resultTypes: [.pointer(space: .local, pointee: type)], resultNames: [name + suffix], location: location)
      let entry = Builder(region: Region(), location: location)
      entry.create(.store, [entry.constant(int: 0, type), op.results[0]])
      entryOps.append(op)
      entryOps.append(contentsOf: entry.region.operations)
      return op.results[0]
    }
    let biasLocal = local("_bias", .i64)
    let deltaLocal = local("_delta", .i64)
    let fitsLocal = local("_fits", .bool)
    let kept = isStore ? ["_start", "_rows", "_length", "_stride", "_pitch"].map { local($0, .i64) } : []
    let zero = before.constant(int: 0, .i64)
    let threadY = before.value(.cast, [before.value(.rem, [frame.row, frame.blockDimY], type: .u32)], type: .i64)

    // The plane's first row: the plan, kept; a read moves.
    var first = RowStrider(frame: frame, blockDimX: blockDimX, location: location)
    if let plan = first.plan(group, isStore: isStore, capacity: capacity, size: size, isBang: isBang) {
      let build = first.build
      let delta = build.value(.sub, [plan.stride, plan.pitch], type: .i64)
      let bias = build.value(.sub, [plan.start, build.value(.mul, [plan.first, delta], type: .i64)], type: .i64)
      build.create(.store, [bias, biasLocal])
      build.create(.store, [delta, deltaLocal])
      build.create(.store, [plan.fits, fitsLocal])
      if isStore {
        // Kept for the plane's last row, which writes it back.
        for (value, local) in zip([plan.start, plan.rows, plan.length, plan.stride, plan.pitch], kept) {
          build.create(.store, [value, local])
        }
      } else {
        strided(plan, pointer: pointer, buffer: buffer, size: size, toChip: true, build: build)
      }
      before.create(.if, [before.compare(threadY, zero, "eq")], regions: [build.region, Region()])
    }
    let fits = before.value(.load, [fitsLocal], type: .bool)
    let planeBias = before.value(.load, [biasLocal], type: .i64)
    let delta = before.value(.load, [deltaLocal], type: .i64)

    // A plane that does not fit: the row's own window.
    let perRow = Region()
    let perRowBuild = Builder(region: perRow, location: location)
    var perRowHoister = Hoister(build: perRowBuild, inside: frame.inside)
    let (start, length) = window(of: group, blockDimX: blockDimX, hoister: &perRowHoister)
    perRowBuild.create(.yield, [start, length])
    let fitting = Builder(region: Region(), location: location)
    let none = fitting.constant(int: 0, .i64)
    fitting.create(.yield, [none, none])
    let row = before.create(.if, [before.value(.not, [fits], type: .bool)], results: [.i64, .i64], regions: [perRow, fitting.region])
    let bias = before.value(
      .select, [fits, before.value(.add, [planeBias, before.value(.mul, [threadY, delta], type: .i64)], type: .i64), row.results[0]], type: .i64)

    if isStore {
      // The plane's last row: the write moves, by the plan kept at its first.
      let last = Builder(region: Region(), location: location)
      let values = kept.map { last.value(.load, [$0], type: .i64) }
      let plan = RowStridePlan(
        first: zero, rows: values[1], start: values[0], length: values[2], stride: values[3], pitch: values[4], fits: fits)
      strided(plan, pointer: pointer, buffer: buffer, size: size, toChip: false, build: last)
      let end = after.value(.sub, [after.value(.cast, [frame.blockDimY], type: .i64), after.constant(int: 1, .i64)], type: .i64)
      after.create(.if, [after.compare(threadY, end, "eq")], regions: [last.region, Region()])
    }
    return (bias, row.results[1])
  }

  /// `if (fits && rows > 0 && length > 0)`: the plan's strided DMA, built by `build`.
  private func strided(_ plan: RowStridePlan, pointer: Value, buffer: Value, size: Int, toChip: Bool, build: Builder) {
    let zero = build.constant(int: 0, .i64)
    var moves = build.value(.and, [plan.fits, build.compare(plan.rows, zero, "gt")], type: .bool)
    moves = build.value(.and, [moves, build.compare(plan.length, zero, "gt")], type: .bool)
    let region = Region()
    build.within(region) {
      let global = build.value(.offset, [pointer, plan.start], type: pointer.type)
      build.stridedDma(
        global: global, tile: buffer, length: plan.length, segments: plan.rows, globalStride: plan.stride, tilePitch: plan.pitch,
        elementSize: size, toChip: toChip, isBang: isBang)
    }
    build.create(.if, [moves], regions: [region, Region()])
  }
}
