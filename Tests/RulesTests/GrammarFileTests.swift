// The grammar's own tests (style.md 6.5): every grammars/tests/pass/**/*.rules file loads without
// a diagnostic, and every grammars/tests/fail/**/*.rules file produces exactly the diagnostics
// its `// expected-error@+N {{message}}` annotations describe (FileCheck's DiagnosticVerifier).
import FileCheck
import Foundation
import KIR
import Rules
import Testing

@Suite struct GrammarFileTests {
  static let testsDirectory = repositoryRoot.appendingPathComponent("grammars/tests")

  static func files(_ kind: String) -> [String] {
    BundledRules.ruleFiles(in: testsDirectory.appendingPathComponent(kind)).map(\.path)
  }

  @Test func thereAreTestFiles() {
    #expect(Self.files("pass").count >= 2)
    #expect(Self.files("fail").count >= 15)
  }

  @Test(arguments: files("pass"))
  func passFileLoadsCleanly(path: String) throws {
    let source = try #require(try? BundledRules.read(path, isUser: true).get())
    let (ruleSet, diagnostics) = RuleSet.load([source])
    #expect(diagnostics.isEmpty, "\(describe(diagnostics))")
    #expect(!ruleSet.rules.isEmpty)
  }

  @Test(arguments: files("fail"))
  func failFileProducesItsExpectedErrors(path: String) throws {
    let source = try #require(try? BundledRules.read(path, isUser: true).get())
    let (_, diagnostics) = RuleSet.load([source])
    let produced = diagnostics.map { diagnostic in
      ProducedDiagnostic(
        line: diagnostic.location.filePosition?.line ?? 0,
        column: diagnostic.location.filePosition?.column,
        severity: diagnostic.severity.rawValue, message: diagnostic.message)
    }
    let (expectations, _) = DiagnosticVerifier.expectations(in: source.text, fileName: path)
    #expect(!expectations.isEmpty, "a fail file must expect at least one error")
    let failures = DiagnosticVerifier.verify(source: source.text, fileName: path, produced: produced)
    #expect(failures.isEmpty, "\(failures.map(\.description).joined(separator: "\n"))")
    for diagnostic in diagnostics {
      #expect(diagnostic.id.map { $0.code.hasPrefix("KP50") } == true, "\(diagnostic.message)")
    }
  }
}
