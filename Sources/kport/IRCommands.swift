// `kport ir` (CUDA -> KIR) and `kport opt` (KIR -> KIR).
import ArgumentParser
import Driver
import Foundation
import Frontend
import KIR

/// How diagnostics are printed.
enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}

/// Options every IR-printing command takes.
struct OutputOptions: ParsableArguments {
  @Option(name: .customLong("kernel"), help: "Print only this kernel and the device functions it calls.")
  var kernel: String?

  @Flag(name: .customLong("print-locations"), help: "Print each op's CUDA source location as loc(...).")
  var printLocations = false

  @Option(name: .shortAndLong, help: "Write the KIR to this file (atomically) instead of standard output.")
  var output: String?

  @Option(name: .customLong("format"), help: "Diagnostics format: text or json.")
  var format: DiagnosticFormat = .text
}

/// Prints diagnostics on standard error, clang-style or as JSON.
func printDiagnostics(_ diagnostics: [Diagnostic], format: DiagnosticFormat, remarks: Bool = false) {
  // Remarks (what an optimisation did or why not) are shown only on request (`--remarks`).
  let diagnostics = remarks ? diagnostics : diagnostics.filter { $0.severity != .remark }
  switch format {
  case .json:
    FileHandle.standardError.write(Data(DiagnosticRenderer.json(diagnostics).utf8))
  case .text:
    var renderer = DiagnosticRenderer(useColor: isatty(2) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil) {
      path in (try? String(contentsOfFile: path, encoding: .utf8))
    }
    FileHandle.standardError.write(Data(renderer.render(all: diagnostics).utf8))
  }
}

/// Prints a job's diagnostics and output and exits with its status.
func finish(_ result: JobResult, options: OutputOptions, remarks: Bool = false) throws {
  var diagnostics = result.diagnostics
  if !result.report.isEmpty { FileHandle.standardError.write(Data(result.report.utf8)) }
  if let output = options.output, result.exitStatus == 0 {
    if let failure = writeAtomically(result.output, to: output) { diagnostics.append(failure) }
  } else if result.exitStatus == 0 || !result.output.isEmpty {
    FileHandle.standardOutput.write(Data(result.output.utf8))
  }
  printDiagnostics(diagnostics, format: options.format, remarks: remarks)
  let status: Int32 = result.usageError ? 2 : (diagnostics.contains { $0.severity == .error } ? 1 : 0)
  if status != 0 { throw ExitCode(status) }
}

struct IRCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ir", abstract: "Translate a CUDA file's kernels to KIR and print it.",
    discussion: """
      Clang flags after the file pass through: -I DIR, -D NAME[=VALUE], -U NAME, -std=VERSION, \
      -include FILE, -isystem DIR. Host-side launches, CUDA runtime calls, types, macros and \
      includes are listed after the kernels as host.* records.
      """)

  @Argument(help: "The CUDA source file (.cu, .cuh) or a KIR file (.kir).")
  var file: String

  @OptionGroup var outputOptions: OutputOptions

  @OptionGroup(title: "Passes") var pipelineFlags: PipelineFlags

  @Option(name: .customLong("cuda-path"), help: "Use a real CUDA SDK instead of kport's bundled headers.")
  var cudaPath: String?

  @Option(name: .customLong("cuda-gpu-arch"), help: "The GPU architecture for __CUDA_ARCH__ (default sm_80).")
  var gpuArchitecture = "sm_80"

  @Flag(name: .customLong("no-host"), help: "Do not parse the host side or record host constructs.")
  var noHost = false

  @Argument(parsing: .allUnrecognized, help: "Clang flags: -I, -D, -U, -std=, -include, -isystem.")
  var clangFlags: [String] = []

  func validate() throws {
    _ = try checkedClangFlags(clangFlags)
  }

  func run() throws {
    let frontend = FrontendOptions(
      clangArguments: try checkedClangFlags(clangFlags), cudaPath: cudaPath,
      gpuArchitecture: gpuArchitecture, recordsHost: !noHost)
    let result = runIR(
      path: file,
      options: IRJobOptions(
        kernel: outputOptions.kernel, printLocations: outputOptions.printLocations, frontend: frontend,
        passes: pipelineFlags.options))
    try finish(result, options: outputOptions, remarks: pipelineFlags.remarks)
  }
}

/// The clang flags kport passes through, checked; anything else is a usage error.
func checkedClangFlags(_ flags: [String]) throws -> [String] {
  let withValue: Set<String> = ["-I", "-D", "-U", "-include", "-isystem", "-iquote", "-idirafter"]
  let joinedPrefixes = ["-I", "-D", "-U", "-std=", "-isystem", "-iquote", "-W", "-w"]
  var out: [String] = []
  var index = 0
  while index < flags.count {
    let flag = flags[index]
    if withValue.contains(flag) {
      guard index + 1 < flags.count else { throw ValidationError("'\(flag)' needs a value") }
      out += [flag, flags[index + 1]]
      index += 2
      continue
    }
    guard flag.hasPrefix("-"), joinedPrefixes.contains(where: { flag.hasPrefix($0) }) else {
      throw ValidationError("unknown option or extra argument '\(flag)' (clang flags allowed: -I, -D, -U, -std=, -include, -isystem, -iquote, -W)")
    }
    out.append(flag)
    index += 1
  }
  return out
}

struct OptCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "opt", abstract: "Parse and verify KIR, run a pass pipeline over it, and print it.",
    discussion: """
      IR dumps, timing and statistics go to standard error, the final IR to standard output (or \
      -o). Exit status: 0 success, 1 the input has errors or a pass reported one, 2 usage error \
      (a bad --pipeline string included).
      """)

  @Argument(help: "The KIR file.")
  var file: String

  @OptionGroup var outputOptions: OutputOptions

  @OptionGroup(title: "Passes") var pipelineFlags: PipelineFlags

  func run() throws {
    try finish(
      runOpt(path: file, printLocations: outputOptions.printLocations, kernel: outputOptions.kernel, passes: pipelineFlags.options),
      options: outputOptions, remarks: pipelineFlags.remarks)
  }
}
