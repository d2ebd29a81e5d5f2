// The expected-diagnostic verifier: annotation syntax (@+N, @-N, @N, @above, @below, @unknown,
// counts, several per line), matching, and the missing/unexpected failures. Locations in the
// sources are marked inline with 1️⃣ 2️⃣ 3️⃣ (swift-format style) instead of line numbers.

import FileCheck
import Testing

/// Removes the 1️⃣…5️⃣ markers from `text`, returning the clean text and each marker's line.
func markedSource(_ text: String) -> (text: String, lines: [Character: Int]) {
  var lines: [Character: Int] = [:]
  var clean: [String] = []
  for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
    var kept = ""
    for character in line {
      if "1️⃣2️⃣3️⃣4️⃣5️⃣".contains(character) {
        lines[character] = offset + 1
      } else {
        kept.append(character)
      }
    }
    clean.append(kept)
  }
  return (clean.joined(separator: "\n"), lines)
}

@Suite("Diagnostic verifier")
struct DiagnosticVerifierTests {
  func diagnostic(_ line: Int, _ severity: String, _ message: String) -> ProducedDiagnostic {
    ProducedDiagnostic(line: line, column: 3, severity: severity, message: message)
  }

  @Test("annotations at every kind of location are satisfied")
  func locations() throws {
    let (source, at) = markedSource(
      """
      // expected-error@+1 {{unknown op}}
      1️⃣%0 = foo.bar
      2️⃣%1 = mem.load  // expected-warning {{unaligned}}
      3️⃣%2 = mem.store
      // expected-note@above {{stored here}}
      // expected-remark@below {{promoted}}
      4️⃣%3 = tile.map
      // expected-error@2 {{second}}
      5️⃣%4 = x
      // expected-note@-1 {{minus}}
      """)
    let produced = [
      diagnostic(try #require(at["1️⃣"]), "error", "'foo.bar' unknown op"),
      diagnostic(try #require(at["1️⃣"]), "error", "second error"),
      diagnostic(try #require(at["2️⃣"]), "warning", "unaligned access"),
      diagnostic(try #require(at["3️⃣"]), "note", "value stored here"),
      diagnostic(try #require(at["4️⃣"]), "remark", "promoted to shared"),
      diagnostic(try #require(at["5️⃣"]), "note", "minus one"),
    ]
    let failures = DiagnosticVerifier.verify(source: source, fileName: "t.kir", produced: produced)
    #expect(failures.isEmpty, "\(failures.report)")
  }

  @Test("a missing diagnostic fails at the annotation's line")
  func missing() throws {
    let source = "// expected-error@+1 {{unknown op}}\n%0 = foo.bar\n"
    let failures = DiagnosticVerifier.verify(source: source, fileName: "t.kir", produced: [])
    let failure = try #require(failures.first)
    #expect(failures.count == 1)
    #expect(failure.kind == .missingDiagnostic)
    #expect(
      failure.headline
        == "t.kir:1: error: expected-error: expected error \"unknown op\" at line 2 "
        + "was not produced"
    )
  }

  @Test("an unexpected diagnostic fails at its own line")
  func unexpected() throws {
    let failures = DiagnosticVerifier.verify(
      source: "a\nb\n", fileName: "t.kir", produced: [diagnostic(2, "warning", "odd")])
    let failure = try #require(failures.first)
    #expect(failure.kind == .unexpectedDiagnostic)
    #expect(failure.headline == "t.kir:2:3: error: unexpected warning produced: \"odd\"")
  }

  @Test(
    "severity, line and message must all match",
    arguments: [
      ProducedDiagnostic(line: 2, column: nil, severity: "warning", message: "unknown op"),
      ProducedDiagnostic(line: 1, column: nil, severity: "error", message: "unknown op"),
      ProducedDiagnostic(line: 2, column: nil, severity: "error", message: "unknown type"),
    ])
  func mismatch(produced: ProducedDiagnostic) {
    let source = "// expected-error@+1 {{unknown op}}\n%0 = foo.bar\n"
    let failures = DiagnosticVerifier.verify(source: source, fileName: "t", produced: [produced])
    #expect(
      kinds(failures).sorted { $0.rawValue < $1.rawValue }
        == [.missingDiagnostic, .unexpectedDiagnostic])
    #expect(failures.contains { $0.notes.contains { $0.contains("possible intended match") } })
  }

  @Test("several expectations on one line")
  func severalPerLine() {
    let source = "op // expected-error {{first}} {{second}} expected-note {{third}}\n"
    let all = [
      diagnostic(1, "error", "the first"), diagnostic(1, "error", "the second"),
      diagnostic(1, "note", "a third"),
    ]
    #expect(DiagnosticVerifier.verify(source: source, fileName: "t", produced: all).isEmpty)
    let failures = DiagnosticVerifier.verify(
      source: source, fileName: "t", produced: Array(all.prefix(2)))
    #expect(kinds(failures) == [.missingDiagnostic])
    #expect(failures.first?.directive == "expected-note")
  }

  @Test("a count asks for exactly that many diagnostics")
  func counts() {
    let source = "op // expected-warning 2 {{dup}}\n"
    let one = [diagnostic(1, "warning", "dup")]
    let missing = DiagnosticVerifier.verify(source: source, fileName: "t", produced: one)
    #expect(missing.first?.message == "expected 2 warnings \"dup\" at line 1, 1 produced")
    #expect(DiagnosticVerifier.verify(source: source, fileName: "t", produced: one + one).isEmpty)
    let three = DiagnosticVerifier.verify(source: source, fileName: "t", produced: one + one + one)
    #expect(kinds(three) == [.unexpectedDiagnostic])
  }

  @Test("@unknown matches a diagnostic without a location")
  func unknownLocation() {
    let source = "// expected-error@unknown {{no location}}\n"
    let produced = [
      ProducedDiagnostic(line: 0, column: nil, severity: "error", message: "no location")
    ]
    #expect(DiagnosticVerifier.verify(source: source, fileName: "t", produced: produced).isEmpty)
  }

  @Test(
    "malformed annotations are errors",
    arguments: [
      (
        "// expected-eror {{x}}",
        "unknown diagnostic annotation 'expected-eror'; did you mean 'expected-error'?"
      ),
      (
        "// expected-xyz@+1 {{x}}",
        "unknown diagnostic annotation 'expected-xyz'; expected one of expected-error, "
          + "expected-warning, expected-note, expected-remark"
      ),
      (
        "// Expected-Error {{x}}",
        "mis-cased diagnostic annotation 'Expected-Error'; did you mean 'expected-error'?"
      ),
      (
        "// expected-error-re {{x.*}}",
        "'expected-error-re' is not supported; use 'expected-error' with a substring of the message"
      ),
      ("// expected-error unknown op", "cannot find the start ('{{') of the expected message"),
      ("// expected-error {{unterminated", "cannot find the end ('}}') of the expected message"),
      (
        "// expected-error@sideways {{x}}",
        "invalid location '@sideways'; expected @+N, @-N, @N, @above, @below or @unknown"
      ),
      ("// expected-error@-5 {{x}}", "location '@-5' points before the first line"),
    ])
  func malformed(source: String, message: String) throws {
    let failures = DiagnosticVerifier.verify(source: source, fileName: "t", produced: [])
    let failure = try #require(failures.first)
    #expect(failure.kind == .invalidAnnotation)
    #expect(failure.message == message)
  }

  @Test("prose mentioning expected- words is not an annotation")
  func prose() {
    let source = "// the expected-value is computed; expected-results are below\n"
    #expect(DiagnosticVerifier.verify(source: source, fileName: "t", produced: []).isEmpty)
  }

  @Test("severity spellings are normalized")
  func severitySpelling() {
    let source = "op // expected-error {{bad}}\n"
    let produced = [ProducedDiagnostic(line: 1, column: nil, severity: "Fatal", message: "bad")]
    #expect(DiagnosticVerifier.verify(source: source, fileName: "t", produced: produced).isEmpty)
  }

  @Test("expectations can be listed without verifying")
  func listing() {
    let (expectations, failures) = DiagnosticVerifier.expectations(
      in: "x\n// expected-note@above 3 {{n}}\n", fileName: "t")
    #expect(failures.isEmpty)
    #expect(
      expectations == [
        ExpectedDiagnostic(
          severity: .note, message: "n", targetLine: 1, annotationLine: 2, count: 3)
      ])
  }
}
