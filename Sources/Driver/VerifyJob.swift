// `kport verify`: runs each launch of a CUDA file twice on the same inputs, once as written
// (the SIMT reference) and once as ported (the target pipeline's SPMD-level kernel, the KIR the
// emitter prints), and compares every buffer with per-type tolerances.
// Exit status: 0 every buffer within tolerance, 1 the port could not be made (translation or
// emission errors), 2 usage error, 3 a side faulted (a sanitizer error or a limit), 4 results
// differ.

import Foundation
import Interpreter
import KIR
import Rules
import Targets

/// Options of `kport verify`.
public struct VerifyOptions: Sendable {
  public var target: TargetKind
  /// The launch, frontend, limits and seed options shared with `kport run`.
  public var run: RunOptions
  /// Tasks the port runs as; nil: the target's default core count.
  public var tasks: Int?
  /// User rule files (`--rules`).
  public var ruleFiles: [String]
  /// Overrides every type's default tolerance.
  public var tolerance: Tolerance?
  /// The port's pipeline; nil: the target's (`bang`, `ascendc`).
  public var pipeline: String?

  public init(
    target: TargetKind, run: RunOptions = RunOptions(), tasks: Int? = nil, ruleFiles: [String] = [],
    tolerance: Tolerance? = nil, pipeline: String? = nil
  ) {
    self.target = target
    self.run = run
    self.tasks = tasks
    self.ruleFiles = ruleFiles
    self.tolerance = tolerance
    self.pipeline = pipeline
  }
}

/// One launch compared.
public struct LaunchVerification: Sendable {
  public var launch: String
  public var kernel: String
  public var comparisons: [BufferComparison]
  public var passed: Bool { comparisons.allSatisfy(\.passed) }
}

/// What `kport verify` found.
public struct VerifyResult: Sendable {
  public var launches: [LaunchVerification] = []
  /// The CUDA side's and the port's outcomes, for `--dump`.
  public var reference: [LaunchOutcome] = []
  public var port: [LaunchOutcome] = []
  public var diagnostics: [Diagnostic] = []
  public var exitStatus: Int32 = 0
}

/// Verifies the port of `path` to `options.target` against the CUDA semantics.
public func verifyLaunches(path: String, options: VerifyOptions) -> VerifyResult {
  var result = VerifyResult()
  var referenceOptions = options.run
  referenceOptions.pipeline = nil
  let reference = runLaunches(path: path, options: referenceOptions)
  result.reference = reference.outcomes
  if reference.exitStatus != 0 {
    result.diagnostics = reference.diagnostics
    result.diagnostics.append(.note("the CUDA side did not run cleanly; nothing was compared", at: .unknown))
    result.exitStatus = reference.exitStatus
    return result
  }
  let target = options.target
  let (rules, ruleDiagnostics) = RuleSet.bundled(extendedWith: options.ruleFiles)
  if ruleDiagnostics.contains(where: { $0.severity == .error }) {
    result.diagnostics = ruleDiagnostics
    result.exitStatus = 1
    return result
  }
  var portOptions = options.run
  portOptions.pipeline = options.pipeline ?? target.rawValue
  portOptions.tasks = options.tasks ?? target.info.defaultTasks
  portOptions.inspectModule = { module in
    // The port is what the emitter prints: a kernel it cannot emit has no port to verify.
    KernelEmitter.emit(module: module, target: target, rules: rules).diagnostics
  }
  let port = runLaunches(path: path, options: portOptions)
  result.port = port.outcomes
  result.diagnostics = port.diagnostics
  if port.exitStatus != 0 {
    result.exitStatus = port.exitStatus
    return result
  }
  for (expected, actual) in zip(reference.outcomes, port.outcomes) {
    let comparisons = zip(expected.buffers, actual.buffers).map { pair in
      BufferComparison(expected: pair.0, actual: pair.1, tolerance: options.tolerance)
    }
    result.launches.append(LaunchVerification(launch: expected.launch, kernel: expected.kernel, comparisons: comparisons))
  }
  if result.launches.contains(where: { !$0.passed }) { result.exitStatus = 4 }
  return result
}

/// The text report of a verification: one line per buffer.
public func verificationReport(_ result: VerifyResult, target: TargetKind) -> String {
  var lines: [String] = []
  for launch in result.launches {
    let verdict = launch.passed ? "equal" : "DIFFER"
    lines.append("launch \(launch.launch): \(launch.kernel) CUDA vs \(target.info.language): \(verdict)")
    for comparison in launch.comparisons {
      var line = "  \(comparison.name)  \(comparison.type)[\(comparison.count)]  "
      line += comparison.passed ? "ok" : "\(comparison.mismatches) out of tolerance"
      line += "  max abs \(format(comparison.maxAbsoluteError))  max rel \(format(comparison.maxRelativeError))  max ulp \(comparison.maxULP)"
      if let first = comparison.firstMismatch {
        line += "  first at [\(first.index)]: expected \(format(first.expected)), got \(format(first.actual))"
      }
      lines.append(line)
    }
  }
  return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
}

private func format(_ value: Double) -> String {
  if value == 0 { return "0" }
  return String(format: "%.3g", value)
}
