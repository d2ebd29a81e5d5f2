// Small, safe wrappers over libclang cursors, types and locations. Everything libclang returns
// stays on the thread that owns the translation unit; nothing here is Sendable on purpose.
import CClang
import KIR

/// The text of a libclang string, disposing it.
func string(_ value: CXString) -> String {
  defer { clang_disposeString(value) }
  guard let pointer = clang_getCString(value) else { return "" }
  return String(cString: pointer)
}

extension CXCursor {
  var kind: CXCursorKind { clang_getCursorKind(self) }
  var spelling: String { string(clang_getCursorSpelling(self)) }
  var displayName: String { string(clang_getCursorDisplayName(self)) }
  var type: CXType { clang_getCursorType(self) }
  var referenced: CXCursor { clang_getCursorReferenced(self) }
  var isNull: Bool { clang_Cursor_isNull(self) != 0 }
  var semanticParent: CXCursor { clang_getCursorSemanticParent(self) }

  /// The direct children, in order.
  var children: [CXCursor] {
    var out: [CXCursor] = []
    withUnsafeMutablePointer(to: &out) { pointer in
      _ = clang_visitChildren(
        self,
        { child, _, data in
          data?.assumingMemoryBound(to: [CXCursor].self).pointee.append(child)
          return CXChildVisit_Continue
        }, pointer)
    }
    return out
  }

  /// Whether the cursor carries attribute `attributeKind` (e.g. `CXCursor_CUDAGlobalAttr`).
  func hasAttribute(_ attributeKind: CXCursorKind) -> Bool {
    // clang_Cursor_hasAttrs is false for function templates, whose attributes are children too.
    guard clang_Cursor_hasAttrs(self) != 0 || kind == CXCursor_FunctionTemplate else { return false }
    return children.contains { $0.kind == attributeKind }
  }

  /// The expansion location: where a macro was used rather than where it was defined.
  var position: (file: String, line: Int, column: Int, offset: Int)? {
    let location = clang_getCursorLocation(self)
    return expansion(of: location)
  }

  /// The KIR location of this cursor.
  var location: Location {
    guard let position, !position.file.isEmpty else { return .unknown }
    return .file(path: position.file, line: position.line, column: position.column)
  }

  /// Start and end of the cursor's extent, as expansion positions.
  var extentRange: SourceRange? {
    let extent = clang_getCursorExtent(self)
    guard let start = fileLocation(of: clang_getRangeStart(extent)),
      let end = fileLocation(of: clang_getRangeEnd(extent)), start.file == end.file
    else { return nil }
    return SourceRange(
      path: start.file,
      start: SourcePosition(line: start.line, column: start.column, offset: start.offset),
      end: SourcePosition(line: end.line, column: end.column, offset: end.offset))
  }

  /// Whether this cursor's location is in the main file of its translation unit.
  var isFromMainFile: Bool { clang_Location_isFromMainFile(clang_getCursorLocation(self)) != 0 }

  /// The file that declares this cursor (spelling location), or "".
  var declaringFile: String {
    var file: CXFile?
    clang_getSpellingLocation(clang_getCursorLocation(self), &file, nil, nil, nil)
    guard let file else { return "" }
    return string(clang_getFileName(file))
  }
}

/// The file position of a location: inside a macro argument, where the argument is spelled;
/// elsewhere in a macro, where the macro is used.
func fileLocation(of location: CXSourceLocation) -> (file: String, line: Int, column: Int, offset: Int)? {
  var file: CXFile?
  var line: UInt32 = 0
  var column: UInt32 = 0
  var offset: UInt32 = 0
  clang_getFileLocation(location, &file, &line, &column, &offset)
  guard let file else { return nil }
  return (string(clang_getFileName(file)), Int(line), Int(column), Int(offset))
}

/// The expansion position of a location, or nil for a location in no file.
func expansion(of location: CXSourceLocation) -> (file: String, line: Int, column: Int, offset: Int)? {
  var file: CXFile?
  var line: UInt32 = 0
  var column: UInt32 = 0
  var offset: UInt32 = 0
  clang_getExpansionLocation(location, &file, &line, &column, &offset)
  guard let file else { return nil }
  return (string(clang_getFileName(file)), Int(line), Int(column), Int(offset))
}

extension CXType {
  var spelling: String { string(clang_getTypeSpelling(self)) }
  var canonical: CXType { clang_getCanonicalType(self) }
  var pointee: CXType { clang_getPointeeType(self) }
  var declaration: CXCursor { clang_getTypeDeclaration(self) }
  var isConstQualified: Bool { clang_isConstQualifiedType(self) != 0 }
  var isRestrictQualified: Bool { clang_isRestrictQualifiedType(self) != 0 }
  var isVolatileQualified: Bool { clang_isVolatileQualifiedType(self) != 0 }
  var nonReference: CXType { clang_getNonReferenceType(self) }
}

/// Evaluates a constant expression cursor: an integer, a float, or nil.
enum ConstantValue {
  case int(Int64, unsigned: Bool)
  case float(Double)
}

func evaluate(_ cursor: CXCursor) -> ConstantValue? {
  guard let result = clang_Cursor_Evaluate(cursor) else { return nil }
  defer { clang_EvalResult_dispose(result) }
  switch clang_EvalResult_getKind(result) {
  case CXEval_Int:
    if clang_EvalResult_isUnsignedInt(result) != 0 {
      return .int(Int64(bitPattern: UInt64(clang_EvalResult_getAsUnsigned(result))), unsigned: true)
    }
    return .int(clang_EvalResult_getAsLongLong(result), unsigned: false)
  case CXEval_Float:
    return .float(clang_EvalResult_getAsDouble(result))
  default:
    return nil
  }
}

extension CXCursor {
  /// `name`, or `name<args>` for a function template specialization (`reduce<float, 256>`),
  /// the template arguments spelled as C++ types and integer values.
  var specializationName: String {
    let count = clang_Cursor_getNumTemplateArguments(self)
    guard count > 0 else { return spelling }
    let arguments = (0..<UInt32(count)).map { index -> String in
      switch clang_Cursor_getTemplateArgumentKind(self, index) {
      case CXTemplateArgumentKind_Type: return clang_Cursor_getTemplateArgumentType(self, index).spelling
      case CXTemplateArgumentKind_Integral: return String(clang_Cursor_getTemplateArgumentValue(self, index))
      default: return "?"
      }
    }
    return spelling + "<" + arguments.joined(separator: ", ") + ">"
  }
}
