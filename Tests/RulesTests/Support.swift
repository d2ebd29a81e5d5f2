// Shared helpers of the rule tests: the repository root and loading rule text in one call.
import Foundation
import KIR

@testable import Rules

/// The repository holding this test file (symlinks resolved).
let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Loads one rule file's text as a user file at `path`.
func load(_ text: String, path: String = "test.rules", isUser: Bool = false) -> (RuleSet, [Diagnostic]) {
  RuleSet.load([RuleSource(path: path, text: text, isUser: isUser)])
}

/// The bundled tables, loaded once.
let bundled: (RuleSet, [Diagnostic]) = RuleSet.bundled()

/// `file:line:col: message [ID]` of each diagnostic, for failure messages.
func describe(_ diagnostics: [Diagnostic]) -> String {
  diagnostics.map { "\($0.location): \($0.message) [\($0.id?.code ?? "-")]" }.joined(separator: "\n")
}

/// A rule of the form every test file needs, with the given fields spliced in.
func ruleText(
  _ name: String, target: String = "bang", status: String = "supported", match: String,
  emit: String? = "\"x\"", extra: String = ""
) -> String {
  var text = "rule \(name)\n  target: \(target)\n  status: \(status)\n  provenance: \"test\"\n  match: \(match)\n"
  if let emit { text += "  emit: \(emit)\n" }
  return text + extra
}
