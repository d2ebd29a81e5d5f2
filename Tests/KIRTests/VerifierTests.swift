// Verifier tests of the structural invariants (types, functions, levels, arity, regions,
// terminators, scf, calls): one failing case each, with the exact message and location (marked
// 1️⃣ 2️⃣ … in the text; ops parsed without loc() are located at their name), cases built in
// memory for what the parser itself rejects, and clean modules that must verify without errors.

import Testing

@testable import KIR

/// A verifier case: text with markers and the messages expected at them, in order.
struct VerifierCase: CustomTestStringConvertible, Sendable {
  var name: String
  var source: String
  var expected: [(Character, String)]
  var level: VerificationLevel
  var testDescription: String { name }

  init(
    _ name: String, _ source: String, _ expected: [(Character, String)],
    level: VerificationLevel = .simt
  ) {
    self.name = name
    self.source = source
    self.expected = expected
    self.level = level
  }

  /// A case whose text is `body` inside kernel `@k` with parameters of common types.
  static func body(
    _ name: String, _ body: String, _ expected: [(Character, String)], prefix: String = "",
    level: VerificationLevel = .simt
  ) -> VerifierCase {
    let text =
      prefix
      + "kernel @k(%a: i32, %b: i32, %f: f32, %g: f32, %c: i1, %p: ptr<global, f32>, %u: u32) {\n"
      + body + "\n}\n"
    return VerifierCase(name, text, expected, level: level)
  }
}

/// Verifies marked text and returns "line:col: [ID] message" lines and the expected ones.
func verifyCase(_ testCase: VerifierCase) -> (found: [String], expected: [String]) {
  let marked = MarkedText(testCase.source)
  guard let module = parseValid(marked.text) else { return ([], ["<parse failed>"]) }
  let found = verify(module, level: testCase.level).map(describe)
  let expected = testCase.expected.map { "\(marked.position($0.0)): [KP2010] \($0.1)" }
  return (found, expected)
}

@Suite struct VerifierTests {
  static let structure: [VerifierCase] = [
    // Functions (F1, F2) and types (M3).
    VerifierCase(
      "kernel returns a value", "1️⃣kernel @k(%a: i32) -> i32 {\n  func.return %a\n}\n",
      [("1️⃣", "kernel '@k' must return void, not i32")]),
    VerifierCase(
      "void parameter", "1️⃣device @d(%v: void) {\n}\n",
      [("1️⃣", "device '@d' parameter #0 has type void")]),
    VerifierCase(
      "kernel pointer into shared memory", "1️⃣kernel @k(%s: ptr<shared, f32>) {\n}\n",
      [
        (
          "1️⃣",
          "kernel '@k' parameter #0 points into 'shared' memory; kernel pointer parameters must point into global, constant, generic"
        )
      ]),
    VerifierCase(
      "empty vector", "1️⃣device @d(%v: vec<0 x f32>) {\n}\n",
      [("1️⃣", "device '@d' parameter #0 has a vector type with 0 elements")]),
    VerifierCase(
      "array of void", "1️⃣global @g : global array<4 x void>\n",
      [("1️⃣", "global '@g' has an array type of void")]),
    VerifierCase(
      "vector of pointers", "1️⃣struct @S {\n  v: vec<2 x ptr<global, f32>>\n}\n",
      [("1️⃣", "field 'v' of struct '@S' has a vector type of non-scalar ptr<global, f32>")]),
    // Levels (O1).
    .body(
      "SIMT op at the SPMD level", "  %0 = 1️⃣cuda.thread_id x : u32",
      [("1️⃣", "'cuda.thread_id' op is a SIMT-level op and cannot appear at the spmd level")],
      level: .spmd),
    .body(
      "SIMT op at the target level", "  1️⃣cuda.syncthreads",
      [("1️⃣", "'cuda.syncthreads' op is a SIMT-level op and cannot appear at the target level")],
      level: .target),
    // Arity, regions, attributes, terminators (O2-O4, O6).
    .body(
      "operand count", "  %0 = 1️⃣arith.add %a : i32",
      [("1️⃣", "'arith.add' op expects 2 operands, found 1")]),
    .body(
      "result count", "  1️⃣arith.add %a, %b", [("1️⃣", "'arith.add' op expects 1 result, found 0")]),
    .body(
      "void result", "  %0 = 1️⃣arith.add %a, %b : void",
      [
        ("1️⃣", "'arith.add' op result #0 has type void"),
        (
          "1️⃣",
          "'arith.add' op requires operands and result of one scalar type, found (i32, i32) -> void"
        ),
      ]),
    .body(
      "region count", "  %0 = 1️⃣arith.add %a, %b : i32 {\n  }",
      [("1️⃣", "'arith.add' op expects 0 regions, found 1")]),
    .body(
      "missing positional attribute", "  %0 = 1️⃣arith.cmp %a, %b : i1",
      [("1️⃣", "'arith.cmp' op requires attribute 'predicate'")]),
    .body(
      "terminator not last", "  1️⃣func.return\n  %0 = arith.add %a, %b : i32",
      [("1️⃣", "'func.return' op must be the last op of its region")]),
    .body(
      "break not last", "  scf.block {\n    1️⃣scf.break\n    cuda.syncthreads\n  }",
      [("1️⃣", "'scf.break' op must be the last op of its region")]),
    // scf (S1-S4).
    .body(
      "if condition", "  1️⃣scf.if %a {\n  }", [("1️⃣", "'scf.if' op condition must be i1, found i32")]),
    .body(
      "if results without else", "  %m = 1️⃣scf.if %c : f32 {\n    scf.yield %f\n  }",
      [("1️⃣", "'scf.if' op region #1 must end in 'scf.yield' because the op has results")]),
    .body(
      "yield type",
      "  %m = scf.if %c : f32 {\n    1️⃣scf.yield %a\n  } else {\n    scf.yield %f\n  }",
      [("1️⃣", "'scf.yield' op yields (i32) but the enclosing 'scf.if' has results (f32)")]),
    .body(
      "yield value from an if without results", "  scf.if %c {\n    1️⃣scf.yield %f\n  }",
      [("1️⃣", "'scf.yield' op yields (f32) but the enclosing 'scf.if' has results ()")]),
    .body(
      "yield outside if", "  scf.block {\n    1️⃣scf.yield\n  }",
      [("1️⃣", "'scf.yield' op must end a region of an 'scf.if'")]),
    .body(
      "loop without condition", "  1️⃣scf.loop {\n  }",
      [("1️⃣", "'scf.loop' op condition region must end in 'scf.condition'")]),
    .body(
      "do_while without condition", "  1️⃣scf.do_while {\n  }",
      [("1️⃣", "'scf.do_while' op condition region must end in 'scf.condition'")]),
    .body(
      "condition outside a loop", "  scf.block {\n    1️⃣scf.condition %c\n  }",
      [("1️⃣", "'scf.condition' op must end the condition region of an 'scf.loop' or 'scf.do_while'")]
    ),
    .body(
      "condition in a loop body",
      "  scf.loop {\n    scf.condition %c\n  } do {\n    1️⃣scf.condition %c\n  }",
      [("1️⃣", "'scf.condition' op must end the condition region of an 'scf.loop' or 'scf.do_while'")]
    ),
    .body(
      "condition type", "  scf.loop {\n    1️⃣scf.condition %a\n  }",
      [("1️⃣", "'scf.condition' op condition must be i1, found i32")]),
    .body(
      "break outside a loop", "  1️⃣scf.break",
      [
        (
          "1️⃣",
          "'scf.break' op must be inside the body of an 'scf.loop' or 'scf.do_while' or in an 'scf.block'"
        )
      ]),
    .body(
      "break in a condition region", "  1️⃣scf.loop {\n    2️⃣scf.break\n  }",
      [
        ("1️⃣", "'scf.loop' op condition region must end in 'scf.condition'"),
        (
          "2️⃣",
          "'scf.break' op must be inside the body of an 'scf.loop' or 'scf.do_while' or in an 'scf.block'"
        ),
      ]),
    .body(
      "continue in a block outside loops", "  scf.block {\n    1️⃣scf.continue\n  }",
      [("1️⃣", "'scf.continue' op must be inside the body of an 'scf.loop' or 'scf.do_while'")]),
    .body(
      "continue in a step region",
      "  scf.loop {\n    scf.condition %c\n  } step {\n    1️⃣scf.continue\n  }",
      [("1️⃣", "'scf.continue' op must be inside the body of an 'scf.loop' or 'scf.do_while'")]),
    // func (S5 and calls).
    VerifierCase(
      "return without value", "device @d() -> f32 {\n  1️⃣func.return\n}\n",
      [("1️⃣", "'func.return' op returns no value but device '@d' returns f32")]),
    .body(
      "kernel returns a value", "  1️⃣func.return %a",
      [("1️⃣", "'func.return' op returns i32 but kernel '@k' returns void")]),
    .body(
      "unknown callee", "  1️⃣func.call @nowhere",
      [("1️⃣", "'func.call' op callee '@nowhere' is not a function of the module")]),
    .body(
      "kernel callee", "  1️⃣func.call @other",
      [("1️⃣", "'func.call' op callee '@other' is a kernel; only device functions can be called")],
      prefix: "kernel @other() {\n}\n"),
    .body(
      "argument count", "  %r = 1️⃣func.call @sq : f32",
      [("1️⃣", "'func.call' op callee '@sq' takes 1 argument, found 0")],
      prefix: square),
    .body(
      "argument type", "  %r = 1️⃣func.call @sq %a : f32",
      [("1️⃣", "'func.call' op argument #0 has type i32 but '@sq' expects f32")],
      prefix: square),
    .body(
      "call result", "  1️⃣func.call @sq %f",
      [("1️⃣", "'func.call' op callee '@sq' gives a result of type f32, found none")],
      prefix: square),
    .body(
      "callee not a symbol", "  1️⃣func.call sq %f",
      [("1️⃣", "'func.call' op attribute 'callee' must be a symbol, found sq")]),
  ]

  static let square = "device @sq(%x: f32) -> f32 {\n  func.return %x\n}\n"

  @Test("structural invariants", arguments: structure)
  func structuralInvariant(_ testCase: VerifierCase) {
    let (found, expected) = verifyCase(testCase)
    #expect(found == expected)
  }
}
