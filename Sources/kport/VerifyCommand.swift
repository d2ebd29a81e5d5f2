// `kport verify`: the port against the CUDA semantics, on the same inputs, in the interpreter.
import ArgumentParser
import Driver
import Foundation
import Frontend
import KIR
import Targets

extension TargetKind: ExpressibleByArgument {}

struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify", abstract: "Check a port against the CUDA kernel: run both in the interpreter and compare every buffer.",
    discussion: """
      Runs each launch (the flags of 'kport run', or the file's '// kport-launch' lines) twice on \
      the same inputs: the CUDA kernel as written, and the kernel as the target's pipeline lowers \
      it (the KIR that 'kport convert' prints). Per output buffer it reports the maximum absolute \
      and relative error and ULP distance against per-type tolerances (integers exact; f32 \
      1e-5 absolute + 1e-5 relative, or 16 ULP). --report FILE also writes the cost of both \
      runs ('kport report'). Exit status: 0 equal, 1 could not translate, 2 usage error, 3 a \
      side faulted, 4 results differ.
      """)

  @Argument(help: "The CUDA source (.cu) file.")
  var file: String

  @Option(help: "The target: bang or ascendc.")
  var target: TargetKind

  @OptionGroup var launchFlags: LaunchFlags

  @Option(name: .customLong("rules"), help: "A rule file extending or overriding the bundled tables (repeatable).")
  var ruleFiles: [String] = []

  @Option(name: .customLong("atol"), help: "Absolute tolerance for floating-point elements (with --rtol and --max-ulp, replaces every type's default).")
  var absoluteTolerance: Double?

  @Option(name: .customLong("rtol"), help: "Relative tolerance for floating-point elements.")
  var relativeTolerance: Double?

  @Option(name: .customLong("max-ulp"), help: "Units in the last place a floating-point element may differ.")
  var maxULP: UInt64?

  @Option(name: .customLong("pipeline"), help: ArgumentHelp("Replace the port's pipeline (default: the target's; 'bang-scalar' and 'ascendc-scalar' leave every kernel scalar).", valueName: "PIPELINE"))
  var pipeline: String?

  @OptionGroup var reportFlags: ReportFlags

  @Option(name: .customLong("format"), help: "Diagnostics format: text or json.")
  var format: DiagnosticFormat = .text

  @Argument(parsing: .allUnrecognized, help: "Clang flags: -I, -D, -U, -std=, -include, -isystem.")
  var clangFlags: [String] = []

  func validate() throws {
    _ = try checkedClangFlags(clangFlags)
    for (name, value) in [("--atol", absoluteTolerance), ("--rtol", relativeTolerance)] {
      if let value, !(value >= 0) { throw ValidationError("\(name) must be a number at least 0") }
    }
  }

  func run() throws {
    if reportFlags.reportPath != nil {
      try reportFlags.checkMachines(target: target)
    }
    var runOptions = try launchFlags.runOptions()
    runOptions.frontend = FrontendOptions(clangArguments: try checkedClangFlags(clangFlags), recordsHost: false)
    var tolerance: Tolerance?
    if absoluteTolerance != nil || relativeTolerance != nil || maxULP != nil {
      tolerance = Tolerance(absolute: absoluteTolerance ?? 0, relative: relativeTolerance ?? 0, maxULP: maxULP ?? 0)
    }
    let options = VerifyOptions(
      target: target, run: runOptions, tasks: launchFlags.tasks, ruleFiles: ruleFiles, tolerance: tolerance,
      pipeline: pipeline)
    let result = verifyLaunches(path: file, options: options)
    var diagnostics = result.diagnostics
    if let dump = launchFlags.dump {
      diagnostics += dumpBuffers(result.reference, to: URL(fileURLWithPath: dump).appendingPathComponent("cuda").path)
      diagnostics += dumpBuffers(result.port, to: URL(fileURLWithPath: dump).appendingPathComponent(target.rawValue).path)
    }
    FileHandle.standardOutput.write(Data(verificationReport(result, target: target).utf8))
    var reportStatus: Int32 = 0
    if reportFlags.reportPath != nil, result.exitStatus == 0 || result.exitStatus == 4 {
      // The report prices the runs just verified; nothing runs twice.
      let reportOptions = reportFlags.options(verify: options)
      let report = costReport(pricing: result, options: reportOptions)
      diagnostics += report.diagnostics.filter { !result.diagnostics.contains($0) }
      if report.exitStatus != 0 {
        reportStatus = report.exitStatus
      } else if let failed = reportFlags.write(report, path: file, options: reportOptions) {
        diagnostics.append(failed)
      }
    }
    printDiagnostics(diagnostics, format: format, remarks: reportFlags.remarks)
    var status = max(result.exitStatus, reportStatus)
    if status == 0 && diagnostics.contains(where: { $0.severity == .error }) { status = 1 }
    if status != 0 { throw ExitCode(status) }
  }
}
