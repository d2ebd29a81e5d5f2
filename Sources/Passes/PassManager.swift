// Runs a pipeline over a module with the instrumentation a compiler engineer expects:
// IR dumps before/after passes with greppable banners, verification after each pass, timing and
// statistics. Dumps and reports go to a sink the driver provides (standard error in the CLI).

import Foundation
import KIR

/// Which instrumentation a pipeline run does.
public struct PassInstrumentation: Hashable, Sendable {
  /// Dump the IR after every pass.
  public var printAfterAll = false
  /// Dump the IR after these passes.
  public var printAfter: Set<String> = []
  /// Dump the IR before these passes.
  public var printBefore: Set<String> = []
  /// Dump the IR after a pass only when it changed something.
  public var printAfterChange = false
  /// Verify the module after every pass and stop at the first pass that breaks it.
  public var verifyEach = true
  /// Report the wall time of each pass.
  public var timePasses = false
  /// Report each pass's statistics.
  public var passStatistics = false
  /// Print locations in dumps.
  public var printLocations = false

  public init() {}

  /// Whether to dump the IR after `pass`. `--print-ir-after-change` alone dumps after every
  /// pass that changed the IR; with `--print-ir-after-all` or `--print-ir-after`, it narrows
  /// those to the passes that changed it.
  func wantsDump(after pass: String, changed: Bool) -> Bool {
    let selected = printAfterAll || printAfter.contains(pass) || (printAfterChange && printAfter.isEmpty)
    return selected && (changed || !printAfterChange)
  }
}

/// What a pipeline run produced besides the rewritten module.
public struct PipelineRun: Sendable {
  /// Diagnostics reported by the passes, and by the verifier when a pass broke the IR.
  public var diagnostics: [Diagnostic] = []
  /// IR dumps, timing and statistics, in order: what `--print-ir-*`, `--time-passes` and
  /// `--pass-statistics` print.
  public var report = ""
  /// Whether the run stopped early (a pass reported an error or broke the IR).
  public var stopped = false
}

/// Runs the passes of a pipeline in order.
public struct PassManager {
  public let pipeline: PassPipeline
  public let registry: PassRegistry
  public var instrumentation: PassInstrumentation

  public init(pipeline: PassPipeline, registry: PassRegistry = .standard, instrumentation: PassInstrumentation = PassInstrumentation()) {
    self.pipeline = pipeline
    self.registry = registry
    self.instrumentation = instrumentation
  }

  /// Runs every pass over `module`, in place. Stops after a pass that reports an error or, with
  /// `verifyEach`, leaves IR that does not verify (an internal error, KP3002, with the verifier's
  /// findings as notes).
  public func run(on module: Module, passes explicit: [any Pass]? = nil) -> PipelineRun {
    var run = PipelineRun()
    let passes = explicit ?? pipeline.elements.compactMap { registry.instantiate($0) }
    var timings: [(String, Double)] = []
    var statistics: [(String, [String: Int])] = []
    for pass in passes {
      let name = type(of: pass).info.name
      if instrumentation.printBefore.contains(name) { run.report += dump(module, banner: "IR before \(name)") }
      let context = PassContext(passName: name)
      let start = DispatchTime.now().uptimeNanoseconds
      pass.run(on: module, context: context)
      timings.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6))
      statistics.append((name, context.statistics))
      run.diagnostics += context.diagnostics
      if instrumentation.wantsDump(after: name, changed: context.changed) {
        run.report += dump(module, banner: "IR after \(name)")
      }
      if context.hasErrors {
        run.stopped = true
        break
      }
      if instrumentation.verifyEach {
        let problems = verify(module)
        if !problems.isEmpty {
          let plural = problems.count == 1 ? "" : "s"
          run.diagnostics.append(
            Diagnostic(
              .error, .passBrokeIR,
              "internal error: the IR after pass '\(name)' does not verify (\(problems.count) problem\(plural)); please report it with the input",
              at: problems[0].location, notes: problems.map { Diagnostic.note($0.message, at: $0.location) }))
          run.stopped = true
          break
        }
      }
    }
    if instrumentation.timePasses { run.report += timingReport(timings) }
    if instrumentation.passStatistics { run.report += statisticsReport(statistics) }
    return run
  }

  private func dump(_ module: Module, banner: String) -> String {
    "// ----- \(banner) ----- //\n" + printModule(module, options: PrintOptions(printLocations: instrumentation.printLocations)) + "\n"
  }

  private func timingReport(_ timings: [(String, Double)]) -> String {
    let total = timings.reduce(0) { $0 + $1.1 }
    var text = "// ----- pass timing ----- //\n"
    text += "//   wall ms      %   pass\n"
    for (name, ms) in timings {
      text += "// " + pad(String(format: "%9.3f", ms), 9) + " " + pad(String(format: "%5.1f", total > 0 ? ms / total * 100 : 0), 6) + "   " + name + "\n"
    }
    text += "// " + pad(String(format: "%9.3f", total), 9) + "  100.0   total\n"
    return text
  }

  private func statisticsReport(_ statistics: [(String, [String: Int])]) -> String {
    var text = "// ----- pass statistics ----- //\n"
    for (name, counters) in statistics {
      text += "// \(name)\n"
      if counters.isEmpty { text += "//   (no change)\n" }
      for (counter, value) in counters.sorted(by: { $0.key < $1.key }) { text += "//   \(value) \(counter)\n" }
    }
    return text
  }
}

/// `text` right-aligned in `width` columns.
private func pad(_ text: String, _ width: Int) -> String {
  String(repeating: " ", count: max(0, width - text.count)) + text
}
