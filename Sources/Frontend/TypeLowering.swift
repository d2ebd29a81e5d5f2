// C/CUDA types -> KIR types. CUDA vector types become `vec<N x T>`, `__half` and
// `__nv_bfloat16` become f16 and bf16, other records become module-level structs.
import CClang
import KIR

/// A construct the front end cannot translate; ends the translation of the current function.
struct LoweringFailure: Error {
  let diagnostic: Diagnostic

  init(_ id: DiagnosticID, _ message: String, at cursor: CXCursor) {
    diagnostic = Diagnostic(.error, id, message, at: cursor.location)
  }
}

/// CUDA's built-in vector types by name: element type and count.
let cudaVectorTypes: [String: (IRType, Int)] = {
  var table: [String: (IRType, Int)] = [:]
  let bases: [(String, IRType)] = [
    ("char", .i8), ("uchar", .u8), ("short", .i16), ("ushort", .u16), ("int", .i32),
    ("uint", .u32), ("long", .i64), ("ulong", .u64), ("longlong", .i64), ("ulonglong", .u64),
    ("float", .f32), ("double", .f64),
  ]
  for (name, element) in bases {
    for count in 1...4 { table["\(name)\(count)"] = (element, count) }
  }
  table["dim3"] = (.u32, 3)
  table["__half2"] = (.f16, 2)
  table["half2"] = (.f16, 2)
  table["__nv_bfloat162"] = (.bf16, 2)
  return table
}()

extension ModuleTranslator {
  /// The KIR type of a C type. Pointers at the outermost level get `space`; deeper ones and
  /// pointers inside structs are `generic`.
  func irType(_ type: CXType, space: AddressSpace = .generic, at cursor: CXCursor) throws -> IRType {
    let canonical = type.canonical
    switch canonical.kind {
    case CXType_Void: return .void
    case CXType_Bool: return .bool
    case CXType_Char_S, CXType_SChar: return .i8
    case CXType_Char_U, CXType_UChar: return .u8
    case CXType_Short: return .i16
    case CXType_UShort, CXType_Char16: return .u16
    case CXType_Int, CXType_WChar: return .i32
    case CXType_UInt, CXType_Char32: return .u32
    case CXType_Long, CXType_LongLong: return .i64
    case CXType_ULong, CXType_ULongLong: return .u64
    case CXType_Float: return .f32
    case CXType_Double: return .f64
    case CXType_Half, CXType_Float16: return .f16
    case CXType_BFloat16: return .bf16
    case CXType_Pointer:
      let pointee = canonical.pointee
      if pointee.canonical.kind == CXType_FunctionProto || pointee.canonical.kind == CXType_FunctionNoProto {
        throw LoweringFailure(.functionPointer, "function pointers cannot be translated", at: cursor)
      }
      return .pointer(space: space, pointee: try irType(pointee, at: cursor))
    case CXType_LValueReference, CXType_RValueReference:
      return .pointer(space: space, pointee: try irType(canonical.pointee, at: cursor))
    case CXType_ConstantArray:
      let count = Int(clang_getArraySize(canonical))
      return .array(element: try irType(clang_getArrayElementType(canonical), at: cursor), count: count)
    case CXType_IncompleteArray:
      return .array(element: try irType(clang_getArrayElementType(canonical), at: cursor), count: nil)
    case CXType_NullPtr:
      return .pointer(space: space, pointee: .void)
    case CXType_Enum:
      return try irType(clang_getEnumDeclIntegerType(canonical.declaration), at: cursor)
    case CXType_Record:
      return try recordType(canonical, at: cursor)
    case CXType_LongDouble, CXType_Float128, CXType_Int128, CXType_UInt128:
      throw LoweringFailure(.unsupportedType, "type '\(type.spelling)' is not supported", at: cursor)
    case CXType_VariableArray, CXType_DependentSizedArray:
      throw LoweringFailure(.unsupportedType, "variable-length array type '\(type.spelling)' is not supported", at: cursor)
    case CXType_FunctionProto, CXType_FunctionNoProto:
      throw LoweringFailure(.functionPointer, "function types cannot be translated", at: cursor)
    default:
      throw LoweringFailure(.unsupportedType, "type '\(type.spelling)' is not supported", at: cursor)
    }
  }

  /// A record type: a CUDA vector or half type, or a struct declared in the module.
  private func recordType(_ type: CXType, at cursor: CXCursor) throws -> IRType {
    let declaration = type.declaration
    let name = type.spelling.replacingOccurrences(of: "struct ", with: "")
      .replacingOccurrences(of: "class ", with: "").replacingOccurrences(of: "const ", with: "")
    if isBundled(declaration) {
      if name == "__half" || name == "half" { return .f16 }
      if name == "__nv_bfloat16" || name == "nv_bfloat16" { return .bf16 }
      if let (element, count) = cudaVectorTypes[name] { return .vector(element: element, count: count) }
    }
    if declaration.kind == CXCursor_UnionDecl {
      throw LoweringFailure(.unsupportedType, "union '\(name)' is not supported", at: cursor)
    }
    if declaredStructs.contains(name) { return .structure(name) }
    if structsInProgress.contains(name) {
      throw LoweringFailure(.unsupportedType, "recursive struct '\(name)' is not supported", at: cursor)
    }
    structsInProgress.insert(name)
    defer { structsInProgress.remove(name) }
    var fields: [StructDecl.Field] = []
    for child in declaration.children {
      switch child.kind {
      case CXCursor_FieldDecl:
        if clang_Cursor_isBitField(child) != 0 {
          throw LoweringFailure(.unsupportedType, "bit-field '\(child.spelling)' in '\(name)' is not supported", at: cursor)
        }
        fields.append(.init(name: child.spelling, type: try irType(child.type, at: child)))
      case CXCursor_CXXBaseSpecifier:
        throw LoweringFailure(.unsupportedType, "struct '\(name)' with a base class is not supported", at: cursor)
      case CXCursor_CXXMethod where clang_CXXMethod_isVirtual(child) != 0:
        throw LoweringFailure(.functionPointer, "class '\(name)' has virtual functions", at: cursor)
      default:
        continue
      }
    }
    module.structs.append(StructDecl(name: name, fields: fields, location: declaration.location))
    declaredStructs.insert(name)
    return .structure(name)
  }

  /// Whether a declaration comes from kport's bundled CUDA headers (or the real SDK's).
  func isBundled(_ declaration: CXCursor) -> Bool {
    let file = declaration.declaringFile
    if let headers = bundledDirectory, file.hasPrefix(headers) { return true }
    if let cudaPath = options.cudaPath, file.hasPrefix(cudaPath) { return true }
    return false
  }
}
