// Small text helpers of the machine-file loader: whitespace trimming and the did-you-mean
// suggestion for misspelt keys, sections and machine names.

extension StringProtocol {
  /// The text without leading and trailing spaces and tabs.
  func trimmingWhitespace() -> String {
    var slice = Substring(self)
    while let first = slice.first, first == " " || first == "\t" { slice.removeFirst() }
    while let last = slice.last, last == " " || last == "\t" { slice.removeLast() }
    return String(slice)
  }
}

/// The candidate closest to `word` by edit distance, when it is close enough to be a typo.
func closest(_ word: String, among candidates: [String]) -> String? {
  let target = Array(word.lowercased())
  var best: (name: String, distance: Int)?
  for candidate in candidates {
    let distance = editDistance(target, Array(candidate.lowercased()))
    if best.map({ distance < $0.distance }) ?? true { best = (candidate, distance) }
  }
  guard let best, best.distance <= max(1, word.count / 3) else { return nil }
  return best.name
}

/// "; did you mean 'x'?" when a candidate is close to `word`, else "".
func didYouMean(_ word: String, among candidates: [String]) -> String {
  closest(word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
}

/// The Levenshtein distance between two character arrays.
private func editDistance(_ a: [Character], _ b: [Character]) -> Int {
  var previous = Array(0...b.count)
  for (i, x) in a.enumerated() {
    var current = [i + 1]
    for (j, y) in b.enumerated() {
      current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
    }
    previous = current
  }
  return previous[b.count]
}
