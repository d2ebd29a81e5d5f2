// Explicit instantiations (`template __global__ void k<float, 256>(float*);`) are invisible
// through libclang's C API: no cursor is made for them. kport finds them in the text and parses
// the file with a host function appended that takes each one's address; that reference leads the
// module translator to the instantiated kernel. Appending keeps every line number as it was.
import Foundation

enum ExplicitInstantiations {
  /// `template` (not followed by `<`) ... `NAME<ARGS>(`: the declarator of an explicit
  /// instantiation of a function template.
  private static let pattern = try? NSRegularExpression(
    pattern: #"(?m)^\s*(?:extern\s+)?template\s+(?!<)[^;{}]*?([A-Za-z_][\w:]*\s*<[^;{}()]*>)\s*\("#)

  /// The file's text with the address-taking function appended, or nil when the file has no
  /// explicit instantiation (it is then parsed from disk as it is).
  static func overlay(path: String) -> String? {
    guard let pattern, let text = try? String(contentsOfFile: path, encoding: .utf8), text.contains("template")
    else { return nil }
    let range = NSRange(text.startIndex..., in: text)
    let names = pattern.matches(in: text, range: range).compactMap { match -> String? in
      guard let nameRange = Range(match.range(at: 1), in: text) else { return nil }
      return String(text[nameRange])
    }
    guard !names.isEmpty else { return nil }
    let references = names.map { "  (void)&\($0);" }.joined(separator: "\n")
    return text + "\n#line 1 \"<kport explicit instantiations>\"\nstatic void __kport_explicit_instantiations() {\n\(references)\n}\n"
  }
}
