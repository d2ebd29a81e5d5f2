// Gives the fields of parsed rules their meaning and checks each rule on its own: known fields,
// no duplicates, required fields, status, target, the `match:` pattern against KIR's op and math
// tables, the emit template's placeholders and operand indices, and reason/emit by status.
// Checks across rules (duplicate names, overlaps) are in RuleSet.swift.
import KIR

/// Where a rule file sits, which decides its target and family.
struct RuleFileContext: Sendable {
  /// The target implied by the folder (`bang/`, `ascendc/`), if any.
  var directoryTarget: RuleTarget?
  /// The family implied by the file name (`math.rules`), if any.
  var fileFamily: RuleFamily?
  /// Whether the file was given by the user with `--rules`.
  var isUser: Bool
}

/// Validates raw rules one at a time.
struct RuleValidator {
  let path: String
  let context: RuleFileContext
  private(set) var diagnostics: [Diagnostic] = []

  init(path: String, context: RuleFileContext) {
    self.path = path
    self.context = context
  }

  static let fieldNames = ["status", "provenance", "match", "emit", "reason", "priority", "target", "space"]

  private mutating func error(_ id: DiagnosticID, _ message: String, line: Int, column: Int, length: Int = 1) {
    diagnostics.append(
      Diagnostic(.error, id, message, at: .file(path: path, line: line, column: column), length: length))
  }

  /// Validates `raw`; returns the rule, or nil when it has errors (reported in `diagnostics`).
  mutating func validate(_ raw: RawRule) -> Rule? {
    let before = diagnostics.count
    var fields: [String: RawField] = [:]
    for field in raw.fields {
      guard Self.fieldNames.contains(field.name) else {
        var message = "unknown field '\(field.name)'"
        if let close = closest(field.name, among: Self.fieldNames) { message += "; did you mean '\(close)'?" }
        error(.rulesUnknownField, message, line: field.line, column: field.nameColumn, length: field.name.count)
        continue
      }
      if let first = fields[field.name] {
        error(
          .rulesDuplicateField, "duplicate field '\(field.name)' (first given on line \(first.line))",
          line: field.line, column: field.nameColumn, length: field.name.count)
        continue
      }
      fields[field.name] = field
    }
    func missing(_ name: String, _ why: String = "") {
      error(
        .rulesMissingField, "rule '\(raw.name)' has no '\(name):' field\(why)", line: raw.line,
        column: raw.column, length: raw.name.count)
    }
    let status = fields["status"].flatMap { parseStatus($0) }
    if fields["status"] == nil { missing("status") }
    let provenance = fields["provenance"].flatMap { string($0) }
    if fields["provenance"] == nil { missing("provenance") }
    let target = resolveTarget(fields["target"], rule: raw)
    var pattern = fields["match"].flatMap { parsePattern($0) }
    if fields["match"] == nil { missing("match") }
    if let spaceField = fields["space"], let subject = pattern?.subject {
      pattern?.space = parseSpace(spaceField, subject: subject)
    }
    var template: Template?
    if let emit = fields["emit"] {
      if status == .unsupported {
        error(
          .rulesFieldNotAllowed, "an unsupported rule has no 'emit:' (nothing is emitted)",
          line: emit.line, column: emit.nameColumn, length: 4)
      } else {
        template = parseTemplate(emit, pattern: pattern)
      }
    } else if let status, status.emitsCode {
      missing("emit", " (required for \(status.rawValue) rules)")
    }
    var reason: String?
    if let field = fields["reason"] {
      reason = string(field)
      if status == .supported {
        error(
          .rulesReason, "a supported rule must not have a 'reason:'", line: field.line,
          column: field.nameColumn, length: 6)
      }
    } else if let status, status.needsReason {
      error(
        .rulesReason, "\(status == .unsupported ? "an" : "a") \(status.rawValue) rule needs a 'reason:' saying why", line: raw.line,
        column: raw.column, length: raw.name.count)
    }
    var priority = 0
    if let field = fields["priority"] {
      if let value = Int(field.value) {
        priority = value
      } else {
        error(.rulesSyntax, "priority must be an integer, found '\(field.value)'", line: field.line, column: field.valueColumn)
      }
    }
    guard diagnostics.count == before, let status, let provenance, let target, let pattern else {
      return nil
    }
    let family = RuleFamily(subject: pattern.subject)
    if let expected = context.fileFamily, expected != family, let match = fields["match"] {
      error(
        .rulesMisplaced,
        "rule matches '\(pattern.subject)' of family '\(family.rawValue)', but the file holds '\(expected.rawValue)' rules",
        line: match.line, column: match.valueColumn)
      return nil
    }
    return Rule(
      name: raw.name, target: target, family: family, status: status, provenance: provenance,
      pattern: pattern, template: template, reason: reason, priority: priority, summary: raw.summary,
      location: .file(path: path, line: raw.line, column: raw.column), isUserRule: context.isUser)
  }

  private mutating func parseStatus(_ field: RawField) -> RuleStatus? {
    if let status = RuleStatus(rawValue: field.value) { return status }
    let known = RuleStatus.allCases.map(\.rawValue)
    var message = "unknown status '\(field.value)'; expected one of \(known.joined(separator: ", "))"
    if let close = closest(field.value, among: known) { message = "unknown status '\(field.value)'; did you mean '\(close)'?" }
    error(.rulesUnknownStatus, message, line: field.line, column: field.valueColumn, length: field.value.count)
    return nil
  }

  private mutating func resolveTarget(_ field: RawField?, rule: RawRule) -> RuleTarget? {
    guard let field else {
      if let target = context.directoryTarget { return target }
      error(
        .rulesMissingField,
        "rule '\(rule.name)' has no 'target:' field (required outside a bang/ or ascendc/ folder)",
        line: rule.line, column: rule.column, length: rule.name.count)
      return nil
    }
    guard let target = RuleTarget(rawValue: field.value) else {
      let known = RuleTarget.allCases.map(\.rawValue).joined(separator: ", ")
      error(
        .rulesMisplaced, "unknown target '\(field.value)'; expected one of \(known)", line: field.line,
        column: field.valueColumn, length: field.value.count)
      return nil
    }
    if let directory = context.directoryTarget, directory != target {
      error(
        .rulesMisplaced, "target '\(target.rawValue)' differs from the file's folder '\(directory.rawValue)'",
        line: field.line, column: field.valueColumn, length: field.value.count)
      return nil
    }
    return target
  }

  /// A quoted string field's decoded text.
  private mutating func string(_ field: RawField) -> String? {
    guard field.value.hasPrefix("\"") else {
      error(.rulesSyntax, "field '\(field.name)' takes a quoted string", line: field.line, column: field.valueColumn)
      return nil
    }
    switch RuleFileParser.decodeString(field.value) {
    case let .success(decoded): return decoded.text
    case let .failure(bad):
      error(.rulesSyntax, "unknown escape in string; use \\\" \\\\ \\n or \\t", line: field.line, column: field.valueColumn + bad.offset)
      return nil
    }
  }

  private mutating func parseTemplate(_ field: RawField, pattern: RulePattern?) -> Template? {
    guard field.value.hasPrefix("\""), case let .success(decoded) = RuleFileParser.decodeString(field.value)
    else {
      _ = string(field)
      return nil
    }
    func column(_ offset: Int) -> Int {
      field.valueColumn + (offset < decoded.offsets.count ? decoded.offsets[offset] : field.value.count - 1)
    }
    let template: Template
    do {
      template = try Template(parsing: decoded.text)
    } catch {
      self.error(
        error.isUnknownName ? .rulesUnknownPlaceholder : .rulesSyntax, error.message, line: field.line,
        column: column(error.offset))
      return nil
    }
    if let pattern, let limit = RuleKeys.operandLimit(pattern) {
      for (piece, offset) in zip(template.pieces, template.pieceOffsets) {
        guard case let .operand(index, nil) = piece, index >= limit else { continue }
        error(
          .rulesOperandOutOfRange,
          "operand $\(index) is out of range: '\(pattern.subject)\(pattern.key.map { " " + $0 } ?? "")' has \(limit) operand\(limit == 1 ? "" : "s")",
          line: field.line, column: column(offset), length: "\(index)".count + 1)
      }
    }
    return template
  }

  private mutating func parseSpace(_ field: RawField, subject: RuleSubject) -> AddressSpace? {
    guard case .op(.atomic) = subject else {
      error(
        .rulesFieldNotAllowed, "'space:' applies only to ops with a pointer operand (cuda.atomic)",
        line: field.line, column: field.nameColumn, length: 5)
      return nil
    }
    guard let space = AddressSpace(rawValue: field.value) else {
      let known = AddressSpace.allCases.map(\.rawValue).joined(separator: " ")
      error(.rulesBadKey, "unknown address space '\(field.value)'; expected one of \(known)", line: field.line, column: field.valueColumn)
      return nil
    }
    return space
  }

  /// Parses `OPNAME [KEY] [: TYPE]`.
  private mutating func parsePattern(_ field: RawField) -> RulePattern? {
    let characters = Array(field.value)
    let colon = characters.firstIndex(of: ":")
    let words = RuleFileParser.splitWords(Array(characters[..<(colon ?? characters.count)]), from: field.valueColumn - 1)
    guard let opWord = words.first else {
      error(.rulesSyntax, "expected 'OPNAME [KEY] [: TYPE]'", line: field.line, column: field.valueColumn)
      return nil
    }
    if words.count > 2 {
      error(
        .rulesSyntax, "unexpected '\(words[2].text)' in the pattern; expected 'OPNAME [KEY] [: TYPE]'",
        line: field.line, column: words[2].column, length: words[2].text.count)
      return nil
    }
    let subject: RuleSubject
    if let kind = HostRuleKind.allCases.first(where: { $0.opName == opWord.text }) {
      subject = .host(kind)
    } else if let opcode = Opcode(name: opWord.text) {
      subject = .op(opcode)
    } else {
      var message = "unknown op '\(opWord.text)'"
      let names = Opcode.allCases.map(\.name) + HostRuleKind.allCases.map(\.opName)
      if let close = closest(opWord.text, among: names) { message += "; did you mean '\(close)'?" }
      error(.rulesUnknownOp, message, line: field.line, column: opWord.column, length: opWord.text.count)
      return nil
    }
    var pattern = RulePattern(subject: subject)
    let key = words.count > 1 ? words[1] : nil
    if let problem = RuleKeys.checkKey(key?.text, subject: subject) {
      let column = key?.column ?? opWord.column
      error(problem.id, problem.message, line: field.line, column: column, length: key?.text.count ?? opWord.text.count)
      return nil
    }
    pattern.key = key?.text
    if let colon {
      let typeWords = RuleFileParser.splitWords(Array(characters[(colon + 1)...]), from: field.valueColumn + colon)
      guard typeWords.count == 1 else {
        let column = typeWords.count > 1 ? typeWords[1].column : field.valueColumn + colon
        error(.rulesSyntax, "expected one type after ':'", line: field.line, column: column)
        return nil
      }
      let typeWord = typeWords[0]
      if case .host = subject {
        error(.rulesBadType, "host patterns take no type", line: field.line, column: typeWord.column, length: typeWord.text.count)
        return nil
      }
      guard let type = TypeSpelling.scalarType(named: typeWord.text) else {
        error(
          .rulesBadType,
          "unknown type '\(typeWord.text)'; expected a KIR scalar type (i1 i8 i16 i32 i64 u8 u16 u32 u64 f16 bf16 f32 f64)",
          line: field.line, column: typeWord.column, length: typeWord.text.count)
        return nil
      }
      if let message = RuleKeys.checkType(type, pattern: pattern) {
        error(.rulesBadType, message, line: field.line, column: typeWord.column, length: typeWord.text.count)
        return nil
      }
      pattern.type = type
    }
    return pattern
  }
}

/// The candidate closest to `word` by edit distance, when it is close enough to be a typo.
func closest(_ word: String, among candidates: [String]) -> String? {
  func distance(_ a: [Character], _ b: [Character]) -> Int {
    var previous = Array(0...b.count)
    for (i, x) in a.enumerated() {
      var current = [i + 1]
      for (j, y) in b.enumerated() {
        current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
      }
      previous = current
    }
    return previous[b.count]
  }
  func sharedPrefix(_ a: String, _ b: String) -> Int {
    zip(a, b).prefix { $0 == $1 }.count
  }
  // Closest first; among equals, the longest shared prefix (expff -> expf, not exp2f).
  let scored = candidates.map {
    (name: $0, distance: distance(Array(word.lowercased()), Array($0.lowercased())), prefix: sharedPrefix(word, $0))
  }
  guard
    let best = scored.min(by: { ($0.distance, -$0.prefix, $0.name) < ($1.distance, -$1.prefix, $1.name) }),
    best.distance <= max(1, word.count / 3)
  else { return nil }
  return best.name
}
