// `// -----` splitting: chunk texts, their real starting lines, and FileCheck/verifier failures in
// chunk k reported at real file lines.

import FileCheck
import Testing

@Suite("Split input")
struct SplitInputTests {
  let file = """
    // RUN: kport opt %s
    func @a
    // -----
    func @b
    ok
    // -----

    func @c
    """

  @Test("chunks keep their text and real starting line")
  func chunks() {
    let chunks = SplitInput.split(file)
    #expect(chunks.count == 3)
    #expect(chunks.map(\.startLine) == [1, 4, 7])
    #expect(chunks.map(\.index) == [0, 1, 2])
    #expect(chunks.map(\.lineCount) == [2, 2, 2])
    #expect(chunks[0].text == "// RUN: kport opt %s\nfunc @a\n")
    #expect(chunks[1].text == "func @b\nok\n")
    #expect(chunks[2].text == "\nfunc @c")
  }

  @Test("a file without markers is one chunk")
  func single() {
    let chunks = SplitInput.split("a\nb\n")
    #expect(chunks.count == 1)
    #expect(chunks[0].text == "a\nb\n")
    #expect(chunks[0].startLine == 1)
    #expect(chunks[0].lineCount == 2)
  }

  @Test(
    "marker lines",
    arguments: [
      ("// -----", true), ("  // -----", true), ("// ----------", true), ("// -----  ", true),
      ("// ----", false), ("// ----- IR after canonicalize ----- //", false),
      ("// CHECK: // -----", false), ("x // -----", false),
    ])
  func markers(line: String, isMarker: Bool) {
    #expect(SplitInput.isMarker(line) == isMarker)
  }

  @Test("chunk lines map to file lines")
  func fileLines() {
    let chunk = SplitInput.split(file)[1]
    #expect(chunk.fileLine(forChunkLine: 1) == 4)
    #expect(chunk.fileLine(forChunkLine: 2) == 5)
    #expect(chunk.lineAlignedText == "\n\n\nfunc @b\nok\n")
  }

  @Test("FileCheck failures in chunk k carry real file lines")
  func fileCheckInChunk() throws {
    let chunk = SplitInput.split("// CHECK: a\n// -----\n// CHECK: b\n// CHECK: missing\n")[1]
    let failure = try #require(fileCheck("b", chunk.text, firstLine: chunk.startLine).first)
    #expect(failure.line == 4)
  }

  @Test("verifier failures in chunk k carry real file lines")
  func verifierInChunk() throws {
    let text = "op\n// -----\nop2\n// expected-error@-1 {{boom}}\n"
    let chunk = SplitInput.split(text)[1]
    let failures = DiagnosticVerifier.verify(
      source: chunk.text, fileName: "t.kir", produced: [], firstLineNumber: chunk.startLine)
    let failure = try #require(failures.first)
    #expect(failure.line == 4)
    #expect(failure.message == "expected error \"boom\" at line 3 was not produced")
  }

  @Test("back-to-back markers give an empty chunk")
  func emptyChunk() {
    let chunks = SplitInput.split("a\n// -----\n// -----\nb")
    #expect(chunks.map(\.text) == ["a\n", "", "b"])
    #expect(chunks.map(\.startLine) == [1, 3, 4])
  }
}
