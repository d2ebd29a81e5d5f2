// The cost-report flags `kport report`, `kport verify` and `kport convert` share: where to write
// a report and which machines to price on (docs/cost-model.md).
import ArgumentParser
import Driver
import Foundation
import KIR
import Targets

struct ReportFlags: ParsableArguments {
  @Option(
    name: .customLong("report"),
    help: ArgumentHelp("Also write the cost report to FILE: .json, .html (one self-contained page) or text.", valueName: "FILE"))
  var reportPath: String?

  @Flag(name: .customLong("remarks"), help: "Also print remarks: what tile-global-access and vectorize did with each loop, or why not (KP3020, KP3021).")
  var remarks = false

  @Option(help: "The machine of the port (default: mlu370-x8 for bang, ascend910b2 for ascendc).")
  var machine: String?

  @Option(name: .customLong("cuda-machine"), help: "The machine of the CUDA kernel.")
  var cudaMachine: String = "a100"

  @Option(name: .customLong("machine-file"), help: "A machine file adding or overriding a machine (repeatable).")
  var machineFiles: [String] = []

  func options(verify: VerifyOptions) -> ReportOptions {
    ReportOptions(verify: verify, machine: machine, cudaMachine: cudaMachine, machineFiles: machineFiles)
  }

  /// Stops with the machine files' diagnostics and exit status 1 or 2 when the machines cannot
  /// be had, before anything runs.
  func checkMachines(target: TargetKind) throws {
    let (machines, failure) = reportMachines(options(verify: VerifyOptions(target: target)))
    guard machines == nil else { return }
    printDiagnostics(failure.diagnostics, format: .text)
    throw ExitCode(failure.exitStatus)
  }

  /// Writes the report to `--report FILE`; the diagnostic of a failed write.
  func write(_ result: CostReportResult, path: String, options: ReportOptions, portText: String? = nil) -> Diagnostic? {
    guard let reportPath else { return nil }
    let sources = reportSources(path: path, format: ReportFormat(forPath: reportPath), options: options, portText: portText)
    return writeCostReport(result, to: reportPath, sources: sources)
  }
}

extension ReportFormat: ExpressibleByArgument {}
