// The syntax of rule files (grammars/rules.ebnf): a `//` header paragraph, then rules, each a
// `rule Name` line followed by indented `field: value` lines. This file only splits the text
// into rules and fields with exact positions; RuleValidator.swift gives the fields meaning.
import KIR

/// A `field: value` line of a rule, before validation.
struct RawField: Sendable {
  /// The field name as written.
  var name: String
  var line: Int
  var nameColumn: Int
  /// The value text with any trailing comment removed (still quoted for strings).
  var value: String
  var valueColumn: Int
}

/// A rule before validation.
struct RawRule: Sendable {
  var name: String
  var line: Int
  var column: Int
  /// The `//` comment lines directly above the `rule` line.
  var summary: String
  var fields: [RawField]
}

/// The rules of one file and the syntax errors found in it.
struct ParsedRuleFile: Sendable {
  var path: String
  var rules: [RawRule] = []
  var diagnostics: [Diagnostic] = []
}

/// Splits rule-file text into raw rules.
enum RuleFileParser {
  /// Parses `text`, the contents of the file at `path`.
  static func parse(_ text: String, path: String) -> ParsedRuleFile {
    var file = ParsedRuleFile(path: path)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
    }
    func error(_ id: DiagnosticID, _ message: String, _ line: Int, _ column: Int, length: Int = 1) {
      file.diagnostics.append(
        Diagnostic(.error, id, message, at: .file(path: path, line: line, column: column), length: length))
    }
    if let first = lines.firstIndex(where: { !$0.trimmingWhitespace().isEmpty }) {
      if !lines[first].trimmingWhitespace().hasPrefix("//") {
        error(.rulesMissingHeader, "a rule file must start with a '//' header paragraph", first + 1, 1)
      }
    } else {
      error(.rulesMissingHeader, "the rule file is empty; it needs a '//' header paragraph", 1, 1)
      return file
    }
    var current: RawRule?
    var comments: [String] = []
    for (offset, line) in lines.enumerated() {
      let number = offset + 1
      let trimmed = line.trimmingWhitespace()
      if trimmed.isEmpty {
        comments = []
        continue
      }
      if trimmed.hasPrefix("//") {
        let comment = trimmed.dropFirst(2).trimmingWhitespace()
        if !comment.hasPrefix("expected-") { comments.append(comment) }
        continue
      }
      let indentation = line.prefix { $0 == " " || $0 == "\t" }.count
      if indentation == 0 {
        if let finished = current { file.rules.append(finished) }
        current = nil
        guard let rule = parseRuleLine(line, number: number, error: error) else {
          comments = []
          continue
        }
        current = RawRule(
          name: rule.name, line: number, column: rule.column, summary: comments.joined(separator: " "),
          fields: [])
        comments = []
        continue
      }
      comments = []
      guard current != nil else {
        error(.rulesSyntax, "a field outside a rule; start a rule with 'rule Name'", number, indentation + 1)
        continue
      }
      if let field = parseFieldLine(line, number: number, start: indentation, error: error) {
        current?.fields.append(field)
      }
    }
    if let finished = current { file.rules.append(finished) }
    return file
  }

  /// Parses `rule Name [// comment]`, reporting problems.
  private static func parseRuleLine(
    _ line: String, number: Int, error: (DiagnosticID, String, Int, Int, Int) -> Void
  ) -> (name: String, column: Int)? {
    let content = Array(stripComment(line))
    let words = splitWords(content)
    guard let keyword = words.first, keyword.text == "rule" else {
      error(.rulesSyntax, "expected 'rule Name', a '//' comment or an indented field", number, 1, 1)
      return nil
    }
    guard words.count >= 2 else {
      error(.rulesSyntax, "expected a rule name after 'rule'", number, keyword.column + 4, 1)
      return nil
    }
    let name = words[1]
    if words.count > 2 {
      error(.rulesSyntax, "unexpected '\(words[2].text)' after the rule name", number, words[2].column, words[2].text.count)
    }
    guard isUpperCamel(name.text) else {
      error(
        .rulesSyntax, "rule name '\(name.text)' must be UpperCamelCase (letters and digits, first a capital)",
        number, name.column, name.text.count)
      return nil
    }
    return (name.text, name.column)
  }

  /// Parses an indented `name: value` line.
  private static func parseFieldLine(
    _ line: String, number: Int, start: Int, error: (DiagnosticID, String, Int, Int, Int) -> Void
  ) -> RawField? {
    let characters = Array(line)
    var end = start
    while end < characters.count, characters[end].isLetter || characters[end] == "-" || characters[end] == "_" {
      end += 1
    }
    let name = String(characters[start..<end])
    guard !name.isEmpty, end < characters.count, characters[end] == ":" else {
      error(.rulesSyntax, "expected 'field: value'", number, start + 1, max(1, end - start))
      return nil
    }
    var valueStart = end + 1
    while valueStart < characters.count, characters[valueStart] == " " || characters[valueStart] == "\t" {
      valueStart += 1
    }
    let rest = String(characters[valueStart...])
    let value: String
    if rest.hasPrefix("\"") {
      guard let close = closingQuote(Array(rest)) else {
        error(.rulesSyntax, "unterminated string", number, valueStart + 1, 1)
        return nil
      }
      value = String(Array(rest)[0...close])
      let after = String(Array(rest)[(close + 1)...]).trimmingWhitespace()
      if !after.isEmpty && !after.hasPrefix("//") {
        error(.rulesSyntax, "unexpected text after the string", number, valueStart + close + 2, 1)
        return nil
      }
    } else {
      value = stripComment(rest).trimmingWhitespace()
    }
    if value.isEmpty {
      error(.rulesSyntax, "field '\(name)' has no value", number, end + 1, 1)
      return nil
    }
    return RawField(name: name, line: number, nameColumn: start + 1, value: value, valueColumn: valueStart + 1)
  }

  /// The index of the quote closing the string that starts at index 0, if any.
  static func closingQuote(_ characters: [Character]) -> Int? {
    var index = 1
    while index < characters.count {
      if characters[index] == "\\" {
        index += 2
        continue
      }
      if characters[index] == "\"" { return index }
      index += 1
    }
    return nil
  }

  /// Decodes a quoted string (`\"`, `\\`, `\n`, `\t`), returning the text and, for each decoded
  /// character, its offset in the quoted source; nil with an offset for a bad escape.
  static func decodeString(_ quoted: String) -> Result<(text: String, offsets: [Int]), BadEscape> {
    let characters = Array(quoted)
    var text = ""
    var offsets: [Int] = []
    var index = 1
    while index < characters.count - 1 {
      var character = characters[index]
      let offset = index
      if character == "\\" {
        index += 1
        switch characters[index] {
        case "\"": character = "\""
        case "\\": character = "\\"
        case "n": character = "\n"
        case "t": character = "\t"
        default: return .failure(BadEscape(offset: offset))
        }
      }
      text.append(character)
      offsets.append(offset)
      index += 1
    }
    return .success((text, offsets))
  }

  /// An unknown escape in a string, at an offset into the quoted text.
  struct BadEscape: Error {
    var offset: Int
  }

  /// `line` without a trailing `//` comment (outside string literals).
  static func stripComment(_ line: String) -> String {
    let characters = Array(line)
    var inString = false
    var index = 0
    while index < characters.count {
      let character = characters[index]
      if inString && character == "\\" {
        index += 2
        continue
      }
      if character == "\"" { inString.toggle() }
      if !inString && character == "/" && index + 1 < characters.count && characters[index + 1] == "/" {
        return String(characters[..<index])
      }
      index += 1
    }
    return line
  }

  /// Whitespace-separated words with their 1-based columns.
  static func splitWords(_ characters: [Character], from base: Int = 0) -> [(text: String, column: Int)] {
    var words: [(String, Int)] = []
    var index = 0
    while index < characters.count {
      if characters[index] == " " || characters[index] == "\t" {
        index += 1
        continue
      }
      let start = index
      while index < characters.count, characters[index] != " ", characters[index] != "\t" { index += 1 }
      words.append((String(characters[start..<index]), base + start + 1))
    }
    return words
  }

  static func isUpperCamel(_ name: String) -> Bool {
    guard let first = name.first, first.isASCII, first.isUppercase else { return false }
    return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
  }
}

extension StringProtocol {
  /// The text without leading and trailing spaces and tabs.
  func trimmingWhitespace() -> String {
    let characters = Array(self)
    var start = 0
    var end = characters.count
    while start < end, characters[start] == " " || characters[start] == "\t" { start += 1 }
    while end > start, characters[end - 1] == " " || characters[end - 1] == "\t" { end -= 1 }
    return String(characters[start..<end])
  }
}
