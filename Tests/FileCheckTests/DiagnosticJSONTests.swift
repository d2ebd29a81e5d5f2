// Decoding of `kport --format json` diagnostics: a JSON array, a {"diagnostics": [...]} object,
// or JSON lines; nested notes; and loud errors for anything else.

import FileCheck
import Testing

@Suite("Diagnostic JSON")
struct DiagnosticJSONTests {
  let expected = [
    ProducedDiagnostic(
      file: "a.cu", line: 3, column: 5, severity: "error", message: "bad", id: "KP01"),
    ProducedDiagnostic(
      file: "a.cu", line: 4, column: nil, severity: "warning", message: "meh", id: nil),
  ]

  @Test(
    "accepted shapes",
    arguments: [
      """
      [{"file": "a.cu", "line": 3, "column": 5, "severity": "error", "message": "bad",
        "id": "KP01"},
       {"file": "a.cu", "line": 4, "severity": "warning", "message": "meh"}]
      """,
      """
      {"file": "a.cu", "line": 3, "column": 5, "severity": "error", "message": "bad", "id": "KP01"}
      {"file": "a.cu", "line": 4, "column": null, "severity": "warning", "message": "meh"}
      """,
      """
      {"diagnostics": [
        {"file": "a.cu", "line": 3, "column": 5, "severity": "error", "message": "bad",
         "id": "KP01"},
        {"file": "a.cu", "line": "4", "severity": "warning", "message": "meh"}]}
      """,
    ])
  func shapes(text: String) throws {
    #expect(try DiagnosticJSON.decode(text) == expected)
  }

  @Test("notes follow their parent")
  func notes() throws {
    let text = """
      [{"line": 2, "severity": "error", "message": "m",
        "notes": [{"line": 1, "severity": "note", "message": "defined here"}]}]
      """
    let decoded = try DiagnosticJSON.decode(text)
    #expect(decoded.map(\.severity) == ["error", "note"])
    #expect(decoded.map(\.line) == [2, 1])
  }

  @Test("empty stderr means no diagnostics")
  func empty() throws {
    #expect(try DiagnosticJSON.decode("  \n").isEmpty)
  }

  @Test(
    "anything else is an error",
    arguments: [
      "a.cu:3:5: error: bad",
      "[{\"line\": 1, \"message\": \"no severity\"}]",
      "[{\"line\": 1, \"severity\": \"error\"}]",
      "{\"line\": 1, \"severity\": \"error\", \"message\": \"ok\"}\nSegmentation fault",
      "[1, 2]",
    ])
  func rejects(text: String) {
    #expect(throws: DiagnosticJSONError.self) { try DiagnosticJSON.decode(text) }
  }
}
