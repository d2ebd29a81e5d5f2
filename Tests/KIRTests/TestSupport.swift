// Helpers shared by the KIR tests: parsing that must succeed, diagnostics as "line:col: message"
// strings, and swift-format-style location markers (1️⃣, 2️⃣, …) in test texts.

import Testing

@testable import KIR

/// The file name test texts are parsed under.
let testPath = "test.kir"

/// The location markers, in order.
let markerGlyphs: [Character] = ["1️⃣", "2️⃣", "3️⃣", "4️⃣", "5️⃣", "6️⃣", "7️⃣", "8️⃣", "9️⃣"]

/// A text with its location markers removed, and where each marker was (1-based line, byte column).
struct MarkedText {
  var text = ""
  var markers: [Character: (line: Int, column: Int)] = [:]

  init(_ source: String) {
    var line = 1
    var column = 1
    for character in source {
      if markerGlyphs.contains(character) {
        markers[character] = (line, column)
        continue
      }
      text.append(character)
      if character == "\n" {
        line += 1
        column = 1
      } else {
        column += character.utf8.count
      }
    }
  }

  /// `line:col` of a marker, "?" when absent.
  func position(_ marker: Character) -> String {
    guard let found = markers[marker] else { return "?" }
    return "\(found.line):\(found.column)"
  }
}

/// `line:col: [ID] message` for a diagnostic located in a file.
func describe(_ diagnostic: Diagnostic) -> String {
  let position = diagnostic.location.filePosition.map { "\($0.line):\($0.column)" } ?? "?"
  return "\(position): [\(diagnostic.id?.code ?? "-")] \(diagnostic.message)"
}

/// Parses text that must be valid KIR, recording an issue otherwise.
func parseValid(
  _ text: String, sourceLocation: SourceLocation = #_sourceLocation
) -> Module? {
  let (module, diagnostics) = parseModule(text, path: testPath)
  #expect(diagnostics.map(describe) == [], sourceLocation: sourceLocation)
  #expect(module != nil, sourceLocation: sourceLocation)
  return module
}

/// print(parse(text)) with the given options, or nil when the text does not parse.
func reprint(_ text: String, locations: Bool) -> String? {
  guard let module = parseModule(text, path: testPath).0 else { return nil }
  return printModule(module, options: PrintOptions(printLocations: locations))
}

/// A small deterministic random generator (SplitMix64), so fuzz runs are reproducible.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
