// Directive semantics: CHECK, -NEXT, -SAME, -EMPTY, -NOT, -DAG, -LABEL, -COUNT, each with inputs
// that must pass and inputs that must fail with the right kind of failure.

import FileCheck
import Testing

/// One FileCheck scenario: an input, a check file, and the failure kinds expected (none = pass).
struct DirectiveCase: Sendable, CustomTestStringConvertible {
  var name: String
  var input: String
  var checks: String
  var expected: [CheckFailure.Kind]

  var testDescription: String { name }
}

let directiveCases: [DirectiveCase] = [
  // CHECK
  .init(name: "plain matches", input: "a\nfoo bar\nb", checks: "// CHECK: foo bar", expected: []),
  .init(
    name: "plain in order", input: "one\ntwo", checks: "// CHECK: one\n// CHECK: two",
    expected: []),
  .init(
    name: "plain out of order fails", input: "two\none",
    checks: "// CHECK: one\n// CHECK: two", expected: [.expectedNotFound]),
  .init(
    name: "plain missing fails", input: "abc", checks: "// CHECK: xyz",
    expected: [.expectedNotFound]),
  .init(name: "plain matches mid-line", input: "xxabcxx", checks: "// CHECK: abc", expected: []),
  // CHECK-NEXT
  .init(
    name: "next on next line", input: "a\nb", checks: "// CHECK: a\n// CHECK-NEXT: b",
    expected: []),
  .init(
    name: "next two lines later fails", input: "a\nx\nb",
    checks: "// CHECK: a\n// CHECK-NEXT: b", expected: [.wrongLine]),
  .init(
    name: "next on same line fails", input: "a b", checks: "// CHECK: a\n// CHECK-NEXT: b",
    expected: [.wrongLine]),
  .init(
    name: "next missing fails", input: "a\nc", checks: "// CHECK: a\n// CHECK-NEXT: b",
    expected: [.expectedNotFound]),
  // CHECK-SAME
  .init(
    name: "same on same line", input: "a b c", checks: "// CHECK: a\n// CHECK-SAME: c",
    expected: []),
  .init(
    name: "same on next line fails", input: "a\nc", checks: "// CHECK: a\n// CHECK-SAME: c",
    expected: [.wrongLine]),
  .init(
    name: "same must follow previous match", input: "c a",
    checks: "// CHECK: a\n// CHECK-SAME: c", expected: [.expectedNotFound]),
  // CHECK-EMPTY
  .init(
    name: "empty line follows", input: "a\n\nb",
    checks: "// CHECK: a\n// CHECK-EMPTY:\n// CHECK-NEXT: b", expected: []),
  .init(
    name: "empty line missing fails", input: "a\nx\n\nb",
    checks: "// CHECK: a\n// CHECK-EMPTY:", expected: [.wrongLine]),
  .init(
    name: "whitespace-only line is not empty", input: "a\n  \nb",
    checks: "// CHECK: a\n// CHECK-EMPTY:", expected: [.expectedNotFound]),
  // CHECK-NOT
  .init(
    name: "not absent passes", input: "a\nb\nc",
    checks: "// CHECK: a\n// CHECK-NOT: x\n// CHECK: c", expected: []),
  .init(
    name: "not between matches fails", input: "a\nx\nc",
    checks: "// CHECK: a\n// CHECK-NOT: x\n// CHECK: c", expected: [.excludedFound]),
  .init(
    name: "not outside its region passes", input: "x\na\nc\nx",
    checks: "// CHECK: a\n// CHECK-NOT: x\n// CHECK: c", expected: []),
  .init(
    name: "not at start covers up to first match", input: "x\na",
    checks: "// CHECK-NOT: x\n// CHECK: a", expected: [.excludedFound]),
  .init(
    name: "trailing not covers rest of input", input: "a\nb\nx",
    checks: "// CHECK: a\n// CHECK-NOT: x", expected: [.excludedFound]),
  .init(
    name: "trailing not passes", input: "a\nb", checks: "// CHECK: a\n// CHECK-NOT: x",
    expected: []),
  .init(
    name: "every failing not is reported", input: "a\nx\ny\nc",
    checks: "// CHECK: a\n// CHECK-NOT: x\n// CHECK-NOT: y\n// CHECK: c",
    expected: [.excludedFound, .excludedFound]),
  // CHECK-DAG
  .init(
    name: "dag any order", input: "b\na\nc",
    checks: "// CHECK-DAG: a\n// CHECK-DAG: b\n// CHECK: c", expected: []),
  .init(
    name: "dag missing fails", input: "b\nc",
    checks: "// CHECK-DAG: a\n// CHECK-DAG: b\n// CHECK: c", expected: [.expectedNotFound]),
  .init(
    name: "dag matches must not overlap", input: "a\nc",
    checks: "// CHECK-DAG: a\n// CHECK-DAG: a\n// CHECK: c", expected: [.expectedNotFound]),
  .init(
    name: "dag finds second occurrence", input: "a\na\nc",
    checks: "// CHECK-DAG: a\n// CHECK-DAG: a\n// CHECK: c", expected: []),
  .init(
    name: "dag before following check", input: "c\na",
    checks: "// CHECK-DAG: a\n// CHECK: c", expected: [.expectedNotFound]),
  .init(
    name: "not separates dag groups", input: "b\na\nx\nd\nc",
    checks: "// CHECK-DAG: a\n// CHECK-DAG: b\n// CHECK-NOT: x\n// CHECK-DAG: c\n// CHECK-DAG: d",
    expected: [.excludedFound]),
  .init(
    name: "dag groups are ordered", input: "c\na\nb",
    checks: "// CHECK-DAG: a\n// CHECK-DAG: b\n// CHECK-NOT: x\n// CHECK-DAG: c",
    expected: [.expectedNotFound]),
  .init(
    name: "dag groups with not pass", input: "b\na\nz\nc",
    checks: "// CHECK-DAG: a\n// CHECK-DAG: b\n// CHECK-NOT: x\n// CHECK-DAG: c", expected: []),
  .init(
    name: "trailing dag", input: "a\nc\nb",
    checks: "// CHECK: a\n// CHECK-DAG: b\n// CHECK-DAG: c", expected: []),
  // CHECK-LABEL
  .init(
    name: "labels split blocks", input: "func @f\n  x\nfunc @g\n  y",
    checks: "// CHECK-LABEL: func @f\n// CHECK: x\n// CHECK-LABEL: func @g\n// CHECK: y",
    expected: []),
  .init(
    name: "check cannot cross into next label block", input: "func @f\nfunc @g\n  x",
    checks: "// CHECK-LABEL: func @f\n// CHECK: x\n// CHECK-LABEL: func @g",
    expected: [.expectedNotFound]),
  .init(
    name: "failure in one block does not hide next block", input: "func @f\nfunc @g\n  z",
    checks: "// CHECK-LABEL: func @f\n// CHECK: x\n// CHECK-LABEL: func @g\n// CHECK: y",
    expected: [.expectedNotFound, .expectedNotFound]),
  .init(
    name: "missing label stops the run", input: "func @f\n  x",
    checks: "// CHECK-LABEL: func @g\n// CHECK: x\n// CHECK-LABEL: func @h\n// CHECK: y",
    expected: [.expectedNotFound]),
  .init(
    name: "next after label", input: "func @f\n  x",
    checks: "// CHECK-LABEL: func @f\n// CHECK-NEXT: x", expected: []),
  .init(
    name: "dag limited to label block", input: "func @f\nfunc @g\n  a",
    checks: "// CHECK-LABEL: func @f\n// CHECK-DAG: a\n// CHECK-LABEL: func @g",
    expected: [.expectedNotFound]),
  // CHECK-COUNT
  .init(
    name: "count matches n times", input: "x\nx\nx",
    checks: "// CHECK-COUNT-3: x", expected: []),
  .init(
    name: "count too few fails", input: "x\nx", checks: "// CHECK-COUNT-3: x",
    expected: [.expectedNotFound]),
]

@Suite("FileCheck directives")
struct DirectiveTests {
  @Test("directive scenario", arguments: directiveCases)
  func scenario(_ scenario: DirectiveCase) {
    let failures = fileCheck(scenario.input, scenario.checks)
    #expect(kinds(failures) == scenario.expected, "\(failures.report)")
  }

  @Test("CHECK-NEXT reports both wrong-line messages")
  func nextMessages() {
    let sameLine = fileCheck("a b", "// CHECK: a\n// CHECK-NEXT: b")
    #expect(sameLine.first?.message == "is on the same line as previous match")
    let later = fileCheck("a\nx\nb", "// CHECK: a\n// CHECK-NEXT: b")
    #expect(later.first?.message == "is not on the line after the previous match")
    #expect(
      later.first?.notes.contains { $0.contains("non-matching line after previous match") }
        == true)
  }

  @Test("CHECK-NOT failure points at the excluded text")
  func notLocation() throws {
    let failures = fileCheck("a\nb\nbad\nc", "// CHECK: a\n// CHECK-NOT: bad\n// CHECK: c")
    let failure = try #require(failures.first)
    #expect(failure.line == 2)
    #expect(failure.directive == "CHECK-NOT")
    #expect(failure.message == "excluded string found in input")
    #expect(failure.notes.contains { $0.hasPrefix("<stdin>:3: note: found here") })
  }

  @Test("CHECK-COUNT failure says which match is missing")
  func countMessage() {
    let failures = fileCheck("x\nx", "// CHECK-COUNT-3: x")
    #expect(failures.first?.directive == "CHECK-COUNT-3")
    #expect(failures.first?.message == "expected string not found in input (3 out of 3)")
  }

  @Test("a CHECK-LABEL line matches as the block boundary, not earlier text")
  func labelIsBoundary() {
    // The label search starts after the previous label, so `x` before @g belongs to @f.
    let input = "func @f\n  x\nfunc @g\n  y"
    #expect(fileCheck(input, "// CHECK-LABEL: @g\n// CHECK-NOT: x\n// CHECK: y").isEmpty)
  }

  @Test("several prefixes share one check file")
  func severalPrefixes() {
    let checks = "// A: one\n// B: two\n// A-NEXT: three"
    #expect(fileCheck("one\nthree", checks, prefixes: ["A"], tolerated: ["B"]).isEmpty)
    #expect(fileCheck("one\ntwo\nthree", checks, prefixes: ["A", "B"]).isEmpty)
    // With only A, A-NEXT is relative to "one", two lines earlier.
    let onlyA = fileCheck("one\ntwo\nthree", checks, prefixes: ["A"], tolerated: ["B"])
    #expect(kinds(onlyA) == [.wrongLine])
    #expect(fileCheck("two", checks, prefixes: ["B"], tolerated: ["A"]).isEmpty)
  }

  @Test("comment prefixes hide directives")
  func comments() {
    let checks = "// COM: CHECK: never\n// RUN: kport opt %s | FileCheck %s\n// CHECK: yes"
    #expect(fileCheck("yes", checks).isEmpty)
  }

  @Test("empty input is rejected unless allowed")
  func emptyInput() {
    #expect(kinds(fileCheck("", "// CHECK-NOT: x")) == [.emptyInput])
    #expect(fileCheck("", "// CHECK-NOT: x", allowEmpty: true).isEmpty)
  }
}
