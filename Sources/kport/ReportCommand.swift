// `kport report`: the estimated cost of a port on the chip, measured by running it.
import ArgumentParser
import Driver
import Foundation
import Frontend
import KIR
import Targets

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report", abstract: "Estimate what a port will cost on the chip, from running it in the interpreter.",
    discussion: """
      Runs each launch (the flags of 'kport run', or the file's '// kport-launch' lines) as CUDA \
      and as ported, and prices both with the cost model (docs/cost-model.md): the port on the \
      target's machine (mlu370-x8, ascend910b2; --machine), the CUDA kernel on the A100. Every \
      figure is an estimate from the machine file's parameters ('kport machines'). --format json \
      prints the report as JSON (schema kport-report/1), --format html as one self-contained page \
      (the CUDA source beside the port with per-line cost, a roofline chart); --report FILE also \
      writes it to FILE. Exit status: 0 reported, 1 could not translate or write, 2 usage error, \
      3 a side faulted.
      """)

  @Argument(help: "The CUDA source (.cu) file.")
  var file: String

  @Option(help: "The target: bang or ascendc.")
  var target: TargetKind

  @Option(name: .customLong("pipeline"), help: ArgumentHelp("Replace the port's pipeline (default: the target's; 'bang-scalar' and 'ascendc-scalar' leave every kernel scalar).", valueName: "PIPELINE"))
  var pipeline: String?

  @OptionGroup var reportFlags: ReportFlags

  @OptionGroup var launchFlags: LaunchFlags

  @Option(name: .customLong("rules"), help: "A rule file extending or overriding the bundled tables (repeatable).")
  var ruleFiles: [String] = []

  @Option(name: .customLong("format"), help: "Report format: text, json (diagnostics as JSON too) or html.")
  var format: ReportFormat = .text

  @Argument(parsing: .allUnrecognized, help: "Clang flags: -I, -D, -U, -std=, -include, -isystem.")
  var clangFlags: [String] = []

  func validate() throws {
    _ = try checkedClangFlags(clangFlags)
  }

  func run() throws {
    var runOptions = try launchFlags.runOptions()
    runOptions.frontend = FrontendOptions(clangArguments: try checkedClangFlags(clangFlags), recordsHost: false)
    let verify = VerifyOptions(
      target: target, run: runOptions, tasks: launchFlags.tasks, ruleFiles: ruleFiles, pipeline: pipeline)
    let options = reportFlags.options(verify: verify)
    let result = costReport(path: file, options: options)
    var diagnostics = result.diagnostics
    if result.exitStatus == 0 {
      let sources = reportSources(path: file, format: format, options: options)
      FileHandle.standardOutput.write(Data(renderCostReport(result, format: format, sources: sources).utf8))
      if let problem = reportFlags.write(result, path: file, options: options) { diagnostics.append(problem) }
    }
    printDiagnostics(diagnostics, format: format == .json ? .json : .text, remarks: reportFlags.remarks)
    var status = result.exitStatus
    if status == 0 && diagnostics.contains(where: { $0.severity == .error }) { status = 1 }
    if status != 0 { throw ExitCode(status) }
  }
}
