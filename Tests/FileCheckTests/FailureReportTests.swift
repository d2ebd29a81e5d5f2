// Failure reports: the `file:line: error: DIRECTIVE: message` headline, the echoed check line,
// "scanning from here", the searched region, and the "possible intended match" near-miss.

import FileCheck
import Testing

@Suite("Failure reports")
struct FailureReportTests {
  let input = """
    func @saxpy
      %0 = arith.mulf %a, %x
      %1 = arith.addi %0, %y
      return %1
    """

  @Test("headline is file:line: error: DIRECTIVE: message")
  func headline() throws {
    let checks = """
      // RUN: kport opt %s | FileCheck %s
      // CHECK: arith.mulf
      // CHECK-NEXT: arith.addf
      """
    let failure = try #require(fileCheck(input, checks).first)
    #expect(failure.headline == "test.kir:3: error: CHECK-NEXT: expected string not found in input")
    #expect(failure.description.hasPrefix(failure.headline + "\n// CHECK-NEXT: arith.addf\n"))
    #expect(failure.line == 3)
    #expect(failure.directive == "CHECK-NEXT")
  }

  @Test("notes show where scanning started, the region searched and the near-miss")
  func notes() throws {
    let failure = try #require(fileCheck(input, "// CHECK: mulf\n// CHECK: arith.addf %0").first)
    let notes = failure.notes
    #expect(notes.contains { $0.hasPrefix("<stdin>:2: note: scanning from here\n") })
    #expect(notes.contains { $0.hasPrefix("<stdin>:2-4: note: searched 3 line(s) of input:") })
    let nearMiss = try #require(notes.first { $0.contains("possible intended match here") })
    #expect(nearMiss.hasPrefix("<stdin>:3: note: possible intended match here\n"))
    #expect(nearMiss.contains("%1 = arith.addi %0, %y"))
  }

  @Test("no near-miss is invented for unrelated text")
  func noNearMiss() throws {
    let failure = try #require(fileCheck(input, "// CHECK: completely.different.thing").first)
    #expect(!failure.notes.contains { $0.contains("possible intended match") })
  }

  @Test("the caret points at the scan start within the line")
  func caret() throws {
    let failure = try #require(fileCheck("abc def", "// CHECK: abc\n// CHECK-SAME: xyz").first)
    let scanning = try #require(failure.notes.first { $0.contains("scanning from here") })
    #expect(scanning == "<stdin>:1: note: scanning from here\nabc def\n   ^")
  }

  @Test("the searched region is abbreviated after eight lines")
  func longRegion() throws {
    let many = (1...20).map { "line \($0)" }.joined(separator: "\n")
    let failure = try #require(fileCheck(many, "// CHECK: nowhere").first)
    let region = try #require(failure.notes.first { $0.contains("searched") })
    #expect(region.contains("  8 | line 8"))
    #expect(!region.contains("  9 | line 9"))
    #expect(region.hasSuffix("... (12 more line(s))"))
  }

  @Test("check lines keep their real numbers when a chunk is checked alone")
  func chunkLineNumbers() throws {
    let failure = try #require(fileCheck("a", "// CHECK: b", firstLine: 41).first)
    #expect(failure.line == 41)
    #expect(failure.headline.hasPrefix("test.kir:41: error: CHECK:"))
  }

  @Test("a failure can be moved to file lines after the fact")
  func shifting() {
    let failure = CheckFailure(
      kind: .expectedNotFound, fileName: "f", line: 2, directive: "CHECK", message: "m")
    #expect(failure.shiftingLines(by: 10).line == 12)
    #expect(failure.shiftingLines(by: 10).headline == "f:12: error: CHECK: m")
  }

  @Test("several failures render as a report separated by blank lines")
  func report() {
    let failures = [
      CheckFailure(kind: .commandFailed, fileName: "a", line: 1, message: "one"),
      CheckFailure(kind: .commandFailed, fileName: "b", line: 0, column: nil, message: "two"),
    ]
    #expect(failures.report == "a:1: error: one\n\nb: error: two")
  }
}
