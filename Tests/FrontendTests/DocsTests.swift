// Generated documentation stays current.
import Foundation
import KIR
import Testing

@Suite struct DocsTests {
  @Test func diagnosticsReferenceIsCurrent() throws {
    let path = repositoryRoot.appendingPathComponent("docs/diagnostics.md").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == DiagnosticReference.markdown(), "regenerate with: kport explain --markdown > docs/diagnostics.md")
  }

  @Test func diagnosticIDsAreUniqueAndWellFormed() {
    let codes = DiagnosticID.all.map(\.code)
    #expect(Set(codes).count == codes.count)
    #expect(Set(DiagnosticID.all.map(\.name)).count == codes.count)
    for code in codes {
      #expect(code.count == 6 && code.hasPrefix("KP") && Int(code.dropFirst(2)) != nil)
    }
  }
}
