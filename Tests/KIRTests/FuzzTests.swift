// Fuzz tests: the parser never traps or hangs on random bytes, random mutations of valid text or
// deep nesting; whatever it accepts verifies without trapping and round-trips. Fixed seeds and
// bounded case counts keep the run deterministic and under a few seconds.

import Testing

@testable import KIR

@Suite struct FuzzTests {
  /// Fragments that mutations insert: KIR's punctuation, keywords and tricky literals.
  static let fragments = [
    "{", "}", "(", ")", "[", "]", "<", ">", ",", ":", "=", "?", "+", "-", "->", "@", "%", "\"",
    "%x", "%0", "%x.1", "@f", "@\"q\"", "loc(", "loc(unknown)", "fused[", "scf.if", "scf.loop",
    "scf.yield", "arith.add", "func.return", " do ", " else ", " step ", "type(", "i32", "f32",
    "ptr<global, f32>", "array<? x i8>", "struct<S>", "vec<4 x f32>", "1", "-1", "1.5", "1e", "inf",
    "nan", "true", "\\u{", "\\", "\n", " ", "//", "kernel @k() {", "host.launch",
    "9999999999999999999999",
  ]

  @Test func randomBytesNeverTrap() {
    var random = SplitMix64(seed: 0x6B70_6F72_7401)
    for _ in 0..<1500 {
      let count = Int.random(in: 0..<120, using: &random)
      let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
      let text = String(decoding: bytes, as: UTF8.self)
      let (module, diagnostics) = parseModule(text, path: testPath)
      #expect(module != nil || !diagnostics.isEmpty)
    }
  }

  @Test func mutatedCorpusNeverTrapsAndWhatParsesRoundTrips() {
    var random = SplitMix64(seed: 0x6B70_6F72_7402)
    let sources = Corpus.entries.map { Array($0.text.utf8) }
    var accepted = 0
    for _ in 0..<2500 {
      var bytes = sources[Int.random(in: 0..<sources.count, using: &random)]
      for _ in 0..<Int.random(in: 1...3, using: &random) { Self.mutate(&bytes, using: &random) }
      let text = String(decoding: bytes, as: UTF8.self)
      let (module, diagnostics) = parseModule(text, path: testPath)
      guard let module else {
        #expect(!diagnostics.isEmpty)
        continue
      }
      accepted += 1
      _ = verify(module)
      for locations in [false, true] {
        let options = PrintOptions(printLocations: locations)
        let printed = printModule(module, options: options)
        let again = parseModule(printed, path: testPath).0.map { printModule($0, options: options) }
        #expect(again == printed, "round trip failed for:\n\(text)")
      }
    }
    #expect(accepted > 50)
  }

  @Test(arguments: [
    String(repeating: "[", count: 20_000),
    "kernel @k() {\n" + String(repeating: "scf.block {\n", count: 5_000),
    "global @g : global " + String(repeating: "ptr<global, ", count: 5_000) + "f32",
    "global @g : global i32 = 1 loc(" + String(repeating: "\"n\"(", count: 5_000),
    "global @g : global i32 = 1 loc(" + String(repeating: "fused[", count: 5_000),
    String(repeating: "%", count: 10_000), String(repeating: "\"", count: 10_001),
  ])
  func deepOrDegenerateInputIsRejected(_ text: String) {
    let (module, diagnostics) = parseModule(text, path: testPath)
    #expect(module == nil)
    #expect(diagnostics.count == 1)
  }

  @Test func nestingUpTo256LevelsIsAccepted() throws {
    let depth = 255
    var text = "kernel @k() {\n"
    for _ in 0..<depth { text += "scf.block {\n" }
    text += String(repeating: "}\n", count: depth) + "}\n"
    let module = try #require(parseValid(text))
    #expect(verify(module).isEmpty)
    #expect(reprint(printModule(module), locations: false) == printModule(module))
  }

  /// Applies one random edit: delete, duplicate or overwrite a range, insert a fragment, swap.
  static func mutate(_ bytes: inout [UInt8], using random: inout SplitMix64) {
    guard !bytes.isEmpty else {
      bytes = Array(fragments[Int.random(in: 0..<fragments.count, using: &random)].utf8)
      return
    }
    let start = Int.random(in: 0..<bytes.count, using: &random)
    let end = min(bytes.count, start + Int.random(in: 1...12, using: &random))
    switch Int.random(in: 0..<5, using: &random) {
    case 0: bytes.removeSubrange(start..<end)
    case 1: bytes.insert(contentsOf: bytes[start..<end], at: end)
    case 2:
      let fragment = fragments[Int.random(in: 0..<fragments.count, using: &random)]
      bytes.insert(contentsOf: Array(fragment.utf8), at: start)
    case 3:
      let other = Int.random(in: 0..<bytes.count, using: &random)
      bytes.swapAt(start, other)
    default:
      bytes[start] = UInt8.random(in: 0x20...0x7E, using: &random)
    }
  }
}
