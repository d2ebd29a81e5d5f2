// Renders diagnostics clang-style (`file:line:col: error: message [KP1234]`, the source line and a
// caret) or as JSON for tools.

/// Turns diagnostics into text for people or JSON for tools.
public struct DiagnosticRenderer {
  /// Returns the text of a source file, or nil when it cannot be read.
  public var sourceText: (String) -> String?
  /// Whether to colour severities with ANSI escapes (a terminal).
  public var useColor: Bool

  private var lineCache: [String: [Substring]] = [:]

  public init(useColor: Bool = false, sourceText: @escaping (String) -> String?) {
    self.useColor = useColor
    self.sourceText = sourceText
  }

  /// The clang-style text of one diagnostic and its notes, ending with a newline.
  public mutating func render(_ diagnostic: Diagnostic) -> String {
    var out = renderOne(diagnostic)
    for note in diagnostic.notes { out += renderOne(note) }
    return out
  }

  /// The clang-style text of all diagnostics followed by a count line when there are errors or
  /// warnings (`2 errors and 1 warning generated.`).
  public mutating func render(all diagnostics: [Diagnostic]) -> String {
    var out = diagnostics.map { render($0) }.joined()
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    var parts: [String] = []
    if errors > 0 { parts.append("\(errors) error\(errors == 1 ? "" : "s")") }
    if warnings > 0 { parts.append("\(warnings) warning\(warnings == 1 ? "" : "s")") }
    if !parts.isEmpty { out += parts.joined(separator: " and ") + " generated.\n" }
    return out
  }

  private mutating func renderOne(_ diagnostic: Diagnostic) -> String {
    let severity = colored(diagnostic.severity)
    let suffix = diagnostic.id.map { " [\($0.code)]" } ?? ""
    guard let position = diagnostic.location.filePosition else {
      return "kport: \(severity): \(diagnostic.message)\(suffix)\n"
    }
    var out = "\(position.path):\(position.line):\(position.column): \(severity): "
      + "\(diagnostic.message)\(suffix)\n"
    if let line = sourceLine(path: position.path, line: position.line) {
      let text = line.replacingTabs()
      out += text + "\n"
      let prefix = line.prefix(max(0, position.column - 1))
      let pad = String(prefix.replacingTabs().map { _ in " " })
      let remaining = max(1, text.count - pad.count)
      let marks = "^" + String(repeating: "~", count: max(0, min(diagnostic.length, remaining) - 1))
      out += pad + (useColor ? "\u{1B}[32m\(marks)\u{1B}[0m" : marks) + "\n"
    }
    return out
  }

  private func colored(_ severity: Severity) -> String {
    guard useColor else { return severity.rawValue }
    let code: String
    switch severity {
    case .error: code = "31"
    case .warning: code = "35"
    case .note: code = "36"
    case .remark: code = "34"
    }
    return "\u{1B}[1;\(code)m\(severity.rawValue)\u{1B}[0m"
  }

  private mutating func sourceLine(path: String, line: Int) -> Substring? {
    if lineCache[path] == nil {
      guard let text = sourceText(path) else { return nil }
      lineCache[path] = text.split(separator: "\n", omittingEmptySubsequences: false)
    }
    guard let lines = lineCache[path], line >= 1, line <= lines.count else { return nil }
    let text = lines[line - 1]
    return text.hasSuffix("\r") ? text.dropLast() : text
  }

  /// The diagnostics as a JSON array, one object per diagnostic with `file`, `line`, `column`,
  /// `severity`, `id`, `name`, `effort`, `message` and `notes`.
  public static func json(_ diagnostics: [Diagnostic]) -> String {
    "[" + diagnostics.map { jsonObject($0) }.joined(separator: ",\n ") + "]\n"
  }

  private static func jsonObject(_ diagnostic: Diagnostic) -> String {
    var fields: [(String, String)] = []
    let position = diagnostic.location.filePosition
    fields.append(("file", position.map { jsonString($0.path) } ?? "null"))
    fields.append(("line", position.map { String($0.line) } ?? "null"))
    fields.append(("column", position.map { String($0.column) } ?? "null"))
    fields.append(("severity", jsonString(diagnostic.severity.rawValue)))
    fields.append(("id", diagnostic.id.map { jsonString($0.code) } ?? "null"))
    fields.append(("name", diagnostic.id.map { jsonString($0.name) } ?? "null"))
    fields.append(("effort", diagnostic.id.map { jsonString($0.effort.rawValue) } ?? "null"))
    fields.append(("message", jsonString(diagnostic.message)))
    fields.append(("notes", "[" + diagnostic.notes.map { jsonObject($0) }.joined(separator: ", ") + "]"))
    return "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
  }
}

/// A JSON string literal.
public func jsonString(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if scalar.value < 0x20 {
        let hex = String(scalar.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}

extension StringProtocol {
  fileprivate func replacingTabs() -> String {
    String(self.map { $0 == "\t" ? " " : $0 })
  }
}
