// Diagnostic IDs of the rule tables in grammars/rules (KP5xxx): loading, validating and
// applying declarative lowering rules. One ID per problem class; docs/rules.md describes the
// format these IDs refer to.

extension DiagnosticID {
  public static let rulesSyntax = DiagnosticID(
    code: "KP5001", name: "rules-syntax", effort: .none,
    explanation: "A rule file does not follow grammars/rules.ebnf: a line that is neither a comment, `rule Name` nor an indented `field: value`, an unterminated string, a malformed `match:` pattern or emit template. The message says what was expected.")
  public static let rulesUnknownField = DiagnosticID(
    code: "KP5002", name: "rules-unknown-field", effort: .none,
    explanation: "A rule has a field that is not one of status, provenance, match, emit, reason, priority, target, space (docs/rules.md). Fields are named; check the spelling.")
  public static let rulesMissingField = DiagnosticID(
    code: "KP5003", name: "rules-missing-field", effort: .none,
    explanation: "A rule lacks a required field: every rule needs status, provenance and match; supported, partial and deprecated rules need emit; a rule in a file outside a bang/ or ascendc/ folder needs target.")
  public static let rulesDuplicateField = DiagnosticID(
    code: "KP5004", name: "rules-duplicate-field", effort: .none,
    explanation: "A rule gives the same field twice. Keep one.")
  public static let rulesUnknownStatus = DiagnosticID(
    code: "KP5005", name: "rules-unknown-status", effort: .none,
    explanation: "The status is not one of supported, partial, unsupported, deprecated.")
  public static let rulesUnknownOp = DiagnosticID(
    code: "KP5006", name: "rules-unknown-op", effort: .none,
    explanation: "The `match:` pattern names an op that is neither in KIR's op table (docs/IR.md) nor one of the host pseudo-ops host.call, host.type, host.enum, host.include.")
  public static let rulesUnknownMathFunction = DiagnosticID(
    code: "KP5007", name: "rules-unknown-math-function", effort: .none,
    explanation: "A `math.call` pattern names a function that is not in KIR's math function table (docs/IR.md lists them).")
  public static let rulesBadType = DiagnosticID(
    code: "KP5008", name: "rules-bad-type", effort: .none,
    explanation: "The type after `:` in a `match:` pattern is not a KIR scalar type (i1, i8…i64, u8…u64, f16, bf16, f32, f64), does not fit the math function's domain, or is given on a host pattern, which takes none.")
  public static let rulesBadKey = DiagnosticID(
    code: "KP5009", name: "rules-bad-key", effort: .none,
    explanation: "The key after the op name is not valid for the op: a dim must be x, y or z; an atomic operation one of add sub exch min max inc dec and or xor cas; a fence scope block, device or system; and so on. Ops without a positional attribute take no key, host pseudo-ops need a name, and `space:` needs an op with a pointer operand.")
  public static let rulesOperandOutOfRange = DiagnosticID(
    code: "KP5010", name: "rules-operand-out-of-range", effort: .none,
    explanation: "An emit template uses `$N` where the matched op has N or fewer operands (a math function's arity, 2 for atomics other than cas). Operands count from $0.")
  public static let rulesUnknownPlaceholder = DiagnosticID(
    code: "KP5011", name: "rules-unknown-placeholder", effort: .none,
    explanation: "An emit template uses a `$name` placeholder that is not in the documented set ($type, $tmp, $args, $thread_x… ; docs/rules.md). Write `$$` for a literal dollar sign.")
  public static let rulesReason = DiagnosticID(
    code: "KP5012", name: "rules-reason", effort: .none,
    explanation: "partial, unsupported and deprecated rules must say why in `reason:` (the emitter prints it); supported rules must not have one.")
  public static let rulesFieldNotAllowed = DiagnosticID(
    code: "KP5013", name: "rules-field-not-allowed", effort: .none,
    explanation: "A field does not fit the rule: an unsupported rule has no `emit:` (nothing is emitted), and `space:` applies only to ops with a pointer operand.")
  public static let rulesDuplicateName = DiagnosticID(
    code: "KP5014", name: "rules-duplicate-name", effort: .none,
    explanation: "Two rules of one target share a name. Rule names are unique per target across all bundled files; a user file given with --rules replaces a bundled rule of the same name, but may not define a name twice itself.")
  public static let rulesOverlap = DiagnosticID(
    code: "KP5015", name: "rules-overlap", effort: .none,
    explanation: "Two rules of one target have the same match pattern (op, key, type, space) and the same priority, so which one applies is undefined. Give one a higher `priority:`, reuse the other's name to replace it, or delete one.")
  public static let rulesMisplaced = DiagnosticID(
    code: "KP5016", name: "rules-misplaced", effort: .none,
    explanation: "A rule's target or family disagrees with its file: a `target:` field that differs from the bang/ or ascendc/ folder, an unknown target, or a rule in a family file (math.rules, atomics.rules, …) matching an op of another family.")
  public static let rulesMissingHeader = DiagnosticID(
    code: "KP5017", name: "rules-missing-header", effort: .none,
    explanation: "A rule file must start with a `//` header paragraph saying what the file contains and for which target.")
  public static let rulesUnreadable = DiagnosticID(
    code: "KP5018", name: "rules-unreadable", effort: .none,
    explanation: "A rule file, or the folder of bundled rule tables next to the kport binary (kport_Rules.resources), cannot be read. Check the path given with --rules, or reinstall kport with its resource bundle.")
  public static let rulesRenderError = DiagnosticID(
    code: "KP5019", name: "rules-render-error", effort: .low,
    explanation: "An emit template could not be expanded for this use: it refers to an operand the call does not have (and gives no `${N:-default}`), or to a placeholder ($type, $tmp, $thread_x…) the emitter could not provide here.")
  public static let rulesPartial = DiagnosticID(
    code: "KP5020", name: "rules-partial", effort: .low,
    explanation: "The construct was lowered by a rule with status partial or deprecated: the emitted code works with the caveat the message quotes from the rule's reason. Check it on the target.")
  public static let rulesUnsupported = DiagnosticID(
    code: "KP5021", name: "rules-unsupported", effort: .medium,
    explanation: "The construct has a rule with status unsupported on this target: the message quotes the rule's reason. Rewrite the construct, or supply a rule of your own with --rules.")

  /// The rule-table IDs, in code order; part of `DiagnosticID.all`.
  static let ruleIDs: [DiagnosticID] = [
    .rulesSyntax, .rulesUnknownField, .rulesMissingField, .rulesDuplicateField,
    .rulesUnknownStatus, .rulesUnknownOp, .rulesUnknownMathFunction, .rulesBadType, .rulesBadKey,
    .rulesOperandOutOfRange, .rulesUnknownPlaceholder, .rulesReason, .rulesFieldNotAllowed,
    .rulesDuplicateName, .rulesOverlap, .rulesMisplaced, .rulesMissingHeader, .rulesUnreadable,
    .rulesRenderError, .rulesPartial, .rulesUnsupported,
  ]
}
