// compile_commands.json (clang's JSON compilation database) as batch inputs: each entry's file,
// resolved against its `directory`, with the flags kport passes to clang (-I, -D, -U, -std=,
// -include, -isystem, -iquote, paths made absolute against `directory`; -W warning flags and -w).
// Every other flag (-O2, -arch, -o, --expt-relaxed-constexpr, -gencode ...) is for nvcc or the
// host compiler and is ignored, and so are the -W flags that are not about warnings (-Wl,
// -Wa, -Wp) or that would stop kport's parse: -Werror (kport's warnings count through
// `--fail-on warning` instead) and -Wfatal-errors. A warning flag clang does not know (nvcc's
// -Wno-deprecated-gpu-targets) is no warning of the file's: -Wno-unknown-warning-option follows.
import Foundation
import KIR

/// One entry of a compilation database, as kport uses it.
public struct CompileCommand: Hashable, Sendable {
  /// The source, absolute (as `directory` resolves it).
  public var file: String
  public var clangArguments: [String]
}

/// Reads `path`; the entries, and a located diagnostic for each entry that cannot be used.
public func readCompilationDatabase(_ path: String) -> (commands: [CompileCommand], problems: [Diagnostic]) {
  guard let data = FileManager.default.contents(atPath: path) else {
    return ([], [.error(.batchBadInput, "cannot read the compilation database '\(path)'", at: .unknown)])
  }
  guard let entries = (try? JSONSerialization.jsonObject(with: data)) as? [[String: Any]] else {
    return ([], [.error(.batchBadInput, "'\(path)' is not a JSON array of compile commands", at: .file(path: path, line: 1, column: 1))])
  }
  let databaseDirectory = URL(fileURLWithPath: path).deletingLastPathComponent().path
  var commands: [CompileCommand] = []
  var problems: [Diagnostic] = []
  for (index, entry) in entries.enumerated() {
    guard let file = entry["file"] as? String else {
      problems.append(.error(.batchBadInput, "entry \(index) of '\(path)' has no \"file\"", at: .unknown))
      continue
    }
    let directory = absolute(entry["directory"] as? String ?? databaseDirectory, against: databaseDirectory)
    let words: [String]
    if let arguments = entry["arguments"] as? [String] {
      words = arguments
    } else if let command = entry["command"] as? String {
      words = shellWords(command)
    } else {
      words = []
    }
    commands.append(
      CompileCommand(file: absolute(file, against: directory), clangArguments: usableFlags(words, directory: directory)))
  }
  return (commands, problems)
}

/// The flags of `words` that kport passes to clang, paths absolute against `directory`.
func usableFlags(_ words: [String], directory: String) -> [String] {
  var flags = pathAndMacroFlags(words, directory: directory)
  let warnings = words.filter(isWarningFlag)
  if !warnings.isEmpty { flags += warnings + ["-Wno-unknown-warning-option"] }
  return flags
}

/// Whether `word` is a warning flag kport passes to clang (see the file's header).
func isWarningFlag(_ word: String) -> Bool {
  if word == "-w" { return true }
  guard word.hasPrefix("-W"), word.count > 2 else { return false }
  let dropped = ["-Wl,", "-Wa,", "-Wp,", "-Werror", "-Wfatal-errors"]
  return !dropped.contains { word.hasPrefix($0) }
}

/// The -I, -D, -U, -std=, -include, -isystem and -iquote flags of `words`.
private func pathAndMacroFlags(_ words: [String], directory: String) -> [String] {
  let pathValued: Set<String> = ["-I", "-include", "-isystem", "-iquote"]
  let plainValued: Set<String> = ["-D", "-U"]
  var flags: [String] = []
  var index = 0
  while index < words.count {
    let word = words[index]
    index += 1
    if pathValued.contains(word) || plainValued.contains(word) {
      guard index < words.count else { break }
      let value = words[index]
      index += 1
      flags += [word, pathValued.contains(word) ? absolute(value, against: directory) : value]
    } else if word.hasPrefix("-std=") {
      flags.append(word)
    } else if let prefix = ["-I", "-isystem", "-iquote"].first(where: { word.hasPrefix($0) && word.count > $0.count }) {
      flags += [prefix, absolute(String(word.dropFirst(prefix.count)), against: directory)]
    } else if let prefix = ["-D", "-U"].first(where: { word.hasPrefix($0) && word.count > $0.count }) {
      flags.append(prefix + String(word.dropFirst(prefix.count)))
    }
  }
  return flags
}

/// `path` made absolute against `directory` and standardized (`..` and `.` removed).
func absolute(_ path: String, against directory: String) -> String {
  let url = path.hasPrefix("/") ? URL(fileURLWithPath: path) : URL(fileURLWithPath: directory).appendingPathComponent(path)
  return url.standardizedFileURL.path
}

/// Splits a command line as a POSIX shell does for words: spaces separate, quotes group,
/// a backslash escapes the next character (outside single quotes).
func shellWords(_ command: String) -> [String] {
  var words: [String] = []
  var current = ""
  var hasWord = false
  var quote: Character?
  var escaped = false
  for character in command {
    if escaped {
      current.append(character)
      escaped = false
    } else if character == "\\" && quote != "'" {
      escaped = true
      hasWord = true
    } else if let open = quote {
      if character == open { quote = nil } else { current.append(character) }
    } else if character == "'" || character == "\"" {
      quote = character
      hasWord = true
    } else if character == " " || character == "\t" || character == "\n" {
      if hasWord { words.append(current) }
      current = ""
      hasWord = false
    } else {
      current.append(character)
      hasWord = true
    }
  }
  if hasWord { words.append(current) }
  return words
}
