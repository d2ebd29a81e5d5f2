// Check-file validation: unknown, mis-cased and misspelled directives are errors (never silently
// skipped), as are files without directives, empty patterns, and NEXT/SAME/EMPTY without a
// previous CHECK.

import FileCheck
import Testing

@Suite("Check-file validation")
struct CheckFileValidationTests {
  @Test(
    "look-alike directives are rejected",
    arguments: [
      (
        "// CHECK: a\n// CHECK-Next: b", "CHECK-Next", "mis-cased directive 'CHECK-Next:'",
        "CHECK-NEXT"
      ),
      (
        "// CHECK: a\n// CHECK-NXT: b", "CHECK-NXT", "unknown directive 'CHECK-NXT:'",
        "CHECK-NEXT"
      ),
      ("// CHECK: a\n// CHEKC: b", "CHEKC", "unknown directive 'CHEKC:'", "CHECK"),
      ("// CHECK: a\n// check: b", "check", "mis-cased directive 'check:'", "CHECK"),
      (
        "// CHECK: a\n// Check-Not: b", "Check-Not", "mis-cased directive 'Check-Not:'",
        "CHECK-NOT"
      ),
      (
        "// CHECK: a\n// CHECK-LABLE: b", "CHECK-LABLE", "unknown directive 'CHECK-LABLE:'",
        "CHECK-LABEL"
      ),
      (
        "// CHECK: a\n// CHECKNEXT: b", "CHECKNEXT", "unknown directive 'CHECKNEXT:'",
        "CHECK-NEXT"
      ),
      (
        "// CHECK: a\n// CEHCK-DAG: b", "CEHCK-DAG", "unknown directive 'CEHCK-DAG:'",
        "CHECK-DAG"
      ),
      (
        "// CHECK: a\n// x = 1 // check-same: b", "check-same",
        "mis-cased directive 'check-same:'", "CHECK-SAME"
      ),
      (
        "// CHECK: a\n// CHEK-NEXT: b", "CHEK-NEXT", "unknown directive 'CHEK-NEXT:'",
        "CHECK-NEXT"
      ),
    ])
  func lookalikes(checks: String, word: String, message: String, intended: String) throws {
    let failures = fileCheck("a\nb", checks)
    let failure = try #require(failures.first, "\(checks) was accepted")
    #expect(failures.count == 1, "\(failures.report)")
    #expect(failure.kind == .invalidCheckFile)
    #expect(failure.line == 2)
    #expect(failure.directive == word)
    #expect(failure.message == message)
    #expect(failure.notes.first == "note: did you mean '\(intended):'?")
  }

  @Test(
    "LLVM's own malformed-directive errors",
    arguments: [
      ("// CHECK: a\n// CHECK_NEXT: b", "misspelled directive 'CHECK_NEXT:'"),
      ("// CHECK: a\n// CHECK-DAG-NOT: b", "unsupported -NOT combo on prefix 'CHECK'"),
      ("// CHECK-COUNT-0: a", "invalid count in -COUNT specification on prefix 'CHECK'"),
      ("// CHECK-COUNT-x: a", "invalid count in -COUNT specification on prefix 'CHECK'"),
      ("// CHECK:", "found empty check string with prefix 'CHECK:'"),
      ("// CHECK: a\n// CHECK-NEXT:   ", "found empty check string with prefix 'CHECK-NEXT:'"),
      (
        "// CHECK: a\n// CHECK-EMPTY: b",
        "found non-empty check string for empty check with prefix 'CHECK-EMPTY:'"
      ),
      ("// CHECK-NEXT: a", "found 'CHECK-NEXT' without previous 'CHECK:' line"),
      ("// CHECK-DAG: x\n// CHECK-SAME: a", "found 'CHECK-SAME' without previous 'CHECK:' line"),
      ("// CHECK-LABEL: [[X:a]]", "found 'CHECK-LABEL:' with variable definition or use"),
      ("// nothing here", "no check strings found with prefix 'CHECK:'"),
      ("", "no check strings found with prefix 'CHECK:'"),
    ])
  func llvmErrors(checks: String, message: String) {
    let failures = fileCheck("a\nb", checks)
    #expect(failures.map(\.message).contains(message), "\(failures.report)")
    #expect(failures.allSatisfy { $0.kind == .invalidCheckFile })
  }

  @Test("every prefix must be used")
  func unusedPrefix() throws {
    let failures = fileCheck("a", "// A: a", prefixes: ["A", "B"])
    let failure = try #require(failures.first)
    #expect(failure.message == "no check strings found with prefix 'B:'")
    #expect(failure.headline == "test.kir: error: no check strings found with prefix 'B:'")
  }

  @Test("a directive of a prefix nobody checks is an error")
  func unknownPrefix() throws {
    let failure = try #require(fileCheck("a", "// CHECK: a\n// OTHER-NEXT: b").first)
    #expect(failure.message == "directive 'OTHER-NEXT:' has unknown prefix 'OTHER'")
    #expect(failure.line == 2)
  }

  @Test("directives of tolerated prefixes are not look-alikes")
  func toleratedPrefixes() {
    let checks = "// CHECK: a\n// OTHER-NEXT: b\n// OTHER-COUNT-2: c"
    #expect(fileCheck("a", checks, tolerated: ["OTHER"]).isEmpty)
    #expect(kinds(fileCheck("a", checks)).contains(.invalidCheckFile))
  }

  @Test(
    "ordinary text is not mistaken for a directive",
    arguments: [
      "// NOTE: this test covers folding",
      "^bb0:  // a block label",
      "func.func @f(%x: i32) {",
      "  default: break;",
      "// Checks that CHECK lines work: yes",
      "// RUN-EXIT: 1",
      "std::vector<int> v;",
      "// expected-error@+1 {{unknown op}}",
      "// TODO: more cases",
    ])
  func ordinaryText(line: String) {
    let failures = fileCheck("a", line + "\n// CHECK: a")
    #expect(failures.isEmpty, "\(failures.report)")
  }

  @Test("invalid and duplicate prefixes are rejected")
  func invalidPrefixes() {
    #expect(kinds(fileCheck("a", "// CHECK: a", prefixes: ["1X"])).contains(.invalidCheckFile))
    #expect(
      kinds(fileCheck("a", "// CHECK: a", prefixes: ["CHECK", "CHECK"])).contains(
        .invalidCheckFile))
    #expect(kinds(fileCheck("a", "// CHECK: a", prefixes: ["RUN"])).contains(.invalidCheckFile))
  }

  @Test("check-file errors stop matching")
  func errorsStopMatching() {
    let failures = fileCheck("nothing", "// CHECK: missing\n// CHECK-Next: x")
    #expect(kinds(failures) == [.invalidCheckFile])
  }

  @Test("a prefix inside a longer word is not a directive")
  func prefixInsideWord() {
    // LLVM ignores MYCHECK: for prefix CHECK; being an unknown upper-case word, it is a
    // look-alike only when it starts the comment.
    #expect(fileCheck("a", "// x MYCHECK: b\n// CHECK: a").isEmpty)
  }
}
