// Constructs spelled by the rule tables (docs/rules.md): math functions, atomics, fences, the
// clock, and, when a table has a rule for them, printf and trap. The emitter looks up the most
// specific rule, reports `unsupported` rules as errors (KP5021) and `partial`/`deprecated` ones
// as warnings (KP5020), provides `$tmp` (a scratch scalar, `__nram__` on BANG) and `$tmp_tensor`
// (a one-element on-chip tensor) and expands the template. A template with `$tmp` is a
// statement after which `$tmp` holds the value; one starting with `{` is a statement with no
// value; any other template is an expression.
import KIR
import Rules

/// An expanded rule: an expression, or a statement and the variable holding its value.
enum RuleOutcome {
  case expression(CExpression)
  case statement(String, value: CExpression?)
}

extension FunctionEmitter {
  /// The value of a rule-spelled op used as an expression (math functions, clock, float `%`).
  func ruleExpression(_ op: Operation, opcode: Opcode, key: String?) -> CExpression? {
    guard let outcome = applyRule(op, opcode: opcode, key: key, space: nil) else { return nil }
    switch outcome {
    case let .expression(expression): return expression
    case let .statement(text, value):
      writer.line(text + ";", at: op.location)
      guard let value else {
        error(.emitAtomicResultUnavailable, "the rule for '\(op.opcode.name)' gives no value", at: op.location)
        return nil
      }
      return value
    }
  }

  /// Writes an op spelled by a rule as a statement: atomics (binding the old value), fences,
  /// printf and trap (with the dialect's spelling when no rule covers them).
  func emitRuleStatement(_ op: Operation) {
    switch op.opcode {
    case .printf, .trap:
      if context.rules.rule(target: context.target, op: op.opcode, key: nil, type: nil) != nil { break }
      if op.opcode == .printf {
        var arguments: [CExpression] = []
        for operand in op.operands {
          guard let argument = expression(operand) else { return }
          arguments.append(argument)
        }
        let format = op.attributes["format"]?.stringValue ?? ""
        writer.line(dialect.printf(format: format, arguments: arguments) + ";", at: op.location)
      } else {
        let position = op.location.filePosition
        let file = position.map { String($0.path.split(separator: "/").last ?? "") } ?? ""
        writer.line(
          dialect.trap(
            message: op.attributes["message"]?.stringValue ?? "__trap()", file: file, line: position?.line ?? 0,
            function: function.attributes["source_name"]?.stringValue ?? function.name) + ";",
          at: op.location)
      }
      return
    default: break
    }
    let key = op.info.positional.first.flatMap { op.attributes[$0]?.keywordValue }
    let space = op.opcode == .atomic ? op.operands.first?.type.addressSpace : nil
    guard let outcome = applyRule(op, opcode: op.opcode, key: key, space: space) else { return }
    let result = op.results.first
    let used = result.map { analysis.uses($0) > 0 } ?? false
    switch outcome {
    case let .expression(expression):
      if let result, used {
        declareResult(op, expression)
        _ = result
      } else if !expression.text.isEmpty {
        writer.line(expression.text + ";", at: op.location)
      }
    case let .statement(text, value):
      if used && value == nil {
        error(
          .emitAtomicResultUnavailable,
          "the old value of this atomic is used, but on \(context.target.displayName) the rule lowers it to a statement without one",
          at: op.location)
        return
      }
      if !text.isEmpty { writer.line(text.hasPrefix("{") ? text : text + ";", at: op.location) }
      if let result, let value { bind(result, to: value) }
    }
  }

  /// Looks up, checks and expands the rule for `op`; nil after an error.
  func applyRule(_ op: Operation, opcode: Opcode, key: String?, space: AddressSpace?) -> RuleOutcome? {
    let type = op.results.first?.type
    let what = key.map { "'\(opcode.name) \($0)'" } ?? "'\(opcode.name)'"
    guard let rule = context.rules.rule(target: context.target, op: opcode, key: key, type: type, space: space) else {
      error(
        .emitMissingRule,
        "no \(context.target.displayName) rule for \(what)\(type.map { " on \($0)" } ?? "")", at: op.location)
      return nil
    }
    switch rule.status {
    case .unsupported:
      error(.rulesUnsupported, "\(what) is not supported on \(context.target.displayName): \(rule.reason ?? rule.name)", at: op.location)
      return nil
    case .partial, .deprecated:
      context.report(.warning(.rulesPartial, "\(what) on \(context.target.displayName): \(rule.reason ?? rule.name)", at: op.location))
    case .supported: break
    }
    guard let template = rule.template else { return nil }
    let usesTemporary = template.pieces.contains(.named(.tmp))
    let usesTensor = template.pieces.contains(.named(.tmpTensor))
    var operands: [CExpression] = []
    for (index, operand) in op.operands.enumerated() {
      guard var text = operandText(operand, in: op) else { return nil }
      let repeats = template.pieces.filter {
        if case let .operand(number, _) = $0 { return number == index }
        return false
      }.count
      if repeats > 1 || usesTemporary || usesTensor, !operand.type.isPointer {
        guard let named = materialized(text, type: operand.type, name: nil, at: op.location) else { return nil }
        text = named
      }
      operands.append(text)
    }
    var temporary: String?
    var tensor: String?
    let leafType = type.map { ArrayLayout.leaf($0) }
    if usesTemporary || usesTensor {
      guard let leafType, let leaf = context.spell(leafType) else {
        error(.rulesRenderError, "rule \(rule.name) needs scratch of the result type, which has no spelling", at: op.location)
        return nil
      }
      if usesTemporary {
        let name = names.fresh(op.results.first?.name, fallback: op.opcode == .atomic ? "old" : "scratch")
        scratchLines.append(dialect.scratchScalar(name: name, leaf: leaf))
        temporary = name
      }
      if usesTensor {
        let name = setup.scratchTensors[leaf] ?? names.fresh("scratch_\(EmitContext.shortName(leaf))", fallback: "scratch")
        guard let provided = dialect.scratchTensor(name: name, leaf: leaf, setup: &setup) else {
          error(
            .rulesRenderError,
            "rule \(rule.name) needs an on-chip scratch tensor ($tmp_tensor), which only a kernel has on \(context.target.displayName)",
            at: op.location)
          return nil
        }
        tensor = provided
      }
    }
    let renderContext = RenderContext(
      operands: operands.map { $0.operand(.assignment) }, resultType: type, temporary: temporary,
      temporaryTensor: tensor)
    switch template.render(target: context.target, context: renderContext) {
    case let .failure(failure):
      error(.rulesRenderError, "rule \(rule.name): \(failure.message)", at: op.location)
      return nil
    case let .success(text):
      if let temporary { return .statement(text, value: CExpression(temporary)) }
      if text.isEmpty || text.hasPrefix("{") { return .statement(text, value: nil) }
      return .expression(CExpression(text, FunctionEmitter.precedence(of: text)))
    }
  }

  /// The text of a rule operand: pointers as C pointers (an Ascend C UB address as the raw
  /// `__ubuf__` pointer of its tensor, for the scalar read-modify-write of shared atomics).
  private func operandText(_ operand: Value, in op: Operation) -> CExpression? {
    guard operand.type.isPointer else { return expression(operand) }
    guard let target = address(operand) else { return nil }
    if case let .tensor(base, index, _) = target {
      let raw = CExpression("\(base.operand(.postfix)).GetPhyAddr()", .postfix)
      guard let index, index.integerValue != 0 else { return raw }
      return .binary(raw, "+", index, .additive)
    }
    return pointerValue(target, at: op.location)
  }

  /// The precedence of an expanded template: primary when one parenthesised group or a call,
  /// otherwise low enough to be parenthesised wherever it is used.
  static func precedence(of text: String) -> CPrecedence {
    var depth = 0
    var closedAtEnd = true
    for (offset, character) in text.enumerated() {
      if character == "(" { depth += 1 }
      if character == ")" {
        depth -= 1
        if depth == 0 && offset != text.count - 1 { closedAtEnd = false }
      }
    }
    if text.hasPrefix("(") && text.hasSuffix(")") && closedAtEnd { return .primary }
    let callee = text.prefix(while: { $0 != "(" })
    let isCall = !callee.isEmpty && text.hasSuffix(")") && closedAtEndOfCall(text)
      && callee.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" || $0 == ":" || $0 == "<" || $0 == ">" }
    if isCall { return .postfix }
    if text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) { return .primary }
    return .comma
  }

  /// Whether the first `(` of `text` closes at its last character.
  private static func closedAtEndOfCall(_ text: String) -> Bool {
    guard let open = text.firstIndex(of: "(") else { return false }
    var depth = 0
    for index in text[open...].indices {
      if text[index] == "(" { depth += 1 }
      if text[index] == ")" {
        depth -= 1
        if depth == 0 { return text.index(after: index) == text.endIndex }
      }
    }
    return false
  }
}
