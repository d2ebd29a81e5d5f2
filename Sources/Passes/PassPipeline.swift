// Pipeline strings: `inline,canonicalize{max-iterations=4},dce`, parsed and checked against the
// registry like MLIR's pass pipelines. A named pipeline (`cleanup`) expands in place. Errors
// carry the column in the string and suggest the nearest pass or option name.
//
//   pipeline := element (',' element)*
//   element  := name ('{' option (',' option)* '}')?
//   option   := name '=' value
//   name     := [a-z0-9-]+          value := [A-Za-z0-9_.+-]+      (spaces allowed between)

import KIR

/// One pass of a pipeline with its option values (defaults filled in).
public struct PipelineElement: Hashable, Sendable {
  public let info: PassInfo
  public let options: PassOptions

  /// The element spelled out with every option, ready to paste back: `inline{max-depth=16}`.
  public var description: String {
    guard !info.options.isEmpty else { return info.name }
    let options = info.options.map { "\($0.name)=\(self.options.values[$0.name] ?? $0.defaultValue)" }
    return "\(info.name){\(options.joined(separator: ","))}"
  }
}

/// A parsed, checked pass pipeline.
public struct PassPipeline: Hashable, Sendable {
  public let elements: [PipelineElement]

  public init(elements: [PipelineElement]) { self.elements = elements }

  /// The pipeline with every option spelled out (`--dump-pipeline`).
  public var description: String { elements.map(\.description).joined(separator: ",") }

  /// Parses `text`; on failure returns one error diagnostic (KP3001) located at the column of
  /// the problem in the string, the file being `<pipeline>`.
  public static func parse(_ text: String, registry: PassRegistry = .standard) -> Result<PassPipeline, Diagnostic> {
    var parser = PipelineParser(text: Array(text.unicodeScalars), registry: registry)
    do {
      return .success(PassPipeline(elements: try parser.parsePipeline()))
    } catch {
      return .failure(
        .error(.badPipeline, error.message, at: .file(path: "<pipeline>", line: 1, column: error.column)))
    }
  }
}

/// A pipeline-string error at a 1-based column.
struct PipelineError: Error {
  let message: String
  let column: Int
}

/// A recursive-descent parser over the pipeline string's scalars.
struct PipelineParser {
  let text: [Unicode.Scalar]
  let registry: PassRegistry
  var index = 0
  /// Named pipelines being expanded, to refuse a cycle.
  var expanding: [String] = []

  init(text: [Unicode.Scalar], registry: PassRegistry) {
    self.text = text
    self.registry = registry
  }

  mutating func parsePipeline() throws(PipelineError) -> [PipelineElement] {
    skipSpaces()
    guard index < text.count else { throw PipelineError(message: "the pipeline is empty", column: 1) }
    var elements: [PipelineElement] = []
    while true {
      elements += try parseElement()
      skipSpaces()
      guard index < text.count else { return elements }
      guard text[index] == "," else {
        throw PipelineError(message: "expected ',' or the end of the pipeline, found '\(text[index])'", column: index + 1)
      }
      index += 1
    }
  }

  private mutating func parseElement() throws(PipelineError) -> [PipelineElement] {
    skipSpaces()
    let start = index
    let name = word(isValue: false)
    guard !name.isEmpty else {
      let found = index < text.count ? "'\(text[index])'" : "the end of the pipeline"
      throw PipelineError(message: "expected a pass name, found \(found)", column: start + 1)
    }
    if let named = registry.namedPipeline(name) {
      skipSpaces()
      if index < text.count, text[index] == "{" {
        throw PipelineError(message: "the named pipeline '\(name)' takes no options", column: index + 1)
      }
      guard !expanding.contains(name) else {
        throw PipelineError(message: "named pipeline '\(name)' expands to itself", column: start + 1)
      }
      var inner = PipelineParser(text: Array(named.unicodeScalars), registry: registry)
      inner.expanding = expanding + [name]
      do {
        return try inner.parsePipeline()
      } catch {
        throw PipelineError(message: "in named pipeline '\(name)': \(error.message)", column: start + 1)
      }
    }
    guard let info = registry.info(named: name) else {
      let candidates = registry.passes.map { $0.info.name } + registry.pipelineNames
      throw PipelineError(message: "unknown pass '\(name)'\(suggestion(for: name, among: candidates))", column: start + 1)
    }
    var values: [String: String] = [:]
    for option in info.options { values[option.name] = option.defaultValue }
    skipSpaces()
    if index < text.count, text[index] == "{" {
      index += 1
      var seen: Set<String> = []
      while true {
        skipSpaces()
        let optionStart = index
        let optionName = word(isValue: false)
        guard !optionName.isEmpty else { throw PipelineError(message: "expected an option name", column: optionStart + 1) }
        guard let option = info.option(named: optionName) else {
          let known = info.options.map(\.name)
          let hint = suggestion(for: optionName, among: known)
          let list = known.isEmpty ? "; it takes none" : "; it takes \(known.joined(separator: ", "))"
          throw PipelineError(
            message: "pass '\(name)' has no option '\(optionName)'\(hint.isEmpty ? list : hint)",
            column: optionStart + 1)
        }
        guard seen.insert(optionName).inserted else {
          throw PipelineError(message: "option '\(optionName)' of pass '\(name)' is given twice", column: optionStart + 1)
        }
        skipSpaces()
        guard index < text.count, text[index] == "=" else {
          throw PipelineError(message: "expected '=' after option '\(optionName)'", column: index + 1)
        }
        index += 1
        skipSpaces()
        let valueStart = index
        let value = word(isValue: true)
        guard option.admits(value) else {
          let shown = value.isEmpty ? "nothing" : "'\(value)'"
          throw PipelineError(
            message: "option '\(optionName)' of pass '\(name)' takes \(option.kind.description), not \(shown)",
            column: valueStart + 1)
        }
        values[optionName] = value
        skipSpaces()
        guard index < text.count else { throw PipelineError(message: "expected '}' to close the options of '\(name)'", column: index + 1) }
        if text[index] == "}" {
          index += 1
          break
        }
        guard text[index] == "," else {
          throw PipelineError(message: "expected ',' or '}' in the options of '\(name)', found '\(text[index])'", column: index + 1)
        }
        index += 1
      }
    }
    return [PipelineElement(info: info, options: PassOptions(values))]
  }

  private mutating func skipSpaces() {
    while index < text.count, text[index] == " " || text[index] == "\t" || text[index] == "\n" { index += 1 }
  }

  /// Reads a name (`[a-z0-9-]`) or a value (also upper case, `_`, `.`, `+`).
  private mutating func word(isValue: Bool) -> String {
    var scalars = String.UnicodeScalarView()
    while index < text.count {
      let scalar = text[index]
      let isName = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
      let isExtra = ("A"..."Z").contains(scalar) || scalar == "_" || scalar == "." || scalar == "+"
      guard isName || (isValue && isExtra) else { break }
      scalars.append(scalar)
      index += 1
    }
    return String(scalars)
  }
}

/// "; did you mean 'x'?" for the candidate closest to `name`, when one is close enough, else "".
public func suggestion(for name: String, among candidates: [String]) -> String {
  let scored = candidates.map { ($0, editDistance(name, $0)) }.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
  guard let best = scored.first, best.1 <= max(2, name.count / 3) else { return "" }
  return "; did you mean '\(best.0)'?"
}

/// The Levenshtein distance between two strings.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a), b = Array(b)
  guard !a.isEmpty else { return b.count }
  guard !b.isEmpty else { return a.count }
  var previous = Array(0...b.count)
  for i in 1...a.count {
    var current = [i] + Array(repeating: 0, count: b.count)
    for j in 1...b.count {
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.count]
}
