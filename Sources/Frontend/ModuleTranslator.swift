// CUDA translation unit -> KIR module: finds the kernels (and the template instantiations the
// file launches; with ported headers, `KernelDiscovery` says which are the port's), lowers each
// with a FunctionTranslator, pulls in the device functions they call, and drops whatever could
// not be translated, with a located diagnostic for each (unless another port reports it).
import CClang
import KIR

/// Translates one device-side translation unit into a KIR module.
final class ModuleTranslator {
  let module: Module
  let options: FrontendOptions
  let bundledDirectory: String?
  var diagnostics: [Diagnostic] = []
  var declaredStructs: Set<String> = []
  var structsInProgress: Set<String> = []

  /// Symbols of functions already requested, by declaration.
  private var functionSymbols = CursorMap<String>()
  /// Functions requested but not yet lowered.
  private var pending: [(CXCursor, String)] = []
  private var usedSymbols: Set<String> = []
  /// Symbols of module globals, by declaration.
  private var globalSymbols = CursorMap<String>()
  /// Callees of each lowered function, with the call's location.
  private var callGraph: [String: [(String, Location)]] = [:]
  private var failed: Set<String> = []
  /// Linkage (mangled) name -> symbol of each kernel and module variable, for `kport exec`.
  private(set) var linkageNames: [String: String] = [:]
  /// Which file each cursor's code belongs to.
  let owners: FileOwners
  /// Kernels of ported headers translated for their interfaces only.
  private var importedSymbols: Set<String> = []
  /// Functions a ported header's own port translates and reports on (its kernels and
  /// non-template device functions): their problems are left to that port.
  private var foreignSymbols: Set<String> = []

  init(path: String, options: FrontendOptions) {
    self.module = Module(sourcePath: path)
    self.options = options
    self.bundledDirectory = BundledHeaders.directory
    self.owners = FileOwners(options.ownership)
  }

  /// Reports `diagnostic` about function `symbol`, unless another port reports it.
  private func report(_ diagnostic: Diagnostic, about symbol: String) {
    guard !foreignSymbols.contains(symbol) else { return }
    diagnostics.append(diagnostic)
  }

  /// Lowers the kernels of the home file (the main file, or `ownership.home`), the template
  /// instantiations it owns, the kernels of ported headers it names (marked `imported`), and
  /// their callees (`KernelDiscovery`).
  func translate(_ unit: TranslationUnit) {
    let discovery = KernelDiscovery(unit: unit.cursor, owners: owners)
    for root in discovery.roots { _ = requestFunction(root) }
    for kernel in discovery.imported { importedSymbols.insert(requestFunction(kernel)) }
    while !pending.isEmpty {
      let (cursor, symbol) = pending.removeFirst()
      lowerFunction(cursor, symbol: symbol)
    }
    dropRecursion()
    dropFunctionsCallingFailed()
    for function in module.functions where foreignSymbols.contains(function.name) {
      // `imported`: a ported header's kernel, lowered for its interface only; `foreign`: a
      // device function a ported header's port reports on (counted here only if called).
      function.attributes[importedSymbols.contains(function.name) ? "imported" : "foreign"] = .bool(true)
    }
  }

  // MARK: Functions

  /// The symbol of a function, queueing it for lowering the first time it is asked for.
  func requestFunction(_ declaration: CXCursor) -> String {
    if let symbol = functionSymbols[declaration] { return symbol }
    var symbol = functionName(declaration)
    if usedSymbols.contains(symbol) { symbol = declaration.displayName }
    var suffix = 1
    let base = symbol
    while usedSymbols.contains(symbol) {
      suffix += 1
      symbol = "\(base)#\(suffix)"
    }
    usedSymbols.insert(symbol)
    functionSymbols[declaration] = symbol
    if declaration.hasAttribute(CXCursor_CUDAGlobalAttr) { recordLinkageName(of: declaration, symbol: symbol) }
    pending.append((declaration, symbol))
    return symbol
  }

  /// Records the name the host side registers `declaration` under (`__cudaRegisterFunction`,
  /// `__cudaRegisterVar`).
  private func recordLinkageName(of declaration: CXCursor, symbol: String) {
    let mangled = clang_Cursor_getMangling(declaration)
    defer { clang_disposeString(mangled) }
    guard let text = clang_getCString(mangled), text.pointee != 0 else { return }
    linkageNames[String(cString: text)] = symbol
  }

  /// `name` or, for a template specialization, `name<args>`; methods get `Class::name`.
  private func functionName(_ declaration: CXCursor) -> String {
    let name = declaration.specializationName
    guard declaration.kind == CXCursor_CXXMethod else { return name }
    return declaration.semanticParent.spelling + "::" + name
  }

  private func lowerFunction(_ cursor: CXCursor, symbol: String) {
    if importedSymbols.contains(symbol) {
      foreignSymbols.insert(symbol)
    } else if case .portedHeader = owners.owner(of: cursor), KernelDiscovery.isDeviceOnly(cursor),
      clang_Cursor_isNull(clang_getSpecializedCursorTemplate(cursor)) != 0
    {
      foreignSymbols.insert(symbol)
    }
    let translator = FunctionTranslator(owner: self, cursor: cursor, symbol: symbol)
    do {
      let function = try translator.translate()
      module.functions.append(function)
      callGraph[symbol] = translator.callees
    } catch let failure as LoweringFailure {
      report(failure.diagnostic, about: symbol)
      failed.insert(symbol)
    } catch {
      report(.error(.unsupportedConstruct, "could not translate '\(symbol)': \(error)", at: cursor.location), about: symbol)
      failed.insert(symbol)
    }
  }

  /// Removes functions that are part of a call cycle, with a located diagnostic.
  private func dropRecursion() {
    var state: [String: Int] = [:]  // 1 = on the stack, 2 = done
    var cyclic: [(String, Location)] = []
    func visit(_ symbol: String) {
      state[symbol] = 1
      for (callee, location) in callGraph[symbol] ?? [] {
        if state[callee] == 1 {
          cyclic.append((callee, location))
        } else if state[callee] == nil {
          visit(callee)
        }
      }
      state[symbol] = 2
    }
    for function in module.functions where state[function.name] == nil { visit(function.name) }
    for (symbol, location) in cyclic where !failed.contains(symbol) {
      report(.error(.recursion, "recursive call of '\(symbol)' cannot be translated", at: location), about: symbol)
      failed.insert(symbol)
    }
  }

  /// Removes failed functions and, transitively, every function that calls one.
  private func dropFunctionsCallingFailed() {
    var changed = true
    while changed {
      changed = false
      for function in module.functions where !failed.contains(function.name) {
        if let (callee, location) = callGraph[function.name]?.first(where: { failed.contains($0.0) }) {
          failed.insert(function.name)
          changed = true
          if function.kind == .kernel {
            report(
              Diagnostic(
                .error, .unsupportedConstruct,
                "kernel '\(function.name)' is not translated: it calls '\(callee)', which could not be translated",
                at: location), about: function.name)
          }
        }
      }
    }
    module.functions.removeAll { failed.contains($0.name) }
  }

  // MARK: Globals

  /// The symbol of a `__device__` or `__constant__` variable, adding it to the module.
  func requestGlobal(_ declaration: CXCursor, translator: FunctionTranslator) throws -> GlobalVariable {
    if let symbol = globalSymbols[declaration], let global = module.global(named: symbol) {
      return global
    }
    let space: AddressSpace = declaration.hasAttribute(CXCursor_CUDAConstantAttr) ? .constant : .global
    let type = try irType(declaration.type, at: declaration)
    var initializer: Attribute?
    let initCursor = clang_Cursor_getVarDeclInitializer(declaration)
    if clang_Cursor_isNull(initCursor) == 0 {
      initializer = try constantInitializer(initCursor, type: type)
    }
    var symbol = declaration.spelling
    while module.global(named: symbol) != nil { symbol += "_" }
    let global = GlobalVariable(
      name: symbol, space: space, type: type, initializer: initializer,
      location: declaration.location)
    module.globals.append(global)
    globalSymbols[declaration] = symbol
    recordLinkageName(of: declaration, symbol: symbol)
    return global
  }

  /// A constant initializer as an attribute: a scalar, or an array for arrays and structs.
  private func constantInitializer(_ cursor: CXCursor, type: IRType) throws -> Attribute {
    var expression = cursor
    while expression.kind == CXCursor_UnexposedExpr, expression.children.count == 1,
      let inner = expression.children.first, inner.kind == CXCursor_InitListExpr
    {
      expression = inner
    }
    if expression.kind == CXCursor_InitListExpr {
      let elements = expression.children
      switch type {
      case let .array(element, _):
        return .array(try elements.map { try constantInitializer($0, type: element) })
      case let .vector(element, _):
        return .array(try elements.map { try constantInitializer($0, type: element) })
      case let .structure(name):
        let fields = module.structDecl(named: name)?.fields ?? []
        return .array(try zip(elements, fields).map { try constantInitializer($0, type: $1.type) })
      default:
        if let first = elements.first { return try constantInitializer(first, type: type) }
      }
    }
    switch evaluate(expression) {
    case let .int(value, _)?:
      return type.isFloat ? .float(Double(value)) : (type.isBool ? .bool(value != 0) : .int(value))
    case let .float(value)?:
      return type.isFloat ? .float(value) : .int(Int64(value))
    case nil:
      throw LoweringFailure(
        .unsupportedConstruct, "the initializer of a device global must be a constant", at: cursor)
    }
  }
}
