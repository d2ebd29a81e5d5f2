// The context a pass runs in: the diagnostics it reports, named statistics, and whether it
// changed the IR. Passes report through it and never print.

import KIR

/// What one pass run reports besides the rewritten module.
public final class PassContext {
  /// The name of the pass being run, for statistics and diagnostics.
  public let passName: String
  /// Diagnostics reported by the pass (unsupported constructs, capacity errors, …).
  public private(set) var diagnostics: [Diagnostic] = []
  /// Counters by name ("calls inlined"), shown by `--pass-statistics`.
  public private(set) var statistics: [String: Int] = [:]
  /// Whether the pass changed the IR.
  public private(set) var changed = false

  public init(passName: String) { self.passName = passName }

  /// Records that the IR changed.
  public func markChanged() { changed = true }

  /// Adds `amount` to the statistic `name` and marks the IR changed when `amount` is positive.
  public func count(_ name: String, _ amount: Int = 1) {
    guard amount != 0 else { return }
    statistics[name, default: 0] += amount
    if amount > 0 { changed = true }
  }

  /// Reports a diagnostic. A remark repeated word for word at the same place (a loop a pass
  /// rewrote in two versions, say) is kept once.
  public func report(_ diagnostic: Diagnostic) {
    if diagnostic.severity == .remark, diagnostics.contains(diagnostic) { return }
    diagnostics.append(diagnostic)
  }

  /// Whether the pass reported an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
