// Diagnostic IDs of the rule tables in grammars/rules (KP5xxx): loading, validating and
// applying declarative lowering rules.

extension DiagnosticID {
  /// The rule-table IDs, in code order; part of `DiagnosticID.all`.
  static let ruleIDs: [DiagnosticID] = []
}
