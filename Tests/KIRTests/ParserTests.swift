// Parser tests: one or more error cases per diagnostic ID (KP2001-KP2005) with the exact
// line:col, marked in the text by 1️⃣ 2️⃣ …, and what a successful parse records.

import Testing

@testable import KIR

/// A parser error case: text with markers and the diagnostics expected at them, in order.
struct ParseErrorCase: CustomTestStringConvertible, Sendable {
  var name: String
  var source: String
  var expected: [(Character, DiagnosticID, String)]
  var testDescription: String { name }

  init(_ name: String, _ source: String, _ expected: [(Character, DiagnosticID, String)]) {
    self.name = name
    self.source = source
    self.expected = expected
  }
}

private let deepBrackets =
  "global @g : global i32 = " + String(repeating: "[", count: 256) + "1️⃣"
  + String(repeating: "[", count: 44)

@Suite struct ParserTests {
  static let errorCases: [ParseErrorCase] = [
    // KP2001
    ParseErrorCase(
      "missing result type", "kernel @k() {\n  %0 = arith.constant 1 1️⃣i32\n}\n",
      [("1️⃣", .kirSyntax, "expected ':' and 1 result type, found 'i32'")]),
    ParseErrorCase(
      "unclosed function", "kernel @k() {\n  func.return\n1️⃣",
      [("1️⃣", .kirSyntax, "expected an op or '}', found end of file")]),
    ParseErrorCase(
      "junk at top level", "// a comment\n  1️⃣foo",
      [
        (
          "1️⃣", .kirSyntax,
          "expected 'struct', 'global', 'kernel', 'device' or a host record, found 'foo'"
        )
      ]),
    ParseErrorCase(
      "invalid character", "kernel @k() {\n  1️⃣# comment\n}\n",
      [("1️⃣", .kirSyntax, "expected an op name, found '#'")]),
    ParseErrorCase(
      "non-ASCII character", "kernel @k() {\n  1️⃣λ\n}\n",
      [("1️⃣", .kirSyntax, "expected an op name, found character U+03BB")]),
    ParseErrorCase(
      "unterminated string", "global @g : global i8 = 1️⃣\"abc\n",
      [("1️⃣", .kirSyntax, "expected an attribute value, found unterminated string")]),
    ParseErrorCase(
      "bad escape", "global @g : global i8 = 1️⃣\"a\\qb\"\n",
      [("1️⃣", .kirSyntax, "expected an attribute value, found invalid escape '\\q'")]),
    ParseErrorCase(
      "integer overflow", "global @g : global i64 = 1️⃣99999999999999999999\n",
      [("1️⃣", .kirSyntax, "expected an integer that fits in 64 bits, found '99999999999999999999'")]),
    ParseErrorCase(
      "result count", "kernel @k(%x: i32) {\n  %a, %b = 1️⃣arith.add %x, %x : i32\n}\n",
      [("1️⃣", .kirSyntax, "expected 2 result types, found 1")]),
    ParseErrorCase(
      "bad value name", "kernel @k(%x: i32) {\n  %a = arith.neg 1️⃣%x.y : i32\n}\n",
      [("1️⃣", .kirSyntax, "expected a value name of the form %name, %name.N or %N, found '%x.y'")]),
    ParseErrorCase(
      "duplicate attribute", "kernel @k() attributes {a = 1, 1️⃣a = 2} {\n}\n",
      [("1️⃣", .kirSyntax, "expected a new attribute name, found duplicate 'a'")]),
    ParseErrorCase(
      "missing comma in parameters", "kernel @k(%x: i32 1️⃣%y: i32) {\n}\n",
      [("1️⃣", .kirSyntax, "expected ',' or ')', found '%y'")]),
    ParseErrorCase(
      "bad location", "kernel @k() {\n  func.return loc(1️⃣12)\n}\n",
      [("1️⃣", .kirSyntax, "expected a location, found '12'")]),
    ParseErrorCase(
      "bad host record", "1️⃣host.launcher @k range(\"a.cu\", 1:1+0, 1:2+1)\n",
      [
        (
          "1️⃣", .kirSyntax,
          "expected a host record kind ('host.launch', 'host.runtime_call', 'host.type', 'host.macro', 'host.include', 'host.enum', 'host.device_code'), found 'host.launcher'"
        )
      ]),
    ParseErrorCase(
      "bad host range", "host.launch @k range(\"a.cu\", 1:1 1️⃣0, 1:2+1)\n",
      [("1️⃣", .kirSyntax, "expected '+', found '0'")]),
    ParseErrorCase(
      "nesting too deep", deepBrackets,
      [("1️⃣", .kirSyntax, "nesting deeper than 256 levels")]),
    // KP2002
    ParseErrorCase(
      "use before definition",
      "kernel @k(%x: i32) {\n  %0 = arith.add 1️⃣%1, %x : i32\n  %1 = arith.add %x, %x : i32\n}\n",
      [("1️⃣", .kirUndefinedValue, "use of undefined value '%1'")]),
    ParseErrorCase(
      "use from a sibling region",
      "kernel @k(%c: i1) {\n  scf.if %c {\n    %v = arith.not %c : i1\n  } else {\n    %w = arith.not 1️⃣%v : i1\n  }\n  %u = arith.not 2️⃣%v : i1\n}\n",
      [
        ("1️⃣", .kirUndefinedValue, "use of undefined value '%v'"),
        ("2️⃣", .kirUndefinedValue, "use of undefined value '%v'"),
      ]),
    ParseErrorCase(
      "result used in its own region",
      "kernel @k(%c: i1) {\n  %r = scf.if %c : i1 {\n    scf.yield 1️⃣%r\n  } else {\n    scf.yield %c\n  }\n}\n",
      [("1️⃣", .kirUndefinedValue, "use of undefined value '%r'")]),
    // KP2003
    ParseErrorCase(
      "value defined twice",
      "kernel @k(%x: i32) {\n  %y = arith.neg %x : i32\n  1️⃣%y = arith.neg %x : i32\n}\n",
      [("1️⃣", .kirRedefinition, "redefinition of value '%y'")]),
    ParseErrorCase(
      "result shadows a parameter",
      "kernel @k(%x: i32) {\n  scf.block {\n    1️⃣%x = arith.neg %x : i32\n  }\n}\n",
      [("1️⃣", .kirRedefinition, "redefinition of value '%x'")]),
    ParseErrorCase(
      "function defined twice", "kernel @k() {\n}\ndevice 1️⃣@k() {\n}\n",
      [("1️⃣", .kirRedefinition, "redefinition of function '@k'")]),
    ParseErrorCase(
      "struct defined twice", "struct @S {\n}\nstruct 1️⃣@S {\n}\n",
      [("1️⃣", .kirRedefinition, "redefinition of struct '@S'")]),
    ParseErrorCase(
      "global named like a function", "global @f : global i32\ndevice 1️⃣@f() {\n}\n",
      [("1️⃣", .kirRedefinition, "redefinition of function '@f'")]),
    // KP2004
    ParseErrorCase(
      "unknown op", "kernel @k(%x: i32) {\n  %0 = 1️⃣arith.frobnicate %x : i32\n}\n",
      [("1️⃣", .kirUnknownOp, "unknown op 'arith.frobnicate'")]),
    // KP2005
    ParseErrorCase(
      "unknown type", "kernel @k(%x: i32) {\n  %0 = arith.neg %x : 1️⃣int32\n}\n",
      [("1️⃣", .kirUnknownType, "unknown type 'int32'")]),
    ParseErrorCase(
      "odd integer width", "kernel @k(%x: 1️⃣i7) {\n}\n",
      [("1️⃣", .kirUnknownType, "unknown type 'i7'")]),
    ParseErrorCase(
      "unknown address space", "kernel @k(%x: ptr<1️⃣texture, f32>) {\n}\n",
      [("1️⃣", .kirUnknownType, "unknown address space 'texture'")]),
    ParseErrorCase(
      "undeclared structs",
      "kernel @k(%x: ptr<global, struct<1️⃣Missing>>, %y: struct<2️⃣\"ns::T\">) {\n}\n",
      [
        ("1️⃣", .kirUnknownType, "use of undeclared struct 'Missing'"),
        ("2️⃣", .kirUnknownType, "use of undeclared struct '\"ns::T\"'"),
      ]),
  ]

  @Test("parse errors are located exactly", arguments: errorCases)
  func parseError(_ testCase: ParseErrorCase) {
    let marked = MarkedText(testCase.source)
    let (module, diagnostics) = parseModule(marked.text, path: testPath)
    #expect(module == nil)
    let expected = testCase.expected.map { "\(marked.position($0.0)): [\($0.1.code)] \($0.2)" }
    #expect(diagnostics.map(describe) == expected)
    #expect(
      diagnostics.allSatisfy { $0.location.filePosition?.path == testPath && $0.severity == .error }
    )
  }

  @Test func diagnosticsUnderlineTheWholeToken() {
    let (_, diagnostics) = parseModule("kernel @k() {\n  arith.frobnicate\n}\n", path: testPath)
    #expect(diagnostics.map(\.length) == ["arith.frobnicate".utf8.count])
    var renderer = DiagnosticRenderer { _ in "kernel @k() {\n  arith.frobnicate\n}\n" }
    let rendered = renderer.render(diagnostics[0])
    #expect(rendered.hasPrefix("test.kir:2:3: error: unknown op 'arith.frobnicate' [KP2004]"))
  }

  @Test func everyParserDiagnosticIDHasACase() {
    let covered = Set(Self.errorCases.flatMap { $0.expected.map(\.1.code) })
    #expect(covered == ["KP2001", "KP2002", "KP2003", "KP2004", "KP2005"])
  }

  @Test func unannotatedDeclarationsAndOpsGetTheirTextPositions() throws {
    let text =
      "struct @S {\n}\n\n  kernel @k(%x: i32) {\n    %y = arith.neg %x : i32\n  func.return\n}\n"
    let module = try #require(parseValid(text))
    #expect(module.sourcePath == testPath)
    #expect(module.structs[0].location == .file(path: testPath, line: 1, column: 1))
    let function = module.functions[0]
    #expect(function.location == .file(path: testPath, line: 4, column: 3))
    #expect(
      function.body.operations.map(\.location) == [
        .file(path: testPath, line: 5, column: 10), .file(path: testPath, line: 6, column: 3),
      ])
  }

  @Test func whitespaceAndCommentsAreFree() throws {
    let text = """
      // leading comment
      kernel@k(%x:i32,%c:i1){%y=arith.neg %x:i32 // trailing
      %z=scf.if %c:i32{scf.yield %y}else{scf.yield %x}
      func.return}
      """
    let module = try #require(parseValid(text))
    #expect(
      printModule(module) == """
        kernel @k(%x: i32, %c: i1) {
          %y = arith.neg %x : i32
          %z = scf.if %c : i32 {
            scf.yield %y
          } else {
            scf.yield %x
          }
          func.return
        }

        """)
  }

  @Test func printerUniquingSuffixesReadAsNames() throws {
    let module = try #require(
      parseValid("kernel @k(%x: i32, %x.1: i32) {\n  %7 = arith.add %x, %x.1 : i32\n}\n"))
    let parameters = module.functions[0].parameters.map(\.value)
    #expect(parameters.map(\.name) == ["x", "x"])
    let add = module.functions[0].body.operations[0]
    #expect(add.operands == parameters)
    #expect(add.results[0].name == nil)
  }

  @Test func severalRecoverableErrorsAreAllReported() {
    let text = "kernel @k(%x: i32) {\n  %a = arith.add %u, %v : i32\n  %a = arith.neg %x : i32\n}\n"
    let (module, diagnostics) = parseModule(text, path: testPath)
    #expect(module == nil)
    #expect(
      diagnostics.map(describe) == [
        "2:18: [KP2002] use of undefined value '%u'", "2:22: [KP2002] use of undefined value '%v'",
        "3:3: [KP2003] redefinition of value '%a'",
      ])
  }
}
