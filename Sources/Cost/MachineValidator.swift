// The meaning of one machine file: each entry checked against MachineSchema.swift (known
// section and key, no duplicate, a `// [mark] source` comment, a value of the key's dimension
// with an accepted unit and a valid range) and turned into a typed value. Whole-machine checks
// (required keys, consistency) come after `extends` is resolved, in MachineBuilder.swift.
import KIR

/// A typed value of an entry, numbers scaled to their dimension's base unit.
enum MachineValue: Hashable, Sendable {
  case number(Double)
  case duration(Duration)
  case word(String)
  case words([String])
  case text(String)
}

/// One validated entry.
struct MachineEntry: Hashable, Sendable {
  /// The dotted key (`compute.clock`, `vector.ops.arith.f16`, `arch`).
  var key: String
  var value: MachineValue
  var provenance: Provenance?
  /// Where the value starts.
  var location: Location
}

/// One file's validated entries, before `extends` is resolved.
struct MachineDraft: Sendable {
  var path: String
  var isUser: Bool
  /// The `machine =` name, if given and valid.
  var name: String?
  var extends: String?
  var extendsLocation: Location
  var entries: [String: MachineEntry] = [:]
  /// The line of each section header (by section name) in this file.
  var sectionLines: [String: Int] = [:]
}

/// Checks the entries of a parsed file against the schema.
enum MachineValidator {
  static func validate(_ file: ParsedMachineFile, isUser: Bool) -> (MachineDraft, [Diagnostic]) {
    var diagnostics = file.diagnostics
    var draft = MachineDraft(path: file.path, isUser: isUser, extendsLocation: .file(path: file.path, line: 1, column: 1))
    var firstLine: [String: Int] = [:]
    for header in file.sections {
      if MachineSchema.section(named: header.name) == nil {
        let location = Location.file(path: file.path, line: header.line, column: header.column + 1)
        diagnostics.append(
          Diagnostic(
            .error, .machineUnknownSection,
            "unknown section '[\(header.name)]'\(didYouMean(header.name, among: MachineSchema.sectionNames))",
            at: location, length: header.name.count))
      } else if let previous = draft.sectionLines[header.name] {
        diagnostics.append(
          Diagnostic(
            .error, .machineDuplicateKey, "section '[\(header.name)]' appears twice",
            at: .file(path: file.path, line: header.line, column: header.column), length: header.name.count + 2,
            notes: [.note("first here", at: .file(path: file.path, line: previous, column: 1))]))
      } else {
        draft.sectionLines[header.name] = header.line
      }
    }
    for entry in file.entries {
      guard let section = MachineSchema.section(named: entry.section) else { continue }
      let keyLocation = Location.file(path: file.path, line: entry.line, column: entry.keyColumn)
      guard let spec = keySpec(entry.key, in: section) else {
        diagnostics.append(
          Diagnostic(.error, .machineUnknownKey, unknownKeyMessage(entry.key, section: entry.section),
            at: keyLocation, length: entry.key.count))
        continue
      }
      let dotted = entry.section.isEmpty ? entry.key : "\(entry.section).\(entry.key)"
      if let line = firstLine[dotted] {
        diagnostics.append(
          Diagnostic(.error, .machineDuplicateKey, "key '\(entry.key)' is given twice in \(describe(entry.section))",
            at: keyLocation, length: entry.key.count,
            notes: [.note("first given here", at: .file(path: file.path, line: line, column: 1))]))
        continue
      }
      firstLine[dotted] = entry.line
      var provenance: Provenance?
      switch checkSource(entry, spec: spec, path: file.path) {
      case let .success(found): provenance = found
      case let .failure(diagnostic):
        diagnostics.append(diagnostic)
        continue
      }
      switch MachineValueParser.parse(entry, spec: spec, path: file.path) {
      case let .success(value):
        let location = Location.file(path: file.path, line: entry.line, column: entry.valueColumn)
        draft.entries[dotted] = MachineEntry(key: dotted, value: value, provenance: provenance, location: location)
        if dotted == "machine", case let .word(name) = value { draft.name = name }
        if dotted == "extends", case let .word(base) = value {
          draft.extends = base
          draft.extendsLocation = location
        }
      case let .failure(diagnostic): diagnostics.append(diagnostic)
      }
    }
    return (draft, diagnostics)
  }

  /// The spec of `key` in `section`: a fixed key, or one of the section's key family.
  static func keySpec(_ key: String, in section: SectionSpec) -> KeySpec? {
    if let fixed = section.key(key) { return fixed }
    guard let family = section.family else { return nil }
    let parts = key.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    let meaning = family.meaning
    if family.typeOnly {
      return parts.count == 1 && MachineSchema.types.contains(key) ? KeySpec(key, family.dimension, required: false, meaning) : nil
    }
    guard (1...2).contains(parts.count), family.classes.contains(parts[0]) else { return nil }
    if parts.count == 2, !MachineSchema.types.contains(parts[1]) { return nil }
    return KeySpec(key, family.dimension, required: parts.count == 1 && family.requiredClasses.contains(parts[0]), meaning)
  }

  /// "[compute]" or "the top of the file".
  static func describe(_ section: String) -> String {
    section.isEmpty ? "the keys before the first section" : "[\(section)]"
  }

  private static func unknownKeyMessage(_ key: String, section: String) -> String {
    guard let spec = MachineSchema.section(named: section) else { return "unknown key '\(key)'" }
    var candidates = spec.keys.map(\.name)
    if let family = spec.family {
      candidates += family.typeOnly ? MachineSchema.types : family.classes
      if !family.typeOnly {
        for opClass in family.classes { candidates += MachineSchema.types.map { "\(opClass).\($0)" } }
      }
    }
    var message = "unknown key '\(key)' in \(describe(section))\(didYouMean(key, among: candidates))"
    if !message.hasSuffix("?") {
      let elsewhere = MachineSchema.sections.filter { $0.name != section && $0.key(key) != nil }.map {
        $0.name == "buffer" ? "[buffer.SPACE]" : $0.name.isEmpty ? "the top of the file" : "[\($0.name)]"
      }
      if !elsewhere.isEmpty { message += "; '\(key)' belongs in \(elsewhere.joined(separator: " or "))" }
    }
    if let family = spec.family, !family.typeOnly, key.contains(".") {
      message += " (keys here are CLASS or CLASS.TYPE with CLASS one of \(family.classes.joined(separator: ", ")))"
    }
    return message
  }

  /// The provenance of an entry, or a KP8007 diagnostic when the key needs one and it is absent
  /// or malformed.
  private static func checkSource(_ entry: RawEntry, spec: KeySpec, path: String) -> Result<Provenance?, Diagnostic> {
    let origin = "\(path):\(entry.line)"
    let endColumn = (entry.words.last.map { $0.column + $0.text.count } ?? entry.valueColumn) + (entry.isString ? 2 : 0)
    guard let source = entry.source, let mark = source.mark else {
      if !spec.needsSource { return .success(nil) }
      let column = entry.source?.markColumn ?? endColumn
      return .failure(
        .error(.machineMissingSource,
          "'\(entry.key)' has no source; end the line with '// [src|derived|uncertain|estimate] SOURCE'",
          at: .file(path: path, line: entry.line, column: column)))
    }
    let location = Location.file(path: path, line: entry.line, column: source.markColumn)
    guard let confidence = Confidence(rawValue: mark) else {
      let known = Confidence.allCases.map(\.rawValue)
      return .failure(
        Diagnostic(.error, .machineMissingSource,
          "unknown source mark '[\(mark)]'; expected one of \(known.joined(separator: ", "))\(didYouMean(mark, among: known))",
          at: location, length: mark.count + 2))
    }
    guard !source.text.isEmpty else {
      let why = confidence.isUncertain ? ", and why it is \(confidence.rawValue)" : ""
      return .failure(
        .error(.machineMissingSource, "the '[\(mark)]' mark of '\(entry.key)' must be followed by its source\(why)", at: location))
    }
    return .success(Provenance(confidence: confidence, source: source.text, origin: origin))
  }
}
