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
      prints the report as JSON (schema kport-report/1). Exit status: 0 reported, 1 could not \
      translate, 2 usage error, 3 a side faulted.
      """)

  @Argument(help: "The CUDA source (.cu) file.")
  var file: String

  @Option(help: "The target: bang or ascendc.")
  var target: TargetKind

  @Option(help: "The machine of the port (default: mlu370-x8 for bang, ascend910b2 for ascendc).")
  var machine: String?

  @Option(name: .customLong("cuda-machine"), help: "The machine of the CUDA kernel.")
  var cudaMachine: String = "a100"

  @Option(name: .customLong("machine-file"), help: "A machine file adding or overriding a machine (repeatable).")
  var machineFiles: [String] = []

  @OptionGroup var launchFlags: LaunchFlags

  @Option(name: .customLong("rules"), help: "A rule file extending or overriding the bundled tables (repeatable).")
  var ruleFiles: [String] = []

  @Option(name: .customLong("format"), help: "Report and diagnostics format: text or json.")
  var format: DiagnosticFormat = .text

  @Argument(parsing: .allUnrecognized, help: "Clang flags: -I, -D, -U, -std=, -include, -isystem.")
  var clangFlags: [String] = []

  func validate() throws {
    _ = try checkedClangFlags(clangFlags)
  }

  func run() throws {
    var runOptions = try launchFlags.runOptions()
    runOptions.frontend = FrontendOptions(clangArguments: try checkedClangFlags(clangFlags), recordsHost: false)
    let verify = VerifyOptions(target: target, run: runOptions, tasks: launchFlags.tasks, ruleFiles: ruleFiles)
    let result = costReport(
      path: file, options: ReportOptions(verify: verify, machine: machine, cudaMachine: cudaMachine, machineFiles: machineFiles))
    let text = format == .json ? costReportJSON(result) : costReportText(result)
    if result.exitStatus == 0 { FileHandle.standardOutput.write(Data(text.utf8)) }
    printDiagnostics(result.diagnostics, format: format)
    if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
  }
}
