// Emit templates: parsing the placeholder set and rendering with operand texts and the values
// the emitter provides.
import KIR
import Testing

@testable import Rules

@Suite struct TemplateTests {
  @Test func operandsAreReorderedDuplicatedAndDropped() throws {
    let template = try Template(parsing: "aclrtMemcpy($0, $2, $1, $2, $3)")
    let text = template.render(target: .ascendc, context: RenderContext(operands: ["d", "s", "n", "kind"]))
    #expect(text == .success("aclrtMemcpy(d, n, s, n, kind)"))
    let dropped = try Template(parsing: "aclGetRecentErrMsg()")
    #expect(dropped.render(target: .ascendc, context: RenderContext(operands: ["err"])) == .success("aclGetRecentErrMsg()"))
  }

  @Test func defaultsFillMissingOperands() throws {
    let template = try Template(parsing: "cnrtPlaceNotifier($0, ${1:-NULL})")
    #expect(template.render(target: .bang, context: RenderContext(operands: ["e"])) == .success("cnrtPlaceNotifier(e, NULL)"))
    #expect(template.render(target: .bang, context: RenderContext(operands: ["e", "q"])) == .success("cnrtPlaceNotifier(e, q)"))
    #expect(template.highestOperand == 0)
  }

  @Test func missingOperandIsARenderError() throws {
    let template = try Template(parsing: "f($0, $1)")
    guard case let .failure(error) = template.render(target: .bang, context: RenderContext(operands: ["a"])) else {
      Issue.record("expected a failure")
      return
    }
    #expect(error.message.contains("$1"))
  }

  @Test func namedPlaceholders() throws {
    let template = try Template(parsing: "__bang_atomic_add(&$tmp, $0, ($type)$1) /* $$ $args */")
    let context = RenderContext(operands: ["p", "v"], resultType: .f16, temporary: "old")
    #expect(template.render(target: .bang, context: context) == .success("__bang_atomic_add(&old, p, (half)v) /* $ p, v */"))
    let loop = try Template(parsing: "$thread_x + $block_dim_x * $block_x")
    let values: [Placeholder: String] = [.threadX: "tx", .blockDimX: "bdx", .blockX: "bx"]
    #expect(loop.render(target: .ascendc, context: RenderContext(values: values)) == .success("tx + bdx * bx"))
    #expect(throws: Never.self) { try Template(parsing: "$tmp_tensor.SetValue(0, $1)") }
  }

  @Test func missingContextIsARenderError() throws {
    for text in ["$type", "$tmp", "$tmp_tensor", "$grid_dim_z"] {
      let template = try Template(parsing: text)
      guard case .failure = template.render(target: .bang, context: RenderContext()) else {
        Issue.record("\(text) rendered without context")
        continue
      }
    }
  }

  @Test(arguments: [
    ("$foo", true), ("${1}", false), ("x $", false), ("$ x", false), ("${x:-1}", false),
  ])
  func badTemplates(text: String, isUnknownName: Bool) {
    #expect(throws: Template.ParseError.self) { try Template(parsing: text) }
    do {
      _ = try Template(parsing: text)
    } catch {
      #expect(error.isUnknownName == isUnknownName)
    }
  }

  @Test func typeSpellings() {
    #expect(TypeSpelling.spell(.u16, for: .bang) == "uint16_t")
    #expect(TypeSpelling.spell(.i32, for: .ascendc) == "int32_t")
    #expect(TypeSpelling.spell(.bf16, for: .ascendc) == "bfloat16_t")
    #expect(TypeSpelling.spell(.pointer(space: .global, pointee: .f32), for: .bang) == nil)
    #expect(TypeSpelling.scalarType(named: "u64") == .u64)
    #expect(TypeSpelling.scalarType(named: "i128") == nil)
    #expect(TypeSpelling.scalarType(named: "float") == nil)
  }
}
