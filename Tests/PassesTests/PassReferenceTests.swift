// docs/passes.md is generated from the registry; regenerate it with
// `kport passes --markdown > docs/passes.md`.
import Foundation
import Testing
@testable import Passes

@Suite struct PassReferenceTests {
  @Test func docsArePassesMarkdownCurrent() throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("docs/passes.md").path
    let current = try String(contentsOfFile: path, encoding: .utf8)
    #expect(current == PassReference.markdown(), "docs/passes.md is stale: run `kport passes --markdown > docs/passes.md`")
  }
}
