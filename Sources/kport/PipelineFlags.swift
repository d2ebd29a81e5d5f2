// The pass-pipeline flags `kport ir` and `kport opt` share, and `kport passes`, which lists the
// passes, their options and the named pipelines.
import ArgumentParser
import Driver
import Foundation
import KIR
import Passes

/// `--pipeline` and the instrumentation flags.
struct PipelineFlags: ParsableArguments {
  @Option(name: .customLong("pipeline"), help: ArgumentHelp("Passes to run, e.g. 'inline,canonicalize{max-iterations=4},dce' or a named pipeline ('cleanup'); see 'kport passes'.", valueName: "PIPELINE"))
  var pipeline: String?

  @Flag(name: .customLong("remarks"), help: "Also print remarks: what tile-global-access and vectorize did with each loop, or why not (KP3020, KP3021).")
  var remarks = false

  @Flag(name: .customLong("print-ir-after-all"), help: "Print the IR after every pass (on standard error).")
  var printAfterAll = false

  @Option(name: .customLong("print-ir-after"), help: ArgumentHelp("Print the IR after this pass (repeatable).", valueName: "PASS"))
  var printAfter: [String] = []

  @Option(name: .customLong("print-ir-before"), help: ArgumentHelp("Print the IR before this pass (repeatable).", valueName: "PASS"))
  var printBefore: [String] = []

  @Flag(name: .customLong("print-ir-after-change"), help: "Print the IR only after passes that changed it.")
  var printAfterChange = false

  @Flag(name: .customLong("verify-each"), inversion: .prefixedNo, help: "Verify the IR after every pass (default: on).")
  var verifyEach = true

  @Flag(name: .customLong("time-passes"), help: "Print the wall time of each pass.")
  var timePasses = false

  @Flag(name: .customLong("pass-statistics"), help: "Print what each pass changed.")
  var passStatistics = false

  @Flag(name: .customLong("dump-pipeline"), help: "Print the pipeline with every option spelled out before running it.")
  var dumpPipeline = false

  func validate() throws {
    let names = PassRegistry.standard.passes.map { $0.info.name }
    for name in printAfter + printBefore where !names.contains(name) {
      throw ValidationError("unknown pass '\(name)' in --print-ir-after/--print-ir-before\(suggestion(for: name, among: names)); passes: \(names.joined(separator: ", "))")
    }
  }

  /// The driver's options for these flags.
  var options: PipelineOptions {
    var instrumentation = PassInstrumentation()
    instrumentation.printAfterAll = printAfterAll
    instrumentation.printAfter = Set(printAfter)
    instrumentation.printBefore = Set(printBefore)
    instrumentation.printAfterChange = printAfterChange
    instrumentation.verifyEach = verifyEach
    instrumentation.timePasses = timePasses
    instrumentation.passStatistics = passStatistics
    return PipelineOptions(pipeline: pipeline, instrumentation: instrumentation, dumpPipeline: dumpPipeline)
  }
}

struct PassesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "passes", abstract: "List the passes, their options and the named pipelines.")

  @Flag(help: "Print the Markdown reference (docs/passes.md).")
  var markdown = false

  func run() throws {
    if markdown {
      print(PassReference.markdown(), terminator: "")
      return
    }
    var text = ""
    for group in PassGroup.allCases {
      let passes = PassRegistry.standard.passes.filter { $0.info.group == group }
      guard !passes.isEmpty else { continue }
      text += "\(group.rawValue) passes:\n"
      for pass in passes {
        let info = pass.info
        text += "  \(info.name)\n      \(info.summary)\n"
        for option in info.options {
          text += "      \(option.name)=\(option.kind.description) (default \(option.defaultValue)): \(option.summary)\n"
        }
      }
    }
    text += "named pipelines:\n"
    for named in PassRegistry.standard.namedPipelines {
      text += "  \(named.name) = \(named.pipeline)\n      \(named.summary)\n"
    }
    print(text, terminator: "")
  }
}
