// Host code stays C++ source. From a host-side parse, this records with exact source ranges every
// kernel launch, CUDA runtime call, CUDA type, CUDA enumerator, CUDA macro and CUDA include of the
// home file (the main file, or the header `PortOwnership.home` names), the includes of headers
// ported on their own, and every file-scope device definition, so that back ends can rewrite host
// code in place (as HIPIFY does). CUDA names inside the bodies of macros defined in the home file
// are recorded where they are spelled in the `#define` (`MacroBodyScanner` below), once per
// definition.
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
    // The port's file: the main file, or the header `ownership.home` names.
    let home = options.ownership?.home ?? path
    let text = (try? Data(contentsOf: URL(fileURLWithPath: home))) ?? Data()
    var walker = Walker(
      path: home, source: [UInt8](text), bundled: BundledHeaders.directory, cudaPath: options.cudaPath,
      owners: FileOwners(options.ownership))
    walker.visitTopLevel(unit.cursor)
    walker.recordExplicitInstantiations()
    output.records = walker.records + walker.macroBodyRecords() + walker.macroArgumentTypeRecords()
    return output
  }

  /// Whether a type declared by a CUDA header is one host code may name (and rules may map).
  static func isCUDATypeName(_ name: String) -> Bool {
    name.hasPrefix("cuda") || name.hasPrefix("CU") || name == "dim3" || name.hasPrefix("__half")
      || name.hasPrefix("__nv_")
  }

  private struct Walker {
    /// The home file's path (the main file, or the ported header).
    let path: String
    let source: [UInt8]
    let bundled: String?
    let cudaPath: String?
    /// Which file each cursor belongs to: only the home file's constructs are recorded.
    let owners: FileOwners
    var records: [HostRecord] = []
    var seenTypeRanges: Set<Int> = []
    /// The CUDA names the included CUDA headers declare, with the record kind of a use.
    var cudaNames: [String: HostRecordKind] = [:]
    /// The macros defined in the home file, in order.
    var macroDefinitions: [(name: String, range: SourceRange)] = []
    /// Every macro expansion of the home file, with the macro's name.
    var macroExpansions: [(name: String, range: SourceRange)] = []

    init(path: String, source: [UInt8], bundled: String?, cudaPath: String?, owners: FileOwners) {
      self.path = path
      self.source = source
      self.bundled = bundled
      self.cudaPath = cudaPath
      self.owners = owners
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
      let topLevel = unit.children
      let home = topLevel.map(owners.isHome)
      for (child, isHome) in zip(topLevel, home) where !isHome && isCUDAFile(child.declaringFile) {
        collectCUDANames(child)
      }
      for (child, isHome) in zip(topLevel, home) where isHome {
        if recordDeviceCode(child, isMember: false) { continue }
        switch child.kind {
        case CXCursor_MacroDefinition:
          if let range = child.extentRange { macroDefinitions.append((child.spelling, range)) }
        case CXCursor_InclusionDirective:
          if let file = clang_getIncludedFile(child) {
            let included = string(clang_getFileName(file))
            if isCUDAFile(included), let range = child.extentRange {
              records.append(HostRecord(kind: .include, name: child.spelling, range: range))
            } else if let header = owners.portedHeader(named: included), let range = child.extentRange {
              // A header ported on its own: the include will name its port.
              records.append(
                HostRecord(kind: .include, name: child.spelling, range: range, attributes: ["ported_header": .string(header)]))
            }
          }
        case CXCursor_MacroExpansion:
          if let range = child.extentRange { macroExpansions.append((child.spelling, range)) }
          let definition = child.referenced
          if !definition.isNull, isCUDAFile(definition.declaringFile), let range = child.extentRange {
            records.append(HostRecord(kind: .macro, name: child.spelling, range: range))
          }
        case CXCursor_Namespace, CXCursor_LinkageSpec:
          for inner in child.children where !recordDeviceCode(inner, isMember: false) { visit(inner) }
        default:
          visit(child)
        }
      }
    }

    /// Notes the names a CUDA header declares at file scope, so that macro bodies (which clang
    /// does not analyse) can be scanned for them.
    mutating func collectCUDANames(_ cursor: CXCursor) {
      let name = cursor.spelling
      switch cursor.kind {
      case CXCursor_FunctionDecl:
        if name.hasPrefix("cu") { cudaNames[name] = .runtimeCall }
      case CXCursor_TypedefDecl, CXCursor_StructDecl, CXCursor_ClassDecl, CXCursor_EnumDecl:
        if !name.isEmpty, HostRecorder.isCUDATypeName(name) { cudaNames[name] = .type }
        if cursor.kind == CXCursor_EnumDecl {
          for constant in cursor.children where constant.kind == CXCursor_EnumConstantDecl {
            if constant.spelling.hasPrefix("cuda") { cudaNames[constant.spelling] = .enumerator }
          }
        }
      case CXCursor_Namespace, CXCursor_LinkageSpec:
        for inner in cursor.children { collectCUDANames(inner) }
      default:
        break
      }
    }

    /// Whether `cursor` is device-only code; records it as `device_code` (with `;` after it)
    /// and returns true if so. Members of host structs are recorded with `member = true`.
    mutating func recordDeviceCode(_ cursor: CXCursor, isMember: Bool) -> Bool {
      guard isDeviceCode(cursor), let extent = cursor.extentRange, text(extent).count > 0 else {
        return false
      }
      var range = extent
      var end = range.end.offset
      while end < source.count, source[end] == UInt8(ascii: " ") || source[end] == UInt8(ascii: "\t") {
        end += 1
      }
      if end < source.count, source[end] == UInt8(ascii: ";") {
        range.end = SourcePosition(
          line: range.end.line, column: range.end.column + (end + 1 - range.end.offset), offset: end + 1)
      }
      var attributes: [String: Attribute] = [:]
      if isMember { attributes["member"] = .bool(true) }
      if cursor.kind == CXCursor_VarDecl && !cursor.hasAttribute(CXCursor_CUDASharedAttr) {
        attributes["variable"] = .bool(true)
      }
      let name = cursor.spelling.isEmpty ? "<anonymous>" : cursor.spelling
      records.append(HostRecord(kind: .deviceCode, name: name, range: range, attributes: attributes))
      return true
    }

    /// Device functions (not `__host__ __device__`), device variables, and namespace aliases or
    /// using-directives that name a CUDA namespace (cooperative groups).
    func isDeviceCode(_ cursor: CXCursor) -> Bool {
      switch cursor.kind {
      case CXCursor_FunctionDecl, CXCursor_FunctionTemplate, CXCursor_CXXMethod:
        return cursor.hasAttribute(CXCursor_CUDAGlobalAttr)
          || (cursor.hasAttribute(CXCursor_CUDADeviceAttr) && !cursor.hasAttribute(CXCursor_CUDAHostAttr))
      case CXCursor_VarDecl:
        return cursor.hasAttribute(CXCursor_CUDASharedAttr) || cursor.hasAttribute(CXCursor_CUDADeviceAttr)
          || cursor.hasAttribute(CXCursor_CUDAConstantAttr)
      case CXCursor_NamespaceAlias, CXCursor_UsingDirective:
        return cursor.children.contains {
          $0.kind == CXCursor_NamespaceRef && isCUDAFile($0.referenced.declaringFile)
        }
      default:
        return false
      }
    }

    /// Whether the text at `range` starts with `name`: false for a construct that comes from
    /// the body of a macro, whose range libclang reports as the whole expansion.
    func isSpelled(_ name: String, at range: SourceRange) -> Bool {
      text(range).hasPrefix(name)
    }

    /// Records explicit instantiations of device templates (`template __global__ void
    /// k<float>(...);`), which libclang does not expose as cursors, as device code.
    mutating func recordExplicitInstantiations() {
      let text = String(decoding: source, as: UTF8.self)
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      var offset = 0
      for (number, line) in lines.enumerated() {
        defer { offset += line.utf8.count + 1 }
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        guard trimmed.hasPrefix("template"), !trimmed.hasPrefix("template<"), !trimmed.hasPrefix("template <") else {
          continue
        }
        let rest = trimmed.dropFirst("template".count).drop { $0 == " " }
        guard rest.hasPrefix("__global__") || rest.hasPrefix("__device__") else { continue }
        let start = offset + (line.utf8.count - trimmed.utf8.count)
        guard !records.contains(where: { $0.kind == .deviceCode && $0.range.start.offset <= start && start < $0.range.end.offset }),
          let semicolon = source[start...].firstIndex(of: UInt8(ascii: ";"))
        else { continue }
        let declaration = String(decoding: source[start..<semicolon], as: UTF8.self)
        let name = declaration.split(separator: "<").first?.split(separator: " ").last.map(String.init) ?? "<template>"
        let begin = SourcePosition(line: number + 1, column: start - offset + 1, offset: start)
        let end = MacroBodyScanner(source: source, cudaNames: [:]).position(of: semicolon + 1, from: begin)
        records.append(
          HostRecord(
            kind: .deviceCode, name: name, range: SourceRange(path: path, start: begin, end: end),
            attributes: ["explicit_instantiation": .bool(true)]))
      }
    }

    /// The CUDA types spelled in macro arguments, which libclang does not visit as type
    /// references (`CUDA_CHECK(cudaMalloc(&p, n * sizeof(__half)))`).
    func macroArgumentTypeRecords() -> [HostRecord] {
      let types = cudaNames.filter { $0.value == .type }
      var scanner = MacroBodyScanner(source: source, cudaNames: types)
      for expansion in macroExpansions {
        scanner.scanArguments(name: expansion.name, range: expansion.range, skipping: seenTypeRanges)
      }
      return scanner.records
    }

    /// The records of the CUDA names spelled in the bodies of the home file's macros.
    func macroBodyRecords() -> [HostRecord] {
      var scanner = MacroBodyScanner(source: source, cudaNames: cudaNames)
      for definition in macroDefinitions { scanner.scan(name: definition.name, range: definition.range) }
      return scanner.records
    }

    mutating func visit(_ cursor: CXCursor) {
      if cursor.kind == CXCursor_FunctionDecl || cursor.kind == CXCursor_FunctionTemplate
        || cursor.kind == CXCursor_CXXMethod
      {
        if cursor.hasAttribute(CXCursor_CUDAGlobalAttr)
          || (cursor.hasAttribute(CXCursor_CUDADeviceAttr) && !cursor.hasAttribute(CXCursor_CUDAHostAttr))
        {
          // A device-only member of a host struct: removed from the host code.
          if cursor.kind == CXCursor_CXXMethod, owners.isHome(cursor) {
            _ = recordDeviceCode(cursor, isMember: true)
          }
          return
        }
      }
      switch cursor.kind {
      case CXCursor_CallExpr:
        if recordCall(cursor) { return }
      case CXCursor_TypeRef:
        recordType(cursor)
      case CXCursor_DeclRefExpr:
        recordEnumerator(cursor)
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

    /// The kinds of a kernel template's parameters, as its launch dispatcher declares them
    /// (`HostKernelTemplates`): `typename`, `bool`, or `long long` for other values.
    func templateParameterKinds(_ template: CXCursor) -> [String] {
      template.children.compactMap { parameter in
        switch parameter.kind {
        case CXCursor_TemplateTypeParameter, CXCursor_TemplateTemplateParameter: return "typename"
        case CXCursor_NonTypeTemplateParameter: return parameter.type.canonical.spelling == "bool" ? "bool" : "long long"
        default: return nil
        }
      }
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
          attributes["template_parameters"] = .array(templateParameterKinds(kernel).map { .string($0) })
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
      var callee = call.referenced
      if callee.isNull, let first = call.children.first {
        // Inside a host template an overloaded callee (cudaMalloc's template overload) stays
        // unresolved: take the first candidate the call's callee expression names.
        for candidate in [first] + first.children where clang_getNumOverloadedDecls(candidate) > 0 {
          callee = clang_getOverloadedDecl(candidate, 0)
          break
        }
      }
      let name = callee.spelling
      if !callee.isNull, isCUDAFile(callee.declaringFile), name.hasPrefix("cu") || name.hasPrefix("__cuda"),
        isSpelled(name, at: range)
      {
        records.append(HostRecord(kind: .runtimeCall, name: name, range: range, attributes: ["args": .array(argumentTexts)]))
      }
      return false
    }

    mutating func recordType(_ reference: CXCursor) {
      let declaration = reference.referenced
      guard !declaration.isNull, isCUDAFile(declaration.declaringFile), owners.isHome(reference),
        let range = reference.extentRange, !seenTypeRanges.contains(range.start.offset)
      else { return }
      let name = declaration.spelling.isEmpty ? text(range) : declaration.spelling
      guard isSpelled(name, at: range) || declaration.spelling.isEmpty else { return }
      seenTypeRanges.insert(range.start.offset)
      records.append(HostRecord(kind: .type, name: name, range: range))
    }

    /// Records a use of a CUDA enumerator (`cudaMemcpyHostToDevice`, `cudaSuccess`).
    mutating func recordEnumerator(_ reference: CXCursor) {
      let declaration = reference.referenced
      guard !declaration.isNull, declaration.kind == CXCursor_EnumConstantDecl,
        isCUDAFile(declaration.declaringFile), let range = reference.extentRange
      else { return }
      let name = declaration.spelling
      guard isSpelled(name, at: range) else { return }
      records.append(HostRecord(kind: .enumerator, name: name, range: range))
    }
  }
}

/// Finds the CUDA names in the bodies of macros defined in the home file. Clang does not analyse
/// macro bodies, and libclang reports a construct expanded from one with the range of the whole
/// expansion; rewriting must instead change the `#define` once. A name is classified by what the
/// CUDA headers declare it as (function, type or enumerator); a call's range runs from the name
/// to its closing parenthesis, and its `args` are the top-level comma-separated texts.
struct MacroBodyScanner {
  let source: [UInt8]
  let cudaNames: [String: HostRecordKind]
  private(set) var records: [HostRecord] = []

  init(source: [UInt8], cudaNames: [String: HostRecordKind]) {
    self.source = source
    self.cudaNames = cudaNames
  }

  private func isIdentifierByte(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: "_") || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
      || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
  }

  /// The source position of byte `offset`, counted from `anchor` (a known position before it).
  func position(of offset: Int, from anchor: SourcePosition) -> SourcePosition {
    var line = anchor.line
    var column = anchor.column
    var index = anchor.offset
    while index < offset {
      if source[index] == UInt8(ascii: "\n") {
        line += 1
        column = 1
      } else {
        column += 1
      }
      index += 1
    }
    return SourcePosition(line: line, column: column, offset: offset)
  }

  /// Scans the definition of macro `name` spanning `range` (name through the end of the body).
  mutating func scan(name: String, range: SourceRange) {
    let end = min(range.end.offset, source.count)
    var index = min(range.start.offset + name.utf8.count, end)
    var parameters: Set<String> = []
    // A function-like macro: `(` right after the name, then the parameter list.
    if index < end, source[index] == UInt8(ascii: "(") {
      var close = index
      while close < end, source[close] != UInt8(ascii: ")") { close += 1 }
      let list = String(decoding: source[(index + 1)..<close], as: UTF8.self)
      for parameter in list.split(separator: ",") {
        parameters.insert(parameter.trimmingCharacters(in: .whitespaces))
      }
      index = min(close + 1, end)
    }
    while index < end {
      let byte = source[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        index = skipLiteral(from: index, end: end)
        continue
      }
      if byte == UInt8(ascii: "/"), index + 1 < end, source[index + 1] == UInt8(ascii: "*") {
        index += 2
        while index + 1 < end, !(source[index] == UInt8(ascii: "*") && source[index + 1] == UInt8(ascii: "/")) {
          index += 1
        }
        index += 2
        continue
      }
      guard isIdentifierByte(byte), index == 0 || !isIdentifierByte(source[index - 1]) else {
        index += 1
        continue
      }
      var stop = index
      while stop < end, isIdentifierByte(source[stop]) { stop += 1 }
      let word = String(decoding: source[index..<stop], as: UTF8.self)
      if !parameters.contains(word), let kind = cudaNames[word] {
        record(word, kind: kind, start: index, stop: stop, end: end, range: range, macro: name)
      }
      index = stop
    }
  }

  /// Scans the arguments of an expansion of macro `name` spanning `range`, recording the names
  /// whose start offset is not in `skipping` (already recorded from the AST).
  mutating func scanArguments(name: String, range: SourceRange, skipping: Set<Int>) {
    let end = min(range.end.offset, source.count)
    var index = min(range.start.offset + name.utf8.count, end)
    while index < end {
      let byte = source[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        index = skipLiteral(from: index, end: end)
        continue
      }
      guard isIdentifierByte(byte), !isIdentifierByte(source[index - 1]) else {
        index += 1
        continue
      }
      var stop = index
      while stop < end, isIdentifierByte(source[stop]) { stop += 1 }
      let word = String(decoding: source[index..<stop], as: UTF8.self)
      if !skipping.contains(index), let kind = cudaNames[word] {
        let begin = position(of: index, from: range.start)
        records.append(
          HostRecord(
            kind: kind, name: word,
            range: SourceRange(path: range.path, start: begin, end: position(of: stop, from: begin))))
      }
      index = stop
    }
  }

  private func skipLiteral(from start: Int, end: Int) -> Int {
    let quote = source[start]
    var index = start + 1
    while index < end, source[index] != quote {
      if source[index] == UInt8(ascii: "\\") { index += 1 }
      index += 1
    }
    return index + 1
  }

  private mutating func record(
    _ word: String, kind: HostRecordKind, start: Int, stop: Int, end: Int, range: SourceRange, macro: String
  ) {
    var finish = stop
    var attributes: [String: Attribute] = ["in_macro": .string(macro)]
    if kind == .runtimeCall {
      var open = stop
      while open < end, source[open] == UInt8(ascii: " ") { open += 1 }
      guard open < end, source[open] == UInt8(ascii: "(") else { return }
      var depth = 0
      var index = open
      var arguments: [String] = []
      var argumentStart = open + 1
      while index < end {
        let byte = source[index]
        if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
          index = skipLiteral(from: index, end: end)
          continue
        }
        if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { depth += 1 }
        if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
          depth -= 1
          if depth == 0 {
            arguments.append(String(decoding: source[argumentStart..<index], as: UTF8.self))
            finish = index + 1
            break
          }
        }
        if byte == UInt8(ascii: ","), depth == 1 {
          arguments.append(String(decoding: source[argumentStart..<index], as: UTF8.self))
          argumentStart = index + 1
        }
        index += 1
      }
      guard finish > stop else { return }
      let texts = arguments.map { $0.replacingOccurrences(of: "\\\n", with: " ").trimmingCharacters(in: .whitespacesAndNewlines) }
      attributes["args"] = .array(texts.count == 1 && texts[0].isEmpty ? [] : texts.map { .string($0) })
    }
    let begin = position(of: start, from: range.start)
    let recordRange = SourceRange(path: range.path, start: begin, end: position(of: finish, from: begin))
    records.append(HostRecord(kind: kind, name: word, range: recordRange, attributes: attributes))
  }
}
