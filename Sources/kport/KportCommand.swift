// The root command and the exit-status contract: ArgumentParser's usage errors become status 2.
import ArgumentParser
import Driver
import Foundation

/// `kport`: CUDA in, BANG C and Ascend C out.
struct KportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "kport",
    abstract: "Port CUDA kernels to Cambricon BANG C and Huawei Ascend C.",
    discussion: "Exit status: 0 success, 1 the input has errors (diagnostics printed), 2 usage error, 3 a kernel faulted (kport run, kport exec).",
    version: kportVersion,
    subcommands: [ConvertCommand.self, IRCommand.self, OptCommand.self, PassesCommand.self, RunCommand.self, VerifyCommand.self, ReportCommand.self, ExplainCommand.self, ReferenceCommand.self, RulesCommand.self, MachinesCommand.self, BatchCommand.self, BatchWorkerCommand.self, MergeReportsCommand.self, ExecCommand.self, NvccCommand.self])

  /// Parses and runs, mapping every usage error to exit status 2.
  static func main(arguments: [String]) {
    do {
      var command = try parseAsRoot(arguments)
      try command.run()
    } catch let exit as ExitCode {
      Foundation.exit(exit.rawValue)
    } catch {
      let code = exitCode(for: error)
      if code == .success {
        print(fullMessage(for: error))
        Foundation.exit(0)
      }
      FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
      Foundation.exit(2)
    }
  }
}
