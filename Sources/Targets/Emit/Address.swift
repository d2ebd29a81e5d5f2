// What the emitter knows about a pointer value: a C lvalue (a local or a struct member), a raw C
// pointer plus an element index (global memory, BANG on-chip buffers), or an Ascend C
// LocalTensor plus an element index (UB buffers). Arrays are flattened: an index counts leaf
// elements (the scalars or structs after stripping array levels), so `mem.element` and
// `mem.offset` become index arithmetic.
import KIR

/// The emitter's form of a pointer value.
enum Address {
  /// A C lvalue whose type is `pointee` (a local variable, a member, an array element).
  case lvalue(CExpression, pointee: IRType)
  /// A raw C pointer to the leaf type of `pointee`, and an index in leaf elements.
  case pointer(base: CExpression, index: CExpression?, pointee: IRType, space: AddressSpace)
  /// An Ascend C `LocalTensor` of the leaf type of `pointee`, and an index in leaf elements.
  case tensor(base: CExpression, index: CExpression?, pointee: IRType)

  /// The KIR pointee type at this address.
  var pointee: IRType {
    switch self {
    case let .lvalue(_, pointee), let .pointer(_, _, pointee, _), let .tensor(_, _, pointee): return pointee
    }
  }

  /// This address with the pointee type replaced (a pointer cast that keeps the leaf type).
  func retyped(_ pointee: IRType) -> Address {
    switch self {
    case let .lvalue(text, _): return .lvalue(text, pointee: pointee)
    case let .pointer(base, index, _, space): return .pointer(base: base, index: index, pointee: pointee, space: space)
    case let .tensor(base, index, _): return .tensor(base: base, index: index, pointee: pointee)
    }
  }
}

/// Array flattening: the leaf type and the number of leaf elements of a type.
enum ArrayLayout {
  /// The type with every array level stripped.
  static func leaf(_ type: IRType) -> IRType {
    if case let .array(element, _) = type { return leaf(element) }
    return type
  }

  /// The number of leaf elements in one value of `type` (an unsized array counts as 1).
  static func leafCount(_ type: IRType) -> Int {
    if case let .array(element, count) = type { return (count ?? 1) * leafCount(element) }
    return 1
  }
}
