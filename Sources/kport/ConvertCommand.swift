// `kport convert`: port a CUDA file to BANG C or Ascend C.
import ArgumentParser
import Driver
import Foundation
import Frontend
import KIR
import Targets

struct ConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert", abstract: "Port a CUDA file to BANG C (.mlu) or Ascend C (.asc): kernels and host code.",
    discussion: """
      The kernels go through the target's pipeline ('kport passes' lists it: cleanup, \
      simt-to-spmd, tile-global-access, vectorize, cleanup) and its emitter; the host code is \
      rewritten in place (CUDA runtime calls, types, includes, launches). Without -o the port is printed on standard output; with \
      -o DIR it is written, atomically, to DIR/<name>.mlu or DIR/<name>.asc. Diagnostics go to \
      standard error. --report FILE also runs the file's launches ('// kport-launch' lines or \
      the sidecar .launch file) as CUDA and as ported and writes their cost ('kport report'). \
      Exit status: 0 everything was ported, 1 something was not (the output keeps it as \
      written, with a 'kport:' comment) or the report failed, 2 usage error.
      """)

  @Argument(help: "The CUDA source (.cu) file.")
  var file: String

  @Option(help: "The target: bang or ascendc.")
  var target: TargetKind

  @Option(name: .short, help: "Write the port into this directory, named after the input.")
  var output: String?

  @Option(help: "Port only this kernel.")
  var kernel: String?

  @Option(name: .customLong("rules"), help: "A rule file extending or overriding the bundled tables (repeatable).")
  var ruleFiles: [String] = []

  @Option(name: .customLong("pipeline"), help: ArgumentHelp("Replace the target's pipeline (see 'kport passes').", valueName: "PIPELINE"))
  var pipeline: String?

  @OptionGroup var reportFlags: ReportFlags

  @Option(name: .customLong("format"), help: "Diagnostics format: text or json.")
  var format: DiagnosticFormat = .text

  @Argument(parsing: .allUnrecognized, help: "Clang flags: -I, -D, -U, -std=, -include, -isystem.")
  var clangFlags: [String] = []

  func validate() throws {
    _ = try checkedClangFlags(clangFlags)
  }

  func run() throws {
    if reportFlags.reportPath != nil {
      try reportFlags.checkMachines(target: target)
    }
    let options = ConvertOptions(
      target: target, outputDirectory: output, kernel: kernel,
      frontend: FrontendOptions(clangArguments: try checkedClangFlags(clangFlags)), ruleFiles: ruleFiles,
      pipeline: pipeline)
    let result = convert(path: file, options: options)
    if output == nil, let text = result.text {
      FileHandle.standardOutput.write(Data(text.utf8))
    }
    var diagnostics = result.diagnostics
    var status = result.exitStatus
    if reportFlags.reportPath != nil, result.text != nil {
      let (problems, reportStatus) = writeReport(portText: result.text)
      // (The report parses the file again: its front-end warnings are the conversion's.)
      diagnostics += problems.filter { problem in !result.diagnostics.contains(problem) }
      status = max(status, reportStatus)
    }
    printDiagnostics(diagnostics, format: format, remarks: reportFlags.remarks)
    if status != 0 { throw ExitCode(status) }
  }

  /// `--report FILE`: runs the file's launches as CUDA and as ported and writes their cost.
  /// Status 2 for a usage error (no launch spec, an unknown machine), 1 for any other failure.
  private func writeReport(portText: String?) -> ([Diagnostic], Int32) {
    var run = RunOptions()
    run.frontend = FrontendOptions(clangArguments: (try? checkedClangFlags(clangFlags)) ?? [], recordsHost: false)
    let options = reportFlags.options(verify: VerifyOptions(target: target, run: run, ruleFiles: ruleFiles))
    let text = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
    switch fileLaunchSpecs(path: file, text: text) {
    case let .failure(problem): return ([problem], 1)
    case let .success(specs) where specs.isEmpty:
      let sidecar = URL(fileURLWithPath: sidecarPath(for: file)).lastPathComponent
      return ([.error(.badLaunchSpec, "--report needs a launch to measure: add '// kport-launch NAME: ...' lines to the file, or a sidecar \(sidecar)", at: .unknown)], 2)
    case .success: break
    }
    let report = costReport(path: file, options: options)
    var problems = report.diagnostics
    if report.exitStatus != 0 {
      problems.append(.note("no cost report was written", at: .unknown))
      return (problems, report.exitStatus == 2 ? 2 : 1)
    }
    if let failed = reportFlags.write(report, path: file, options: options, portText: portText) {
      return (problems + [failed], 1)
    }
    return (problems, 0)
  }
}
