// Byte layout of KIR types in the interpreter's memory (sizes, alignments, struct field offsets)
// and the decomposition of a value into scalar leaves: every SSA value lives in one lane
// register per leaf, and loads and stores move each leaf at its byte offset.
//
// Layout follows CUDA's C rules: scalars are naturally aligned, `vec<N x T>` is N * size(T)
// bytes aligned to its size when N is 2 or 4 (float2: 8, float4: 16, half2: 4) and to T
// otherwise (float3: 12 bytes, 4-aligned), arrays are their elements back to back, and structs
// place each field at the next multiple of its alignment and round their size up to the
// largest field alignment.

import KIR

/// The scalar kinds a lane register holds. Aggregates are split into these.
enum ScalarKind: UInt8, CaseIterable, Sendable {
  case bool, i8, u8, i16, u16, i32, u32, i64, u64, f16, bf16, f32, f64, pointer

  /// The scalar kind of a scalar or pointer type; nil for aggregates and `void`.
  init?(_ type: IRType) {
    switch type {
    case .bool: self = .bool
    case .int(let bits, let signed):
      switch (bits, signed) {
      case (8, true): self = .i8
      case (8, false): self = .u8
      case (16, true): self = .i16
      case (16, false): self = .u16
      case (32, true): self = .i32
      case (32, false): self = .u32
      case (64, true): self = .i64
      case (64, false): self = .u64
      default: return nil
      }
    case .float(let kind):
      switch kind {
      case .f16: self = .f16
      case .bf16: self = .bf16
      case .f32: self = .f32
      case .f64: self = .f64
      }
    case .pointer: self = .pointer
    case .void, .vector, .array, .structure: return nil
    }
  }

  /// Storage size in bytes, in memory and in a lane register.
  var byteSize: Int {
    switch self {
    case .bool, .i8, .u8: return 1
    case .i16, .u16, .f16, .bf16: return 2
    case .i32, .u32, .f32: return 4
    case .i64, .u64, .f64, .pointer: return 8
    }
  }

  /// Whether the kind is an integer (not `i1`, not a pointer).
  var isInteger: Bool {
    switch self {
    case .i8, .u8, .i16, .u16, .i32, .u32, .i64, .u64: return true
    case .bool, .f16, .bf16, .f32, .f64, .pointer: return false
    }
  }

  /// Whether the kind is a floating-point format.
  var isFloat: Bool {
    switch self {
    case .f16, .bf16, .f32, .f64: return true
    case .bool, .i8, .u8, .i16, .u16, .i32, .u32, .i64, .u64, .pointer: return false
    }
  }

  /// Whether the kind is a signed integer.
  var isSigned: Bool {
    switch self {
    case .i8, .i16, .i32, .i64: return true
    case .bool, .u8, .u16, .u32, .u64, .f16, .bf16, .f32, .f64, .pointer: return false
    }
  }

  /// The width in bits of the value (1 for `i1`).
  var bits: Int { self == .bool ? 1 : byteSize * 8 }
}

/// One scalar piece of a value: its kind and its byte offset in the value's memory layout.
struct Leaf: Hashable, Sendable {
  var kind: ScalarKind
  var offset: Int
}

/// Sizes, alignments and leaves of the types of one module.
struct TypeLayouts: Sendable {
  /// The most leaves one value may have; bigger values are not held in registers.
  static let maximumLeaves = 1 << 14

  let structs: [String: StructDecl]

  init(structs: [StructDecl]) {
    var table: [String: StructDecl] = [:]
    for decl in structs { table[decl.name] = decl }
    self.structs = table
  }

  init(table: [String: StructDecl]) { self.structs = table }

  /// The storage size of `type` in bytes; nil for `void` and undeclared structs.
  func size(of type: IRType) -> Int? { sizeAndAlignment(of: type, depth: 0)?.size }

  /// The alignment of `type` in bytes.
  func alignment(of type: IRType) -> Int? { sizeAndAlignment(of: type, depth: 0)?.alignment }

  /// The byte offset of each field of struct `name`.
  func fieldOffsets(ofStruct name: String) -> [Int]? {
    guard let decl = structs[name] else { return nil }
    var offsets: [Int] = []
    var offset = 0
    for field in decl.fields {
      guard let layout = sizeAndAlignment(of: field.type, depth: 1) else { return nil }
      offset = roundUp(offset, to: layout.alignment)
      offsets.append(offset)
      offset += layout.size
    }
    return offsets
  }

  /// The byte offset of member `index` of a struct or vector type.
  func memberOffset(of type: IRType, index: Int) -> Int? {
    switch type {
    case .vector(let element, let count):
      guard index >= 0, index < count, let size = size(of: element) else { return nil }
      return index * size
    case .structure(let name):
      guard let offsets = fieldOffsets(ofStruct: name), index >= 0, index < offsets.count else {
        return nil
      }
      return offsets[index]
    case .void, .bool, .int, .float, .pointer, .array: return nil
    }
  }

  /// The scalar leaves of `type` in layout order; nil when the type has no layout or too many.
  func leaves(of type: IRType) -> [Leaf]? {
    var result: [Leaf] = []
    guard appendLeaves(of: type, at: 0, to: &result, depth: 0) else { return nil }
    return result
  }

  /// The innermost scalar element of arrays (the unit in which findings count indices).
  func innermostElement(of type: IRType) -> IRType {
    if case .array(let element, _) = type { return innermostElement(of: element) }
    return type
  }

  private func appendLeaves(of type: IRType, at base: Int, to result: inout [Leaf], depth: Int)
    -> Bool
  {
    guard depth < 64, result.count <= Self.maximumLeaves else { return false }
    if let kind = ScalarKind(type) {
      result.append(Leaf(kind: kind, offset: base))
      return true
    }
    switch type {
    case .vector(let element, let count), .array(let element, let count?):
      guard let size = size(of: element), count >= 0, count <= Self.maximumLeaves else {
        return false
      }
      for index in 0..<count
      where !appendLeaves(of: element, at: base + index * size, to: &result, depth: depth + 1) {
        return false
      }
      return true
    case .structure(let name):
      guard let decl = structs[name], let offsets = fieldOffsets(ofStruct: name) else {
        return false
      }
      for (field, offset) in zip(decl.fields, offsets)
      where !appendLeaves(of: field.type, at: base + offset, to: &result, depth: depth + 1) {
        return false
      }
      return true
    case .array(_, nil): return true
    case .void, .bool, .int, .float, .pointer: return false
    }
  }

  private func sizeAndAlignment(of type: IRType, depth: Int) -> (size: Int, alignment: Int)? {
    guard depth < 64 else { return nil }
    if let kind = ScalarKind(type) { return (kind.byteSize, kind.byteSize) }
    switch type {
    case .vector(let element, let count):
      guard let inner = sizeAndAlignment(of: element, depth: depth + 1), count >= 0 else {
        return nil
      }
      let size = inner.size * count
      let alignment = (count == 2 || count == 4) && size <= 16 ? size : inner.alignment
      return (size, max(1, alignment))
    case .array(let element, let count):
      guard let inner = sizeAndAlignment(of: element, depth: depth + 1) else { return nil }
      let (size, overflow) = inner.size.multipliedReportingOverflow(by: max(0, count ?? 0))
      return overflow ? nil : (size, inner.alignment)
    case .structure(let name):
      guard let decl = structs[name] else { return nil }
      var offset = 0
      var alignment = 1
      for field in decl.fields {
        guard let inner = sizeAndAlignment(of: field.type, depth: depth + 1) else { return nil }
        offset = roundUp(offset, to: inner.alignment) + inner.size
        alignment = max(alignment, inner.alignment)
      }
      return (roundUp(offset, to: alignment), alignment)
    case .void, .bool, .int, .float, .pointer: return nil
    }
  }
}

/// `value` rounded up to a multiple of `alignment` (a positive number).
func roundUp(_ value: Int, to alignment: Int) -> Int {
  let step = max(1, alignment)
  return (value + step - 1) / step * step
}
