// `kport convert`: a CUDA file in, one BANG C (.mlu) or Ascend C (.asc) file out: the kernels
// lowered by the target's pipeline and printed by its emitter, the host code rewritten in place.
// Exit status: 0 everything was ported, 1 something was not (the output still holds what was,
// with a comment at each construct left as written), 2 usage error.

import Foundation
import Frontend
import KIR
import Passes
import Rules
import Targets

/// Options of `kport convert`.
public struct ConvertOptions: Sendable {
  public var target: TargetKind
  /// Write DIR/<stem>.<ext>; nil: print the port on standard output.
  public var outputDirectory: String?
  /// Port only this kernel.
  public var kernel: String?
  public var frontend: FrontendOptions
  public var ruleFiles: [String]
  /// Replaces the target's default pipeline.
  public var pipeline: String?
  /// The port names of the ported headers on this target, when headers are ported on their
  /// own (`kport batch`; `frontend.ownership` says which file is ported).
  public var headerPorts: HeaderPorts?

  public init(
    target: TargetKind, outputDirectory: String? = nil, kernel: String? = nil,
    frontend: FrontendOptions = FrontendOptions(), ruleFiles: [String] = [], pipeline: String? = nil,
    headerPorts: HeaderPorts? = nil
  ) {
    self.target = target
    self.outputDirectory = outputDirectory
    self.kernel = kernel
    self.frontend = frontend
    self.ruleFiles = ruleFiles
    self.pipeline = pipeline
    self.headerPorts = headerPorts
  }
}

/// What a conversion produced.
public struct ConvertResult: Sendable {
  /// The port (also when written to a file).
  public var text: String?
  /// Where it was written, with `outputDirectory`.
  public var outputPath: String?
  public var diagnostics: [Diagnostic] = []
  public var exitStatus: Int32 = 0
  /// What was found and converted by category, when the file was translated (`kport batch`).
  public var inventory: PortInventory?
}

/// Ports `path` to `options.target`.
public func convert(path: String, options: ConvertOptions) -> ConvertResult {
  if case let .failure(problem) = PipelineOptions(pipeline: options.pipeline ?? options.target.rawValue).parsed() {
    return ConvertResult(diagnostics: [problem], exitStatus: 2)
  }
  let (translated, failure) = translateForPort(path: path, frontend: options.frontend, ruleFiles: options.ruleFiles)
  guard let translated else { return failure }
  return port(translated, module: translated.module, options: options)
}

/// A CUDA file read, translated and verified, ready to port to any target: `kport batch` ports
/// each file to several targets from one translation (the front end's two parses are most of
/// a port's time).
public struct TranslatedSource {
  /// The file ported, as locations name it (a header in the translation unit of `unitPath`, or
  /// that file itself).
  public let path: String
  /// The translation unit's main file.
  public let unitPath: String
  let source: String
  let module: Module
  let rules: RuleSet
  /// The rule tables' and the front end's diagnostics (no error among them).
  let diagnostics: [Diagnostic]

  /// A port of the translation to `options.target` (`options.frontend` and `ruleFiles` are
  /// those of the translation). The pipeline lowers the module in place, so every port but the
  /// last works on a copy: printed with locations and parsed back, which is the identity.
  public func port(to options: ConvertOptions, last: Bool) -> ConvertResult {
    if case let .failure(problem) = PipelineOptions(pipeline: options.pipeline ?? options.target.rawValue).parsed() {
      return ConvertResult(diagnostics: [problem], exitStatus: 2)
    }
    if last { return Driver.port(self, module: module, options: options) }
    guard let copy = copied(module) else {
      guard path == unitPath else {
        return ConvertResult(
          diagnostics: [.error(.outputFailed, "internal: the translation of '\(path)' could not be copied for \(options.target.rawValue)", at: .unknown)],
          exitStatus: 1)
      }
      return convert(path: unitPath, options: options)
    }
    return Driver.port(self, module: copy, options: options)
  }

  /// A copy of `module`: printed with locations and parsed back, which is the identity.
  func copied(_ module: Module) -> Module? {
    let (copy, problems) = parseModule(printModule(module, options: PrintOptions(printLocations: true)), path: unitPath)
    guard let copy, !problems.contains(where: { $0.severity == .error }) else { return nil }
    copy.sourcePath = module.sourcePath
    return copy
  }
}

/// Reads, translates (kernels and host records) and verifies `path` with the rule tables
/// loaded; nil with the result to report when any of it fails. With `portPath`, the port is of
/// that header of the translation unit (`frontend.ownership.home`, resolved), named so.
public func translateForPort(
  path: String, frontend: FrontendOptions, ruleFiles: [String], portPath: String? = nil
) -> (translated: TranslatedSource?, failure: ConvertResult) {
  var result = ConvertResult()
  let (rules, ruleDiagnostics) = RuleSet.bundled(extendedWith: ruleFiles)
  result.diagnostics += ruleDiagnostics
  if ruleDiagnostics.contains(where: { $0.severity == .error }) {
    result.exitStatus = 1
    return (nil, result)
  }
  let source: String
  switch readSource(portPath ?? path) {
  case let .failure(diagnostic): return (nil, ConvertResult(diagnostics: [diagnostic], exitStatus: 1))
  case let .success(text): source = text
  }
  var frontend = frontend
  frontend.recordsHost = true
  let translated = CUDAFrontend.translate(path: path, options: frontend)
  result.diagnostics += translated.diagnostics
  // A header (`portPath`) is ported whenever its translation unit parses: it is shared by its
  // includers, so what cannot be translated in it (each with its error) leaves the rest ported.
  let stops: (Diagnostic) -> Bool = { diagnostic in
    diagnostic.severity == .error
      && (portPath == nil || [.clangError, .badCompilerArguments, .dynamicParallelism].contains(diagnostic.id))
  }
  guard let module = translated.module, !translated.diagnostics.contains(where: stops) else {
    result.exitStatus = 1
    return (nil, result)
  }
  let problems = verify(module)
  result.diagnostics += problems
  if !problems.isEmpty {
    result.exitStatus = 1
    return (nil, result)
  }
  let translatedSource = TranslatedSource(
    path: portPath ?? path, unitPath: path, source: source, module: module, rules: rules, diagnostics: result.diagnostics)
  return (translatedSource, result)
}

/// Lowers `module` (the translation's, or a copy) to `options.target`, emits it and rewrites
/// the host code around it.
private func port(_ translated: TranslatedSource, module: Module, options: ConvertOptions) -> ConvertResult {
  var result = ConvertResult()
  result.diagnostics = translated.diagnostics
  let path = translated.path
  let rules = translated.rules
  // Checked by the callers before anything was read.
  let pipeline = try? PipelineOptions(pipeline: options.pipeline ?? options.target.rawValue).parsed().get()
  if let kernel = options.kernel {
    let kernels = module.functions.filter { $0.kind == .kernel }
    guard kernels.contains(where: { $0.name == kernel }) else {
      let names = kernels.map(\.name).joined(separator: ", ")
      result.diagnostics.append(.error(.kernelNotFound, "no kernel '\(kernel)' in \(path); kernels: \(names)", at: .unknown))
      result.exitStatus = 2
      return result
    }
    module.functions.removeAll { $0.kind == .kernel && $0.name != kernel }
  }
  // Kernels a ported header emits are lowered apart, for their launch interfaces only.
  let imported = importedInterfaces(of: translated, module: module, pipeline: pipeline, target: options.target)
  let isSplit = options.frontend.ownership != nil
  let census = DeviceCensus(module, deviceFunctionsConverted: options.headerPorts?.isHeader == true)
  if let pipeline {
    let run = PassManager(pipeline: pipeline).run(on: module)
    result.diagnostics += run.diagnostics
    if run.stopped { result.exitStatus = 1 }
    // A pass that broke the IR (an internal error) leaves nothing worth writing.
    if run.diagnostics.contains(where: { $0.id == .passBrokeIR }) { return result }
  }
  // Kernels the pipeline could not lower keep their SIMT form and their diagnostics are said:
  // they are left out (a comment names each), everything else is emitted.
  let unported = module.functions.filter { $0.kind == .kernel && $0.declaredLevel == nil }
  module.functions.removeAll { $0.kind == .kernel && $0.declaredLevel == nil }
  var device = KernelEmitter.emit(
    module: module, target: options.target, rules: rules, includeStructs: false, guardsSharedDefinitions: isSplit)
  result.diagnostics += device.diagnostics
  for kernel in unported {
    device.text += "\n// kport: kernel '\(kernel.name)' is not ported; see the diagnostics.\n"
  }
  let host = HostRewriter.rewrite(
    source: translated.source, path: path, records: module.hostRecords, target: options.target, rules: rules,
    deviceCode: DeviceCodeReplacement(text: device.text),
    kernels: kernelInterfaces(of: module, emittedNames: device.functionNames).merging(imported) { own, _ in own },
    headerPorts: options.headerPorts)
  result.diagnostics += host.diagnostics
  result.text = host.text
  result.inventory = census.inventory(
    unported: Set(unported.map(\.name)), records: module.hostRecords, hostDiagnostics: host.diagnostics)
  if result.diagnostics.contains(where: { $0.severity == .error }) { result.exitStatus = 1 }
  if let directory = options.outputDirectory {
    let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let output = URL(fileURLWithPath: directory).appendingPathComponent("\(stem).\(options.target.info.fileExtension)").path
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      result.diagnostics.append(.error(.outputFailed, "cannot create '\(directory)': \(error.localizedDescription)", at: .unknown))
      result.exitStatus = 1
      return result
    }
    if let problem = writeAtomically(host.text, to: output) {
      result.diagnostics.append(problem)
      result.exitStatus = 1
      return result
    }
    result.outputPath = output
  }
  return result
}

/// The launch interfaces of the kernels `module` imports from ported headers (function attribute
/// `imported`), which are removed from it: a copy holding them is lowered by `pipeline` apart,
/// its diagnostics left to the headers' own ports, and each is named as the header's port
/// names it.
private func importedInterfaces(
  of translated: TranslatedSource, module: Module, pipeline: PassPipeline?, target: TargetKind
) -> [String: KernelInterface] {
  let names = Set(module.functions.filter { $0.attributes["imported"] == .bool(true) }.map(\.name))
  guard !names.isEmpty else { return [:] }
  let copy = translated.copied(module)
  module.functions.removeAll { names.contains($0.name) }
  guard let copy else { return [:] }
  copy.functions.removeAll { $0.kind == .kernel && !names.contains($0.name) }
  if let pipeline { _ = PassManager(pipeline: pipeline).run(on: copy) }
  let emitted = Dictionary(uniqueKeysWithValues: names.map { ($0, KernelEmitter.cName(ofFunction: $0, target: target)) })
  return kernelInterfaces(of: copy, emittedNames: emitted).mapValues { interface in
    var imported = interface
    imported.isImported = true
    return imported
  }
}

/// What each lowered kernel's launches pass beyond the CUDA arguments.
func kernelInterfaces(of module: Module, emittedNames: [String: String]) -> [String: KernelInterface] {
  var interfaces: [String: KernelInterface] = [:]
  for function in module.functions where function.kind == .kernel {
    let cudaParameters = function.parameters.filter {
      $0.attributes["symbol"] == nil && $0.attributes["launch"] == nil
    }
    let pointers = cudaParameters.enumerated().compactMap { index, parameter -> Int? in
      if case .pointer = parameter.value.type { return index }
      return nil
    }
    let symbols = function.parameters.compactMap { $0.attributes["symbol"]?.symbolValue }
    let emitted = emittedNames[function.name].flatMap { $0 == function.name ? nil : $0 }
    interfaces[function.name] = KernelInterface(
      pointerParameters: Set(pointers), symbols: symbols, emittedName: emitted,
      sourceName: function.name.contains("<") ? function.attributes["source_name"]?.stringValue : nil)
  }
  return interfaces
}
