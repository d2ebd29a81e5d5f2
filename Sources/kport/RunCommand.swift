// `kport run`: execute kernels in the reference interpreter with sanitizers.
import ArgumentParser
import Driver
import Foundation
import Frontend
import Interpreter
import KIR

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run", abstract: "Run kernels on the CPU in kport's reference interpreter, with sanitizers.",
    discussion: """
      Launches come from the command line (--kernel, --grid, --block, --shared, --arg, --symbol, \
      --seed), or else from the file's `// kport-launch NAME: ...` lines, or else from a sidecar \
      file NAME.launch beside it (grammars/launch-spec.ebnf). Without --dump, a summary of every \
      buffer is printed. Exit status: 0 ran clean, 1 the input has errors, 2 usage error, \
      3 the kernel faulted (an error finding or a limit hit).
      """)

  @Argument(help: "The CUDA source (.cu) or KIR (.kir) file.")
  var file: String

  @OptionGroup var launchFlags: LaunchFlags

  @Option(name: .customLong("pipeline"), help: ArgumentHelp("Run these passes over the kernels before launching (see 'kport passes').", valueName: "PIPELINE"))
  var pipeline: String?

  @Option(name: .customLong("format"), help: "Diagnostics format: text or json.")
  var format: DiagnosticFormat = .text

  @Argument(parsing: .allUnrecognized, help: "Clang flags: -I, -D, -U, -std=, -include, -isystem.")
  var clangFlags: [String] = []

  func validate() throws {
    _ = try checkedClangFlags(clangFlags)
  }

  func run() throws {
    var options = try launchFlags.runOptions()
    options.frontend = FrontendOptions(clangArguments: try checkedClangFlags(clangFlags), recordsHost: false)
    options.pipeline = pipeline
    let result = runLaunches(path: file, options: options)
    var diagnostics = result.diagnostics
    if let dump = launchFlags.dump {
      diagnostics += dumpBuffers(result.outcomes, to: dump)
    } else {
      FileHandle.standardOutput.write(Data(runSummary(result.outcomes).utf8))
    }
    printDiagnostics(diagnostics, format: format)
    var status = result.exitStatus
    if status == 0 && diagnostics.contains(where: { $0.severity == .error }) { status = 1 }
    if status != 0 { throw ExitCode(status) }
  }
}
