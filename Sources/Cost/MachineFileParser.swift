// The syntax of machine files (grammars/machine.ebnf): `//` comment lines, `[section]` headers
// and `key = value [unit] // [mark] source` entries, one per line. This file only splits the
// text into entries with exact positions; MachineValidator.swift gives them meaning.
import KIR

/// A word of a value, with its 1-based column.
struct RawWord: Hashable, Sendable {
  var text: String
  var column: Int
}

/// The `// [mark] source` comment of an entry.
struct RawSource: Hashable, Sendable {
  /// The text between the brackets, nil when the comment has no `[mark]`.
  var mark: String?
  var markColumn: Int
  /// The text after the mark (or the whole comment when there is no mark).
  var text: String
}

/// One `key = value` line before validation.
struct RawEntry: Hashable, Sendable {
  /// The section it is in ("" before the first header), as written.
  var section: String
  var key: String
  var line: Int
  var keyColumn: Int
  /// The words of the value; for a quoted string, one word holding the unquoted text.
  var words: [RawWord]
  var isString: Bool
  var valueColumn: Int
  /// The trailing comment, if any.
  var source: RawSource?
}

/// A `[section]` header.
struct RawSection: Hashable, Sendable {
  var name: String
  var line: Int
  var column: Int
}

/// The entries of one file and the syntax errors found in it.
struct ParsedMachineFile: Sendable {
  var path: String
  var entries: [RawEntry] = []
  var sections: [RawSection] = []
  var diagnostics: [Diagnostic] = []
}

/// Splits machine-file text into raw entries.
enum MachineFileParser {
  /// Parses `text`, the contents of the file at `path`.
  static func parse(_ text: String, path: String) -> ParsedMachineFile {
    var file = ParsedMachineFile(path: path)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.hasSuffix("\r") ? Array($0.dropLast()) : Array($0)
    }
    var section = ""
    for (offset, characters) in lines.enumerated() {
      let number = offset + 1
      func error(_ message: String, _ column: Int, length: Int = 1) {
        file.diagnostics.append(
          Diagnostic(.error, .machineSyntax, message, at: .file(path: path, line: number, column: column), length: length))
      }
      var index = 0
      skipSpaces(characters, &index)
      if index == characters.count || startsComment(characters, index) { continue }
      if characters[index] == "[" {
        if let header = parseSectionHeader(characters, start: index, error: error) {
          file.sections.append(RawSection(name: header, line: number, column: index + 1))
          section = header
        }
        continue
      }
      if let entry = parseEntry(characters, start: index, line: number, section: section, error: error) {
        file.entries.append(entry)
      }
    }
    return file
  }

  private static func isSpace(_ character: Character) -> Bool { character == " " || character == "\t" }

  private static func skipSpaces(_ characters: [Character], _ index: inout Int) {
    while index < characters.count, isSpace(characters[index]) { index += 1 }
  }

  private static func startsComment(_ characters: [Character], _ index: Int) -> Bool {
    index + 1 < characters.count && characters[index] == "/" && characters[index + 1] == "/"
  }

  private static func isKeyCharacter(_ character: Character) -> Bool {
    character.isASCII && (character.isLetter || character.isNumber || character == "_" || character == ".")
  }

  /// `[name]` with an optional trailing comment; the name, or nil after reporting an error.
  private static func parseSectionHeader(
    _ characters: [Character], start: Int, error: (String, Int, Int) -> Void
  ) -> String? {
    var index = start + 1
    let nameStart = index
    while index < characters.count, isKeyCharacter(characters[index]) { index += 1 }
    let name = String(characters[nameStart..<index])
    guard !name.isEmpty else {
      error("expected a section name after '['", index + 1, 1)
      return nil
    }
    guard index < characters.count, characters[index] == "]" else {
      error("expected ']' to close the section header '[\(name)'", index + 1, 1)
      return nil
    }
    index += 1
    skipSpaces(characters, &index)
    guard index == characters.count || startsComment(characters, index) else {
      error("unexpected text after the section header; only a '//' comment may follow", index + 1, 1)
      return nil
    }
    return name
  }

  /// `key = value [// comment]`; the entry, or nil after reporting an error.
  private static func parseEntry(
    _ characters: [Character], start: Int, line: Int, section: String, error: (String, Int, Int) -> Void
  ) -> RawEntry? {
    var index = start
    while index < characters.count, isKeyCharacter(characters[index]) { index += 1 }
    let key = String(characters[start..<index])
    guard !key.isEmpty else {
      error("expected a key, a '[section]' header or a '//' comment", start + 1, 1)
      return nil
    }
    skipSpaces(characters, &index)
    guard index < characters.count, characters[index] == "=" else {
      let found = index < characters.count ? "'\(characters[index])'" : "the end of the line"
      error("expected '=' after the key '\(key)', found \(found)", index + 1, 1)
      return nil
    }
    index += 1
    skipSpaces(characters, &index)
    let valueColumn = index + 1
    var words: [RawWord] = []
    var isString = false
    if index < characters.count, characters[index] == "\"" {
      guard let (text, end) = parseString(characters, start: index, error: error) else { return nil }
      words = [RawWord(text: text, column: valueColumn)]
      isString = true
      index = end
      skipSpaces(characters, &index)
      guard index == characters.count || startsComment(characters, index) else {
        error("unexpected text after the string; only a '//' comment may follow", index + 1, 1)
        return nil
      }
    } else {
      while index < characters.count, !startsComment(characters, index) {
        let wordStart = index
        while index < characters.count, !isSpace(characters[index]), !startsComment(characters, index) { index += 1 }
        words.append(RawWord(text: String(characters[wordStart..<index]), column: wordStart + 1))
        skipSpaces(characters, &index)
      }
    }
    guard !words.isEmpty else {
      error("expected a value after '\(key) ='", valueColumn, 1)
      return nil
    }
    var source: RawSource?
    if startsComment(characters, index) {
      source = parseSource(characters, start: index + 2)
    }
    return RawEntry(
      section: section, key: key, line: line, keyColumn: start + 1, words: words, isString: isString,
      valueColumn: valueColumn, source: source)
  }

  /// A double-quoted string with `\"` and `\\` escapes; its text and the index after it.
  private static func parseString(
    _ characters: [Character], start: Int, error: (String, Int, Int) -> Void
  ) -> (String, Int)? {
    var index = start + 1
    var text = ""
    while index < characters.count {
      let character = characters[index]
      if character == "\"" { return (text, index + 1) }
      if character == "\\" {
        guard index + 1 < characters.count, characters[index + 1] == "\"" || characters[index + 1] == "\\" else {
          error("unknown escape in string; only \\\" and \\\\ are allowed", index + 1, 2)
          return nil
        }
        text.append(characters[index + 1])
        index += 2
        continue
      }
      text.append(character)
      index += 1
    }
    error("unterminated string; expected a closing '\"'", start + 1, characters.count - start)
    return nil
  }

  /// The comment after `//`: an optional `[mark]`, then the source text.
  private static func parseSource(_ characters: [Character], start: Int) -> RawSource {
    var index = start
    skipSpaces(characters, &index)
    guard index < characters.count, characters[index] == "[",
      let close = characters[index...].firstIndex(of: "]")
    else {
      return RawSource(mark: nil, markColumn: index + 1, text: String(characters[index...]).trimmingWhitespace())
    }
    let mark = String(characters[(index + 1)..<close]).trimmingWhitespace()
    let text = String(characters[(close + 1)...]).trimmingWhitespace()
    return RawSource(mark: mark, markColumn: index + 1, text: text)
  }
}
