// The headers a source includes, found by reading `#include` lines (no preprocessing: a header
// included under `#if 0` counts too, which only makes the cache key stricter). Quoted includes
// are looked up beside the includer, then in -iquote and -I directories; angle includes in -I
// and -isystem directories. Headers found nowhere (the CUDA and C++ system headers) are not
// listed. The scan follows headers' own includes, each header once.
import Foundation

/// The resolved headers `source` includes, directly or not, sorted.
func includedHeaders(of source: String, clangArguments: [String]) -> [String] {
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
  var found: Set<String> = []
  var pending = [source]
  while let file = pending.popLast() {
    guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { continue }
    let directory = URL(fileURLWithPath: file).deletingLastPathComponent().path
    for (name, quoted) in includeDirectives(text) {
      let searched = quoted ? [directory] + quoteDirectories : angleDirectories
      guard let header = searched.lazy.map({ resolvedPath(absolute(name, against: $0)) }).first(where: {
        FileManager.default.fileExists(atPath: $0) && !isDirectory($0)
      }) else { continue }
      if header != source, found.insert(header).inserted { pending.append(header) }
    }
  }
  return found.sorted()
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
