// Runtime calls, types, enumerators and includes of host code, rewritten by the target's rule
// tables (grammars/rules/<target>/{host-runtime,host-types,host-enums,includes}.rules). A call's
// operands are its arguments after their own rewriting; a construct without a usable rule stays
// as written with a located diagnostic (KP6001 no rule, KP6002 unsupported, KP6006 render).
import KIR
import Rules

/// Maps one rule-covered host record to an edit.
enum HostRuleMapping {
  /// Adds the edit (or the diagnostic) for `record`, whose kind has host rules.
  static func map(_ record: HostRecord, kind: HostRuleKind, in context: HostRewriteContext) {
    let range = context.byteRange(of: record)
    guard !range.isEmpty else { return }
    let targetName = context.target.displayName
    guard let rule = context.rules.hostRule(target: context.target, kind: kind, name: record.name) else {
      context.leave(
        range, id: .hostNoRule,
        "no \(targetName) rule for CUDA \(noun(kind)) '\(record.name)'; left as written", record: record)
      return
    }
    guard rule.status.emitsCode, let template = rule.template else {
      context.leave(
        range, id: .hostUnsupported,
        "CUDA \(noun(kind)) '\(record.name)' is unsupported on \(targetName): \(rule.reason ?? "no lowering")",
        record: record)
      return
    }
    if kind == .include {
      mapInclude(record, range: range, template: template, rule: rule, in: context)
      return
    }
    var argumentRanges: [Range<Int>] = []
    if kind == .call {
      guard let split = context.source.callArguments(range) else {
        context.leave(
          range, id: .hostRenderFailed,
          "the arguments of '\(record.name)' could not be split; left as written", record: record)
        return
      }
      argumentRanges = split
      if let repeated = repeatedSideEffect(template: template, arguments: split, source: context.source) {
        context.report(
          .warning(
            .hostOperandRepeated,
            "argument '\(repeated)' of '\(record.name)' appears twice in the \(targetName) call and is evaluated twice",
            at: context.location(of: record)))
      }
    }
    // Check the template expands with this many operands before committing to it.
    let probe = template.render(
      target: context.target, context: RenderContext(operands: argumentRanges.map { context.source.text($0) }))
    if case let .failure(error) = probe {
      context.leave(
        range, id: .hostRenderFailed, "rule \(rule.name) cannot rewrite '\(record.name)': \(error.message)",
        record: record)
      return
    }
    context.reportCaveat(of: rule, record: record)
    let target = context.target
    context.add(
      HostEdit(
        range: range,
        replacement: { rewrite in
          let operands = argumentRanges.map { rewrite($0) }
          switch template.render(target: target, context: RenderContext(operands: operands)) {
          case let .success(text): return text
          case .failure: return rewrite(range)
          }
        }, location: context.location(of: record)))
  }

  /// An include line is replaced whole; an empty emit removes the line and its line break.
  private static func mapInclude(
    _ record: HostRecord, range: Range<Int>, template: Template, rule: Rule, in context: HostRewriteContext
  ) {
    context.reportCaveat(of: rule, record: record)
    if record.name == "helper_cuda.h" { context.needsErrorCheckHelpers = true }
    let source = context.source
    let text: String
    switch template.render(target: context.target, context: RenderContext()) {
    case let .success(rendered): text = rendered
    case let .failure(error):
      context.leave(
        range, id: .hostRenderFailed, "rule \(rule.name) cannot rewrite '\(record.name)': \(error.message)",
        record: record)
      return
    }
    var replaced = range
    if text.isEmpty, source.isBlank(source.lineStart(of: range.lowerBound)..<range.lowerBound),
      source.isBlank(range.upperBound..<source.lineEnd(of: range.upperBound))
    {
      replaced = source.lineStart(of: range.lowerBound)..<min(source.count, source.lineEnd(of: range.upperBound) + 1)
    }
    context.add(.text(replaced, text, at: context.location(of: record)))
  }

  /// The text of an argument with apparent side effects that the template uses more than once.
  private static func repeatedSideEffect(
    template: Template, arguments: [Range<Int>], source: HostSourceText
  ) -> String? {
    var uses: [Int: Int] = [:]
    for piece in template.pieces {
      if case let .operand(index, _) = piece { uses[index, default: 0] += 1 }
    }
    for (index, count) in uses where count > 1 && index < arguments.count {
      let text = source.text(arguments[index])
      if hasSideEffect(text) { return text }
    }
    return nil
  }

  /// Whether `text` contains `++`, `--` or an assignment operator.
  static func hasSideEffect(_ text: String) -> Bool {
    if text.contains("++") || text.contains("--") { return true }
    let characters = Array(text)
    for (index, character) in characters.enumerated() where character == "=" {
      let before = index > 0 ? characters[index - 1] : " "
      let after = index + 1 < characters.count ? characters[index + 1] : " "
      if after == "=" || "=!<>".contains(before) { continue }
      return true
    }
    return false
  }

  /// "function", "type", "enumerator" or "header".
  static func noun(_ kind: HostRuleKind) -> String {
    switch kind {
    case .call: return "function"
    case .type: return "type"
    case .enumerator: return "enumerator"
    case .include: return "header"
    }
  }
}
