// Directive kinds (CHECK, -NEXT, -SAME, -NOT, -DAG, -LABEL, -EMPTY, -COUNT-n), their
// spellings, and the spelling helpers (word characters, edit distance) the check-file parser
// uses to reject mis-cased and misspelled directives instead of skipping them silently.

/// The kind of a FileCheck directive; the spelling is `PREFIX` plus `suffix`.
public enum DirectiveKind: String, Sendable, Hashable, CaseIterable {
  /// `CHECK:` matches anywhere after the previous match.
  case plain
  /// `CHECK-NEXT:` matches on the line right after the previous match.
  case next
  /// `CHECK-SAME:` matches on the same line as the previous match.
  case same
  /// `CHECK-NOT:` must not match between the surrounding positive matches.
  case not
  /// `CHECK-DAG:` matches in any order within its group of consecutive CHECK-DAG lines.
  case dag
  /// `CHECK-LABEL:` matches a unique line and splits the input into blocks.
  case label
  /// `CHECK-EMPTY:` matches an empty line right after the previous match.
  case empty

  /// The suffix after the prefix, including the dash (`-NEXT`), or empty for `plain`.
  public var suffix: String {
    switch self {
    case .plain: return ""
    case .next: return "-NEXT"
    case .same: return "-SAME"
    case .not: return "-NOT"
    case .dag: return "-DAG"
    case .label: return "-LABEL"
    case .empty: return "-EMPTY"
    }
  }

  /// The directive's name for `prefix`, e.g. `CHECK-NEXT`.
  public func spelling(prefix: String) -> String { prefix + suffix }

  /// Whether a previous positive match must exist (NEXT, SAME and EMPTY are relative to it).
  var needsPreviousMatch: Bool {
    switch self {
    case .next, .same, .empty: return true
    case .plain, .not, .dag, .label: return false
    }
  }

  /// The kind whose suffix (after the dash) is exactly `word`, e.g. `NEXT` -> `.next`.
  static func kind(forSuffixWord word: Substring) -> DirectiveKind? {
    allCases.first { $0 != .plain && $0.suffix.dropFirst() == word }
  }
}

/// Character classes and distances shared by the check-file and annotation parsers.
enum Spelling {
  /// Whether `character` can be part of a directive word (LLVM's `IsPartOfWord`).
  static func isWordCharacter(_ character: Character) -> Bool {
    character.isASCII
      && (character.isLetter || character.isNumber || character == "-"
        || character == "_")
  }

  /// Whether `character` is a space or a tab.
  static func isHorizontalSpace(_ character: Character) -> Bool {
    character == " " || character == "\t"
  }

  /// `text` without leading and trailing spaces, tabs and carriage returns.
  static func trimmed<Text: StringProtocol>(_ text: Text) -> Text.SubSequence {
    let isBlank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
    let start = text.firstIndex { !isBlank($0) } ?? text.endIndex
    let end = text.lastIndex { !isBlank($0) }.map { text.index(after: $0) } ?? start
    return text[start..<max(start, end)]
  }

  /// Replaces every run of spaces and tabs by one space and drops a trailing `\r`.
  ///
  /// This is LLVM FileCheck's default canonicalization, applied to both the check patterns and
  /// the input, so that any run of horizontal whitespace matches any other.
  static func canonicalizingWhitespace(_ line: Substring) -> String {
    var result = ""
    result.reserveCapacity(line.utf8.count)
    var inSpace = false
    for character in line where character != "\r" {
      if isHorizontalSpace(character) {
        if !inSpace { result.append(" ") }
        inSpace = true
      } else {
        result.append(character)
        inSpace = false
      }
    }
    return result
  }

  /// The optimal-string-alignment distance between `a` and `b` (insertions, deletions,
  /// substitutions and transpositions of neighbours each cost 1).
  ///
  /// - Complexity: O(`a.count` × `b.count`).
  static func editDistance<Left: Collection, Right: Collection>(_ a: Left, _ b: Right) -> Int
  where Left.Element == Character, Right.Element == Character {
    let left = Array(a)
    let right = Array(b)
    if left.isEmpty { return right.count }
    if right.isEmpty { return left.count }
    var previousPrevious = [Int](repeating: 0, count: right.count + 1)
    var previous = Array(0...right.count)
    var current = [Int](repeating: 0, count: right.count + 1)
    for i in 1...left.count {
      current[0] = i
      for j in 1...right.count {
        let cost = left[i - 1] == right[j - 1] ? 0 : 1
        var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, left[i - 1] == right[j - 2], left[i - 2] == right[j - 1] {
          best = min(best, previousPrevious[j - 2] + 1)
        }
        current[j] = best
      }
      (previousPrevious, previous, current) = (previous, current, previousPrevious)
    }
    return previous[right.count]
  }

  /// The closest of `candidates` to `word`, if within a distance that suggests a typo.
  ///
  /// The budget is 1 edit for words of up to four characters and 2 edits for longer ones.
  static func closest(to word: String, among candidates: [String]) -> String? {
    var best: (candidate: String, distance: Int)?
    for candidate in candidates {
      let distance = editDistance(word, candidate)
      let budget = candidate.count <= 4 ? 1 : 2
      guard distance > 0, distance <= budget else { continue }
      if best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
    }
    return best?.candidate
  }

  /// Whether `prefix` is a valid check or comment prefix: a letter, then letters, digits,
  /// `-` or `_`.
  static func isValidPrefix(_ prefix: String) -> Bool {
    guard let first = prefix.first, first.isASCII, first.isLetter else { return false }
    return prefix.allSatisfy(isWordCharacter)
  }
}
