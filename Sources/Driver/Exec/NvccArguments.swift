// The command line of `kport nvcc`, a stand-in for nvcc in build scripts: the common nvcc
// options mapped onto kport's build (ExecBuild.swift). GPU code-generation options (-arch,
// -gencode, -code, -rdc, ...) are accepted and ignored: the kernels run in the interpreter.
// `--target cuda|bang|ascendc` (or KPORT_TARGET) chooses CUDA semantics or a port.

import KIR
import Targets

/// What `kport nvcc` was asked to make.
public struct NvccOptions: Sendable, Equatable {
  /// Inputs, target and flags, as `kport exec` takes them.
  public var build = ExecOptions()
  /// `-o`: the output; nil: nvcc's default (`a.out`, or `STEM.o` per source with `-c`).
  public var output: String?
  /// `-c`: compile to objects, do not link.
  public var compileOnly = false
  /// `-shared`: link a shared library.
  public var shared = false

  public init() {}

  /// Options whose value nvcc takes as the next argument (or after `=`) and kport ignores.
  static let ignoredWithValue: Set<String> = [
    "-arch", "--gpu-architecture", "-gencode", "--generate-code", "-code", "--gpu-code", "-rdc",
    "--relocatable-device-code", "-ccbin", "--compiler-bindir", "-Xptxas", "--ptxas-options", "-maxrregcount",
    "--maxrregcount", "-cudart", "--cudart", "-Xcudafe", "-t", "--threads", "-Xnvlink", "--nvlink-options",
    "--default-stream", "-default-stream",
  ]
  /// Options without a value that kport ignores.
  static let ignored: Set<String> = [
    "-G", "--device-debug", "-lineinfo", "--generate-line-info", "--use_fast_math", "-use_fast_math",
    "--expt-relaxed-constexpr", "--expt-extended-lambda", "--extended-lambda", "-Wno-deprecated-gpu-targets",
    "-m64", "--keep", "-keep", "-dc", "--device-c", "-dlink", "--device-link", "-res-usage", "--resource-usage",
    "-src-in-ptx", "--source-in-ptx", "--ftz=true", "--ftz=false", "--prec-div=true", "--prec-div=false",
    "--prec-sqrt=true", "--prec-sqrt=false", "--fmad=true", "--fmad=false", "-Xptxas=-v", "-v",
  ]

  /// Parses an nvcc command line (the arguments after `nvcc`); `environment` supplies KPORT_TARGET.
  public static func parse(_ arguments: [String], environment: [String: String] = [:]) -> Result<NvccOptions, Diagnostic> {
    var options = NvccOptions()
    var passThrough: [String] = []
    var index = 0
    func fail(_ message: String) -> Result<NvccOptions, Diagnostic> {
      .failure(.error(.execBadArguments, message, at: .unknown))
    }
    func value(_ flag: String) -> String? {
      guard index < arguments.count else { return nil }
      index += 1
      return arguments[index - 1]
    }
    if let chosen = environment["KPORT_TARGET"], !chosen.isEmpty { passThrough += ["--target", chosen] }
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
      switch argument {
      case "-o", "--output-file":
        guard let output = value(argument) else { return fail("'\(argument)' needs a file") }
        options.output = output
      case "-c", "--compile":
        options.compileOnly = true
      case "-shared", "--shared":
        options.shared = true
      case "-Xcompiler", "--compiler-options":
        guard let list = value(argument) else { return fail("'\(argument)' needs a value") }
        passThrough += list.split(separator: ",").map(String.init)
      case "-Xlinker", "--linker-options":
        guard let list = value(argument) else { return fail("'\(argument)' needs a value") }
        passThrough += list.split(separator: ",").map { "-Wl,\($0)" }
      case "-std", "--std":
        guard let standard = value(argument) else { return fail("'\(argument)' needs a value") }
        passThrough.append("-std=\(standard)")
      case "-x":
        guard let language = value(argument) else { return fail("'-x' needs a language") }
        guard language == "cu" || language == "c++" || language == "c" else { return fail("'-x \(language)' is not supported") }
      case "--target":
        guard let target = value(argument) else { return fail("'--target' needs a value: cuda, bang or ascendc") }
        passThrough += ["--target", target]
      default:
        if ignoredWithValue.contains(argument) {
          guard value(argument) != nil else { return fail("'\(argument)' needs a value") }
        } else if ignoredWithValue.contains(name) || ignored.contains(argument) || argument.hasPrefix("-arch=sm_")
          || argument.hasPrefix("--gpu-architecture=") || argument.hasPrefix("-gencode=")
        {
          continue
        } else if argument.hasPrefix("--target=") {
          passThrough.append(argument)
        } else if argument.hasPrefix("--") && argument != "--" {
          return fail("'\(argument)' is an nvcc option kport nvcc does not know")
        } else {
          passThrough.append(argument)
        }
      }
    }
    if options.compileOnly && options.shared { return fail("-c and -shared do not go together") }
    switch ExecOptions.parse(passThrough, requiresSource: false) {
    case let .failure(problem): return .failure(problem)
    case let .success(build): options.build = build
    }
    if options.build.inputs.isEmpty { return fail("no input files") }
    if !options.build.programArguments.isEmpty { return fail("'--' has no meaning for kport nvcc") }
    if options.compileOnly, options.output != nil,
      options.build.inputs.filter({ !["o", "a", "so"].contains($0.split(separator: ".").last ?? "") }).count > 1
    {
      return fail("-o with -c names one object: give one source")
    }
    return .success(options)
  }
}
