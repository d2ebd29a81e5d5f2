// Structured control flow as C: `scf.if` as if/else (a conditional expression when both
// branches only yield), `scf.loop` as `for` when its condition is one expression and its step
// one statement (the `store init; loop {load; cmp; condition} step {load; add; store}` shape
// declares the counter in the `for`), else as `while (true)` with the condition's statements
// and a `break`; `scf.do_while` as do/while; `scf.block` as `do { … } while (0)`. A `continue`
// that C would send elsewhere (out of a `do … while (0)`, or past a step written after the
// body) jumps to a label before the step.
import KIR

extension FunctionEmitter {
  /// A `for` loop starting at `ops[index]`: a store into a local followed (folded ops aside) by
  /// an `scf.loop`; whether the local can be declared in the `for`.
  func forLoopCandidate(at index: Int, in ops: [Operation])
    -> (loopIndex: Int, variable: Value, declares: Bool)?
  {
    let store = ops[index]
    guard store.opcode == .store, store.operands.count == 2, !analysis.isFolded(store),
      store.operands[1].definingOp?.opcode == .alloca, case .lvalue? = address(store.operands[1])
    else { return nil }
    let variable = store.operands[1]
    var next = index + 1
    while next < ops.count && analysis.isFolded(ops[next]) { next += 1 }
    guard next < ops.count, ops[next].opcode == .loop else { return nil }
    let loop = ops[next]
    // The loop must read the variable in its condition or step, so that it is the counter.
    var readsCounter = false
    for region in loop.regions.prefix(1) + loop.regions.suffix(1) {
      region.walk { if $0.opcode == .load && $0.operands.first == variable { readsCounter = true } }
    }
    guard readsCounter else { return nil }
    // Declared in the for when it is not declared yet and every use is in the store or the loop.
    var declares = pendingLocals[variable] != nil
    if declares {
      var inside = 0
      loop.regions.forEach { $0.walk { inside += $0.operands.filter { $0 == variable }.count } }
      declares = inside + 1 == analysis.uses(variable)
    }
    return (next, variable, declares)
  }

  func emitIf(_ op: Operation) {
    guard let condition = expression(op.operands[0]) else { return }
    let thenRegion = op.regions[0]
    let elseRegion = op.regions.count > 1 ? op.regions[1] : Region()
    if !op.results.isEmpty {
      emitIfWithResults(op, condition: condition, thenRegion: thenRegion, elseRegion: elseRegion)
      return
    }
    let thenBody = capture(thenRegion)
    let elseBody = capture(elseRegion)
    if thenBody.writer.lines.isEmpty && elseBody.writer.lines.isEmpty { return }
    if thenBody.writer.lines.isEmpty {
      writer.line("if (\(condition.prefixed("!").text)) {", at: op.location)
      writer.append(elseBody.writer)
      writer.line("}")
      return
    }
    writer.line("if (\(condition.text)) {", at: op.location)
    writer.append(thenBody.writer)
    if !elseBody.writer.lines.isEmpty {
      writer.line("} else {")
      writer.append(elseBody.writer)
    }
    writer.line("}")
  }

  private func emitIfWithResults(_ op: Operation, condition: CExpression, thenRegion: Region, elseRegion: Region) {
    let thenBody = capture(thenRegion)
    let elseBody = capture(elseRegion)
    guard let thenValues = thenBody.yields, let elseValues = elseBody.yields,
      thenValues.count == op.results.count, elseValues.count == op.results.count
    else {
      error(.emitUnsupportedOp, "'scf.if' with results needs an 'scf.yield' in both regions", at: op.location)
      return
    }
    if op.results.count == 1 && thenBody.writer.lines.isEmpty && elseBody.writer.lines.isEmpty {
      let choice = CExpression(
        "\(condition.operand(.logicalOr)) ? \(thenValues[0].operand(.assignment)) : \(elseValues[0].operand(.conditional))",
        .conditional)
      if analysis.uses(op.results[0]) > 0 { declareResult(op, choice) }
      return
    }
    var variables: [String] = []
    for result in op.results {
      let name = names.fresh(result.name, fallback: "choice")
      guard let declared = context.declaration(result.type, name) else {
        _ = unsupportedType(result.type, at: op.location)
        return
      }
      writer.line(declared + ";", at: op.location)
      variables.append(name)
      bind(result, toVariable: name)
    }
    writer.line("if (\(condition.text)) {", at: op.location)
    writer.append(thenBody.writer)
    writer.indented { inner in
      for (name, value) in zip(variables, thenValues) { inner.line("\(name) = \(value.operand(.assignment));") }
    }
    writer.line("} else {")
    writer.append(elseBody.writer)
    writer.indented { inner in
      for (name, value) in zip(variables, elseValues) { inner.line("\(name) = \(value.operand(.assignment));") }
    }
    writer.line("}")
  }

  /// Writes `region` one level deeper into a separate buffer; returns it with the values of its
  /// terminating `scf.yield` or the operand of its `scf.condition`.
  func capture(_ region: Region) -> (writer: CodeWriter, yields: [CExpression]?) {
    let saved = writer
    writer = CodeWriter(depth: saved.depth + 1)
    var yields: [CExpression]?
    let body = Region(operations: region.operations)
    if let last = region.operations.last, last.opcode == .yield || last.opcode == .condition {
      body.operations.removeLast()
      emitRegion(body)
      yields = last.operands.compactMap { expression($0) }
      if yields?.count != last.operands.count { yields = nil }
    } else {
      emitRegion(body)
    }
    let captured = writer
    writer = saved
    return (captured, yields)
  }

  func emitLoop(_ op: Operation, initStore: Operation?, declaring variable: Value?) {
    let label = needsContinueLabel(op) ? names.fresh("next_iteration", fallback: "next") : nil
    var initText = ""
    if let initStore, let value = expression(initStore.operands[0]) {
      if let variable, case let .lvalue(text, pointee)? = address(variable),
        let declared = context.declaration(pointee, text.text)
      {
        pendingLocals[variable] = nil
        initText = "\(declared) = \(value.operand(.assignment))"
      } else if let target = address(initStore.operands[1]), case let .lvalue(text, _) = target {
        initText = "\(text.text) = \(value.operand(.assignment))"
      }
    }
    let condition = capture(op.regions[0])
    guard let conditionValue = condition.yields?.first else {
      error(.emitUnsupportedOp, "'scf.loop' condition region must end in 'scf.condition'", at: op.location)
      return
    }
    let step = capture(op.regions.count > 2 ? op.regions[2] : Region())
    let stepText = singleStatement(step.writer)
    frames.append(ControlFrame(kind: .loop, continueLabel: label))
    let body = capture(op.regions.count > 1 ? op.regions[1] : Region())
    frames.removeLast()
    if condition.writer.lines.isEmpty && (step.writer.lines.isEmpty || stepText != nil) && label == nil {
      if initText.isEmpty && stepText == nil {
        writer.line("while (\(conditionValue.text)) {", at: op.location)
      } else {
        writer.line("for (\(initText); \(conditionValue.text); \(stepText ?? "")) {", at: op.location)
      }
      writer.append(body.writer)
      writer.line("}")
      return
    }
    writer.line(initText.isEmpty ? "while (true) {" : "for (\(initText);;) {", at: op.location)
    writer.append(condition.writer)
    writer.indented { $0.line("if (\(conditionValue.prefixed("!").text)) break;") }
    appendBody(body.writer, label: label, after: step.writer)
    writer.line("}")
  }

  func emitDoWhile(_ op: Operation) {
    let condition = capture(op.regions.count > 1 ? op.regions[1] : Region())
    let label = needsContinueLabel(op) || !condition.writer.lines.isEmpty && containsContinue(op.regions[0])
      ? names.fresh("next_iteration", fallback: "next") : nil
    frames.append(ControlFrame(kind: .loop, continueLabel: label))
    let body = capture(op.regions[0])
    frames.removeLast()
    guard let conditionValue = condition.yields?.first else {
      error(.emitUnsupportedOp, "'scf.do_while' condition region must end in 'scf.condition'", at: op.location)
      return
    }
    writer.line("do {", at: op.location)
    if condition.writer.lines.isEmpty && label == nil {
      writer.append(body.writer)
      writer.line("} while (\(conditionValue.text));")
      return
    }
    var tail = condition.writer
    tail.line("if (\(conditionValue.prefixed("!").text)) break;")
    appendBody(body.writer, label: label, after: tail)
    writer.line("} while (true);")
  }

  func emitBlock(_ op: Operation) {
    frames.append(ControlFrame(kind: .block, continueLabel: nil))
    let body = capture(op.regions[0])
    frames.removeLast()
    writer.line("do {", at: op.location)
    writer.append(body.writer)
    writer.line("} while (0);")
  }

  func emitContinue(_ op: Operation) {
    guard let loop = frames.last(where: { $0.kind == .loop }) else {
      error(.emitUnsupportedOp, "'scf.continue' outside a loop", at: op.location)
      return
    }
    if let label = loop.continueLabel {
      writer.line("goto \(label);", at: op.location)
    } else {
      writer.line("continue;", at: op.location)
    }
  }

  /// Writes a loop body in braces, then the label `continue` jumps to, then `tail`.
  private func appendBody(_ body: CodeWriter, label: String?, after tail: CodeWriter) {
    if tail.lines.isEmpty && label == nil {
      writer.append(body)
      return
    }
    if label != nil {
      writer.indented { $0.line("{") }
      var shifted = CodeWriter()
      for line in body.lines { shifted.line("  " + line) }
      writer.append(shifted)
      writer.indented { $0.line("}") }
    } else {
      writer.append(body)
    }
    if let label { writer.indented { $0.line("\(label):;") } }
    writer.append(tail)
  }

  /// The text of a buffer holding exactly one simple statement, without its `;` and comment.
  private func singleStatement(_ buffer: CodeWriter) -> String? {
    guard buffer.lines.count == 1, var line = buffer.lines.first?.trimmingCharacters(in: .whitespaces) else {
      return nil
    }
    if let comment = line.range(of: "  // ") { line = String(line[..<comment.lowerBound]) }
    guard line.hasSuffix(";"), !line.hasSuffix("};") else { return nil }
    line.removeLast()
    return line
  }

  /// Whether a `continue` of `loop` must jump to a label: it sits in an `scf.block` (a C
  /// `do … while (0)` would catch it), or the loop's step or condition statements are written
  /// after the body.
  private func needsContinueLabel(_ loop: Operation) -> Bool {
    let body = loop.opcode == .loop ? (loop.regions.count > 1 ? loop.regions[1] : Region()) : loop.regions[0]
    if containsContinue(body, onlyInsideBlock: true) { return true }
    guard loop.opcode == .loop, containsContinue(body) else { return false }
    // The step goes after the body unless it fits the `for` header: decided by its shape.
    let stepOps = loop.regions.count > 2 ? loop.regions[2].operations.filter { !analysis.isFolded($0) } : []
    let conditionOps = loop.regions[0].operations.filter { !analysis.isFolded($0) && $0.opcode != .condition }
    return stepOps.count > 1 || (!conditionOps.isEmpty && !stepOps.isEmpty)
  }

  /// Whether `region` holds an `scf.continue` of the loop that owns it (not of a nested loop).
  private func containsContinue(_ region: Region, onlyInsideBlock: Bool = false, insideBlock: Bool = false) -> Bool {
    for op in region.operations {
      switch op.opcode {
      case .continue: if !onlyInsideBlock || insideBlock { return true }
      case .loop, .doWhile: continue
      case .block:
        if op.regions.contains(where: { containsContinue($0, onlyInsideBlock: onlyInsideBlock, insideBlock: true) }) {
          return true
        }
      default:
        if op.regions.contains(where: { containsContinue($0, onlyInsideBlock: onlyInsideBlock, insideBlock: insideBlock) }) {
          return true
        }
      }
    }
    return false
  }
}
