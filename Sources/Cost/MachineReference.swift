// The generated parts of docs/machines.md: one key table per section from MachineSchema.swift,
// and the table of the bundled machines' main figures with their uncertainty. The test
// MachineReferenceTests checks that the page holds exactly this text (KPORT_BLESS=1 rewrites it).

/// The generated Markdown of docs/machines.md.
public enum MachineReference {
  /// The marker lines around the generated key tables.
  public static let keysBegin = "<!-- BEGIN generated key tables (MachineReference.keyTables) — do not edit -->"
  public static let keysEnd = "<!-- END generated key tables -->"
  /// The marker lines around the generated machine table.
  public static let machinesBegin = "<!-- BEGIN generated machine table (MachineReference.machineTable) — do not edit -->"
  public static let machinesEnd = "<!-- END generated machine table -->"

  /// One table per section: key, unit, whether required, meaning.
  public static func keyTables() -> String {
    var out = ""
    for section in MachineSchema.sections {
      let title = section.name.isEmpty ? "Top of the file (identity)" : section.name == "buffer" ? "`[buffer.SPACE]`" : "`[\(section.name)]`"
      out += "### \(title)\n\n\(section.meaning)\n\n| key | unit | required | meaning |\n|---|---|---|---|\n"
      for key in section.keys {
        let source = key.needsSource ? "" : " No source comment needed."
        out += "| `\(key.name)` | \(unitText(key)) | \(key.isRequired ? "yes" : "no") | \(key.meaning)\(source) |\n"
      }
      if let family = section.family {
        let name = family.typeOnly ? "TYPE" : "CLASS, CLASS.TYPE"
        let required = family.requiredClasses.isEmpty ? "no" : "every CLASS"
        out += "| `\(name)` | \(family.dimension.unitList) | \(required) | \(family.meaning) |\n"
      }
      out += "\n"
    }
    return out
  }

  private static func unitText(_ key: KeySpec) -> String {
    switch key.dimension {
    case .count: return key.allowsZero ? "count (≥ 0)" : "count (> 0)"
    case .choice: return "one of " + key.choices.map { "`\($0)`" }.joined(separator: ", ")
    case .choices: return "list of " + key.choices.map { "`\($0)`" }.joined(separator: " ")
    case .text: return "\"string\""
    case .identifier: return "name"
    default: return key.dimension.unitList + (key.allowsZero ? " (≥ 0)" : "")
    }
  }

  /// The bundled machines' main figures; a figure marked uncertain or estimate carries `?`.
  public static func machineTable(_ machines: [Machine]) -> String {
    var out = "| machine | target | clock | cores | main on-chip buffer (usable) | off-chip bandwidth | vector arith | tensor peak (f16) | uncertain or estimated figures |\n"
    out += "|---|---|---|---|---|---|---|---|---|\n"
    for machine in machines {
      func mark(_ key: String) -> String {
        machine.provenance[key]?.confidence.isUncertain == true ? " ?" : ""
      }
      let compute = machine.compute
      var cores = "\(compute.clusters)\(mark("compute.clusters")) × \(compute.coresPerCluster)"
      if compute.extraVectorCores > 0 { cores += " + \(compute.extraVectorCores)\(mark("compute.extra_vector_cores"))" }
      if compute.tensorCores > 0, !compute.isCoupled { cores += " (+ \(compute.tensorCores) tensor)" }
      let main = machine.buffers.first
      let buffer = main.map { "\($0.space) \(bytes($0.size))\(mark("buffer.\($0.space).size")) (\(bytes($0.usable)))" } ?? "—"
      let arith = machine.vector.throughput[.arith].map { "\(formatNumber($0)) B/cycle\(mark("vector.ops.arith"))" } ?? "—"
      let peak = machine.tensor.peak[.f16].map { "\(formatNumber($0 / 1e12)) TFLOP/s\(mark("tensor.peak.f16"))" } ?? "—"
      let uncertain = machine.uncertainKeys.count
      out += "| `\(machine.name)` | \(machine.target.rawValue) | \(formatNumber(compute.clock / 1e6)) MHz\(mark("compute.clock")) | \(cores) | \(buffer) | \(formatNumber(machine.offChip.bandwidth / 1e9)) GB/s\(mark("offchip.bandwidth")) | \(arith) | \(peak) | \(uncertain) of \(machine.provenance.count) |\n"
    }
    return out
  }

  /// `768 KiB`, `4 MiB`, `8448 B`: the largest binary unit that divides `count`.
  static func bytes(_ count: Int) -> String {
    for (unit, scale) in [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where count >= scale && count % scale == 0 {
      return "\(count / scale) \(unit)"
    }
    return "\(count) B"
  }
}
