// DIR/kport-batch.sarif: the summary's diagnostics as SARIF 2.1.0, for code-scanning services
// (GitHub's upload-sarif). The rules are the whole diagnostic catalogue (`kport explain`), each
// with its effort level; results point at files relative to the source root (uriBaseId
// SRCROOT), which is the checkout root when kport runs there.
import Foundation
import KIR

/// The SARIF 2.1.0 log of `summary`.
public func batchSarif(_ summary: BatchSummary) -> String {
  let catalogue = DiagnosticID.all
  let rules: [[String: Any]] = catalogue.map { entry in
    [
      "id": entry.code, "name": entry.name,
      "shortDescription": ["text": entry.name],
      "fullDescription": ["text": entry.explanation],
      "properties": ["effort": entry.effort.rawValue],
    ]
  }
  var results: [[String: Any]] = []
  for file in summary.files {
    for diagnostic in file.diagnostics {
      var location: [String: Any] = ["artifactLocation": ["uri": diagnostic.file ?? file.path, "uriBaseId": "SRCROOT"]]
      if let line = diagnostic.line, line > 0 {
        location["region"] = ["startLine": line, "startColumn": max(1, diagnostic.column ?? 1)]
      }
      var result: [String: Any] = [
        "level": sarifLevel(diagnostic.severity),
        "message": ["text": diagnostic.targets.isEmpty ? diagnostic.message : "\(diagnostic.message) (\(diagnostic.targets.joined(separator: ", ")))"],
        "locations": [["physicalLocation": location]],
      ]
      if let id = diagnostic.id, let index = catalogue.firstIndex(where: { $0.code == id }) {
        result["ruleId"] = id
        result["ruleIndex"] = index
      }
      if let effort = diagnostic.effort { result["properties"] = ["effort": effort] }
      results.append(result)
    }
  }
  let log: [String: Any] = [
    "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
    "version": "2.1.0",
    "runs": [
      [
        "tool": [
          "driver": [
            "name": "kport", "version": kportVersion, "semanticVersion": kportVersion,
            "informationUri": "https://github.com/kport/kport/blob/main/docs/diagnostics.md", "rules": rules,
          ]
        ],
        "originalUriBaseIds": ["SRCROOT": ["description": ["text": "The batch's source root (--root)."]]],
        "results": results,
      ]
    ],
  ]
  return canonicalJSON(log)
}

/// SARIF's level for a kport severity.
func sarifLevel(_ severity: String) -> String {
  switch severity {
  case "error": return "error"
  case "warning": return "warning"
  default: return "note"
  }
}

/// `value` as JSON with sorted keys and two-space indentation, and a final newline: the same
/// bytes for the same value.
func canonicalJSON(_ value: Any) -> String {
  guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]),
    let text = String(data: data, encoding: .utf8)
  else { preconditionFailure("batch reports are built of JSON values only") }
  return text + "\n"
}
