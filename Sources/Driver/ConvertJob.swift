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

  public init(
    target: TargetKind, outputDirectory: String? = nil, kernel: String? = nil,
    frontend: FrontendOptions = FrontendOptions(), ruleFiles: [String] = [], pipeline: String? = nil
  ) {
    self.target = target
    self.outputDirectory = outputDirectory
    self.kernel = kernel
    self.frontend = frontend
    self.ruleFiles = ruleFiles
    self.pipeline = pipeline
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
}

/// Ports `path` to `options.target`.
public func convert(path: String, options: ConvertOptions) -> ConvertResult {
  var result = ConvertResult()
  let pipeline: PassPipeline?
  switch PipelineOptions(pipeline: options.pipeline ?? options.target.rawValue).parsed() {
  case let .failure(problem): return ConvertResult(diagnostics: [problem], exitStatus: 2)
  case let .success(parsed): pipeline = parsed
  }
  let (rules, ruleDiagnostics) = RuleSet.bundled(extendedWith: options.ruleFiles)
  result.diagnostics += ruleDiagnostics
  if ruleDiagnostics.contains(where: { $0.severity == .error }) {
    result.exitStatus = 1
    return result
  }
  let source: String
  switch readSource(path) {
  case let .failure(diagnostic): return ConvertResult(diagnostics: [diagnostic], exitStatus: 1)
  case let .success(text): source = text
  }
  var frontend = options.frontend
  frontend.recordsHost = true
  let translated = CUDAFrontend.translate(path: path, options: frontend)
  result.diagnostics += translated.diagnostics
  guard let module = translated.module, !translated.diagnostics.contains(where: { $0.severity == .error }) else {
    result.exitStatus = 1
    return result
  }
  let problems = verify(module)
  result.diagnostics += problems
  if !problems.isEmpty {
    result.exitStatus = 1
    return result
  }
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
  var device = KernelEmitter.emit(module: module, target: options.target, rules: rules, includeStructs: false)
  result.diagnostics += device.diagnostics
  for kernel in unported {
    device.text += "\n// kport: kernel '\(kernel.name)' is not ported; see the diagnostics.\n"
  }
  let host = HostRewriter.rewrite(
    source: source, path: path, records: module.hostRecords, target: options.target, rules: rules,
    deviceCode: DeviceCodeReplacement(text: device.text),
    kernels: kernelInterfaces(of: module, emittedNames: device.functionNames))
  result.diagnostics += host.diagnostics
  result.text = host.text
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
