// Lvalues -> addresses: variables, members (`v.x`, `p->a`), subscripts (`a[i]`, `p[i]`) and
// dereferences. Also the CUDA built-in variables, which are values, not objects.
import CClang
import KIR

extension FunctionTranslator {
  /// The address of the object an lvalue expression designates.
  func lvalue(_ cursor: CXCursor) throws -> Value {
    builder.location = cursor.location
    switch cursor.kind {
    case CXCursor_ParenExpr, CXCursor_UnexposedExpr:
      guard cursor.children.count == 1, let inner = cursor.children.first else {
        throw LoweringFailure(.unsupportedConstruct, "this expression is not addressable", at: cursor)
      }
      return try lvalue(inner)
    case CXCursor_DeclRefExpr:
      let declaration = cursor.referenced
      switch bindings[declaration] {
      case let .address(address)?: return address
      case let .value(value)?: return temporary(holding: value, at: cursor)
      case .group?:
        throw LoweringFailure(.unsupportedConstruct, "a cooperative group has no address", at: cursor)
      case nil: return try globalAddress(declaration, at: cursor)
      }
    case CXCursor_MemberRefExpr:
      return try memberAddress(cursor)
    case CXCursor_ArraySubscriptExpr:
      return try subscriptAddress(cursor)
    case CXCursor_UnaryOperator:
      let kind = clang_getCursorUnaryOperatorKind(cursor)
      guard let operand = cursor.children.first else { break }
      if kind == CXUnaryOperator_Deref { return try rvalue(operand) }
      if kind == CXUnaryOperator_PreInc || kind == CXUnaryOperator_PreDec {
        return try increment(cursor).address
      }
    case CXCursor_BinaryOperator:
      let kind = clang_getCursorBinaryOperatorKind(cursor)
      let children = cursor.children
      if kind == CXBinaryOperator_Assign && children.count == 2 { return try assignment(cursor).address }
      if kind == CXBinaryOperator_Comma && children.count == 2 {
        _ = try expression(children[0])
        return try lvalue(children[1])
      }
    case CXCursor_CompoundAssignOperator:
      return try compoundAssignment(cursor).address
    case CXCursor_CXXThisExpr:
      break
    default:
      break
    }
    throw LoweringFailure(
      .unsupportedConstruct,
      "'\(string(clang_getCursorKindSpelling(cursor.kind)))' is not supported as an lvalue", at: cursor)
  }

  /// The address of an lvalue, or of a temporary holding an rvalue (a `const T&` argument).
  func addressOrTemporary(_ cursor: CXCursor) throws -> Value {
    if isAddressable(cursor) { return try lvalue(cursor) }
    return temporary(holding: try rvalue(cursor), at: cursor)
  }

  /// Storage initialised with `value`.
  func temporary(holding value: Value, at cursor: CXCursor) -> Value {
    let slot = allocate(value.type, name: nil, at: cursor)
    builder.location = cursor.location
    builder.create(.store, [value, slot])
    return slot
  }

  /// Whether an expression designates an object in memory (so `lvalue` needs no temporary).
  func isAddressable(_ cursor: CXCursor) -> Bool {
    let stripped = strippedImplicit(cursor)
    switch stripped.kind {
    case CXCursor_DeclRefExpr:
      switch bindings[stripped.referenced] {
      case .address?: return true
      case .value?, .group?: return false
      case nil:
        let declaration = stripped.referenced
        return declaration.hasAttribute(CXCursor_CUDAConstantAttr) || declaration.hasAttribute(CXCursor_CUDADeviceAttr)
      }
    case CXCursor_ArraySubscriptExpr:
      return true
    case CXCursor_UnaryOperator:
      return clang_getCursorUnaryOperatorKind(stripped) == CXUnaryOperator_Deref
    case CXCursor_MemberRefExpr:
      guard let base = stripped.children.first else { return thisPointer != nil }
      return base.type.canonical.kind == CXType_Pointer || isAddressable(base)
    default:
      return false
    }
  }

  // MARK: Members

  /// `v.x`, `p->a`, or the member of `this`.
  func memberAddress(_ cursor: CXCursor) throws -> Value {
    let base: Value
    if let baseCursor = cursor.children.first {
      if baseCursor.type.canonical.kind == CXType_Pointer {
        base = try rvalue(baseCursor)
      } else {
        base = try addressOrTemporary(baseCursor)
      }
    } else if let thisPointer {
      base = thisPointer
    } else {
      throw LoweringFailure(.unsupportedConstruct, "member access without an object", at: cursor)
    }
    guard let objectType = base.type.pointee else {
      throw LoweringFailure(.unsupportedConstruct, "member access through a non-pointer", at: cursor)
    }
    let (index, memberType) = try member(named: cursor.spelling, of: objectType, at: cursor)
    builder.location = cursor.location
    return builder.value(
      .field, [base], type: .pointer(space: base.type.addressSpace ?? .generic, pointee: memberType),
      attributes: ["index": .int(Int64(index))])
  }

  /// The index and type of a named member of a vector or struct type.
  func member(named name: String, of type: IRType, at cursor: CXCursor) throws -> (Int, IRType) {
    switch type {
    case let .vector(element, count):
      guard let index = ["x", "y", "z", "w"].firstIndex(of: name), index < count else { break }
      return (index, element)
    case let .structure(structName):
      if let fields = owner.module.structDecl(named: structName)?.fields,
        let index = fields.firstIndex(where: { $0.name == name })
      {
        return (index, fields[index].type)
      }
    default:
      break
    }
    throw LoweringFailure(.unsupportedConstruct, "no member '\(name)' in \(type)", at: cursor)
  }

  /// A member read: a CUDA built-in variable, an `agg.extract` from a value, or a load.
  func memberValue(_ cursor: CXCursor) throws -> Value {
    if let builtin = try builtinVariable(cursor) { return builtin }
    if cursor.referenced.kind == CXCursor_CXXMethod {
      throw LoweringFailure(.functionPointer, "a member function used as a value", at: cursor)
    }
    if let baseCursor = cursor.children.first, baseCursor.type.canonical.kind != CXType_Pointer,
      !isAddressable(baseCursor)
    {
      let base = try rvalue(baseCursor)
      let (index, memberType) = try member(named: cursor.spelling, of: base.type, at: cursor)
      builder.location = cursor.location
      return builder.value(.extract, [base], type: memberType, attributes: ["index": .int(Int64(index))])
    }
    return try load(try memberAddress(cursor), at: cursor)
  }

  /// `threadIdx.x` and friends, read from the bundled header's plain-struct declarations.
  private func builtinVariable(_ cursor: CXCursor) throws -> Value? {
    guard let baseCursor = cursor.children.first else { return nil }
    let base = strippedImplicit(baseCursor)
    guard base.kind == CXCursor_DeclRefExpr, owner.isBundled(base.referenced) else { return nil }
    let opcode: Opcode
    switch base.referenced.spelling {
    case "threadIdx": opcode = .threadId
    case "blockIdx": opcode = .blockId
    case "blockDim": opcode = .blockDim
    case "gridDim": opcode = .gridDim
    default: return nil
    }
    let dimension = cursor.spelling
    guard ["x", "y", "z"].contains(dimension) else {
      throw LoweringFailure(.unsupportedConstruct, "no member '\(dimension)' in \(base.referenced.spelling)", at: cursor)
    }
    builder.location = cursor.location
    return builder.value(opcode, type: .u32, attributes: ["dim": .keyword(dimension)])
  }

  // MARK: Subscripts

  private func subscriptAddress(_ cursor: CXCursor) throws -> Value {
    var children = cursor.children
    guard children.count == 2 else {
      throw LoweringFailure(.unsupportedConstruct, "malformed subscript", at: cursor)
    }
    if strippedImplicit(children[0]).type.canonical.kind != CXType_Pointer,
      strippedImplicit(children[1]).type.canonical.kind == CXType_Pointer
    {
      children.swapAt(0, 1)  // `i[p]`
    }
    let base = strippedImplicit(children[0])
    let baseKind = base.type.canonical.kind
    var index = try rvalue(children[1])
    if index.type.isBool { index = try convert(index, to: .i32, at: children[1]) }
    if baseKind == CXType_ConstantArray || baseKind == CXType_IncompleteArray {
      let array = try lvalue(base)
      guard case let .pointer(space, .array(element, _))? = Optional(array.type) else {
        throw LoweringFailure(.unsupportedConstruct, "subscript of a non-array", at: cursor)
      }
      builder.location = cursor.location
      return builder.value(.element, [array, index], type: .pointer(space: space, pointee: element))
    }
    let pointer = try rvalue(children[0])
    guard pointer.type.isPointer else {
      throw LoweringFailure(.unsupportedConstruct, "subscript of a non-pointer", at: cursor)
    }
    builder.location = cursor.location
    return builder.value(.offset, [pointer, index], type: pointer.type)
  }
}
