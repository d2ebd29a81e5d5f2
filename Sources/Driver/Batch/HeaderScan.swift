// The headers a source includes, found by reading `#include` lines (no preprocessing: a header
// included under `#if 0` counts too, which only makes the cache key stricter). Quoted includes
// are looked up beside the includer, then in -iquote and -I directories; angle includes in -I
// and -isystem directories. Headers found nowhere (the CUDA and C++ system headers) are not
// listed. The scan follows headers' own includes, each header once. A header found only through
// -isystem (or included only by such a header) is a system header: it counts in the cache key
// but is never ported.
import Foundation

/// A header a source includes, directly or not.
struct ScannedHeader: Hashable {
  /// The resolved path.
  var path: String
  /// Found through `-isystem`, or included from a system header.
  var isSystem: Bool
}

/// The resolved headers `source` includes, directly or not, sorted.
func includedHeaders(of source: String, clangArguments: [String]) -> [String] {
  scanHeaders(of: source, clangArguments: clangArguments).map(\.path)
}

/// The headers `source` includes, directly or not, sorted by path; a header reached both ways
/// is a user header.
func scanHeaders(of source: String, clangArguments: [String]) -> [ScannedHeader] {
  var quoteDirectories: [String] = []
  var angleDirectories: [String] = []
  var index = 0
  while index + 1 < clangArguments.count {
    switch clangArguments[index] {
    case "-iquote": quoteDirectories.append(clangArguments[index + 1])
    case "-I": quoteDirectories.append(clangArguments[index + 1]); angleDirectories.append(clangArguments[index + 1])
    case "-isystem": angleDirectories.append(clangArguments[index + 1])
    default: break
    }
    index += 1
  }
  // Header → whether it is a system header (so far); a user header is scanned as one even when
  // it was first reached as a system header.
  var found: [String: Bool] = [:]
  var pending: [(file: String, isSystem: Bool)] = [(source, false)]
  let systemDirectories = Set(stride(from: 0, to: max(0, clangArguments.count - 1), by: 1).compactMap { index in
    clangArguments[index] == "-isystem" ? clangArguments[index + 1] : nil
  })
  while let (file, fileIsSystem) = pending.popLast() {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
    let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
    for (name, quoted) in includeDirectives(text) {
      let searched = quoted ? [directory] + quoteDirectories : angleDirectories
      guard let (header, searchDirectory) = searched.lazy.map({ (resolvedPath(absolute(name, against: $0)), $0) }).first(where: {
        FileManager.default.fileExists(atPath: $0.0) && !isDirectory($0.0)
      }) else { continue }
      let isSystem = fileIsSystem || (systemDirectories.contains(searchDirectory) && !(quoted && searchDirectory == directory))
      guard header != source else { continue }
      if let known = found[header], known == false || isSystem { continue }
      found[header] = isSystem
      pending.append((header, isSystem))
    }
  }
  return found.keys.sorted().map { ScannedHeader(path: $0, isSystem: found[$0] ?? true) }
}

/// The names of the `#include "x"` and `#include <x>` lines of `text`, with whether quoted.
func includeDirectives(_ text: String) -> [(name: String, quoted: Bool)] {
  var directives: [(String, Bool)] = []
  for line in text.split(whereSeparator: \.isNewline) {
    var rest = line.drop { $0 == " " || $0 == "\t" }
    guard rest.first == "#" else { continue }
    rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
    guard rest.hasPrefix("include") else { continue }
    rest = rest.dropFirst("include".count).drop { $0 == " " || $0 == "\t" }
    guard let open = rest.first, open == "\"" || open == "<" else { continue }
    let close: Character = open == "\"" ? "\"" : ">"
    let body = rest.dropFirst()
    guard let end = body.firstIndex(of: close) else { continue }
    directives.append((String(body[..<end]), open == "\""))
  }
  return directives
}
