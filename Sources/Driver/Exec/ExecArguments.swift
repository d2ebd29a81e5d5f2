// The command line of `kport exec`: `kport exec PROG.cu [more .cu/.cpp/.c/.o files] [--target
// cuda|bang|ascendc] [clang flags] [-- program arguments]`. Parsed by hand rather than by the
// argument parser: clang flags, inputs and the program's own arguments interleave as they do
// on an nvcc command line.

import KIR
import Targets

/// What `kport exec` was asked to build and run.
public struct ExecOptions: Sendable, Equatable {
  /// The sources and objects of the program, in command-line order.
  public var inputs: [String] = []
  /// The port whose semantics the kernels run with; nil: CUDA's (the kernels as written).
  public var target: TargetKind?
  /// Flags for compiling the host code (all clang flags that are not for the linker).
  public var compilerFlags: [String] = []
  /// Flags and inputs for the linker: `-L`, `-l`, `-Wl,`, `-Xlinker`.
  public var linkerFlags: [String] = []
  /// The program's own arguments (after `--`).
  public var programArguments: [String] = []
  /// Keep the build directory and say where it is (`--keep-build`).
  public var keepBuild = false
  /// `-h`, `--help`.
  public var wantsHelp = false

  public init() {}

  /// The flags of `compilerFlags` that the front end's device parse takes too.
  public var deviceFlags: [String] {
    var out: [String] = []
    var index = 0
    while index < compilerFlags.count {
      let flag = compilerFlags[index]
      if Self.flagsWithValue.contains(flag), index + 1 < compilerFlags.count {
        if ["-I", "-D", "-U", "-include", "-isystem", "-iquote", "-idirafter"].contains(flag) {
          out += [flag, compilerFlags[index + 1]]
        }
        index += 2
        continue
      }
      if ["-I", "-D", "-U", "-std=", "-isystem", "-iquote"].contains(where: { flag.hasPrefix($0) }) { out.append(flag) }
      index += 1
    }
    return out
  }

  /// Clang flags whose value is the next argument.
  static let flagsWithValue: Set<String> = ["-I", "-D", "-U", "-include", "-isystem", "-iquote", "-idirafter", "-x"]

  /// File name extensions of the inputs kport exec takes.
  public static let sourceExtensions: Set<String> = ["cu", "cpp", "cc", "cxx", "C", "c"]
  static let objectExtensions: Set<String> = ["o", "a", "so"]

  /// Parses a command line (the arguments after `exec`); `requiresSource`: a `.cu` input must be
  /// among the inputs (`kport nvcc` links objects alone).
  public static func parse(_ arguments: [String], requiresSource: Bool = true) -> Result<ExecOptions, Diagnostic> {
    var options = ExecOptions()
    var index = 0
    func fail(_ message: String) -> Result<ExecOptions, Diagnostic> {
      .failure(.error(.execBadArguments, message, at: .unknown))
    }
    while index < arguments.count {
      let argument = arguments[index]
      index += 1
      switch argument {
      case "--":
        options.programArguments = Array(arguments[index...])
        index = arguments.count
        continue
      case "-h", "--help":
        options.wantsHelp = true
        continue
      case "--keep-build":
        options.keepBuild = true
        continue
      default: break
      }
      if argument == "--target" || argument.hasPrefix("--target=") {
        let value: String
        if argument == "--target" {
          guard index < arguments.count else { return fail("'--target' needs a value: cuda, bang or ascendc") }
          value = arguments[index]
          index += 1
        } else {
          value = String(argument.dropFirst("--target=".count))
        }
        if value == "cuda" {
          options.target = nil
        } else if let target = TargetKind(rawValue: value) {
          options.target = target
        } else {
          return fail("unknown target '\(value)' (cuda, bang or ascendc)")
        }
        continue
      }
      if ["-L", "-l", "-Xlinker"].contains(argument) {
        guard index < arguments.count else { return fail("'\(argument)' needs a value") }
        options.linkerFlags += [argument, arguments[index]]
        index += 1
        continue
      }
      if flagsWithValue.contains(argument) {
        guard index < arguments.count else { return fail("'\(argument)' needs a value") }
        options.compilerFlags += [argument, arguments[index]]
        index += 1
        continue
      }
      if argument.hasPrefix("-L") || argument.hasPrefix("-l") || argument.hasPrefix("-Wl,") {
        options.linkerFlags.append(argument)
        continue
      }
      if argument.hasPrefix("-") {
        options.compilerFlags.append(argument)
        continue
      }
      let fileExtension = argument.split(separator: ".").last.map(String.init) ?? ""
      guard argument.contains("."), sourceExtensions.contains(fileExtension) || objectExtensions.contains(fileExtension) else {
        return fail("'\(argument)' is not an input kport exec takes (.cu, .cpp, .cc, .cxx, .c, .o, .a, .so); the program's own arguments go after '--'")
      }
      options.inputs.append(argument)
    }
    if requiresSource, !options.wantsHelp, !options.inputs.contains(where: { $0.hasSuffix(".cu") }) {
      return fail("no .cu file given: kport exec PROG.cu [more files] [--target cuda|bang|ascendc] [clang flags] [-- program arguments]")
    }
    return .success(options)
  }
}
