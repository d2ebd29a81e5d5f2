// Building a CUDA program to run on the CPU: each `.cu` file's device code through the front
// end (and, for a port, the target's pipeline and emitter, as `kport verify` makes the port)
// into a device image; its host code through clang in CUDA host-only mode with the image
// embedded; C++ and C files through clang; everything linked with kport's CUDA runtime.

import Foundation
import Frontend
import KIR
import Passes
import Rules
import Targets

/// What a build produced.
public struct ProgramBuild: Sendable {
  public var diagnostics: [Diagnostic] = []
  /// The linked file; nil when the build failed.
  public var output: String?
}

/// What kind of file the build makes.
public enum BuildProduct: Sendable {
  case executable
  case sharedLibrary
}

/// Translates the device code of `path` into a device image for `target` (nil: CUDA).
public func deviceImage(path: String, target: TargetKind?, clangFlags: [String]) -> (DeviceImage?, [Diagnostic]) {
  let translated = CUDAFrontend.translate(path: path, options: FrontendOptions(clangArguments: clangFlags, recordsHost: false))
  var diagnostics = translated.diagnostics
  guard let module = translated.module, !diagnostics.contains(where: { $0.severity == .error }) else {
    return (nil, diagnostics)
  }
  let problems = verify(module)
  diagnostics += problems
  guard problems.isEmpty else { return (nil, diagnostics) }
  if let target {
    switch PipelineOptions(pipeline: target.rawValue).parsed() {
    case let .failure(problem): return (nil, diagnostics + [problem])
    case .success(nil): break
    case let .success(pipeline?):
      let run = PassManager(pipeline: pipeline).run(on: module)
      diagnostics += run.diagnostics
      if run.stopped || run.diagnostics.contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
    }
    // The port is what the emitter prints: a kernel it cannot emit has no port to run.
    let (rules, ruleDiagnostics) = RuleSet.bundled()
    diagnostics += ruleDiagnostics
    let emitted = KernelEmitter.emit(module: module, target: target, rules: rules).diagnostics
    diagnostics += emitted
    if (ruleDiagnostics + emitted).contains(where: { $0.severity == .error }) { return (nil, diagnostics) }
  }
  let kernelNames = Set(module.functions.filter { $0.kind == .kernel }.map(\.name))
  let globalNames = Set(module.globals.map(\.name))
  let image = DeviceImage(
    target: target?.rawValue ?? "cuda", tasks: target?.info.defaultTasks ?? 0,
    machine: target.map(defaultMachine(for:)) ?? "a100",
    kernels: translated.linkageNames.filter { kernelNames.contains($0.value) },
    globals: translated.linkageNames.filter { globalNames.contains($0.value) },
    kir: printModule(module, options: PrintOptions(printLocations: true)))
  return (image, diagnostics)
}

/// Builds the program of `options` into `output` in `directory` (scratch space).
public func buildProgram(
  _ options: ExecOptions, toolchain: HostToolchain, directory: String, output: String, product: BuildProduct = .executable
) -> ProgramBuild {
  var build = ProgramBuild()
  let objects = options.inputs.enumerated().map { index, input -> String in
    let stem = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
    return "\(directory)/\(index)-\(stem).o"
  }
  guard compileInputs(options, objects: objects, toolchain: toolchain, directory: directory, product: product, into: &build) else {
    return build
  }
  linkObjects(objects, options: options, toolchain: toolchain, output: output, product: product, into: &build)
  return build
}

/// Compiles each source of `options.inputs` to the object at the same position of `objects`
/// (objects and libraries among the inputs are left as they are); device images go to
/// `directory`. Returns whether every source compiled.
public func compileInputs(
  _ options: ExecOptions, objects: [String], toolchain: HostToolchain, directory: String, product: BuildProduct,
  into build: inout ProgramBuild
) -> Bool {
  var untranslated: [String] = []
  for (index, (input, object)) in zip(options.inputs, objects).enumerated() {
    let stem = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
    var flags: [String]
    switch URL(fileURLWithPath: input).pathExtension {
    case "o", "a", "so":
      continue
    case "cu":
      let (image, diagnostics) = deviceImage(path: input, target: options.target, clangFlags: options.deviceFlags)
      build.diagnostics += diagnostics
      guard let image else {
        untranslated.append(input)
        continue
      }
      let imagePath = "\(directory)/\(index)-\(stem).kimg"
      if let problem = writeAtomically(image.encoded, to: imagePath) {
        build.diagnostics.append(problem)
        return false
      }
      flags = toolchain.cudaHostFlags(image: imagePath)
      if !options.compilerFlags.contains(where: { $0.hasPrefix("-std=") }) { flags.append("-std=c++17") }
    case "c":
      flags = toolchain.plainHostFlags + ["-x", "c"]
    default:
      flags = toolchain.plainHostFlags + ["-x", "c++"]
      if !options.compilerFlags.contains(where: { $0.hasPrefix("-std=") }) { flags.append("-std=c++17") }
    }
    if product == .sharedLibrary { flags.append("-fPIC") }
    let arguments = flags + options.compilerFlags + ["-c", input, "-o", object]
    if let status = runTool(toolchain.clang, arguments), status != 0 {
      build.diagnostics.append(
        .error(.execHostBuildFailed, "clang could not compile '\(input)' (exit status \(status)); its messages are above", at: .unknown))
      return false
    }
  }
  if !untranslated.isEmpty {
    let target = options.target.map { " to \($0.info.language)" } ?? ""
    build.diagnostics.append(
      .error(.execKernelsNotTranslated, "the device code of \(untranslated.joined(separator: ", ")) does not translate\(target); nothing was built", at: .unknown))
    return false
  }
  return true
}

/// Links `objects` (and the object and library inputs of `options`, in place) with kport's
/// CUDA runtime into `output`.
public func linkObjects(
  _ objects: [String], options: ExecOptions, toolchain: HostToolchain, output: String, product: BuildProduct,
  into build: inout ProgramBuild
) {
  let files = zip(options.inputs, objects).map { input, object in
    ["o", "a", "so"].contains(URL(fileURLWithPath: input).pathExtension) ? input : object
  }
  var arguments = ["--driver-mode=g++"] + files + options.linkerFlags + toolchain.linkFlags + ["-o", output]
  if product == .sharedLibrary { arguments.insert("-shared", at: 1) }
  if let status = runTool(toolchain.clang, arguments), status != 0 {
    build.diagnostics.append(
      .error(.execHostBuildFailed, "clang could not link '\(output)' (exit status \(status)); its messages are above", at: .unknown))
    return
  }
  build.output = output
}

/// Runs a tool with the standard streams inherited; its exit status, or 127 when it cannot start.
func runTool(_ executable: String, _ arguments: [String]) -> Int32? {
  if ProcessInfo.processInfo.environment["KPORT_EXEC_VERBOSE"] != nil {
    FileHandle.standardError.write(Data(([executable] + arguments).joined(separator: " ").appending("\n").utf8))
  }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  do {
    try process.run()
  } catch {
    return 127
  }
  process.waitUntilExit()
  return process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
}
