// `kport nvcc`: an nvcc-compatible driver whose executables, objects and shared libraries run on
// the CPU with kport's CUDA runtime, so that build scripts (NVCC=kport nvcc) and test harnesses
// (a Python test loading a library built with -shared) work unchanged. docs/exec.md.
import ArgumentParser
import Driver
import Foundation
import KIR

struct NvccCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "nvcc", abstract: "Build CUDA programs, objects and shared libraries as nvcc would, to run on the CPU.",
    usage: "kport nvcc [-c | -shared] [-o OUT] [-I DIR] [-D NAME] [-std=c++17] [-O2] [-Xcompiler FLAGS] [-l LIB] [--target cuda|bang|ascendc] FILES...",
    discussion: """
      Takes the common nvcc options (-o, -c, -shared, -Xcompiler, -Xlinker, -I, -D, -U, -std, \
      -O, -g, -L, -l; -arch, -gencode, -code, -rdc, -lineinfo, --use_fast_math and other code \
      generation options are accepted and ignored) and .cu, .cpp, .c, .o, .a and .so inputs. \
      The device code goes through kport's front end (with --target bang or ascendc, or \
      KPORT_TARGET, the target's pipeline: kernels run as ported) and is embedded in the host \
      object; the result links with kport's CUDA runtime library, whose launches run in the \
      interpreter. Exit status: 0 built, 1 the input has errors, 2 usage error.
      """)

  @Argument(parsing: .captureForPassthrough, help: "nvcc options and input files.")
  var arguments: [String] = []

  func run() throws {
    let options: NvccOptions
    switch NvccOptions.parse(arguments, environment: ProcessInfo.processInfo.environment) {
    case let .failure(problem):
      printDiagnostics([problem], format: .text)
      throw ExitCode(2)
    case let .success(parsed): options = parsed
    }
    if options.build.wantsHelp {
      print(NvccCommand.helpMessage())
      return
    }
    let (toolchain, directory) = try hostBuildSetup()
    defer { directory.remove() }
    let build = runNvcc(options, toolchain: toolchain, directory: directory.path)
    printDiagnostics(build.diagnostics, format: .text)
    if build.output == nil { throw ExitCode(1) }
  }
}
