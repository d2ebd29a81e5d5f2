// Address arithmetic and value plumbing: `mem.offset`, `mem.element`, `mem.field`, the pointer
// conversions and `mem.pointer_diff`; `agg.make`, `agg.extract`, `agg.insert` (which only
// rename registers); and the special registers `threadIdx`, `blockIdx`, `blockDim`, `gridDim`
// (frame initialisers: per launch, or per block for `blockIdx`).

import KIR

extension FunctionCompiler {
  /// `mem.offset p, i` (p + i * size(pointee)) and `mem.element p, i` (p + i * size(element)).
  mutating func compileIndexing(_ op: Operation) throws -> Step? {
    let pointer = try register(op.operands[0], at: op)
    let index = try register(op.operands[1], at: op)
    let result = try defineScalarResult(op)
    guard let stride = elementStride(of: op) else { throw unsupported(op) }
    let body: OpBody?
    let indexKind = try kind(of: op.operands[1], at: op)
    switch indexKind {
    case .bool, .u8: body = AddressKernels.index(UInt8.self, pointer, index, result, stride: stride)
    case .i8: body = AddressKernels.index(Int8.self, pointer, index, result, stride: stride)
    case .i16: body = AddressKernels.index(Int16.self, pointer, index, result, stride: stride)
    case .u16: body = AddressKernels.index(UInt16.self, pointer, index, result, stride: stride)
    case .i32: body = AddressKernels.index(Int32.self, pointer, index, result, stride: stride)
    case .u32: body = AddressKernels.index(UInt32.self, pointer, index, result, stride: stride)
    case .i64: body = AddressKernels.index(Int64.self, pointer, index, result, stride: stride)
    case .u64: body = AddressKernels.index(UInt64.self, pointer, index, result, stride: stride)
    case .f16, .bf16, .f32, .f64, .pointer: body = nil
    }
    guard let body else { throw unsupported(op, "with a \(indexKind) index") }
    if let value = op.result, indexedAddresses.contains(ObjectIdentifier(value)),
      !isPromotedLocalRegister(pointer), !isPromotedLocalRegister(index)
    {
      // Left to its loads and stores, which read the operands (IndexedAccess.swift).
      indexedPlans[ObjectIdentifier(value)] = IndexedAddress(
        pointer: pointer, index: index, indexKind: indexKind, stride: stride,
        isPerBlock: uniformity?.isUniform(op.operands[0]) == false, computeAddress: body)
      return .countOnly(meta(op, .memory))
    }
    return .op(body, meta(op, .memory))
  }

  mutating func compileField(_ op: Operation) throws -> Step? {
    let pointer = try register(op.operands[0], at: op)
    guard let aggregate = op.operands[0].type.pointee, let index = op.attributes["index"]?.intValue,
      let offset = layouts.memberOffset(of: aggregate, index: Int(index))
    else { throw unsupported(op) }
    if offset == 0 {
      alias(op, to: [pointer])
      return nil
    }
    let result = try defineScalarResult(op)
    let delta = UInt64(offset)
    return .op(
      LaneKernels.map(UInt64.self, UInt64.self, pointer, result) { $0 &+ delta }, meta(op, .memory))
  }

  /// `mem.pointer_cast` (same address), `mem.pointer_to_int`, `mem.int_to_pointer`.
  mutating func compilePointerConversion(_ op: Operation) throws -> Step? {
    let source = try register(op.operands[0], at: op)
    guard let resultValue = op.result, let to = ScalarKind(resultValue.type) else {
      throw unsupported(op)
    }
    let from = try kind(of: op.operands[0], at: op)
    if from.byteSize == 8 && to.byteSize == 8 {
      alias(op, to: [source])
      return nil
    }
    let result = try defineScalarResult(op)
    let body: OpBody?
    if op.opcode == .pointerToInt {
      body = Conversions.fromInteger(UInt64.self, to: to, source, result)
    } else {
      switch from {
      case .bool, .u8: body = Conversions.integerToInteger(UInt8.self, UInt64.self, source, result)
      case .i8: body = Conversions.integerToInteger(Int8.self, UInt64.self, source, result)
      case .i16: body = Conversions.integerToInteger(Int16.self, UInt64.self, source, result)
      case .u16: body = Conversions.integerToInteger(UInt16.self, UInt64.self, source, result)
      case .i32: body = Conversions.integerToInteger(Int32.self, UInt64.self, source, result)
      case .u32: body = Conversions.integerToInteger(UInt32.self, UInt64.self, source, result)
      case .i64, .u64, .pointer, .f16, .bf16, .f32, .f64: body = nil
      }
    }
    guard let body else { throw unsupported(op, "from \(from) to \(to)") }
    return .op(body, meta(op, .conversion))
  }

  /// `mem.pointer_diff a, b`: (a - b) / size(pointee), as C's pointer subtraction.
  mutating func compilePointerDifference(_ op: Operation) throws -> Step? {
    let a = try register(op.operands[0], at: op)
    let b = try register(op.operands[1], at: op)
    let result = try defineScalarResult(op)
    guard let pointee = op.operands[0].type.pointee else { throw unsupported(op) }
    let size = Int64(max(1, layouts.size(of: pointee) ?? 1))
    let kind = kinds[result]
    let body: OpBody = { context in
      let x = context.register(a, as: UInt64.self)
      let y = context.register(b, as: UInt64.self)
      let z = context.rawRegister(result)
      for lane in context.activeRange {
        let difference = Int64(bitPattern: x[lane] &- y[lane]) / size
        ScalarBits.write(
          ScalarBits.fromInteger(difference, kind: kind), kind: kind, to: z + lane * kind.byteSize)
      }
    }
    return .op(body, meta(op, .integerArithmetic))
  }

  /// `agg.make`: the result is the operands' registers side by side.
  mutating func compileMake(_ op: Operation) throws -> Step? {
    var combined: [Int] = []
    for operand in op.operands { combined += try registers(operand, at: op) }
    alias(op, to: combined)
    return nil
  }

  /// `agg.extract` (the member's registers) and `agg.insert` (the aggregate's registers with
  /// the member's replaced).
  mutating func compileMember(_ op: Operation, isInsert: Bool) throws -> Step? {
    let aggregate = try registers(op.operands[0], at: op)
    guard let index = op.attributes["index"]?.intValue,
      let range = try memberRange(of: op.operands[0].type, index: Int(index), at: op),
      range.upperBound <= aggregate.count
    else { throw unsupported(op) }
    if isInsert {
      var combined = aggregate
      combined.replaceSubrange(range, with: try registers(op.operands[1], at: op))
      alias(op, to: combined)
    } else {
      alias(op, to: Array(aggregate[range]))
    }
    return nil
  }

  /// The leaf positions of member `index` of a vector or struct type.
  private func memberRange(of type: IRType, index: Int, at op: Operation) throws -> Range<Int>? {
    var members: [IRType] = []
    switch type {
    case .vector(let element, let count): members = Array(repeating: element, count: max(0, count))
    case .structure(let name): members = layouts.structs[name]?.fields.map(\.type) ?? []
    case .void, .bool, .int, .float, .pointer, .array: return nil
    }
    guard index >= 0, index < members.count else { return nil }
    var start = 0
    for member in members[..<index] { start += layouts.leaves(of: member)?.count ?? 0 }
    let count = layouts.leaves(of: members[index])?.count ?? 0
    return start..<(start + count)
  }

  mutating func compileSpecialRegister(
    _ op: Operation, _ special: SpecialRegister, dimension fixed: Int? = nil
  ) throws -> Step? {
    let result = try defineScalarResult(op)
    let dimension: Int
    switch fixed.map({ ["x", "y", "z"][$0] }) ?? op.attributes["dim"]?.keywordValue {
    case "x": dimension = 0
    case "y": dimension = 1
    case "z": dimension = 2
    default: throw unsupported(op, "without a dimension")
    }
    switch special {
    case .threadIndex:
      launchInitializers.append(.threadIndex(register: result, dimension: dimension))
    case .blockDimension:
      launchInitializers.append(.blockDimension(register: result, dimension: dimension))
    case .gridDimension:
      launchInitializers.append(.gridDimension(register: result, dimension: dimension))
    case .blockIndex: blockInitializers.append(.blockIndex(register: result, dimension: dimension))
    }
    return nil
  }
}

/// CUDA's built-in index variables.
enum SpecialRegister {
  case threadIndex, blockIndex, blockDimension, gridDimension
}

/// Address loops.
enum AddressKernels {
  /// p + i * stride, the index sign- or zero-extended by its type.
  static func index<I: FixedWidthInteger>(
    _ type: I.Type, _ pointer: Int, _ index: Int, _ result: Int, stride: Int
  ) -> OpBody {
    let scale = UInt64(bitPattern: Int64(stride))
    if stride > 0, stride & (stride - 1) == 0 {
      // A power-of-two element size: a shift, which the lane loop vectorises (a 64-bit
      // multiply does not).
      let shift = UInt64(stride.trailingZeroBitCount)
      return { context in
        let p = context.register(pointer, as: UInt64.self)
        let i = context.register(index, as: I.self)
        let z = context.register(result, as: UInt64.self)
        for lane in context.activeRange {
          z[lane] = p[lane] &+ (UInt64(bitPattern: Int64(truncatingIfNeeded: i[lane])) &<< shift)
        }
      }
    }
    return { context in
      let p = context.register(pointer, as: UInt64.self)
      let i = context.register(index, as: I.self)
      let z = context.register(result, as: UInt64.self)
      for lane in context.activeRange {
        z[lane] = p[lane] &+ UInt64(bitPattern: Int64(truncatingIfNeeded: i[lane])) &* scale
      }
    }
  }
}
