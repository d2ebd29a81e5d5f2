// Calls -> KIR: CUDA intrinsics (barriers, fences, atomics, warp ops, loads, math, vector
// constructors, half conversions), cooperative-groups methods, and user device functions.
// A CUDA API with no translation yet gets a located diagnostic with its own ID.
import CClang
import KIR

extension FunctionTranslator {
  /// The member expression naming the callee of a member call (`obj.f` in `obj.f(x)`), if any.
  func memberCallee(of call: CXCursor) -> CXCursor? {
    guard let first = call.children.first else { return nil }
    let stripped = strippedImplicit(first)
    return stripped.kind == CXCursor_MemberRefExpr ? stripped : nil
  }

  /// The argument expressions of a call, in order.
  func arguments(of call: CXCursor) -> [CXCursor] {
    let count = clang_Cursor_getNumArguments(call)
    guard count > 0 else { return [] }
    return (0..<UInt32(count)).map { clang_Cursor_getArgument(call, $0) }
  }

  func call(_ cursor: CXCursor) throws -> Value? {
    let callee = cursor.referenced
    guard !callee.isNull else {
      throw LoweringFailure(.functionPointer, "calls through function pointers cannot be translated", at: cursor)
    }
    let name = callee.spelling
    if callee.kind == CXCursor_Constructor { return try construct(cursor, callee: callee) }
    if callee.hasAttribute(CXCursor_CUDAGlobalAttr) {
      throw LoweringFailure(.dynamicParallelism, "launching kernel '\(name)' from device code cannot be translated", at: cursor)
    }
    if let group = try groupCall(cursor, callee: callee) { return group }
    if name == "operator=", callee.kind == CXCursor_CXXMethod, !owner.isBundled(callee), isImplicitlyDefined(callee) {
      return try memberwiseAssignment(cursor)
    }
    if owner.isBundled(callee) || isBuiltin(callee) {
      return try intrinsic(name, cursor, callee: callee)
    }
    return try deviceCall(cursor, callee: callee)
  }

  private func isBuiltin(_ callee: CXCursor) -> Bool {
    callee.declaringFile.isEmpty || callee.spelling.hasPrefix("__builtin_")
  }

  /// Whether a special member function is the compiler's (`Pair& operator=(const Pair&)`
  /// declared by nobody in the source).
  private func isImplicitlyDefined(_ method: CXCursor) -> Bool {
    // Implicit members are not children of their class in libclang's tree.
    !method.semanticParent.children.contains { $0.kind == method.kind && $0.spelling == method.spelling }
  }

  /// `a = b` on a struct with the implicit copy assignment: one store of the whole value.
  private func memberwiseAssignment(_ cursor: CXCursor) throws -> Value? {
    let operands = arguments(of: cursor)
    let object: CXCursor
    let source: CXCursor
    if operands.count == 2 {
      (object, source) = (operands[0], operands[1])  // `a = b`: both operands are arguments
    } else if let member = memberCallee(of: cursor), let base = member.children.first, let argument = operands.first {
      (object, source) = (base, argument)  // `a.operator=(b)`
    } else {
      throw LoweringFailure(.unsupportedConstruct, "malformed struct assignment", at: cursor)
    }
    let address = try lvalue(object)
    let value = try convert(try rvalue(source), to: address.type.pointee ?? .void, at: source)
    builder.location = cursor.location
    builder.create(.store, [value, address])
    return nil
  }

  // MARK: User functions

  private func deviceCall(_ cursor: CXCursor, callee: CXCursor) throws -> Value? {
    let definition = clang_getCursorDefinition(callee)
    guard clang_Cursor_isNull(definition) == 0 else {
      throw LoweringFailure(
        .unknownFunction, "'\(callee.spelling)' is not a known CUDA function and its body is not visible",
        at: cursor)
    }
    if !definition.hasAttribute(CXCursor_CUDADeviceAttr) && !definition.hasAttribute(CXCursor_CUDAHostAttr)
      && definition.kind != CXCursor_CXXMethod
    {
      throw LoweringFailure(.unknownFunction, "'\(callee.spelling)' is a host function, not callable from device code", at: cursor)
    }
    if clang_Cursor_isVariadic(definition) != 0 {
      throw LoweringFailure(.unsupportedConstruct, "variadic device functions cannot be translated", at: cursor)
    }
    let symbol = owner.requestFunction(definition)
    var operands: [Value] = []
    if definition.kind == CXCursor_CXXMethod && clang_CXXMethod_isStatic(definition) == 0 {
      guard let memberCursor = memberCallee(of: cursor) else {
        guard let thisPointer else {
          throw LoweringFailure(.unsupportedConstruct, "member call without an object", at: cursor)
        }
        operands.append(try convert(thisPointer, to: .pointer(space: .generic, pointee: thisPointer.type.pointee ?? .void), at: cursor))
        return try finishCall(cursor, definition: definition, symbol: symbol, operands: operands)
      }
      let object: Value
      if let base = memberCursor.children.first {
        object = base.type.canonical.kind == CXType_Pointer ? try rvalue(base) : try addressOrTemporary(base)
      } else if let thisPointer {
        object = thisPointer
      } else {
        throw LoweringFailure(.unsupportedConstruct, "member call without an object", at: cursor)
      }
      operands.append(try convert(object, to: .pointer(space: .generic, pointee: object.type.pointee ?? .void), at: cursor))
    }
    return try finishCall(cursor, definition: definition, symbol: symbol, operands: operands)
  }

  private func finishCall(_ cursor: CXCursor, definition: CXCursor, symbol: String, operands: [Value]) throws -> Value? {
    var operands = operands
    let parameterCount = Int(clang_Cursor_getNumArguments(definition))
    let argumentCursors = arguments(of: cursor)
    for (index, argument) in argumentCursors.enumerated() where index < parameterCount {
      let parameterType = clang_Cursor_getArgument(definition, UInt32(index)).type
      if let parameterGroup = group(ofType: parameterType) {
        // A group argument has no run-time value; it must be the same group statically.
        if let argumentGroup = try? group(of: argument), "\(argumentGroup)" != "\(parameterGroup)" {
          throw LoweringFailure(.unsupportedConstruct, "group argument does not match the parameter's group type", at: argument)
        }
        continue
      }
      let kind = parameterType.canonical.kind
      if kind == CXType_LValueReference || kind == CXType_RValueReference {
        let address = try addressOrTemporary(argument)
        let target = try owner.irType(parameterType, space: .generic, at: argument)
        operands.append(try convert(address, to: target, at: argument))
      } else {
        let target = try owner.irType(parameterType, space: .generic, at: argument)
        operands.append(try convert(try rvalue(argument), to: target, at: argument))
      }
    }
    let resultType = try owner.irType(clang_getCursorResultType(definition), at: cursor)
    callees.append((symbol, cursor.location))
    builder.location = cursor.location
    let op = builder.create(
      .call, operands, results: resultType == .void ? [] : [resultType],
      attributes: ["callee": .symbol(symbol)])
    return op.results.first
  }

  /// A constructor call: vector/half conversions, copies, or an aggregate from its members.
  private func construct(_ cursor: CXCursor, callee: CXCursor) throws -> Value? {
    let type = try owner.irType(cursor.type, at: cursor)
    let operands = arguments(of: cursor)
    if operands.count == 1 {
      let value = try rvalue(operands[0])
      if value.type == type { return value }
      if type.isScalar && value.type.isScalar { return try convert(value, to: type, at: cursor) }
    }
    if operands.isEmpty, type.isScalar || type.isAggregate {
      if type.isScalar { return builder.constant(0, type) }
      return try aggregateZero(type, at: cursor)
    }
    if case .vector = type {
      let memberTypes = try members(of: type, at: cursor)
      var values: [Value] = []
      for (index, memberType) in memberTypes.enumerated() {
        let source = index < operands.count ? operands[index] : operands[operands.count - 1]
        values.append(try convert(try rvalue(source), to: memberType, at: source))
      }
      builder.location = cursor.location
      return builder.value(.make, values, type: type)
    }
    throw LoweringFailure(.unsupportedConstruct, "constructor of '\(cursor.type.spelling)' cannot be translated", at: cursor)
  }

  private func aggregateZero(_ type: IRType, at cursor: CXCursor) throws -> Value {
    var values: [Value] = []
    for memberType in try members(of: type, at: cursor) {
      values.append(memberType.isAggregate ? try aggregateZero(memberType, at: cursor) : try zero(of: memberType, at: cursor))
    }
    builder.location = cursor.location
    return builder.value(.make, values, type: type)
  }
}
