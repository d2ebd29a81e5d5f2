// One kernel or device function -> a KIR function. Holds the builder, the variable bindings and
// the storage analysis; statements, expressions and calls are lowered in the files beside it.
//
// A variable that is never assigned after its initialisation and whose address is never taken
// is bound to an SSA value; every other variable gets storage (`mem.alloca`, hoisted to the
// function entry) and is read and written with `mem.load` / `mem.store`.
import CClang
import Foundation
import KIR

/// What a variable declaration is bound to while its function is lowered.
enum Binding {
  /// A read-only variable: its value.
  case value(Value)
  /// A variable in memory (or a reference): the pointer to it.
  case address(Value)
  /// A cooperative-groups group object, which has no run-time representation.
  case group(CooperativeGroup)
}

/// Lowers one function.
final class FunctionTranslator {
  unowned let owner: ModuleTranslator
  let cursor: CXCursor
  let function: Function
  let builder: Builder
  var bindings = CursorMap<Binding>()
  /// Declarations that must live in memory.
  var needsStorage = CursorMap<Bool>()
  /// Calls made, for the call graph.
  var callees: [(String, Location)] = []
  /// The `this` pointer of a member function.
  var thisPointer: Value?
  /// Where hoisted allocations go in the entry region.
  private var entryInsertIndex = 0

  init(owner: ModuleTranslator, cursor: CXCursor, symbol: String) {
    self.owner = owner
    self.cursor = cursor
    let kind: FunctionKind = cursor.hasAttribute(CXCursor_CUDAGlobalAttr) ? .kernel : .device
    self.function = Function(name: symbol, kind: kind, location: cursor.location)
    self.builder = Builder(region: function.body, location: cursor.location)
  }

  /// Lowers the function; throws a LoweringFailure for the first construct it cannot translate.
  func translate() throws -> Function {
    try lowerSignature()
    guard let body = cursor.children.last(where: { $0.kind == CXCursor_CompoundStmt }) else {
      throw LoweringFailure(
        .unknownFunction, "the body of '\(cursor.spelling)' is not visible in this file", at: cursor)
    }
    analyseStorage(body)
    try bindParameters()
    let terminated = try lowerStatement(body)
    if !terminated {
      builder.location = endLocation(of: body)
      if function.resultType == .void {
        builder.create(.return)
      } else {
        // Flowing off the end of a non-void function is undefined in C++; return an undefined
        // value would hide it, so make it an explicit trap.
        builder.create(.trap, attributes: ["message": .string("missing return in '\(cursor.spelling)'")])
      }
    }
    return function
  }

  private func endLocation(of body: CXCursor) -> Location {
    guard let range = body.extentRange else { return body.location }
    return .file(path: range.path, line: range.end.line, column: max(1, range.end.column - 1))
  }

  // MARK: Signature

  private var parameterCursors: [CXCursor] {
    let count = clang_Cursor_getNumArguments(cursor)
    guard count > 0 else { return [] }
    return (0..<UInt32(count)).map { clang_Cursor_getArgument(cursor, $0) }
  }

  private func lowerSignature() throws {
    let isKernel = function.kind == .kernel
    if cursor.kind == CXCursor_CXXMethod && clang_CXXMethod_isStatic(cursor) == 0 {
      let parent = cursor.semanticParent
      let objectType = try owner.irType(parent.type, at: cursor)
      let this = Value(type: .pointer(space: .generic, pointee: objectType), name: "this")
      function.parameters.append(Parameter(value: this, attributes: ["this": .bool(true)]))
      thisPointer = this
    }
    for parameter in parameterCursors where group(ofType: parameter.type) == nil {
      let cType = parameter.type
      let space: AddressSpace = isKernel ? .global : .generic
      let type = try owner.irType(cType, space: space, at: parameter)
      var attributes: [String: Attribute] = [:]
      if cType.canonical.kind == CXType_Pointer {
        if cType.canonical.isRestrictQualified { attributes["restrict"] = .bool(true) }
        if cType.canonical.pointee.isConstQualified { attributes["const"] = .bool(true) }
      }
      if cType.canonical.kind == CXType_LValueReference || cType.canonical.kind == CXType_RValueReference {
        attributes["reference"] = .bool(true)
      }
      let name = parameter.spelling.isEmpty ? nil : parameter.spelling
      function.parameters.append(Parameter(value: Value(type: type, name: name), attributes: attributes))
    }
    function.resultType = try owner.irType(clang_getCursorResultType(cursor), at: cursor)
    if isKernel && function.resultType != .void {
      throw LoweringFailure(.unsupportedConstruct, "a kernel must return void", at: cursor)
    }
    for child in cursor.children where child.kind == CXCursor_AnnotateAttr {
      let text = child.spelling
      if text.hasPrefix("__launch_bounds__(") {
        let inside = text.dropFirst("__launch_bounds__(".count).dropLast()
        let numbers = inside.split(separator: ",").compactMap {
          Int64($0.trimmingCharacters(in: .whitespaces))
        }
        function.attributes["launch_bounds"] = .array(numbers.map { .int($0) })
      } else if text == "__forceinline__" {
        function.attributes["forceinline"] = .bool(true)
      }
    }
    if clang_Cursor_getNumTemplateArguments(cursor) > 0 {
      function.attributes["source_name"] = .string(cursor.spelling)
    }
  }

  private func bindParameters() throws {
    var index = thisPointer == nil ? 0 : 1
    for parameter in parameterCursors {
      if let group = group(ofType: parameter.type) {
        bindings[parameter] = .group(group)
        continue
      }
      defer { index += 1 }
      let value = function.parameters[index].value
      if function.parameters[index].attributes["reference"] != nil {
        bindings[parameter] = .address(value)
      } else if needsStorage[parameter] == true {
        let slot = allocate(value.type, name: value.name, at: parameter)
        builder.location = parameter.location
        builder.create(.store, [value, slot])
        bindings[parameter] = .address(slot)
      } else {
        bindings[parameter] = .value(value)
      }
    }
  }

  // MARK: Storage

  /// A `mem.alloca` for a variable of `type`, hoisted to the function entry.
  func allocate(_ type: IRType, name: String?, at declaration: CXCursor) -> Value {
    let op = KIR.Operation(
      .alloca, resultTypes: [.pointer(space: .local, pointee: type)], resultNames: [name],
      location: declaration.location)
    insertAtEntry(op)
    return op.results[0]
  }

  /// Inserts an op at the function entry, after earlier hoisted ops.
  func insertAtEntry(_ op: KIR.Operation) {
    function.body.operations.insert(op, at: entryInsertIndex)
    entryInsertIndex += 1
  }

  /// Marks every variable that is assigned, incremented, address-taken or bound to a
  /// non-const reference after its declaration.
  private func analyseStorage(_ body: CXCursor) {
    var marks: [CXCursor] = []
    withUnsafeMutablePointer(to: &marks) { pointer in
      _ = clang_visitChildren(
        body,
        { child, _, data in
          guard let marks = data?.assumingMemoryBound(to: [CXCursor].self) else { return CXChildVisit_Break }
          switch clang_getCursorKind(child) {
          case CXCursor_BinaryOperator:
            if clang_getCursorBinaryOperatorKind(child) == CXBinaryOperator_Assign,
              let target = child.children.first
            {
              marks.pointee.append(target)
            }
          case CXCursor_CompoundAssignOperator:
            if let target = child.children.first { marks.pointee.append(target) }
          case CXCursor_UnaryOperator:
            switch clang_getCursorUnaryOperatorKind(child) {
            case CXUnaryOperator_PreInc, CXUnaryOperator_PreDec, CXUnaryOperator_PostInc,
              CXUnaryOperator_PostDec, CXUnaryOperator_AddrOf:
              if let target = child.children.first { marks.pointee.append(target) }
            default: break
            }
          case CXCursor_CallExpr:
            FunctionTranslator.markCallOperands(child, into: &marks.pointee)
          case CXCursor_VarDecl:
            let kind = clang_getCursorType(child).kind
            if kind == CXType_LValueReference || kind == CXType_RValueReference {
              let initializer = clang_Cursor_getVarDeclInitializer(child)
              if clang_Cursor_isNull(initializer) == 0 { marks.pointee.append(initializer) }
            }
          default: break
          }
          return CXChildVisit_Recurse
        }, pointer)
    }
    for mark in marks {
      if let declaration = rootDeclaration(of: mark) { needsStorage[declaration] = true }
    }
  }

  /// Operands of a call that need an address: the object of a member call and arguments bound
  /// to non-const reference parameters.
  static func markCallOperands(_ call: CXCursor, into marks: inout [CXCursor]) {
    let callee = call.referenced
    var callee0 = call.children.first
    while let current = callee0, current.kind == CXCursor_UnexposedExpr, current.children.count == 1 {
      callee0 = current.children.first
    }
    if let first = callee0, first.kind == CXCursor_MemberRefExpr, let base = first.children.first {
      marks.append(base)
    }
    let count = clang_Cursor_getNumArguments(call)
    guard count > 0, clang_Cursor_isNull(callee) == 0 else { return }
    let parameterCount = clang_Cursor_getNumArguments(callee)
    // A member operator call (`p = q` on a struct or vector type: the implicit operator=, or
    // `p += q`) passes its object as the first argument, which a non-const operator changes.
    let objectFirst =
      callee.kind == CXCursor_CXXMethod && callee.spelling.hasPrefix("operator") && count == parameterCount + 1
    if objectFirst, clang_CXXMethod_isConst(callee) == 0 { marks.append(clang_Cursor_getArgument(call, 0)) }
    let shift: Int32 = objectFirst ? 1 : 0
    for index in 0..<UInt32(max(0, parameterCount)) where Int32(index) + shift < count {
      let parameterType = clang_Cursor_getArgument(callee, index).type
      if parameterType.kind == CXType_LValueReference, !parameterType.pointee.isConstQualified {
        marks.append(clang_Cursor_getArgument(call, index + UInt32(shift)))
      }
    }
  }

  /// The variable an lvalue expression is rooted in (`v` of `v.x`, `a[i][j]` for an array `a`).
  func rootDeclaration(of expression: CXCursor) -> CXCursor? {
    var current = expression
    while true {
      switch current.kind {
      case CXCursor_UnexposedExpr, CXCursor_ParenExpr:
        guard let inner = current.children.first else { return nil }
        current = inner
      case CXCursor_MemberRefExpr:
        guard let base = current.children.first, base.type.canonical.kind != CXType_Pointer else {
          return nil
        }
        current = base
      case CXCursor_ArraySubscriptExpr:
        guard let base = current.children.first else { return nil }
        let stripped = strippedImplicit(base)
        guard stripped.type.canonical.kind == CXType_ConstantArray else { return nil }
        current = stripped
      case CXCursor_DeclRefExpr:
        let declaration = current.referenced
        let kind = declaration.kind
        return kind == CXCursor_VarDecl || kind == CXCursor_ParmDecl ? declaration : nil
      default:
        return nil
      }
    }
  }

  /// The expression under implicit conversions and parentheses.
  func strippedImplicit(_ expression: CXCursor) -> CXCursor {
    var current = expression
    while current.kind == CXCursor_UnexposedExpr || current.kind == CXCursor_ParenExpr {
      let children = current.children
      guard children.count == 1 else { break }
      current = children[0]
    }
    return current
  }
}
