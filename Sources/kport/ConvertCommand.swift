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
      simt-to-spmd, cleanup) and its emitter; the host code is rewritten in place (CUDA runtime \
      calls, types, includes, launches). Without -o the port is printed on standard output; with \
      -o DIR it is written, atomically, to DIR/<name>.mlu or DIR/<name>.asc. Diagnostics go to \
      standard error. Exit status: 0 everything was ported, 1 something was not (the output \
      keeps it as written, with a 'kport:' comment), 2 usage error.
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

  @Option(name: .customLong("format"), help: "Diagnostics format: text or json.")
  var format: DiagnosticFormat = .text

  @Argument(parsing: .allUnrecognized, help: "Clang flags: -I, -D, -U, -std=, -include, -isystem.")
  var clangFlags: [String] = []

  func validate() throws {
    _ = try checkedClangFlags(clangFlags)
  }

  func run() throws {
    let options = ConvertOptions(
      target: target, outputDirectory: output, kernel: kernel,
      frontend: FrontendOptions(clangArguments: try checkedClangFlags(clangFlags)), ruleFiles: ruleFiles,
      pipeline: pipeline)
    let result = convert(path: file, options: options)
    if output == nil, let text = result.text {
      FileHandle.standardOutput.write(Data(text.utf8))
    }
    printDiagnostics(result.diagnostics, format: format)
    if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
  }
}
