// Pattern syntax: `{{regex}}` blocks, `[[NAME:regex]]` / `[[NAME]]` variables, `[[@LINE]]`,
// `{LITERAL}`, whitespace canonicalization, and the newline rules of regex matching.

import FileCheck
import Testing

@Suite("FileCheck patterns")
struct PatternTests {
  @Test(
    "regex blocks match",
    arguments: [
      ("%12 = add %3", "// CHECK: %{{[0-9]+}} = add %{{[0-9]+}}"),
      ("value: 0x1F", "// CHECK: value: 0x{{[0-9A-F]+}}"),
      ("abc xdef", "// CHECK: abc {{x|z}}def"),
      ("a.b", "// CHECK: a{{\\.}}b"),
      ("func @kernel(%arg0: f32)", "// CHECK: func @{{.*}}(%arg0"),
      ("[[attr]]", "// CHECK: {{\\[\\[}}attr]]"),
    ])
  func regexMatches(input: String, checks: String) {
    let failures = fileCheck(input, checks)
    #expect(failures.isEmpty, "\(failures.report)")
  }

  @Test(
    "regex blocks reject",
    arguments: [
      ("%x = add", "// CHECK: %{{[0-9]+}} = add"),
      ("abc ydef", "// CHECK: abc {{x|z}}def"),
      ("aXb", "// CHECK: a.b"),  // outside {{ }} a dot is literal
    ])
  func regexRejects(input: String, checks: String) {
    #expect(kinds(fileCheck(input, checks)) == [.expectedNotFound])
  }

  @Test("regex does not run past a newline unless it says \\n")
  func regexStaysOnLine() {
    #expect(kinds(fileCheck("a\nb", "// CHECK: a{{[^x]*}}b")) == [.expectedNotFound])
    #expect(kinds(fileCheck("a\nb", "// CHECK: a{{.*}}b")) == [.expectedNotFound])
    #expect(fileCheck("a\nb", "// CHECK: a{{\\n}}b").isEmpty)
  }

  @Test("a variable captures and is reused")
  func variables() {
    let input = "%5 = mul %a, %b\n%6 = add %5, %5"
    let checks = """
      // CHECK: [[PROD:%[0-9]+]] = mul
      // CHECK: add [[PROD]], [[PROD]]
      """
    #expect(fileCheck(input, checks).isEmpty)
    let wrong = "%5 = mul %a, %b\n%6 = add %4, %5"
    let failures = fileCheck(wrong, checks)
    #expect(kinds(failures) == [.expectedNotFound])
    #expect(failures.first?.notes.contains { $0 == "note: with \"PROD\" equal to \"%5\"" } == true)
  }

  @Test("a variable value is matched literally, not as a regex")
  func variableEscaping() {
    let checks = "// CHECK: def [[V:.+]]\n// CHECK: use [[V]]"
    #expect(fileCheck("def a.b\nuse a.b", checks).isEmpty)
    #expect(kinds(fileCheck("def a.b\nuse aXb", checks)) == [.expectedNotFound])
  }

  @Test("a variable defined and used on the same line is a back-reference")
  func backReference() {
    let checks = "// CHECK: [[X:[a-z]+]] = [[X]]"
    #expect(fileCheck("foo = foo", checks).isEmpty)
    #expect(kinds(fileCheck("foo = bar", checks)) == [.expectedNotFound])
  }

  @Test("variables persist across label blocks")
  func variablesAcrossLabels() {
    let input = "func @f\n  %c = const 7\nfunc @g\n  use 7"
    let checks = """
      // CHECK-LABEL: func @f
      // CHECK: const [[C:[0-9]+]]
      // CHECK-LABEL: func @g
      // CHECK: use [[C]]
      """
    #expect(fileCheck(input, checks).isEmpty)
  }

  @Test("using an undefined variable fails")
  func undefinedVariable() throws {
    let failures = fileCheck("x", "// CHECK: [[NOPE]]")
    let failure = try #require(failures.first)
    #expect(failure.kind == .undefinedVariable)
    #expect(failure.message == "undefined variable: NOPE")
  }

  @Test("[[@LINE]] expressions give the check line's number")
  func lineVariable() {
    let checks = """
      // CHECK: at line [[@LINE]]
      // CHECK: then [[@LINE+1]] and [[#@LINE-1]]
      """
    #expect(fileCheck("at line 1\nthen 3 and 1", checks).isEmpty)
    #expect(fileCheck("at line 7", "// CHECK: at line [[@LINE]]", firstLine: 7).isEmpty)
  }

  @Test("whitespace runs match any whitespace run")
  func whitespace() {
    #expect(fileCheck("a \t  b", "// CHECK: a b").isEmpty)
    #expect(fileCheck("a b", "// CHECK:    a\t\tb   ").isEmpty)
    #expect(kinds(fileCheck("ab", "// CHECK: a b")) == [.expectedNotFound])
  }

  @Test("{LITERAL} turns off regex and variable syntax")
  func literalModifier() {
    #expect(fileCheck("x = [[y]] {{z}}", "// CHECK{LITERAL}: [[y]] {{z}}").isEmpty)
    #expect(fileCheck("a\nb", "// CHECK: a\n// CHECK-NEXT{LITERAL}: b").isEmpty)
  }

  @Test(
    "malformed patterns are check-file errors",
    arguments: [
      ("// CHECK: a{{b", "found start of regex string with no end '}}'"),
      ("// CHECK: [[X:a", "invalid substitution block, no ']]' found"),
      ("// CHECK: [[1X:a]]", "invalid name in string variable definition: '1X'"),
      ("// CHECK: [[A B]]", "unexpected whitespace in '[[A B]]'"),
      (
        "// CHECK: [[#N+1]]",
        "numeric substitution '[[#N+1]]' is not supported (only [[#@LINE]] is)"
      ),
    ])
  func malformedPatterns(checks: String, message: String) throws {
    let failure = try #require(fileCheck("anything", checks).first)
    #expect(failure.kind == .invalidCheckFile)
    #expect(failure.message == message)
  }

  @Test("an invalid regex is reported at its line")
  func invalidRegex() throws {
    let failure = try #require(fileCheck("x", "// CHECK: x\n// CHECK: {{a(}}").first)
    #expect(failure.kind == .invalidCheckFile)
    #expect(failure.line == 2)
    #expect(failure.message.hasPrefix("invalid regex 'a('"))
  }
}
