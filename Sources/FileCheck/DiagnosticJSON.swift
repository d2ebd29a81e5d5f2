// DiagnosticJSON: reads the diagnostics `kport --format json` prints on stderr. Accepted shapes:
// a JSON array of diagnostic objects, an object `{"diagnostics": [...]}`, or JSON lines (one
// object per line). An object has `file`, `line`, `column`, `severity`, `message`, `id`, and
// optionally `notes` (objects of the same shape, flattened after their parent).

import Foundation

/// A problem reading machine-readable diagnostics.
public struct DiagnosticJSONError: Error, Sendable, Hashable, CustomStringConvertible {
  /// What is wrong.
  public var message: String
  /// A readable description.
  public var description: String { message }
}

/// Decoding of kport's JSON diagnostics.
public enum DiagnosticJSON {
  /// Decodes `text` (the whole stderr of a `--format json` run).
  ///
  /// - Returns: the diagnostics in order, each note after its parent.
  /// - Throws: `DiagnosticJSONError` when the text is neither a JSON array/object nor JSON lines,
  ///   or an object lacks `severity` or `message`.
  public static func decode(_ text: String) throws(DiagnosticJSONError) -> [ProducedDiagnostic] {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if trimmed.isEmpty { return [] }
    if trimmed.hasPrefix("[") {
      return try diagnostics(fromArray: try parse(trimmed, what: "JSON array"))
    }
    if let whole = try? JSONSerialization.jsonObject(with: Data(trimmed.utf8)),
      let object = whole as? [String: Any]
    {
      if let list = object["diagnostics"] { return try diagnostics(fromArray: list) }
      return try diagnostics(fromObject: object)
    }
    var result: [ProducedDiagnostic] = []
    for (offset, line) in trimmed.split(separator: "\n").enumerated() {
      let content = line.trimmingCharacters(in: .whitespaces)
      if content.isEmpty { continue }
      let value = try parse(content, what: "JSON object on stderr line \(offset + 1)")
      guard let object = value as? [String: Any] else {
        throw DiagnosticJSONError(message: "stderr line \(offset + 1) is not a JSON object")
      }
      result += try diagnostics(fromObject: object)
    }
    return result
  }

  private static func parse(_ text: String, what: String) throws(DiagnosticJSONError) -> Any {
    do {
      return try JSONSerialization.jsonObject(with: Data(text.utf8))
    } catch {
      let excerpt = text.count > 200 ? String(text.prefix(200)) + "..." : text
      throw DiagnosticJSONError(message: "expected a \(what), got: \(excerpt)")
    }
  }

  private static func diagnostics(fromArray value: Any) throws(DiagnosticJSONError)
    -> [ProducedDiagnostic]
  {
    guard let list = value as? [Any] else {
      throw DiagnosticJSONError(message: "'diagnostics' is not a JSON array")
    }
    var result: [ProducedDiagnostic] = []
    for element in list {
      guard let object = element as? [String: Any] else {
        throw DiagnosticJSONError(message: "a diagnostic is not a JSON object: \(element)")
      }
      result += try diagnostics(fromObject: object)
    }
    return result
  }

  private static func diagnostics(fromObject object: [String: Any]) throws(DiagnosticJSONError)
    -> [ProducedDiagnostic]
  {
    guard let severity = object["severity"] as? String else {
      throw DiagnosticJSONError(message: "a diagnostic has no string 'severity': \(object)")
    }
    guard let message = object["message"] as? String else {
      throw DiagnosticJSONError(message: "a diagnostic has no string 'message': \(object)")
    }
    let diagnostic = ProducedDiagnostic(
      file: object["file"] as? String, line: integer(object["line"]) ?? 0,
      column: integer(object["column"]), severity: severity, message: message,
      id: object["id"] as? String)
    var result = [diagnostic]
    if let notes = object["notes"] { result += try diagnostics(fromArray: notes) }
    return result
  }

  /// An integer from a JSON number or numeric string; nil for null or anything else.
  private static func integer(_ value: Any?) -> Int? {
    switch value {
    case let number as Int: return number
    case let number as Double where number == number.rounded(): return Int(number)
    case let text as String: return Int(text)
    default: return nil
    }
  }
}
