// Expressions -> KIR values. `rvalue` computes a value, `lvalue` the address of an object;
// C's implicit conversions (clang's ImplicitCastExpr, an UnexposedExpr in libclang) become
// `arith.cast` / `mem.pointer_cast` through `convert`.
import CClang
import KIR

extension FunctionTranslator {
  /// Lowers an expression for its value, or nil for a void expression.
  func expression(_ cursor: CXCursor) throws -> Value? {
    builder.location = cursor.location
    switch cursor.kind {
    case CXCursor_IntegerLiteral, CXCursor_FloatingLiteral, CXCursor_CharacterLiteral,
      CXCursor_CXXBoolLiteralExpr, CXCursor_UnaryExpr:
      return try literal(cursor)
    case CXCursor_ParenExpr:
      guard let inner = cursor.children.first else { return nil }
      return try expression(inner)
    case CXCursor_UnexposedExpr:
      return try implicitConversion(cursor)
    case CXCursor_DeclRefExpr:
      return try reference(cursor)
    case CXCursor_MemberRefExpr:
      return try memberValue(cursor)
    case CXCursor_ArraySubscriptExpr:
      return try load(try lvalue(cursor), at: cursor)
    case CXCursor_UnaryOperator:
      return try unaryOperator(cursor)
    case CXCursor_BinaryOperator:
      return try binaryOperator(cursor)
    case CXCursor_CompoundAssignOperator:
      return try compoundAssignment(cursor).value
    case CXCursor_ConditionalOperator:
      return try conditional(cursor)
    case CXCursor_CStyleCastExpr, CXCursor_CXXStaticCastExpr, CXCursor_CXXFunctionalCastExpr,
      CXCursor_CXXReinterpretCastExpr, CXCursor_CXXConstCastExpr:
      return try explicitCast(cursor)
    case CXCursor_CallExpr:
      return try call(cursor)
    case CXCursor_InitListExpr:
      return try initList(cursor)
    case CXCursor_CXXNullPtrLiteralExpr, CXCursor_GNUNullExpr:
      let type = try owner.irType(cursor.type, at: cursor)
      return try zero(of: type.isPointer ? type : .pointer(space: .generic, pointee: .void), at: cursor)
    case CXCursor_CXXThisExpr:
      guard let thisPointer else {
        throw LoweringFailure(.unsupportedConstruct, "'this' outside a member function", at: cursor)
      }
      return thisPointer
    case CXCursor_CXXNewExpr, CXCursor_CXXDeleteExpr:
      throw LoweringFailure(.dynamicAllocation, "'new' and 'delete' in device code cannot be translated", at: cursor)
    case CXCursor_LambdaExpr:
      throw LoweringFailure(.functionPointer, "lambdas in device code cannot be translated yet", at: cursor)
    case CXCursor_CXXThrowExpr:
      throw LoweringFailure(.unsupportedConstruct, "exceptions are not supported in device code", at: cursor)
    case CXCursor_StringLiteral:
      throw LoweringFailure(.unsupportedConstruct, "string literals are only supported as a printf format", at: cursor)
    default:
      throw LoweringFailure(
        .unsupportedConstruct,
        "expression '\(string(clang_getCursorKindSpelling(cursor.kind)))' cannot be translated", at: cursor)
    }
  }

  /// Lowers an expression that must have a value.
  func rvalue(_ cursor: CXCursor) throws -> Value {
    guard let value = try expression(cursor) else {
      throw LoweringFailure(.unsupportedConstruct, "expression has no value", at: cursor)
    }
    return value
  }

  /// A value as an `i1` truth value (C's "!= 0").
  func condition(_ cursor: CXCursor) throws -> Value {
    truth(try rvalue(cursor), at: cursor)
  }

  func truth(_ value: Value, at cursor: CXCursor) -> Value {
    switch value.type {
    case .bool:
      return value
    case .pointer:
      let address = builder.value(.pointerToInt, [value], type: .u64)
      return builder.value(.cmp, [address, builder.constant(int: 0, .u64)], type: .bool, attributes: ["predicate": .keyword("ne")])
    default:
      return builder.value(.cmp, [value, builder.constant(0, value.type)], type: .bool, attributes: ["predicate": .keyword("ne")])
    }
  }

  /// Loads through a pointer.
  func load(_ address: Value, at cursor: CXCursor) throws -> Value {
    guard let pointee = address.type.pointee else {
      throw LoweringFailure(.unsupportedConstruct, "load through a non-pointer", at: cursor)
    }
    builder.location = cursor.location
    return builder.value(.load, [address], type: pointee)
  }

  // MARK: Leaves

  private func literal(_ cursor: CXCursor) throws -> Value {
    let type = try owner.irType(cursor.type, at: cursor)
    switch evaluate(cursor) {
    case let .int(value, _)?: return builder.constant(int: value, type)
    case let .float(value)?: return builder.constant(value, type)
    case nil:
      throw LoweringFailure(.unsupportedConstruct, "cannot evaluate this constant", at: cursor)
    }
  }

  private func implicitConversion(_ cursor: CXCursor) throws -> Value? {
    let children = cursor.children
    guard children.count == 1, let inner = children.first else {
      if children.isEmpty, let constant = evaluate(cursor) {
        let type = try owner.irType(cursor.type, at: cursor)
        switch constant {
        case let .int(value, _): return builder.constant(int: value, type)
        case let .float(value): return builder.constant(value, type)
        }
      }
      throw LoweringFailure(.unsupportedConstruct, "this implicit expression cannot be translated", at: cursor)
    }
    let innerKind = inner.type.canonical.kind
    let outerKind = cursor.type.canonical.kind
    if (innerKind == CXType_ConstantArray || innerKind == CXType_IncompleteArray) && outerKind == CXType_Pointer {
      return try decay(try lvalue(inner), at: cursor)
    }
    if innerKind == CXType_FunctionProto && outerKind == CXType_Pointer {
      throw LoweringFailure(.functionPointer, "function pointers cannot be translated", at: cursor)
    }
    guard let value = try expression(inner) else { return nil }
    if outerKind == CXType_Record && isGroupType(cursor.type) { return value }
    return try convert(value, toCType: cursor.type, at: cursor)
  }

  /// `array` -> pointer to its first element.
  func decay(_ array: Value, at cursor: CXCursor) throws -> Value {
    guard case let .pointer(space, .array(element, _))? = Optional(array.type) else {
      return array
    }
    builder.location = cursor.location
    let zero = builder.constant(int: 0, .i64)
    return builder.value(.element, [array, zero], type: .pointer(space: space, pointee: element))
  }

  private func reference(_ cursor: CXCursor) throws -> Value {
    let declaration = cursor.referenced
    switch declaration.kind {
    case CXCursor_EnumConstantDecl:
      let type = try owner.irType(cursor.type, at: cursor)
      return builder.constant(int: clang_getEnumConstantDeclValue(declaration), type)
    case CXCursor_NonTypeTemplateParameter:
      return try literal(cursor)
    case CXCursor_VarDecl, CXCursor_ParmDecl:
      switch bindings[declaration] {
      case let .value(value)?: return value
      case let .address(address)?: return try load(address, at: cursor)
      case .group?:
        throw LoweringFailure(.unsupportedConstruct, "a cooperative group used as a value", at: cursor)
      case nil:
        if let special = try specialVariable(declaration, at: cursor) { return special }
        return try load(try globalAddress(declaration, at: cursor), at: cursor)
      }
    case CXCursor_FunctionDecl, CXCursor_CXXMethod:
      throw LoweringFailure(.functionPointer, "taking the address of a function cannot be translated", at: cursor)
    default:
      // A substituted non-type template argument refers to no declaration but folds.
      if evaluate(cursor) != nil { return try literal(cursor) }
      throw LoweringFailure(.unsupportedConstruct, "reference to '\(declaration.spelling)' cannot be translated", at: cursor)
    }
  }

  /// `warpSize`, and file-scope constants that fold (`const int N = 8;`).
  private func specialVariable(_ declaration: CXCursor, at cursor: CXCursor) throws -> Value? {
    if declaration.spelling == "warpSize" && owner.isBundled(declaration) {
      return builder.constant(int: 32, .i32)
    }
    if bindings[declaration] == nil, declaration.kind == CXCursor_VarDecl,
      !declaration.hasAttribute(CXCursor_CUDAConstantAttr), !declaration.hasAttribute(CXCursor_CUDADeviceAttr),
      !declaration.hasAttribute(CXCursor_CUDASharedAttr), declaration.type.isConstQualified,
      let constant = evaluate(cursor)
    {
      let type = try owner.irType(cursor.type, at: cursor)
      switch constant {
      case let .int(value, _): return builder.constant(int: value, type)
      case let .float(value): return builder.constant(value, type)
      }
    }
    return nil
  }

  /// The address of a module-level `__device__` / `__constant__` variable.
  func globalAddress(_ declaration: CXCursor, at cursor: CXCursor) throws -> Value {
    guard declaration.hasAttribute(CXCursor_CUDAConstantAttr) || declaration.hasAttribute(CXCursor_CUDADeviceAttr)
    else {
      if declaration.hasAttribute(CXCursor_CUDASharedAttr) {
        // A file-scope __shared__ variable is per block like a local one: give this function
        // its own allocation at the entry (dynamic shared memory for an extern unsized array).
        // A device function would get a second, different allocation: refuse that.
        guard function.kind == .kernel else {
          throw LoweringFailure(
            .divergentShared, "file-scope __shared__ '\(declaration.spelling)' used in a device function cannot be translated yet; pass it as a pointer",
            at: cursor)
        }
        try declareShared(declaration)
        if case let .address(address)? = bindings[declaration] { return address }
        throw LoweringFailure(.divergentShared, "a file-scope __shared__ variable cannot be translated", at: cursor)
      }
      throw LoweringFailure(
        .unsupportedConstruct, "'\(declaration.spelling)' is a host variable and cannot be used in device code",
        at: cursor)
    }
    let global = try owner.requestGlobal(declaration, translator: self)
    builder.location = cursor.location
    return builder.value(
      .globalAddress, type: .pointer(space: global.space, pointee: global.type),
      attributes: ["symbol": .symbol(global.name)])
  }

  private func initList(_ cursor: CXCursor) throws -> Value {
    let type = try owner.irType(cursor.type, at: cursor)
    let memberTypes = try members(of: type, at: cursor)
    let elements = cursor.children
    var values: [Value] = []
    for (index, memberType) in memberTypes.enumerated() {
      if index < elements.count {
        values.append(try convert(try rvalue(elements[index]), to: memberType, at: elements[index]))
      } else {
        values.append(try zero(of: memberType, at: cursor))
      }
    }
    builder.location = cursor.location
    return builder.value(.make, values, type: type)
  }

  // MARK: Conversions

  /// Converts a value to the KIR type of a C type, keeping a pointer's address space.
  func convert(_ value: Value, toCType cType: CXType, at cursor: CXCursor) throws -> Value {
    let space = value.type.addressSpace ?? .generic
    let target = try owner.irType(cType, space: space, at: cursor)
    return try convert(value, to: target, at: cursor)
  }

  /// Converts a value to `target` as C does.
  func convert(_ value: Value, to target: IRType, at cursor: CXCursor) throws -> Value {
    let source = value.type
    if source == target || target == .void { return value }
    builder.location = cursor.location
    switch (source, target) {
    case (.bool, _) where target.isScalar, (_, _) where source.isScalar && target.isScalar && target != .bool:
      return builder.value(.cast, [value], type: target)
    case (_, .bool) where source.isScalar || source.isPointer:
      return truth(value, at: cursor)
    case (.pointer, .pointer):
      return builder.value(.pointerCast, [value], type: target)
    case (.int, .pointer):
      return builder.value(.intToPointer, [value], type: target)
    case (.pointer, .int):
      return builder.value(.pointerToInt, [value], type: target)
    case (.pointer(_, .array(let element, _)), .pointer(_, let pointee)) where element == pointee:
      return try decay(value, at: cursor)
    default:
      throw LoweringFailure(.unsupportedType, "cannot convert \(source) to \(target)", at: cursor)
    }
  }

  private func explicitCast(_ cursor: CXCursor) throws -> Value? {
    guard let operand = cursor.children.last(where: { clang_isExpression($0.kind) != 0 }) else {
      throw LoweringFailure(.unsupportedConstruct, "cast without an operand", at: cursor)
    }
    if cursor.type.canonical.kind == CXType_Void {
      _ = try expression(operand)
      return nil
    }
    let kind = cursor.type.canonical.kind
    if kind == CXType_LValueReference || kind == CXType_RValueReference {
      let address = try lvalue(operand)
      let target = try owner.irType(cursor.type, space: address.type.addressSpace ?? .generic, at: cursor)
      return try load(try convert(address, to: target, at: cursor), at: cursor)
    }
    return try convert(try rvalue(operand), toCType: cursor.type, at: cursor)
  }
}
