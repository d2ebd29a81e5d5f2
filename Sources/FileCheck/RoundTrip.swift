// The automatic round-trip check of `.kir` golden files (MLIR's double mlir-opt RUN line): each
// `// -----` chunk that is expected to parse is printed by `kport opt` (P1), P1 is printed again
// (P2), and P1 must equal P2 byte for byte. Chunks are written line-aligned, so kport's
// diagnostics carry the golden file's real line numbers. A mismatch is shown as a unified diff
// (TextDiff, also usable by bless-style tests).

extension GoldenHarness {
  /// Round-trips every chunk of `test` that should parse.
  ///
  /// Skipped: the whole file when it is expected to fail (`not`, non-zero `RUN-EXIT:`), and
  /// chunks that contain an `expected-error` annotation or only whitespace.
  public func checkRoundTrip(_ test: GoldenTestCase, script: RunScript) -> [CheckFailure] {
    guard !script.expectsFailure else { return [] }
    var failures: [CheckFailure] = []
    for chunk in SplitInput.split(test.text) {
      if chunk.text.allSatisfy(\.isWhitespace) || chunk.text.contains("expected-error") {
        continue
      }
      failures += roundTrip(chunk, of: test)
    }
    return failures
  }

  /// Prints `chunk` twice through `kport opt` and compares the two printouts.
  func roundTrip(_ chunk: Chunk, of test: GoldenTestCase) -> [CheckFailure] {
    let stem = GoldenHarness.fileStem(test.path)
    let lastLine = chunk.startLine + max(chunk.lineCount, 1) - 1
    let place = "chunk \(chunk.index + 1) (lines \(chunk.startLine)-\(lastLine))"
    func failure(_ kind: CheckFailure.Kind, _ message: String, _ notes: [String]) -> CheckFailure {
      CheckFailure(
        kind: kind, fileName: test.displayName, line: chunk.startLine, directive: "round-trip",
        message: message, notes: notes)
    }
    func printed(
      _ contents: [UInt8], named name: String, step: String
    ) -> Result<[UInt8], CheckFailure> {
      let path: String
      do {
        path = try runner.makeTemporaryFile(named: name, contents: contents)
      } catch {
        return .failure(
          failure(.commandFailed, "cannot write a temporary file: \(error.message)", []))
      }
      defer { runner.removeTemporaryFile(atPath: path) }
      let result: CommandResult
      do {
        result = try runner.run(arguments: ["opt", path], mergingStandardError: false)
      } catch {
        return .failure(failure(.commandFailed, "could not run kport: \(error.message)", []))
      }
      guard result.exitStatus == 0 else {
        var shown = result
        shown.standardError = Array(result.errorText.replacing(path, with: test.displayName).utf8)
        let how: String
        switch result.termination {
        case .exited(let status): how = "exited with status \(status)"
        case .signaled(let signal): how = "crashed (signal \(signal))"
        case .timedOut(let seconds): how = "timed out after \(seconds) s"
        }
        return .failure(
          failure(
            .commandFailed, "kport opt \(how) while \(step) \(place)",
            ["note: ran: kport opt \(path)"] + GoldenHarness.outputNotes(shown)))
      }
      return .success(result.standardOutput)
    }
    let first: [UInt8]
    switch printed(
      Array(chunk.lineAlignedText.utf8), named: "\(stem).chunk\(chunk.index + 1).kir",
      step: "printing")
    {
    case .success(let output): first = output
    case .failure(let problem): return [problem]
    }
    let second: [UInt8]
    switch printed(
      first, named: "\(stem).chunk\(chunk.index + 1).printed.kir",
      step: "re-parsing the printed form of")
    {
    case .success(let output): second = output
    case .failure(let problem): return [problem]
    }
    guard first != second else { return [] }
    let diff = TextDiff.unified(
      String(decoding: first, as: UTF8.self), String(decoding: second, as: UTF8.self),
      oldName: "print(parse(text))", newName: "print(parse(print(parse(text))))")
    return [
      failure(
        .roundTripMismatch,
        "printing is not stable for \(place): the second print differs from the first",
        ["note: diff:\n" + diff])
    ]
  }

  /// The file name of `path` without directories and extension.
  static func fileStem(_ path: String) -> String {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
    return String(name[..<dot])
  }
}

// MARK: - Unified diff

/// Line-based text differences.
public enum TextDiff {
  /// One line of an edit script.
  enum Edit: Equatable {
    case same(Substring)
    case removed(Substring)
    case added(Substring)
  }

  /// A unified diff of `old` and `new` with `context` lines around each change.
  ///
  /// Inputs above 4 million line pairs are compared only up to the first differing line.
  ///
  /// - Complexity: O(n × m) time and memory in the line counts.
  public static func unified(
    _ old: String, _ new: String, oldName: String = "a", newName: String = "b",
    context: Int = 3
  ) -> String {
    let oldLines = lines(of: old)
    let newLines = lines(of: new)
    var output = ["--- \(oldName)", "+++ \(newName)"]
    if oldLines != newLines {
      output += hunks(editScript(oldLines, newLines), context: context)
    }
    if old.hasSuffix("\n") != new.hasSuffix("\n") {
      let which = old.hasSuffix("\n") ? newName : oldName
      output.append("(\(which) does not end in a newline)")
    } else if oldLines == newLines {
      output.append("(the texts differ only in bytes that do not show, e.g. invalid UTF-8)")
    }
    return output.joined(separator: "\n")
  }

  /// The lines of `text`; a final newline ends the last line rather than starting a new one.
  private static func lines(of text: String) -> [Substring] {
    let body = text.hasSuffix("\n") ? text.dropLast() : Substring(text)
    guard !text.isEmpty else { return [] }
    return body.split(separator: "\n", omittingEmptySubsequences: false)
  }

  /// The edit script turning `old` into `new`.
  static func editScript(_ old: [Substring], _ new: [Substring]) -> [Edit] {
    let n = old.count
    let m = new.count
    guard n * m <= 4_000_000 else {
      // Too big for the table: report everything after the common prefix as changed.
      let common = zip(old, new).prefix { $0 == $1 }.count
      return old[..<common].map(Edit.same) + old[common...].map(Edit.removed)
        + new[common...].map(Edit.added)
    }
    // lengths[i][j]: LCS length of old[i...] and new[j...].
    var lengths = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
    for i in stride(from: n - 1, through: 0, by: -1) {
      for j in stride(from: m - 1, through: 0, by: -1) {
        lengths[i][j] =
          old[i] == new[j]
          ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
      }
    }
    var edits: [Edit] = []
    var i = 0
    var j = 0
    while i < n || j < m {
      if i < n, j < m, old[i] == new[j] {
        edits.append(.same(old[i]))
        i += 1
        j += 1
      } else if i < n, j == m || lengths[i + 1][j] >= lengths[i][j + 1] {
        edits.append(.removed(old[i]))
        i += 1
      } else {
        edits.append(.added(new[j]))
        j += 1
      }
    }
    return edits
  }

  /// Groups `edits` into `@@ -a,b +c,d @@` hunks.
  private static func hunks(_ edits: [Edit], context: Int) -> [String] {
    let changed = edits.indices.filter { !edits[$0].isSame }
    guard let firstChange = changed.first else { return [] }
    var output: [String] = []
    var start = max(0, firstChange - context)
    var end = min(edits.count, firstChange + context + 1)
    func flush() {
      let before = edits[..<start]
      let oldStart = before.filter { !$0.isAdded }.count + 1
      let newStart = before.filter { !$0.isRemoved }.count + 1
      let body = edits[start..<end]
      output.append(
        "@@ -\(oldStart),\(body.filter { !$0.isAdded }.count) "
          + "+\(newStart),\(body.filter { !$0.isRemoved }.count) @@")
      output += body.map(\.line)
    }
    for index in changed.dropFirst() {
      if index - context <= end {
        end = min(edits.count, index + context + 1)
      } else {
        flush()
        start = max(0, index - context)
        end = min(edits.count, index + context + 1)
      }
    }
    flush()
    return output
  }
}

extension TextDiff.Edit {
  var isSame: Bool { if case .same = self { return true } else { return false } }
  var isAdded: Bool { if case .added = self { return true } else { return false } }
  var isRemoved: Bool { if case .removed = self { return true } else { return false } }

  /// The line as printed in a unified diff.
  var line: String {
    switch self {
    case .same(let text): return " " + text
    case .removed(let text): return "-" + text
    case .added(let text): return "+" + text
    }
  }
}
