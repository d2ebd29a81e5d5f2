// `kport rules`: list the lowering rule tables, check a user rule file, or print the support
// matrix (docs/support.md). The tables are grammars/rules/<target>/<family>.rules, bundled with
// the binary; `--rules FILE` extends or overrides them (docs/rules.md).
import ArgumentParser
import Foundation
import KIR
import Rules

/// `kport rules [--markdown] [--rules FILE ...] [--check FILE ...] [--target T]`.
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "List, check or document the lowering rule tables (grammars/rules).",
    discussion: """
      Without options, lists every rule: target, family, name, status, pattern and emitted form. \
      --check FILE validates a user rule file together with the bundled tables and prints its \
      diagnostics (exit status 1 on errors). --markdown prints the support matrix \
      (docs/support.md). The format is described in docs/rules.md.
      """)

  @Option(name: .customLong("rules"), help: "A rule file that extends or overrides the bundled tables (repeatable).")
  var ruleFiles: [String] = []

  @Option(name: .customLong("check"), help: "Validate this rule file and print its diagnostics (repeatable).")
  var checkFiles: [String] = []

  @Flag(name: .customLong("markdown"), help: "Print the support matrix as Markdown (docs/support.md).")
  var markdown = false

  @Option(name: .customLong("target"), help: "List only this target's rules: bang or ascendc.")
  var target: String?

  @Option(name: .customLong("format"), help: "Diagnostics format: text or json.")
  var format: DiagnosticFormat = .text

  func validate() throws {
    if let target, RuleTarget(rawValue: target) == nil {
      let known = RuleTarget.allCases.map(\.rawValue).joined(separator: ", ")
      throw ValidationError("unknown target '\(target)'; expected one of \(known)")
    }
  }

  func run() throws {
    let (ruleSet, diagnostics) = RuleSet.bundled(extendedWith: ruleFiles + checkFiles)
    printDiagnostics(diagnostics, format: format)
    let hasErrors = diagnostics.contains { $0.severity == .error }
    if markdown {
      print(SupportMatrix.markdown(ruleSet), terminator: "")
    } else if !checkFiles.isEmpty {
      if !hasErrors {
        let count = ruleSet.rules.filter(\.isUserRule).count
        print("\(checkFiles.joined(separator: ", ")): \(count) rule\(count == 1 ? "" : "s"), no problems")
      }
    } else {
      list(ruleSet)
    }
    if hasErrors { throw ExitCode(1) }
  }

  /// Prints one line per rule, grouped by target and family.
  private func list(_ ruleSet: RuleSet) {
    let targets = target.flatMap(RuleTarget.init(rawValue:)).map { [$0] } ?? RuleTarget.allCases
    for target in targets {
      for family in RuleFamily.allCases {
        for rule in ruleSet.rules(for: target) where rule.family == family {
          var line = "\(target.rawValue)  \(family.rawValue)  \(rule.name)  \(rule.status.rawValue)  \(rule.pattern)"
          if let template = rule.template {
            line += "  ->  \"\(template.text.replacingOccurrences(of: "\n", with: "\\n"))\""
          }
          if rule.isUserRule { line += "  (user)" }
          print(line)
        }
      }
    }
  }
}
