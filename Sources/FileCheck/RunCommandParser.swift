// RunCommandParser: tokenizes one RUN command (quotes, `|`, `2>&1`), applies the `%s`/`%S`/`%%`
// substitutions and checks it against the grammar in RunScript.swift, so that a typo in a RUN
// line fails loudly instead of running something else.

/// A malformed RUN command.
struct RunLineError: Error, Sendable {
  /// What is wrong.
  var message: String
}

/// Parser for the command part of one RUN line.
enum RunCommandParser {
  /// A token of a RUN command.
  private enum Token: Equatable {
    /// A word; `raw` is its text as written, `value` without quotes and escapes.
    case word(raw: String, value: String)
    /// An unquoted `|`.
    case pipe
    /// An unquoted `2>&1`.
    case mergeStandardError
  }

  /// Parses `text`, substituting `%s` with `filePath`.
  static func parse(_ text: String, line: Int, filePath: String) throws(RunLineError) -> RunCommand
  {
    let tokens = try tokenize(text)
    var command = RunCommand(line: line, text: String(Spelling.trimmed(text)), arguments: [])
    var position = 0
    func word(_ at: Int) -> String? {
      guard tokens.indices.contains(at), case .word(let raw, _) = tokens[at] else { return nil }
      return raw
    }
    while let prefix = word(position), prefix == "not" || prefix == "%verify" {
      let alreadySet = prefix == "not" ? command.expectsFailure : command.verifiesDiagnostics
      if alreadySet { throw RunLineError(message: "'\(prefix)' given twice") }
      if prefix == "not" {
        command.expectsFailure = true
      } else {
        command.verifiesDiagnostics = true
      }
      position += 1
    }
    guard word(position) == "kport" else {
      let found = word(position).map { "'\($0)'" } ?? "nothing"
      throw RunLineError(
        message: "a RUN command must be '[not] [%verify] kport ...', found \(found)")
    }
    position += 1
    while position < tokens.count, case .word(_, let value) = tokens[position] {
      command.arguments.append(try substitute(value, filePath: filePath))
      position += 1
    }
    if position < tokens.count, tokens[position] == .mergeStandardError {
      if command.verifiesDiagnostics {
        throw RunLineError(message: "'2>&1' cannot be combined with '%verify', which reads stderr")
      }
      command.mergesStandardError = true
      position += 1
    }
    guard position < tokens.count else { return command }
    guard tokens[position] == .pipe else {
      throw RunLineError(message: "'2>&1' must come last before '|' or at the end of the command")
    }
    position += 1
    guard word(position) == "FileCheck" else {
      throw RunLineError(message: "only 'FileCheck' may follow '|'")
    }
    position += 1
    command.fileCheck = try fileCheckStage(Array(tokens[position...]))
    return command
  }

  /// Parses the options after `FileCheck`.
  private static func fileCheckStage(_ tokens: [Token]) throws(RunLineError) -> FileCheckStage {
    var stage = FileCheckStage(prefixes: [])
    var index = 0
    while index < tokens.count {
      guard case .word(_, let raw) = tokens[index] else {
        throw RunLineError(message: "only one '|' is supported in a RUN command")
      }
      index += 1
      let option = raw.hasPrefix("--") ? String(raw.dropFirst()) : raw
      switch option {
      case "%s":
        continue
      case "-allow-empty":
        stage.allowsEmptyInput = true
      case "-check-prefix", "-check-prefixes":
        guard index < tokens.count, case .word(_, let value) = tokens[index] else {
          throw RunLineError(message: "'\(raw)' needs a value")
        }
        index += 1
        stage.prefixes += value.split(separator: ",").map(String.init)
      default:
        if option.hasPrefix("-check-prefix=") || option.hasPrefix("-check-prefixes=") {
          let value = option.drop { $0 != "=" }.dropFirst()
          stage.prefixes += value.split(separator: ",").map(String.init)
        } else if option.hasPrefix("-") {
          throw RunLineError(
            message: "unsupported FileCheck option '\(raw)'; supported: --check-prefix=X, "
              + "--check-prefixes=X,Y, --allow-empty")
        } else {
          throw RunLineError(message: "FileCheck checks against '%s' only, not '\(raw)'")
        }
      }
    }
    if stage.prefixes.isEmpty { stage.prefixes = ["CHECK"] }
    for prefix in stage.prefixes where !Spelling.isValidPrefix(prefix) {
      throw RunLineError(message: "invalid check prefix '\(prefix)'")
    }
    if Set(stage.prefixes).count != stage.prefixes.count {
      throw RunLineError(
        message: "duplicate check prefix in '\(stage.prefixes.joined(separator: ","))'")
    }
    return stage
  }

  /// Splits `text` into words, `|` and `2>&1`, honouring quotes and backslashes.
  private static func tokenize(_ text: String) throws(RunLineError) -> [Token] {
    var tokens: [Token] = []
    var raw = ""
    var value = ""
    var inWord = false
    var characters = Array(text)[...]
    func flush() {
      if inWord { tokens.append(.word(raw: raw, value: value)) }
      raw = ""
      value = ""
      inWord = false
    }
    while let character = characters.popFirst() {
      switch character {
      case " ", "\t", "\r":
        flush()
      case "'", "\"":
        inWord = true
        raw.append(character)
        var closed = false
        while let inner = characters.popFirst() {
          raw.append(inner)
          if inner == character {
            closed = true
            break
          }
          if inner == "\\" && character == "\"", let escaped = characters.popFirst() {
            raw.append(escaped)
            value.append(escaped)
            continue
          }
          value.append(inner)
        }
        if !closed { throw RunLineError(message: "unterminated quote \(character)") }
      case "\\":
        inWord = true
        raw.append(character)
        if let escaped = characters.popFirst() {
          raw.append(escaped)
          value.append(escaped)
        }
      case "|":
        flush()
        if characters.first == "|" { throw RunLineError(message: "'||' is not supported") }
        tokens.append(.pipe)
      case ">", "<", "&", ";", "`", "$":
        throw RunLineError(message: "unsupported shell syntax '\(character)' in RUN command")
      case "2" where !inWord && characters.starts(with: [">", "&", "1"]):
        characters.removeFirst(3)
        guard characters.first.map({ $0 == " " || $0 == "\t" }) ?? true else {
          throw RunLineError(message: "unsupported redirection after '2>&1'")
        }
        tokens.append(.mergeStandardError)
      default:
        inWord = true
        raw.append(character)
        value.append(character)
      }
    }
    flush()
    return tokens
  }

  /// Applies `%s`, `%S` and `%%`; any other `%` followed by a letter is an error.
  private static func substitute(_ word: String, filePath: String) throws(RunLineError) -> String {
    guard word.contains("%") else { return word }
    var result = ""
    var characters = Array(word)[...]
    while let character = characters.popFirst() {
      guard character == "%", let next = characters.first else {
        result.append(character)
        continue
      }
      switch next {
      case "s":
        result += filePath
      case "S":
        result += directory(of: filePath)
      case "%":
        result.append("%")
      default:
        guard next.isLetter else {
          result.append(character)
          continue
        }
        let name = characters.prefix(while: \.isLetter)
        throw RunLineError(
          message: "unknown substitution '%\(String(name))'; supported: %s, %S, %%")
      }
      characters.removeFirst()
    }
    return result
  }

  /// The directory part of `path` (`.` when there is none).
  private static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}
