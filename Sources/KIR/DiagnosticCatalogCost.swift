// Diagnostic IDs of the machine descriptions (KP80xx): reading, parsing and validating the
// machine files of the cost model (Sources/Cost/Resources/machines, `--machine-file FILE`).
// docs/machines.md describes the format; grammars/machine.ebnf is its grammar.

extension DiagnosticID {
  public static let machineSyntax = DiagnosticID(
    code: "KP8001", name: "machine-syntax", effort: .none,
    explanation: "A machine file does not follow grammars/machine.ebnf: a line that is neither a comment, a `[section]` header nor `key = value [unit] // [mark] source`, an unterminated string, or a malformed number. The message says what was expected.")
  public static let machineUnknownKey = DiagnosticID(
    code: "KP8002", name: "machine-unknown-key", effort: .none,
    explanation: "A key is not one of the keys of its section (docs/machines.md lists every key with its unit). The message suggests the closest known key; check the spelling and the section the key is in.")
  public static let machineMissingKey = DiagnosticID(
    code: "KP8003", name: "machine-missing-key", effort: .none,
    explanation: "A required key is absent. A complete machine file needs every required key of docs/machines.md; a file that only changes a few figures of another machine says `extends = NAME` and gives just those.")
  public static let machineDuplicateKey = DiagnosticID(
    code: "KP8004", name: "machine-duplicate-key", effort: .none,
    explanation: "A key is given twice in one file (in the same section). Keep one.")
  public static let machineBadUnit = DiagnosticID(
    code: "KP8005", name: "machine-bad-unit", effort: .none,
    explanation: "A value has no unit, the wrong unit for its key (a bandwidth in MHz, say), or an unknown one. Sizes are binary (B, KiB, MiB, GiB); bandwidths decimal (GB/s, TB/s). docs/machines.md gives each key's unit.")
  public static let machineBadValue = DiagnosticID(
    code: "KP8006", name: "machine-bad-value", effort: .none,
    explanation: "A value is of the wrong kind or out of range: a negative or zero figure where a positive one is needed, a fraction where a count is needed, a percentage over 100, or a word that is not one of the key's allowed values.")
  public static let machineMissingSource = DiagnosticID(
    code: "KP8007", name: "machine-missing-source", effort: .none,
    explanation: "Every figure in a machine file must say where it comes from: a trailing `// [src] …`, `// [derived] …`, `// [uncertain] …` or `// [estimate] …` comment with the source (a targets.md section or a public page). `uncertain` and `estimate` must also say why. The mark is the part in brackets; the loader rejects an unknown mark.")
  public static let machineUnknownSection = DiagnosticID(
    code: "KP8008", name: "machine-unknown-section", effort: .none,
    explanation: "A `[section]` header names no section of the schema (docs/machines.md). Buffer sections are `[buffer.SPACE]` with SPACE one of the on-chip spaces listed there.")
  public static let machineUnknownMachine = DiagnosticID(
    code: "KP8009", name: "machine-unknown-machine", effort: .none,
    explanation: "`--machine NAME` or `extends = NAME` names no bundled machine and no machine of the files given with `--machine-file`. The message lists the close names; `docs/machines.md` lists the bundled ones.")
  public static let machineUnreadable = DiagnosticID(
    code: "KP8010", name: "machine-unreadable", effort: .none,
    explanation: "A machine file, or the folder of bundled machine files next to the kport binary (kport_Cost.resources/machines), cannot be read. Check the path given with --machine-file, or set KPORT_MACHINES_DIR to a copy of the bundled files.")
  public static let machineNameConflict = DiagnosticID(
    code: "KP8011", name: "machine-name-conflict", effort: .none,
    explanation: "Two machine files define the same machine name among the bundled files or among the user files, or a bundled file's `machine =` differs from its file name. A user file may reuse a bundled name, and then replaces (or, with `extends`, adjusts) the bundled machine.")
  public static let machineExtendsCycle = DiagnosticID(
    code: "KP8012", name: "machine-extends-cycle", effort: .none,
    explanation: "Machines extend each other in a cycle (a extends b extends a), so no complete description can be built. Break the cycle.")
  public static let machineInconsistent = DiagnosticID(
    code: "KP8013", name: "machine-inconsistent", effort: .none,
    explanation: "The figures are individually valid but contradict each other: a buffer's compiler reserve is not smaller than the buffer, an alignment or minimum transfer is not a power of two, or a vector op cost names a type the `types` list does not contain.")

  /// The machine-description IDs, in code order; part of `DiagnosticID.all`.
  static let costIDs: [DiagnosticID] = [
    .machineSyntax, .machineUnknownKey, .machineMissingKey, .machineDuplicateKey, .machineBadUnit,
    .machineBadValue, .machineMissingSource, .machineUnknownSection, .machineUnknownMachine,
    .machineUnreadable, .machineNameConflict, .machineExtendsCycle, .machineInconsistent,
  ]
}
