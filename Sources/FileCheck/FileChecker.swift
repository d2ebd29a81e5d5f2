// FileChecker: the public entry point, and the matching algorithm of LLVM FileCheck: CHECK-LABEL
// splits the input into blocks (a failure skips to the next block; a missing label stops the
// run), each positive directive first matches its CHECK-DAG groups, then itself (COUNT times),
// then checks NEXT/SAME/EMPTY line distance and the CHECK-NOTs of the region it skipped.
// Failures carry the scanned region, variable values and the fuzzy "possible intended match".

/// Options of one FileCheck run.
public struct FileCheckOptions: Sendable, Hashable {
  /// The check prefixes (`--check-prefix`); each must be used at least once.
  public var prefixes: [String]
  /// Comment prefixes: a line where one of these is followed by `:` holds no directive.
  public var commentPrefixes: [String]
  /// Prefixes that other RUN lines of the same file check with; their directives are skipped
  /// instead of being reported as unknown directives.
  public var toleratedPrefixes: [String]
  /// Whether an empty input is acceptable (`--allow-empty`); LLVM rejects it by default.
  public var allowsEmptyInput: Bool
  /// The input's name in notes.
  public var inputName: String
  /// The real line number of the check file's first line (for a chunk of a split file).
  public var firstLineNumber: Int

  /// Creates options; the defaults are LLVM's (`CHECK`; comments `COM` and `RUN`).
  public init(
    prefixes: [String] = ["CHECK"], commentPrefixes: [String] = ["COM", "RUN"],
    toleratedPrefixes: [String] = [], allowsEmptyInput: Bool = false,
    inputName: String = "<stdin>", firstLineNumber: Int = 1
  ) {
    self.prefixes = prefixes
    self.commentPrefixes = commentPrefixes
    self.toleratedPrefixes = toleratedPrefixes
    self.allowsEmptyInput = allowsEmptyInput
    self.inputName = inputName
    self.firstLineNumber = firstLineNumber
  }
}

/// LLVM-style FileCheck as a library.
///
/// ```swift
/// let failures = FileChecker.check(
///   input: output, checkFile: testText, checkFileName: "Tests/golden/x.kir")
/// #expect(failures.isEmpty, "\(failures.report)")
/// ```
///
/// Supported: `CHECK`, `-NEXT`, `-SAME`, `-NOT`, `-DAG`, `-LABEL`, `-EMPTY`, `-COUNT-n`, the
/// `{LITERAL}` modifier, `{{regex}}`, `[[NAME:regex]]`, `[[NAME]]`, `[[@LINE±N]]`, several
/// prefixes, and whitespace canonicalization. Unknown and mis-cased directives are errors.
public enum FileChecker {
  /// Checks `input` against the directives of `checkFile` for `prefixes`.
  ///
  /// - Returns: every failure found; empty when the input passes.
  public static func check(
    input: String, checkFile: String, checkFileName: String, prefixes: [String] = ["CHECK"]
  ) -> [CheckFailure] {
    check(
      input: input, checkFile: checkFile, checkFileName: checkFileName,
      options: FileCheckOptions(prefixes: prefixes))
  }

  /// Checks `input` against the directives of `checkFile` with full `options`.
  ///
  /// - Returns: every failure found; empty when the input passes. Check-file errors are
  ///   reported without matching anything.
  public static func check(
    input: String, checkFile: String, checkFileName: String, options: FileCheckOptions
  ) -> [CheckFailure] {
    let parser = CheckFileParser(options: options, fileName: checkFileName)
    let (program, failures) = parser.parse(checkFile)
    guard failures.isEmpty else { return failures }
    if input.isEmpty && !options.allowsEmptyInput {
      return [
        CheckFailure(
          kind: .emptyInput, fileName: checkFileName, line: 0,
          message: "input '\(options.inputName)' is empty",
          notes: ["note: pass --allow-empty if an empty input is expected"])
      ]
    }
    var matcher = Matcher(
      buffer: InputBuffer(input, name: options.inputName), program: program,
      fileName: checkFileName)
    matcher.run()
    return matcher.failures
  }
}

/// The state of one matching run.
struct Matcher {
  typealias Position = String.Index

  let buffer: InputBuffer
  let program: CheckProgram
  let fileName: String
  /// Variables bound by `[[NAME:regex]]` so far (LLVM's default: they outlive label blocks).
  var variables: [String: String] = [:]
  /// Failures so far.
  var failures: [CheckFailure] = []

  /// Runs every check string, block by block (LLVM's `FileCheck::checkInput`).
  mutating func run() {
    let strings = program.strings
    var next = 0
    var labelIndex = 0
    var blockStart = buffer.text.startIndex
    while true {
      let regionStart = blockStart
      let regionEnd: Position
      if labelIndex == strings.count {
        regionEnd = buffer.text.endIndex
      } else {
        guard strings[labelIndex].pattern.kind == .label else {
          labelIndex += 1
          continue
        }
        // Find the label first; without it nothing after it can be placed, so stop.
        guard
          let label = check(
            strings[labelIndex], from: blockStart, to: buffer.text.endIndex, labelScan: true)
        else { return }
        regionEnd = label.upperBound
        blockStart = label.upperBound
        labelIndex += 1
      }
      var start = regionStart
      while next != labelIndex {
        guard let match = check(strings[next], from: start, to: regionEnd, labelScan: false) else {
          next = labelIndex
          break
        }
        start = match.upperBound
        next += 1
      }
      if labelIndex == strings.count { break }
    }
  }

  /// Matches one check string in `start..<end` (LLVM's `FileCheckString::Check`); returns the
  /// matched range or nil after recording a failure.
  mutating func check(
    _ string: CheckString, from start: Position, to end: Position, labelScan: Bool
  ) -> Range<Position>? {
    var lastPosition = start
    var notPatterns: [CheckPattern] = []
    if !labelScan {
      guard let afterDags = checkDags(string.dagNots, from: start, to: end, nots: &notPatterns)
      else { return nil }
      lastPosition = afterDags
    }
    let pattern = string.pattern
    var matchEnd = lastPosition
    var firstMatchStart: Position?
    for matched in 0..<pattern.count {
      guard let range = search(pattern, from: matchEnd, to: end, matchedCount: matched) else {
        return nil
      }
      if firstMatchStart == nil { firstMatchStart = range.lowerBound }
      matchEnd = range.upperBound
    }
    let matchStart = firstMatchStart ?? matchEnd
    if labelScan { return matchStart..<matchEnd }
    if let problem = lineProblem(pattern, previousEnd: lastPosition, matchStart: matchStart) {
      failures.append(problem)
      return nil
    }
    guard checkNots(notPatterns, from: lastPosition, to: matchStart) else { return nil }
    return matchStart..<matchEnd
  }

  /// Searches for `pattern`, binding its variables, or records the failure.
  mutating func search(
    _ pattern: CheckPattern, from start: Position, to end: Position, matchedCount: Int = 0
  ) -> Range<Position>? {
    switch pattern.search(in: buffer, from: start, to: end, variables: variables) {
    case .found(let range, let definitions):
      variables.merge(definitions) { _, new in new }
      return range
    case .notFound:
      failures.append(notFound(pattern, from: start, to: end, matchedCount: matchedCount))
      return nil
    case .failed(let message):
      failures.append(
        failure(
          pattern, kind: .undefinedVariable, message: message,
          notes: [buffer.note("while scanning from here", at: start)]))
      return nil
    }
  }

  /// CHECK-DAG groups with the CHECK-NOTs between them (LLVM's `FileCheckString::CheckDag`).
  /// Returns where the following directive starts searching; `nots` receives the CHECK-NOTs
  /// after the last group, which the caller checks.
  mutating func checkDags(
    _ patterns: [CheckPattern], from start: Position, to end: Position,
    nots: inout [CheckPattern]
  ) -> Position? {
    var groupStart = start
    var matches: [Range<Position>] = []  // sorted, non-overlapping matches of this group
    for (index, pattern) in patterns.enumerated() {
      if pattern.kind == .not {
        nots.append(pattern)
        continue
      }
      var searchStart = groupStart
      while true {
        guard let range = search(pattern, from: searchStart, to: end) else { return nil }
        // A match overlapping an earlier match of the group is discarded; search after it.
        if let later = matches.firstIndex(where: { range.lowerBound < $0.upperBound }) {
          if matches[later].lowerBound < range.upperBound {
            searchStart = matches[later].upperBound
            continue
          }
          matches.insert(range, at: later)
        } else {
          matches.append(range)
        }
        break
      }
      let isGroupEnd = index + 1 == patterns.count || patterns[index + 1].kind == .not
      guard isGroupEnd, let first = matches.first, let last = matches.last else { continue }
      if !nots.isEmpty {
        guard checkNots(nots, from: groupStart, to: first.lowerBound) else { return nil }
        nots.removeAll()
      }
      groupStart = last.upperBound
      matches.removeAll()
    }
    return groupStart
  }

  /// Checks that no CHECK-NOT pattern occurs in `start..<end`; records every one that does.
  mutating func checkNots(_ patterns: [CheckPattern], from start: Position, to end: Position)
    -> Bool
  {
    var passed = true
    for pattern in patterns {
      switch pattern.search(in: buffer, from: start, to: max(start, end), variables: variables) {
      case .notFound:
        continue
      case .found(let range, _):
        passed = false
        failures.append(
          failure(
            pattern, kind: .excludedFound, message: "excluded string found in input",
            notes: [buffer.note("found here", at: range.lowerBound)]))
      case .failed(let message):
        passed = false
        failures.append(
          failure(
            pattern, kind: .undefinedVariable, message: message,
            notes: [buffer.note("while scanning from here", at: start)]))
      }
    }
    return passed
  }
}

// MARK: - Failure construction

extension Matcher {
  /// A failure at `pattern`'s check line, echoing that line before `notes`.
  func failure(
    _ pattern: CheckPattern, kind: CheckFailure.Kind, message: String, notes: [String]
  ) -> CheckFailure {
    var allNotes: [String] = []
    if !pattern.isEndOfFile, let text = program.text(ofLine: pattern.line) {
      allNotes.append(text)
    }
    allNotes += notes
    return CheckFailure(
      kind: kind, fileName: fileName, line: pattern.line, directive: pattern.directiveName,
      message: message, notes: allNotes)
  }

  /// "expected string not found in input", with where the search started, the region it
  /// covered, the values of the variables the pattern uses, and the closest near-miss.
  func notFound(
    _ pattern: CheckPattern, from start: Position, to end: Position, matchedCount: Int
  ) -> CheckFailure {
    var message = "expected string not found in input"
    if pattern.count > 1 { message += " (\(matchedCount + 1) out of \(pattern.count))" }
    var notes = [
      buffer.note("scanning from here", at: start),
      buffer.regionNote(from: start, to: end),
    ]
    for name in pattern.usedVariableNames {
      if let value = variables[name] {
        notes.append("note: with \"\(name)\" equal to \"\(value)\"")
      }
    }
    let example = pattern.example(variables: variables)
    if let nearMiss = buffer.closestMatch(to: example, from: start, to: end) {
      notes.append(buffer.note("possible intended match here", at: nearMiss))
    }
    return failure(pattern, kind: .expectedNotFound, message: message, notes: notes)
  }

  /// The NEXT/EMPTY ("exactly one newline since the previous match") and SAME ("no newline")
  /// line-distance failure, if any.
  func lineProblem(
    _ pattern: CheckPattern, previousEnd: Position, matchStart: Position
  ) -> CheckFailure? {
    let newlines = buffer.newlineCount(from: previousEnd, to: matchStart)
    let matchNote = buffer.note(
      "'\(pattern.kind.suffix.dropFirst().lowercased())' match was here", at: matchStart)
    let previousNote = buffer.note("previous match ended here", at: previousEnd)
    switch pattern.kind {
    case .next, .empty:
      if newlines == 0 {
        return failure(
          pattern, kind: .wrongLine, message: "is on the same line as previous match",
          notes: [matchNote, previousNote])
      }
      if newlines != 1 {
        var notes = [matchNote, previousNote]
        if let newline = buffer.firstNewline(from: previousEnd, to: matchStart) {
          let nextLine = buffer.text.index(after: newline)
          notes.append(buffer.note("non-matching line after previous match is here", at: nextLine))
        }
        return failure(
          pattern, kind: .wrongLine, message: "is not on the line after the previous match",
          notes: notes)
      }
      return nil
    case .same:
      guard newlines != 0 else { return nil }
      return failure(
        pattern, kind: .wrongLine, message: "is not on the same line as the previous match",
        notes: [matchNote, previousNote])
    case .plain, .not, .dag, .label:
      return nil
    }
  }
}
