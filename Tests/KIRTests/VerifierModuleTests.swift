// Verifier tests on modules changed in memory after parsing, for invariants the parser already
// enforces on text (symbols, declared structs, integer widths, dominance, region counts), plus
// clean modules and levels.

import Testing

@testable import KIR

@Suite struct VerifierModuleTests {
  private func parsed(_ text: String) throws -> Module {
    try #require(parseValid(text))
  }

  private func messages(_ module: Module, level: VerificationLevel = .simt) -> [String] {
    verify(module, level: level).map(describe)
  }

  @Test func duplicateSymbolsAreReported() throws {
    let module = try parsed("struct @S {\n}\nglobal @g : global i32\nkernel @k() {\n}\n")
    let copy = try parsed("\n\nstruct @S {\n}\nglobal @k : global i32\ndevice @g() {\n}\n")
    module.structs += copy.structs
    module.globals += copy.globals
    module.functions += copy.functions
    #expect(
      messages(module) == [
        "4:1: [KP2010] redefinition of symbol '@k'", "6:1: [KP2010] redefinition of symbol '@g'",
        "3:1: [KP2010] redefinition of struct '@S'",
      ])
  }

  @Test func undeclaredStructsAreReportedWhereUsed() throws {
    let marked = MarkedText(
      """
      struct @S {
        x: f32
      }
      1️⃣global @g : global struct<S>
      2️⃣kernel @k(%s: ptr<global, struct<S>>) attributes {template_args = [1, [type(struct<S>)]]} {
        %v = 3️⃣mem.load %s : struct<S>
        %t = 4️⃣arith.constant 1 {kind = type(array<2 x struct<S>>)} : i32
        func.return
      }

      """)
    let module = try parsed(marked.text)
    module.structs = []
    #expect(
      messages(module) == [
        "\(marked.position("1️⃣")): [KP2010] global '@g' uses undeclared struct 'S'",
        "\(marked.position("2️⃣")): [KP2010] kernel '@k' attribute 'template_args' uses undeclared struct 'S'",
        "\(marked.position("2️⃣")): [KP2010] kernel '@k' parameter #0 uses undeclared struct 'S'",
        "\(marked.position("3️⃣")): [KP2010] 'mem.load' op result #0 uses undeclared struct 'S'",
        "\(marked.position("4️⃣")): [KP2010] 'arith.constant' op attribute 'kind' uses undeclared struct 'S'",
      ])
  }

  @Test func integerWidthsMustBeStandard() {
    let value = Value(type: .int(bits: 7, signed: true), name: "x")
    let function = Function(
      name: "k", kind: .kernel, parameters: [Parameter(value: value)],
      location: .file(path: testPath, line: 1, column: 1))
    let builder = Builder(
      region: function.body, location: .file(path: testPath, line: 2, column: 3))
    _ = builder.value(.add, [value, value], type: .int(bits: 7, signed: true))
    #expect(
      messages(Module(functions: [function])) == [
        "1:1: [KP2010] kernel '@k' parameter #0 has an integer type of invalid width 7",
        "2:3: [KP2010] 'arith.add' op result #0 has an integer type of invalid width 7",
      ])
  }

  @Test func operandsMustDominateTheirUses() throws {
    let module = try parsed(
      """
      kernel @k(%a: i32, %c: i1) {
        %s = arith.add %a, %a : i32
        %m = arith.mul %s, %s : i32
        %r = scf.if %c : i32 {
          scf.yield %a
        } else {
          scf.yield %a
        }
        func.return
      }
      kernel @other(%x: i32) {
        func.return
      }

      """)
    let body = module.functions[0].body
    body.operations.swapAt(0, 1)
    let ifOp = body.operations[2]
    let otherParameter = module.functions[1].parameters[0].value
    ifOp.regions[0].operations[0].operands = [ifOp.results[0]]
    ifOp.regions[1].operations[0].operands = [otherParameter]
    #expect(
      messages(module) == [
        "3:8: [KP2010] 'arith.mul' op operand #0 does not dominate this use",
        "3:8: [KP2010] 'arith.mul' op operand #1 does not dominate this use",
        "5:5: [KP2010] 'scf.yield' op operand #0 does not dominate this use",
        "7:5: [KP2010] 'scf.yield' op operand #0 does not dominate this use",
      ])
  }

  @Test func regionCountsComeFromTheOpTable() throws {
    let module = try parsed("kernel @k(%c: i1) {\n  scf.if %c {\n  }\n  scf.block {\n  }\n}\n")
    module.functions[0].body.operations[0].regions.removeLast()
    module.functions[0].body.operations[1].regions.append(Region())
    #expect(
      messages(module) == [
        "2:3: [KP2010] 'scf.if' op expects 2 regions, found 1",
        "4:3: [KP2010] 'scf.block' op expects 1 region, found 2",
      ])
  }

  @Test func kernelPointerSpacesDependOnTheLevel() throws {
    let module = try parsed(
      "kernel @k(%p: ptr<gdram, f32>, %q: ptr<constant, f32>, %r: ptr<generic, f32>) {\n}\n")
    #expect(verify(module, level: .target).isEmpty)
    #expect(
      messages(module, level: .simt) == [
        "1:1: [KP2010] kernel '@k' parameter #0 points into 'gdram' memory; kernel pointer parameters must point into global, constant, generic"
      ])
  }

  @Test func validEdgeCasesVerifyClean() throws {
    let module = try parsed(
      """
      device @id(%x: f32) -> f32 {
        func.return %x
      }
      kernel @k(%a: i32, %l: i64, %c: i1, %p: ptr<global, f32>, %f: f32) {
        %s = arith.shl %l, %a : i64
        %b = arith.and %c, %c : i1
        %q = arith.cmp eq %p, %p : i1
        %t = mem.alloca : ptr<local, array<4 x f32>>
        %i = arith.constant 3 : i32
        %e = mem.element %t, %i : ptr<local, f32>
        %y = func.call @id %f : f32
        %u = arith.bitcast %p : u64
        scf.loop {
          scf.condition %c
        } do {
          scf.block {
            scf.if %c {
              scf.continue
            }
            scf.break
          }
          scf.if %b {
            scf.break
          }
        }
        scf.do_while {
          scf.continue
        } while {
          scf.condition %q
        }
        scf.if %c {
          func.return
        }
        func.return
      }

      """)
    #expect(messages(module) == [])
    #expect(messages(module, level: .spmd) == [])
  }

  @Test func allErrorsAreCollectedWithTheVerifierID() throws {
    let module = try parsed(
      """
      kernel @a(%x: i32) {
        %0 = arith.neg %x : f32
        func.return %x
      }
      device @b() -> i32 {
        scf.break
      }

      """)
    let diagnostics = verify(module)
    #expect(diagnostics.count == 3)
    #expect(diagnostics.allSatisfy { $0.id == .kirVerifier && $0.severity == .error })
  }
}
