// Statements -> structured KIR control flow.
//
//   if (c) A else B          -> scf.if %c { A } else { B }
//   for (I; C; S) B          -> I; scf.loop { scf.condition C } do { B } step { S }
//   while (C) B              -> scf.loop { scf.condition C } do { B }
//   do B while (C)           -> scf.do_while { B } while { scf.condition C }
//   switch (x) { case k: ... } -> scf.block { scf.if (matched || x == k) { matched = true; ... } ... }
//   break / continue / return -> scf.break / scf.continue / func.return
import CClang
import KIR

extension FunctionTranslator {
  /// Lowers a statement into the builder's region. Returns true when the statement always
  /// leaves the region (return, break, continue), so later statements are dead.
  func lowerStatement(_ statement: CXCursor) throws -> Bool {
    builder.location = statement.location
    switch statement.kind {
    case CXCursor_CompoundStmt:
      for child in statement.children {
        if try lowerStatement(child) { return true }
      }
      return false
    case CXCursor_DeclStmt:
      for declaration in statement.children where declaration.kind == CXCursor_VarDecl {
        try declareVariable(declaration)
      }
      return false
    case CXCursor_NullStmt:
      return false
    case CXCursor_IfStmt:
      try lowerIf(statement)
      return false
    case CXCursor_ForStmt:
      try lowerFor(statement)
      return false
    case CXCursor_WhileStmt:
      try lowerWhile(statement)
      return false
    case CXCursor_DoStmt:
      try lowerDoWhile(statement)
      return false
    case CXCursor_SwitchStmt:
      try lowerSwitch(statement)
      return false
    case CXCursor_BreakStmt:
      builder.create(.break)
      return true
    case CXCursor_ContinueStmt:
      builder.create(.continue)
      return true
    case CXCursor_ReturnStmt:
      if let expression = statement.children.first {
        let value = try rvalue(expression)
        let result = try convert(value, to: function.resultType, at: expression)
        builder.location = statement.location
        builder.create(.return, [result])
      } else {
        builder.create(.return)
      }
      return true
    case CXCursor_UnexposedStmt:
      return try lowerAttributed(statement)
    case CXCursor_GotoStmt, CXCursor_IndirectGotoStmt, CXCursor_LabelStmt:
      throw LoweringFailure(.gotoStatement, "'goto' and labels cannot be translated", at: statement)
    case CXCursor_AsmStmt, CXCursor_GCCAsmStmt, CXCursor_MSAsmStmt:
      throw LoweringFailure(.inlineAssembly, "inline assembly cannot be translated", at: statement)
    case CXCursor_CaseStmt, CXCursor_DefaultStmt:
      throw LoweringFailure(
        .unsupportedConstruct, "a 'case' label inside a nested statement of a switch cannot be translated",
        at: statement)
    case CXCursor_CXXTryStmt, CXCursor_CXXCatchStmt:
      throw LoweringFailure(.unsupportedConstruct, "exceptions are not supported in device code", at: statement)
    default:
      if clang_isExpression(statement.kind) != 0 {
        _ = try expression(statement)
        return false
      }
      throw LoweringFailure(
        .unsupportedConstruct, "statement '\(string(clang_getCursorKindSpelling(statement.kind)))' cannot be translated",
        at: statement)
    }
  }

  /// Lowers statements into a fresh region.
  func region(_ body: () throws -> Void) rethrows -> Region {
    let region = Region()
    let savedLocation = builder.location
    try builder.within(region, body)
    builder.location = savedLocation
    return region
  }

  // MARK: Variables

  /// Declares a local variable: shared memory, an SSA binding or storage with an initial value.
  func declareVariable(_ declaration: CXCursor) throws {
    let cType = declaration.type
    let name = declaration.spelling
    let initializer = clang_Cursor_getVarDeclInitializer(declaration)
    let hasInitializer = clang_Cursor_isNull(initializer) == 0
    if declaration.hasAttribute(CXCursor_CUDASharedAttr) {
      try declareShared(declaration)
      return
    }
    if isGroupType(cType) {
      guard hasInitializer else {
        throw LoweringFailure(.unsupportedConstruct, "a cooperative group needs an initializer", at: declaration)
      }
      bindings[declaration] = .group(try group(of: initializer))
      return
    }
    if cType.canonical.kind == CXType_LValueReference || cType.canonical.kind == CXType_RValueReference {
      guard hasInitializer else {
        throw LoweringFailure(.unsupportedConstruct, "a reference needs an initializer", at: declaration)
      }
      bindings[declaration] = .address(try addressOrTemporary(initializer))
      return
    }
    if clang_Cursor_getStorageClass(declaration) == CX_SC_Static {
      throw LoweringFailure(
        .unsupportedConstruct, "static local variables in device code cannot be translated", at: declaration)
    }
    let isAggregateMemory = cType.canonical.kind == CXType_ConstantArray
    if !isAggregateMemory && needsStorage[declaration] != true && hasInitializer
      && !isConstructorWithoutArguments(initializer)
    {
      let value = try rvalue(initializer)
      let target = try owner.irType(cType, space: value.type.addressSpace ?? .generic, at: declaration)
      let converted = try convert(value, to: target, at: initializer)
      if converted.name == nil, converted.definingOp != nil { converted.name = name }
      bindings[declaration] = .value(converted)
      return
    }
    // A pointer variable in memory points into the space of its initial value, so that value is
    // lowered first (once); the storage itself is hoisted to the entry, so the order is free.
    var initialPointer: Value?
    if hasInitializer, cType.canonical.kind == CXType_Pointer {
      initialPointer = try rvalue(initializer)
    }
    let space = initialPointer?.type.addressSpace ?? .generic
    let type = try owner.irType(cType, space: space, at: declaration)
    let slot = allocate(type, name: name, at: declaration)
    bindings[declaration] = .address(slot)
    if let initialPointer {
      let value = try convert(initialPointer, to: type, at: initializer)
      builder.location = initializer.location
      builder.create(.store, [value, slot])
    } else if hasInitializer && !isConstructorWithoutArguments(initializer) {
      try initialize(slot, type: type, with: initializer)
    }
  }

  /// Whether an initializer is a constructor call without arguments (`float4 v;`, `P p;`).
  private func isConstructorWithoutArguments(_ initializer: CXCursor) -> Bool {
    initializer.kind == CXCursor_CallExpr && clang_Cursor_getNumArguments(initializer) == 0
      && initializer.referenced.kind == CXCursor_Constructor
  }

  /// Stores an initializer into storage: element by element for init lists (zero-filling the
  /// rest, as C does), one store otherwise.
  func initialize(_ slot: Value, type: IRType, with initializer: CXCursor) throws {
    let list = strippedImplicit(initializer)
    if list.kind == CXCursor_InitListExpr {
      let elements = list.children
      switch type {
      case let .array(element, count?):
        for index in 0..<count {
          builder.location = list.location
          let position = builder.constant(int: Int64(index), .i64)
          let address = builder.value(.element, [slot, position], type: .pointer(space: slot.type.addressSpace ?? .local, pointee: element))
          if index < elements.count {
            try initialize(address, type: element, with: elements[index])
          } else {
            try zeroFill(address, type: element, at: list)
          }
        }
        return
      case .structure, .vector:
        let memberTypes = try members(of: type, at: list)
        for (index, memberType) in memberTypes.enumerated() {
          builder.location = list.location
          let address = builder.value(
            .field, [slot], type: .pointer(space: slot.type.addressSpace ?? .local, pointee: memberType),
            attributes: ["index": .int(Int64(index))])
          if index < elements.count {
            try initialize(address, type: memberType, with: elements[index])
          } else {
            try zeroFill(address, type: memberType, at: list)
          }
        }
        return
      default:
        if let first = elements.first { return try initialize(slot, type: type, with: first) }
        return try zeroFill(slot, type: type, at: list)
      }
    }
    let value = try convert(try rvalue(initializer), to: type, at: initializer)
    builder.location = initializer.location
    builder.create(.store, [value, slot])
  }

  private func zeroFill(_ address: Value, type: IRType, at cursor: CXCursor) throws {
    switch type {
    case let .array(element, count?):
      for index in 0..<count {
        let position = builder.constant(int: Int64(index), .i64)
        let inner = builder.value(.element, [address, position], type: .pointer(space: address.type.addressSpace ?? .local, pointee: element))
        try zeroFill(inner, type: element, at: cursor)
      }
    case .structure, .vector:
      for (index, memberType) in try members(of: type, at: cursor).enumerated() {
        let inner = builder.value(
          .field, [address], type: .pointer(space: address.type.addressSpace ?? .local, pointee: memberType),
          attributes: ["index": .int(Int64(index))])
        try zeroFill(inner, type: memberType, at: cursor)
      }
    default:
      builder.create(.store, [try zero(of: type, at: cursor), address])
    }
  }

  /// The zero value of a scalar or pointer type.
  func zero(of type: IRType, at cursor: CXCursor) throws -> Value {
    if type.isPointer {
      let address = builder.constant(int: 0, .u64)
      return builder.value(.intToPointer, [address], type: type)
    }
    guard type.isScalar else {
      throw LoweringFailure(.unsupportedType, "cannot make a zero of type \(type)", at: cursor)
    }
    return builder.constant(0, type)
  }

  /// The member types of a vector or struct type.
  func members(of type: IRType, at cursor: CXCursor) throws -> [IRType] {
    switch type {
    case let .vector(element, count): return Array(repeating: element, count: count)
    case let .structure(name):
      guard let declaration = owner.module.structDecl(named: name) else {
        throw LoweringFailure(.unsupportedType, "unknown struct '\(name)'", at: cursor)
      }
      return declaration.fields.map(\.type)
    default:
      throw LoweringFailure(.unsupportedType, "type \(type) has no members", at: cursor)
    }
  }

  func declareShared(_ declaration: CXCursor) throws {
    let type = try owner.irType(declaration.type, at: declaration)
    let op: Operation
    if clang_Cursor_getStorageClass(declaration) == CX_SC_Extern {
      guard case let .array(element, nil) = type else {
        throw LoweringFailure(
          .unsupportedConstruct, "'extern __shared__' must be an unsized array", at: declaration)
      }
      op = Operation(
        .dynamicShared, resultTypes: [.pointer(space: .shared, pointee: .array(element: element, count: nil))],
        resultNames: [declaration.spelling], location: declaration.location)
    } else {
      if case .array(_, nil) = type {
        throw LoweringFailure(.unsupportedConstruct, "a static __shared__ array needs a size", at: declaration)
      }
      op = Operation(
        .sharedAlloc, resultTypes: [.pointer(space: .shared, pointee: type)],
        resultNames: [declaration.spelling], location: declaration.location)
    }
    insertAtEntry(op)
    bindings[declaration] = .address(op.results[0])
  }

  // MARK: Control flow

  private func lowerIf(_ statement: CXCursor) throws {
    var parts = statement.children
    if let first = parts.first, first.kind == CXCursor_DeclStmt || first.kind == CXCursor_VarDecl {
      if first.kind == CXCursor_DeclStmt { _ = try lowerStatement(first) } else { try declareVariable(first) }
      parts.removeFirst()
    }
    guard parts.count >= 2 else {
      throw LoweringFailure(.unsupportedConstruct, "malformed if statement", at: statement)
    }
    let condition = try self.condition(parts[0])
    let thenRegion = try region { _ = try lowerStatement(parts[1]) }
    let elseRegion = try region { if parts.count > 2 { _ = try lowerStatement(parts[2]) } }
    builder.location = statement.location
    builder.create(.if, [condition], regions: [thenRegion, elseRegion])
  }

  private func lowerFor(_ statement: CXCursor) throws {
    let (initializer, condition, step, body) = forParts(statement)
    if let initializer { _ = try lowerStatement(initializer) }
    let conditionRegion = try region {
      let value = try condition.map { try self.condition($0) } ?? builder.constant(int: 1, .bool)
      builder.location = (condition ?? statement).location
      builder.create(.condition, [value])
    }
    let bodyRegion = try region { if let body { _ = try lowerStatement(body) } }
    let stepRegion = try region { if let step { _ = try expression(step) } }
    builder.location = statement.location
    builder.create(.loop, regions: [conditionRegion, bodyRegion, stepRegion])
  }

  /// The init, condition, step and body of a `for`: libclang omits absent parts, so the
  /// top-level `;` of the header tell which child is which.
  private func forParts(_ statement: CXCursor) -> (CXCursor?, CXCursor?, CXCursor?, CXCursor?) {
    var children = statement.children
    let body = children.popLast()
    if children.count == 3 { return (children[0], children[1], children[2], body) }
    if children.isEmpty { return (nil, nil, nil, body) }
    let semicolons = headerSemicolons(statement)
    var parts: [CXCursor?] = [nil, nil, nil]
    for child in children {
      let offset = expansion(of: clang_getRangeStart(clang_getCursorExtent(child)))?.offset ?? 0
      let slot = semicolons.count == 2 ? (offset < semicolons[0] ? 0 : offset < semicolons[1] ? 1 : 2) : 1
      parts[slot] = child
    }
    return (parts[0], parts[1], parts[2], body)
  }

  /// Offsets of the two top-level `;` in a `for` header.
  private func headerSemicolons(_ statement: CXCursor) -> [Int] {
    let unit = clang_Cursor_getTranslationUnit(statement)
    var tokens: UnsafeMutablePointer<CXToken>?
    var count: UInt32 = 0
    clang_tokenize(unit, clang_getCursorExtent(statement), &tokens, &count)
    guard let tokens else { return [] }
    defer { clang_disposeTokens(unit, tokens, count) }
    var depth = 0
    var found: [Int] = []
    for index in 0..<Int(count) {
      let text = string(clang_getTokenSpelling(unit, tokens[index]))
      if text == "(" {
        depth += 1
      } else if text == ")" {
        depth -= 1
        if depth == 0 { break }
      } else if text == ";" && depth == 1 {
        found.append(expansion(of: clang_getTokenLocation(unit, tokens[index]))?.offset ?? 0)
      }
    }
    return found
  }

  private func lowerWhile(_ statement: CXCursor) throws {
    let parts = statement.children.filter { $0.kind != CXCursor_VarDecl }
    guard parts.count == 2 else {
      throw LoweringFailure(.unsupportedConstruct, "a condition variable in 'while' cannot be translated", at: statement)
    }
    let conditionRegion = try region {
      let value = try condition(parts[0])
      builder.create(.condition, [value])
    }
    let bodyRegion = try region { _ = try lowerStatement(parts[1]) }
    builder.location = statement.location
    builder.create(.loop, regions: [conditionRegion, bodyRegion, Region()])
  }

  private func lowerDoWhile(_ statement: CXCursor) throws {
    let parts = statement.children
    guard parts.count == 2 else {
      throw LoweringFailure(.unsupportedConstruct, "malformed do statement", at: statement)
    }
    let bodyRegion = try region { _ = try lowerStatement(parts[0]) }
    let conditionRegion = try region {
      let value = try condition(parts[1])
      builder.create(.condition, [value])
    }
    builder.location = statement.location
    builder.create(.doWhile, regions: [bodyRegion, conditionRegion])
  }

  /// `#pragma unroll` and other attributed statements: lowers the statement and records the
  /// unroll count on the loop it made.
  private func lowerAttributed(_ statement: CXCursor) throws -> Bool {
    guard let inner = statement.children.first else { return false }
    let before = builder.region.operations.count
    let terminated = try lowerStatement(inner)
    if let unroll = unrollCount(statement),
      let loop = builder.region.operations.dropFirst(before).last(where: { $0.opcode == .loop })
    {
      loop.attributes["unroll"] = .int(unroll)
    }
    return terminated
  }

  /// The count of a `#pragma unroll [N]` in front of a statement: N, or 0 for a full unroll.
  private func unrollCount(_ statement: CXCursor) -> Int64? {
    let unit = clang_Cursor_getTranslationUnit(statement)
    var tokens: UnsafeMutablePointer<CXToken>?
    var count: UInt32 = 0
    clang_tokenize(unit, clang_getCursorExtent(statement), &tokens, &count)
    guard let tokens else { return nil }
    defer { clang_disposeTokens(unit, tokens, count) }
    let words = (0..<min(Int(count), 6)).map { string(clang_getTokenSpelling(unit, tokens[$0])) }
    guard let position = words.firstIndex(of: "unroll") else { return nil }
    if position + 1 < words.count, let number = Int64(words[position + 1]) { return number }
    return 0
  }
}
