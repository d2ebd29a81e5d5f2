// The state of one host rewrite: the source, the target and its rules, the edits collected so far
// and the diagnostics. The mapping steps (rules, launches, macros, device code) only add edits
// and diagnostics through it.
import KIR
import Rules

/// What the mapping steps of one host rewrite share.
final class HostRewriteContext {
  let source: HostSourceText
  let path: String
  let target: TargetKind
  let rules: RuleSet
  private(set) var edits: [HostEdit] = []
  private(set) var diagnostics: [Diagnostic] = []
  /// Rules already reported as partial, so each is reported once per file.
  private var reportedRules: Set<String> = []
  /// Prelude features the rewritten code uses (see `HostPrelude`).
  var needsErrorCheckHelpers = false
  /// The lowered kernels' interfaces, by kernel name.
  var kernels: [String: KernelInterface] = [:]
  /// The ported headers of the translation unit, when headers are ported on their own.
  var headerPorts: HeaderPorts?
  /// The parameter kinds of the kernel templates launched from host templates, by name.
  var dependentTemplates: [String: [String]] = [:]

  init(source: HostSourceText, path: String, target: TargetKind, rules: RuleSet) {
    self.source = source
    self.path = path
    self.target = target
    self.rules = rules
  }

  /// The location of byte range `range` of record `record`.
  func location(of record: HostRecord) -> Location {
    .file(path: path, line: record.range.start.line, column: record.range.start.column)
  }

  /// The record's byte range.
  func byteRange(of record: HostRecord) -> Range<Int> {
    let lower = max(0, min(record.range.start.offset, source.count))
    return lower..<max(lower, min(record.range.end.offset, source.count))
  }

  /// Adds an edit.
  func add(_ edit: HostEdit) { edits.append(edit) }

  /// Reports a diagnostic.
  func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  /// Leaves the construct at `range` as written (inner edits still apply), with a
  /// `/* kport: ... */` comment after it, and reports `message` as an error with `id`.
  func leave(_ range: Range<Int>, id: DiagnosticID, _ message: String, record: HostRecord, severity: Severity = .error) {
    let comment = " /* kport: \(id.code) \(message.replacingOccurrences(of: "*/", with: "* /")) */"
    add(HostEdit(range: range, replacement: { rewrite in rewrite(range) + comment }, location: location(of: record)))
    report(Diagnostic(severity, id, message, at: location(of: record), length: range.count))
  }

  /// Reports the caveat of a partial or deprecated rule once per rule.
  func reportCaveat(of rule: Rule, record: HostRecord) {
    guard rule.status == .partial || rule.status == .deprecated, !reportedRules.contains(rule.name) else { return }
    reportedRules.insert(rule.name)
    let what = rule.status == .deprecated ? "deprecated" : "partial"
    report(
      Diagnostic(
        .warning, .hostPartial,
        "'\(record.name)' mapped by \(what) rule \(rule.name) (\(rule.provenance)): \(rule.reason ?? "")",
        at: location(of: record), length: byteRange(of: record).count))
  }
}
