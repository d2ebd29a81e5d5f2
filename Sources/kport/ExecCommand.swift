// `kport exec`: build a whole CUDA program and run it on the CPU, every kernel launch in the
// interpreter, as written (--target cuda) or as ported (--target bang|ascendc). docs/exec.md.
import ArgumentParser
import Driver
import Foundation
import KIR

struct ExecCommand: ParsableCommand {
  static let usage = "kport exec PROG.cu [more .cu/.cpp/.c/.o files] [--target cuda|bang|ascendc] [clang flags] [--keep-build] [-- program arguments]"

  static let configuration = CommandConfiguration(
    commandName: "exec", abstract: "Build a CUDA program and run it on the CPU, its kernels in the interpreter.",
    usage: usage,
    discussion: """
      The device code goes through kport's front end (and, with --target bang or ascendc, the \
      target's pipeline: the kernels run as ported); the host code is compiled by clang in CUDA \
      host-only mode against kport's bundled headers and linked with kport's CUDA runtime \
      library, whose launches run in the interpreter with its sanitizers. The program's output \
      and exit status pass through. Exit status: the program's; 1 it did not build, or called a \
      CUDA runtime function kport does not implement; 2 usage error; 3 a kernel faulted \
      (sanitizer report printed); 128+N the program was killed by signal N.
      """)

  @Argument(parsing: .captureForPassthrough, help: "Inputs, --target, clang flags, then -- and the program's arguments.")
  var arguments: [String] = []

  func run() throws {
    let options: ExecOptions
    switch ExecOptions.parse(arguments) {
    case let .failure(problem):
      printDiagnostics([problem], format: .text)
      throw ExitCode(2)
    case let .success(parsed): options = parsed
    }
    if options.wantsHelp {
      print(ExecCommand.helpMessage())
      return
    }
    let (toolchain, directory) = try hostBuildSetup()
    defer {
      if options.keepBuild {
        FileHandle.standardError.write(Data("kport exec: the build is in \(directory.path)\n".utf8))
      } else {
        directory.remove()
      }
    }
    let executable = directory.path + "/program"
    let build = buildProgram(options, toolchain: toolchain, directory: directory.path, output: executable)
    printDiagnostics(build.diagnostics, format: .text)
    guard build.output != nil else { throw ExitCode(1) }
    let run = runProgram(executable, arguments: options.programArguments, reportPath: directory.path + "/report")
    printDiagnostics(run.diagnostics, format: .text)
    if run.status != 0 { throw ExitCode(run.status) }
  }
}
