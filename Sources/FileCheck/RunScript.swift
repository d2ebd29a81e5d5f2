// RUN lines of a golden test file. Grammar (one command per RUN line; a line ending in `\`
// continues on the next `// RUN:` line):
//
//   run-line  := '//' 'RUN:' command
//   command   := prefix* 'kport' arg* ['2>&1'] ['|' 'FileCheck' fc-option* ['%s']]
//   prefix    := 'not'          the exit status must be non-zero (and not a crash)
//              | '%verify'      add `--format json`, check stderr's diagnostics against the
//                               file's expected-* annotations; the exit status is not checked
//   fc-option := '--check-prefix=X' | '--check-prefix' X | '--check-prefixes=X,Y'
//              | '--allow-empty'
//   exit-line := '//' 'RUN-EXIT:' N   every command of the file must exit with status N
//
// Substitutions: `%s` the test file's path, `%S` its directory, `%%` a percent sign. Words may
// be quoted with '...' or "..."; any other shell syntax (`>`, `<`, `;`, `&&`, a second `|`)
// is an error, as is an unknown `%x` substitution or a RUN-like word such as `run:`/`RUN-FOO:`.

/// The FileCheck stage of a RUN command.
public struct FileCheckStage: Sendable, Hashable {
  /// The check prefixes (`CHECK` when none is given).
  public var prefixes: [String]
  /// Whether an empty output is acceptable (`--allow-empty`).
  public var allowsEmptyInput: Bool

  /// Creates a stage.
  public init(prefixes: [String] = ["CHECK"], allowsEmptyInput: Bool = false) {
    self.prefixes = prefixes
    self.allowsEmptyInput = allowsEmptyInput
  }
}

/// One command of a RUN line.
public struct RunCommand: Sendable, Hashable {
  /// The line the RUN line starts on.
  public var line: Int
  /// The command as written (continuations joined), for messages.
  public var text: String
  /// `not`: the exit status must be non-zero.
  public var expectsFailure: Bool
  /// `%verify`: stderr's JSON diagnostics are checked against expected-* annotations.
  public var verifiesDiagnostics: Bool
  /// The arguments to kport, substitutions applied (without the `--format json` of `%verify`).
  public var arguments: [String]
  /// `2>&1`: stderr is merged into the output FileCheck reads.
  public var mergesStandardError: Bool
  /// The FileCheck stage, if the command pipes into FileCheck.
  public var fileCheck: FileCheckStage?

  /// Creates a command.
  public init(
    line: Int, text: String, expectsFailure: Bool = false, verifiesDiagnostics: Bool = false,
    arguments: [String], mergesStandardError: Bool = false, fileCheck: FileCheckStage? = nil
  ) {
    self.line = line
    self.text = text
    self.expectsFailure = expectsFailure
    self.verifiesDiagnostics = verifiesDiagnostics
    self.arguments = arguments
    self.mergesStandardError = mergesStandardError
    self.fileCheck = fileCheck
  }
}

/// All RUN lines of a file.
public struct RunScript: Sendable, Hashable {
  /// The commands, in file order.
  public var commands: [RunCommand]
  /// The `RUN-EXIT:` status every command must exit with, if given.
  public var expectedExitStatus: Int32?

  /// Creates a script.
  public init(commands: [RunCommand] = [], expectedExitStatus: Int32? = nil) {
    self.commands = commands
    self.expectedExitStatus = expectedExitStatus
  }

  /// Every check prefix used by some command, in first-use order.
  public var allPrefixes: [String] {
    var result: [String] = []
    for prefix in commands.flatMap({ $0.fileCheck?.prefixes ?? [] }) where !result.contains(prefix)
    {
      result.append(prefix)
    }
    return result
  }

  /// Whether the file is expected to be rejected (`not`, or a non-zero `RUN-EXIT:`).
  public var expectsFailure: Bool {
    commands.contains(where: \.expectsFailure) || (expectedExitStatus ?? 0) != 0
  }
}

/// Parser for RUN lines.
public enum RunScriptParser {
  /// Parses the RUN and RUN-EXIT lines of `text`.
  ///
  /// - Parameters:
  ///   - fileName: the name failures are reported against.
  ///   - filePath: the path `%s` expands to.
  /// - Returns: the script, and a failure for every malformed line.
  public static func parse(
    _ text: String, fileName: String, filePath: String
  ) -> (script: RunScript, failures: [CheckFailure]) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var script = RunScript()
    var failures: [CheckFailure] = []
    func fail(_ line: Int, _ directive: String, _ message: String) {
      failures.append(
        CheckFailure(
          kind: .invalidRunLine, fileName: fileName, line: line, directive: directive,
          message: message))
    }
    var index = 0
    while index < lines.count {
      let lineNumber = index + 1
      let keyword = RunLineKeyword(lines[index])
      index += 1
      switch keyword {
      case .none:
        continue
      case .lookalike(let word):
        fail(lineNumber, word, "unknown RUN directive '\(word):'; expected 'RUN:' or 'RUN-EXIT:'")
      case .exit(let value):
        guard let status = Int32(String(Spelling.trimmed(value))), status >= 0 else {
          fail(
            lineNumber, "RUN-EXIT",
            "expected a non-negative exit status, got '\(Spelling.trimmed(value))'")
          continue
        }
        if script.expectedExitStatus != nil {
          fail(lineNumber, "RUN-EXIT", "a file may have only one RUN-EXIT line")
        }
        script.expectedExitStatus = status
      case .run(var command):
        var joined = true
        while Spelling.trimmed(command).hasSuffix("\\") {
          command = String(Spelling.trimmed(command).dropLast())
          guard index < lines.count, case .run(let next) = RunLineKeyword(lines[index]) else {
            fail(lineNumber, "RUN", "RUN line ends in '\\' but the next line is not a RUN line")
            joined = false
            break
          }
          command += " " + next
          index += 1
        }
        guard joined else { continue }
        do {
          script.commands.append(
            try RunCommandParser.parse(command, line: lineNumber, filePath: filePath))
        } catch {
          fail(lineNumber, "RUN", error.message)
        }
      }
    }
    if let status = script.expectedExitStatus, status == 0,
      let command = script.commands.first(where: \.expectsFailure)
    {
      fail(command.line, "RUN", "'not' contradicts 'RUN-EXIT: 0'")
    }
    return (script, failures)
  }
}

/// The RUN-family keyword that starts a line, if any.
enum RunLineKeyword {
  case run(String)
  case exit(String)
  case lookalike(String)

  /// Classifies `line`: `// RUN: ...`, `// RUN-EXIT: N`, a RUN look-alike, or nil.
  init?(_ line: Substring) {
    var rest = line.drop { $0 == " " || $0 == "\t" }
    guard rest.hasPrefix("//") || rest.hasPrefix("#") || rest.hasPrefix(";") else { return nil }
    rest = rest.drop { $0 == "/" || $0 == "#" || $0 == ";" }.drop { $0 == " " || $0 == "\t" }
    let word = rest.prefix(while: Spelling.isWordCharacter)
    let afterWord = rest[word.endIndex...]
    guard afterWord.first == ":" else { return nil }
    let body = String(afterWord.dropFirst())
    switch word {
    case "RUN": self = .run(body)
    case "RUN-EXIT": self = .exit(body)
    default:
      let upper = word.uppercased()
      guard upper == "RUN" || upper.hasPrefix("RUN-") || upper.hasPrefix("RUN_") else {
        return nil
      }
      self = .lookalike(String(word))
    }
  }
}
