// Host code stays C++ source. From a host-side parse, this records with exact source ranges every
// kernel launch, CUDA runtime call, CUDA type, CUDA macro and CUDA include of the main file, so
// that back ends can rewrite host code in place (as HIPIFY does).
import CClang
import Foundation
import KIR

/// Records the CUDA constructs of a file's host code.
enum HostRecorder {
  struct Output {
    var records: [HostRecord] = []
    var diagnostics: [Diagnostic] = []
  }

  static func record(path: String, options: FrontendOptions) -> Output {
    var output = Output()
    guard let unit = TranslationUnit.parse(
      path: path, arguments: clangArguments(for: .host, options: options), detailedPreprocessing: true)
    else {
      output.diagnostics.append(
        .error(.badCompilerArguments, "clang could not parse the host side of '\(path)'", at: .unknown))
      return output
    }
    output.diagnostics = unit.diagnostics().filter { $0.severity == .error }
    let text = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
    var walker = Walker(source: [UInt8](text), bundled: BundledHeaders.directory, cudaPath: options.cudaPath)
    walker.visitTopLevel(unit.cursor)
    output.records = walker.records
    return output
  }

  private struct Walker {
    let source: [UInt8]
    let bundled: String?
    let cudaPath: String?
    var records: [HostRecord] = []
    var seenTypeRanges: Set<Int> = []

    init(source: [UInt8], bundled: String?, cudaPath: String?) {
      self.source = source
      self.bundled = bundled
      self.cudaPath = cudaPath
    }

    func isCUDAFile(_ file: String) -> Bool {
      if let bundled, file.hasPrefix(bundled) { return true }
      if let cudaPath, file.hasPrefix(cudaPath) { return true }
      return false
    }

    func text(_ range: SourceRange) -> String {
      let start = max(0, min(range.start.offset, source.count))
      let end = max(start, min(range.end.offset, source.count))
      return String(decoding: source[start..<end], as: UTF8.self)
    }

    mutating func visitTopLevel(_ unit: CXCursor) {
      for child in unit.children where child.isFromMainFile {
        switch child.kind {
        case CXCursor_InclusionDirective:
          if let file = clang_getIncludedFile(child) {
            let included = string(clang_getFileName(file))
            if isCUDAFile(included), let range = child.extentRange {
              records.append(HostRecord(kind: .include, name: child.spelling, range: range))
            }
          }
        case CXCursor_MacroExpansion:
          let definition = child.referenced
          if !definition.isNull, isCUDAFile(definition.declaringFile), let range = child.extentRange {
            records.append(HostRecord(kind: .macro, name: child.spelling, range: range))
          }
        case CXCursor_Namespace, CXCursor_LinkageSpec:
          for inner in child.children { visit(inner) }
        default:
          visit(child)
        }
      }
    }

    mutating func visit(_ cursor: CXCursor) {
      if cursor.kind == CXCursor_FunctionDecl || cursor.kind == CXCursor_FunctionTemplate
        || cursor.kind == CXCursor_CXXMethod
      {
        if cursor.hasAttribute(CXCursor_CUDAGlobalAttr)
          || (cursor.hasAttribute(CXCursor_CUDADeviceAttr) && !cursor.hasAttribute(CXCursor_CUDAHostAttr))
        {
          return
        }
      }
      switch cursor.kind {
      case CXCursor_CallExpr:
        if recordCall(cursor) { return }
      case CXCursor_TypeRef:
        recordType(cursor)
      default:
        break
      }
      for child in cursor.children { visit(child) }
    }

    /// The kernel a call launches and its `<<<...>>>` configuration call, if it is a launch.
    /// Inside a host template the callee is unresolved: the kernel is then the template the
    /// call's first child names.
    func launch(_ call: CXCursor) -> (kernel: CXCursor, configuration: CXCursor)? {
      let children = call.children
      guard let configuration = children.first(where: {
        $0.kind == CXCursor_CallExpr
          && ["cudaConfigureCall", "__cudaPushCallConfiguration"].contains($0.referenced.spelling)
      }) else { return nil }
      var kernel = call.referenced
      func isFunction(_ cursor: CXCursor) -> Bool {
        cursor.kind == CXCursor_FunctionDecl || cursor.kind == CXCursor_FunctionTemplate
      }
      if !isFunction(kernel), var first = children.first {
        while first.kind == CXCursor_UnexposedExpr, let inner = first.children.first { first = inner }
        kernel = first.referenced
        if !isFunction(kernel) {
          for candidate in [first] + first.children where clang_getNumOverloadedDecls(candidate) > 0 {
            kernel = clang_getOverloadedDecl(candidate, 0)
            break
          }
        }
      }
      guard !kernel.isNull, kernel.hasAttribute(CXCursor_CUDAGlobalAttr) else { return nil }
      return (kernel, configuration)
    }

    /// Records a launch or runtime call; returns true when the children were handled too.
    mutating func recordCall(_ call: CXCursor) -> Bool {
      guard let range = call.extentRange else { return false }
      let callArguments = (0..<max(0, Int(clang_Cursor_getNumArguments(call)))).map {
        clang_Cursor_getArgument(call, UInt32($0))
      }
      let argumentTexts = callArguments.compactMap { argument -> Attribute? in
        guard let range = argument.extentRange else { return nil }
        return .string(text(range))
      }
      if let (kernel, configuration) = launch(call) {
        let count = Int(clang_Cursor_getNumArguments(configuration))
        func argument(_ index: Int) -> String {
          guard index < count else { return "" }
          let cursor = clang_Cursor_getArgument(configuration, UInt32(index))
          guard !cursor.children.isEmpty || cursor.kind != CXCursor_UnexposedExpr,
            let range = cursor.extentRange
          else { return "" }
          return text(range)
        }
        var attributes: [String: Attribute] = [
          "grid": .string(argument(0)), "block": .string(argument(1)), "shared": .string(argument(2)),
          "stream": .string(argument(3)), "args": .array(argumentTexts),
        ]
        var name = kernel.specializationName
        if kernel.kind == CXCursor_FunctionTemplate, let configurationRange = configuration.extentRange {
          // A launch inside a host template: the kernel's template arguments are dependent.
          attributes["dependent"] = .bool(true)
          var calleeRange = range
          calleeRange.end = configurationRange.start
          name = text(calleeRange).trimmingCharacters(in: .whitespaces)
        }
        if clang_Cursor_getNumTemplateArguments(kernel) > 0 || kernel.kind == CXCursor_FunctionTemplate {
          attributes["source_name"] = .string(kernel.spelling)
        }
        records.append(HostRecord(kind: .launch, name: name, range: range, attributes: attributes))
        for argument in callArguments { visit(argument) }
        for index in 0..<count { visit(clang_Cursor_getArgument(configuration, UInt32(index))) }
        return true
      }
      let callee = call.referenced
      let name = callee.spelling
      if !callee.isNull, isCUDAFile(callee.declaringFile), name.hasPrefix("cu") || name.hasPrefix("__cuda") {
        records.append(HostRecord(kind: .runtimeCall, name: name, range: range, attributes: ["args": .array(argumentTexts)]))
      }
      return false
    }

    mutating func recordType(_ reference: CXCursor) {
      let declaration = reference.referenced
      guard !declaration.isNull, isCUDAFile(declaration.declaringFile), reference.isFromMainFile,
        let range = reference.extentRange, !seenTypeRanges.contains(range.start.offset)
      else { return }
      seenTypeRanges.insert(range.start.offset)
      let name = declaration.spelling.isEmpty ? text(range) : declaration.spelling
      records.append(HostRecord(kind: .type, name: name, range: range))
    }
  }
}
