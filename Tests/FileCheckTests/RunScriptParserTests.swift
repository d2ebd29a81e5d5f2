// RUN-line parsing: the command grammar (`not`, `%verify`, `2>&1`, `| FileCheck` options),
// `%s` substitution, continuation lines, RUN-EXIT, and loud errors for anything unsupported.

import FileCheck
import Testing

@Suite("RUN line parser")
struct RunScriptParserTests {
  func parse(_ text: String) -> (script: RunScript, failures: [CheckFailure]) {
    RunScriptParser.parse(text, fileName: "t.kir", filePath: "/repo/Tests/golden/t.kir")
  }

  @Test("a plain command piped into FileCheck")
  func plain() throws {
    let (script, failures) = parse("// RUN: kport opt %s --pipeline=canonicalize | FileCheck %s\n")
    #expect(failures.isEmpty, "\(failures.report)")
    let command = try #require(script.commands.first)
    #expect(command.line == 1)
    #expect(command.arguments == ["opt", "/repo/Tests/golden/t.kir", "--pipeline=canonicalize"])
    #expect(command.fileCheck == FileCheckStage(prefixes: ["CHECK"]))
    #expect(!command.expectsFailure && !command.verifiesDiagnostics && !command.mergesStandardError)
  }

  @Test(
    "prefix spellings",
    arguments: [
      ("FileCheck %s --check-prefix=BANG", ["BANG"]),
      ("FileCheck --check-prefix BANG %s", ["BANG"]),
      ("FileCheck -check-prefix=BANG", ["BANG"]),
      ("FileCheck --check-prefixes=A,B", ["A", "B"]),
      ("FileCheck --check-prefix=A --check-prefix=B", ["A", "B"]),
      ("FileCheck", ["CHECK"]),
    ])
  func prefixes(stage: String, prefixes: [String]) throws {
    let (script, failures) = parse("// RUN: kport opt %s | \(stage)")
    #expect(failures.isEmpty, "\(failures.report)")
    #expect(try #require(script.commands.first).fileCheck?.prefixes == prefixes)
  }

  @Test("not, %verify, 2>&1 and --allow-empty")
  func flags() throws {
    let (script, failures) = parse(
      """
      // RUN: not kport opt %s 2>&1 | FileCheck %s --allow-empty
      // RUN: %verify kport convert %s --target=bang
      // RUN: not %verify kport opt %s
      """)
    #expect(failures.isEmpty, "\(failures.report)")
    #expect(script.commands.count == 3)
    let first = script.commands[0]
    #expect(first.expectsFailure && first.mergesStandardError)
    #expect(first.fileCheck?.allowsEmptyInput == true)
    let second = script.commands[1]
    #expect(second.verifiesDiagnostics && !second.expectsFailure && second.fileCheck == nil)
    #expect(second.arguments == ["convert", "/repo/Tests/golden/t.kir", "--target=bang"])
    #expect(script.commands[2].expectsFailure && script.commands[2].verifiesDiagnostics)
    #expect(script.expectsFailure)
  }

  @Test("continuation lines join with the next RUN line")
  func continuation() throws {
    let (script, failures) = parse(
      """
      // RUN: kport opt %s \\
      // RUN:   --pipeline=canonicalize \\
      // RUN: | FileCheck %s
      // CHECK: x
      """)
    #expect(failures.isEmpty, "\(failures.report)")
    let command = try #require(script.commands.first)
    #expect(script.commands.count == 1)
    #expect(command.line == 1)
    #expect(command.arguments == ["opt", "/repo/Tests/golden/t.kir", "--pipeline=canonicalize"])
    #expect(command.fileCheck != nil)
  }

  @Test("quotes and substitutions")
  func quoting() throws {
    let (script, failures) = parse(
      #"// RUN: kport opt '--pipeline=a{x=1},b' "%S/in put.kir" 100%% %s"#)
    #expect(failures.isEmpty, "\(failures.report)")
    #expect(
      try #require(script.commands.first).arguments == [
        "opt", "--pipeline=a{x=1},b", "/repo/Tests/golden/in put.kir", "100%",
        "/repo/Tests/golden/t.kir",
      ])
  }

  @Test("RUN-EXIT gives the exact exit status")
  func exitStatus() {
    let (script, failures) = parse("// RUN: kport opt %s\n// RUN-EXIT: 3\n")
    #expect(failures.isEmpty)
    #expect(script.expectedExitStatus == 3)
    #expect(script.expectsFailure)
  }

  @Test("all prefixes of a file are collected")
  func allPrefixes() {
    let (script, _) = parse(
      """
      // RUN: kport a %s | FileCheck %s --check-prefix=A
      // RUN: kport b %s | FileCheck %s --check-prefixes=B,A
      // RUN: kport c %s | FileCheck %s
      """)
    #expect(script.allPrefixes == ["A", "B", "CHECK"])
  }

  @Test(
    "malformed RUN lines are errors",
    arguments: [
      ("// RUN: opt %s", "a RUN command must be '[not] [%verify] kport ...', found 'opt'"),
      ("// RUN: kport opt %s > out.txt", "unsupported shell syntax '>' in RUN command"),
      ("// RUN: kport opt %s && kport opt %s", "unsupported shell syntax '&' in RUN command"),
      ("// RUN: kport opt %s | grep x", "only 'FileCheck' may follow '|'"),
      (
        "// RUN: kport opt %s | FileCheck %s | FileCheck %s",
        "only one '|' is supported in a RUN command"
      ),
      ("// RUN: kport opt %t", "unknown substitution '%t'; supported: %s, %S, %%"),
      (
        "// RUN: kport opt %s | FileCheck --strict-whitespace",
        "unsupported FileCheck option '--strict-whitespace'; supported: --check-prefix=X, "
          + "--check-prefixes=X,Y, --allow-empty"
      ),
      (
        "// RUN: kport opt %s | FileCheck other.txt",
        "FileCheck checks against '%s' only, not 'other.txt'"
      ),
      ("// RUN: kport opt %s | FileCheck --check-prefix=1A", "invalid check prefix '1A'"),
      (
        "// RUN: %verify kport opt %s 2>&1",
        "'2>&1' cannot be combined with '%verify', which reads stderr"
      ),
      (
        "// RUN: kport opt 2>&1 %s", "'2>&1' must come last before '|' or at the end of the command"
      ),
      ("// RUN: not not kport opt %s", "'not' given twice"),
      ("// RUN: kport opt 'unterminated", "unterminated quote '"),
      ("// RUN: kport opt %s \\", "RUN line ends in '\\' but the next line is not a RUN line"),
      ("// RUN: kport opt %s\n// RUN-EXIT: two", "expected a non-negative exit status, got 'two'"),
      ("// run: kport opt %s", "unknown RUN directive 'run:'; expected 'RUN:' or 'RUN-EXIT:'"),
      (
        "// RUN-INTERP: @f() == 1",
        "unknown RUN directive 'RUN-INTERP:'; expected 'RUN:' or 'RUN-EXIT:'"
      ),
      ("// RUN: not kport opt %s\n// RUN-EXIT: 0", "'not' contradicts 'RUN-EXIT: 0'"),
    ])
  func malformed(text: String, message: String) throws {
    let (_, failures) = parse(text)
    let failure = try #require(failures.first, "accepted: \(text)")
    #expect(failure.kind == .invalidRunLine)
    #expect(failure.message == message)
    #expect(failure.line >= 1)
  }

  @Test("lines that are not RUN lines are ignored")
  func others() {
    let (script, failures) = parse(
      "// CHECK: RUN: x\nfunc @f // RUN: not a run line\n// Running: fine")
    #expect(failures.isEmpty, "\(failures.report)")
    #expect(script.commands.isEmpty)
  }
}
