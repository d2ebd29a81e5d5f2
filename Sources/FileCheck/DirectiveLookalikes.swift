// Directive look-alikes: words followed by a colon that are not directives of any known prefix
// but look like one: mis-cased (`CHECK-Next:`, `check:`), an unknown suffix on a known prefix
// (`CHECK-NXT:`, `CHECK-FOO:`), or a misspelled prefix (`CHEKC:`, `CHCK-NEXT:`). LLVM skips
// such lines silently, so the test passes without checking anything (HIPIFY's `CHECK-Next:`);
// kport's FileCheck reports them as errors instead.

extension CheckFileParser {
  /// Every directive spelling that is valid for the check prefixes and tolerated prefixes.
  private var checkSpellings: [String] {
    (options.prefixes + options.toleratedPrefixes).flatMap { prefix in
      DirectiveKind.allCases.map { $0.spelling(prefix: prefix) }
    }
  }

  /// Whether `word` is `PREFIX-COUNT-n` for a check or tolerated prefix.
  private func isCountSpelling(_ word: String) -> Bool {
    (options.prefixes + options.toleratedPrefixes).contains { prefix in
      guard word.hasPrefix(prefix + "-COUNT-") else { return false }
      let digits = word.dropFirst(prefix.count + "-COUNT-".count)
      return !digits.isEmpty && digits.allSatisfy(\.isNumber)
    }
  }

  /// The index of the first word after leading whitespace and a comment leader (`//`, `#`,
  /// `;`, `--`, `/*`, `*`).
  private func firstWordStart(_ characters: [Character]) -> Int {
    var index = 0
    func skip(while predicate: (Character) -> Bool) {
      while index < characters.count && predicate(characters[index]) { index += 1 }
    }
    skip(while: Spelling.isHorizontalSpace)
    let rest = characters[index...]
    if rest.starts(with: ["/", "/"]) {
      skip { $0 == "/" }
    } else if rest.starts(with: ["/", "*"]) || rest.starts(with: ["-", "-"]) {
      index += 2
    } else if let first = rest.first, first == "#" || first == ";" || first == "*" {
      skip { $0 == first }
    }
    skip(while: Spelling.isHorizontalSpace)
    return index
  }

  /// Failures for directive look-alikes in `characters[..<limit]` (the part of the line before
  /// the real directive, if any).
  func lookalikeFailures(_ characters: [Character], upTo limit: Int, line: Int) -> [CheckFailure] {
    let spellings = checkSpellings
    let allSpellings = spellings + options.commentPrefixes
    let knownPrefixes = options.prefixes + options.toleratedPrefixes
    let firstWord = firstWordStart(characters)
    var failures: [CheckFailure] = []
    var index = 0
    while index < limit {
      guard Spelling.isWordCharacter(characters[index]),
        index == 0 || !Spelling.isWordCharacter(characters[index - 1])
      else {
        index += 1
        continue
      }
      var end = index
      while end < characters.count && Spelling.isWordCharacter(characters[end]) { end += 1 }
      defer { index = end }
      guard end < characters.count, end <= limit, characters[end] == ":" else { continue }
      let word = String(characters[index..<end])
      if allSpellings.contains(word) || isCountSpelling(word) { continue }
      // `RUN-EXIT:` and other words of a comment prefix's family belong to the test harness.
      if options.commentPrefixes.contains(where: { word.hasPrefix($0 + "-") }) { continue }
      let isFirstWord = index == firstWord
      if let intended = allSpellings.first(where: { $0.uppercased() == word.uppercased() }) {
        let isBarePrefix =
          !intended.contains("-") || knownPrefixes.contains(intended)
          || options.commentPrefixes.contains(intended)
        if !isBarePrefix || isFirstWord {
          failures.append(
            lookalike(
              word, line: line, message: "mis-cased directive '\(word):'", intended: intended))
        }
        continue
      }
      let extendsKnownPrefix = knownPrefixes.contains {
        word.hasPrefix($0 + "-") || word.hasPrefix($0 + "_")
      }
      if let suffix = DirectiveKind.allCases.first(where: {
        $0 != .plain && word.hasSuffix($0.suffix) && word.count > $0.suffix.count
      })?.suffix, !extendsKnownPrefix {
        // `OTHER-NEXT:`: a directive of a prefix this run does not know about.
        let unknownPrefix = String(word.dropLast(suffix.count))
        let intended = Spelling.closest(to: unknownPrefix, among: knownPrefixes)
        let message =
          intended == nil
          ? "directive '\(word):' has unknown prefix '\(unknownPrefix)'"
          : "unknown directive '\(word):'"
        failures.append(
          lookalike(
            word, line: line, message: message, intended: intended.map { $0 + suffix }))
        continue
      }
      let looksUpperCase = !word.contains(where: \.isLowercase)
      if extendsKnownPrefix || (isFirstWord && looksUpperCase) {
        let intended = Spelling.closest(
          to: word.uppercased(), among: spellings.map { $0.uppercased() })
        let original = intended.flatMap { upper in spellings.first { $0.uppercased() == upper } }
        if extendsKnownPrefix || original != nil {
          failures.append(
            lookalike(
              word, line: line, message: "unknown directive '\(word):'", intended: original))
        }
      }
    }
    return failures
  }

  private func lookalike(
    _ word: String, line: Int, message: String, intended: String?
  ) -> CheckFailure {
    var notes: [String] = []
    if let intended { notes.append("note: did you mean '\(intended):'?") }
    let valid = options.prefixes.map {
      "\($0):, \($0)-NEXT:, \($0)-SAME:, \($0)-NOT:, "
        + "\($0)-DAG:, \($0)-LABEL:, \($0)-EMPTY:, \($0)-COUNT-<n>:"
    }
    notes.append("note: valid directives are " + valid.joined(separator: "; "))
    if !options.toleratedPrefixes.isEmpty {
      notes.append(
        "note: directives of the other prefixes "
          + options.toleratedPrefixes.map { "'\($0)'" }.joined(separator: ", ")
          + " are tolerated")
    }
    return CheckFailure(
      kind: .invalidCheckFile, fileName: fileName, line: line, directive: word, message: message,
      notes: notes)
  }
}
