// From the merged entries of a machine (its file over the files it extends) to a `Machine`:
// required keys present (KP8003), figures consistent with each other (KP8013), values typed.
import KIR

/// Builds a `Machine` from resolved entries.
struct MachineBuilder {
  /// The merged entries, by dotted key.
  var entries: [String: MachineEntry]
  /// The file that defines the machine, where missing keys are reported.
  var draft: MachineDraft
  var files: [String]
  private(set) var diagnostics: [Diagnostic] = []

  init(entries: [String: MachineEntry], draft: MachineDraft, files: [String]) {
    self.entries = entries
    self.draft = draft
    self.files = files
  }

  /// The machine, or nil with `diagnostics` saying why.
  mutating func build() -> Machine? {
    checkRequired()
    guard diagnostics.isEmpty else { return nil }
    let machine = assemble()
    checkConsistency(machine)
    return diagnostics.isEmpty ? machine : nil
  }

  // MARK: Required keys

  private mutating func checkRequired() {
    let spaces = bufferSpaces()
    if spaces.isEmpty {
      missing("the machine describes no on-chip memory; add a [buffer.SPACE] section with size and scope", section: "")
    }
    for section in MachineSchema.sections {
      let names = section.name == "buffer" ? spaces.map { "buffer.\($0)" } : [section.name]
      for name in names {
        for key in section.keys where key.isRequired {
          let dotted = name.isEmpty ? key.name : "\(name).\(key.name)"
          if entries[dotted] == nil {
            missing("missing required key '\(key.name)' in \(MachineValidator.describe(name))", section: name)
          }
        }
        if let family = section.family {
          for opClass in family.requiredClasses where entries["\(name).\(opClass)"] == nil {
            missing("missing required key '\(opClass)' in [\(name)]", section: name)
          }
        }
      }
    }
    if number("compute.tensor_cores_per_cluster") > 0, !entries.keys.contains(where: { $0.hasPrefix("tensor.peak.") }) {
      missing("the machine has tensor cores but [tensor.peak] gives no peak rate", section: "tensor.peak")
    }
  }

  private mutating func missing(_ message: String, section: String) {
    let line = draft.sectionLines[section] ?? 1
    diagnostics.append(.error(.machineMissingKey, message, at: .file(path: draft.path, line: line, column: 1)))
  }

  private func bufferSpaces() -> [String] {
    var spaces: [String] = []
    let keys = entries.keys.sorted { (entries[$0].map(order) ?? 0) < (entries[$1].map(order) ?? 0) }
    for key in keys where key.hasPrefix("buffer.") {
      let space = String(key.dropFirst("buffer.".count).prefix { $0 != "." })
      if !spaces.contains(space) { spaces.append(space) }
    }
    return spaces
  }

  /// File order of an entry: its file's position in `files`, then its line.
  private func order(_ entry: MachineEntry) -> Int {
    guard let position = entry.location.filePosition else { return 0 }
    return (files.firstIndex(of: position.path) ?? 0) * 1_000_000 + position.line
  }

  // MARK: Typed values

  private func number(_ key: String) -> Double {
    if case let .number(value)? = entries[key]?.value { return value }
    return 0
  }

  private func optionalNumber(_ key: String) -> Double? {
    if case let .number(value)? = entries[key]?.value { return value }
    return nil
  }

  private func integer(_ key: String) -> Int { Int(number(key)) }

  private func word(_ key: String) -> String? {
    switch entries[key]?.value {
    case let .word(value)?, let .text(value)?: return value
    default: return nil
    }
  }

  private func duration(_ key: String) -> Duration {
    if case let .duration(value)? = entries[key]?.value { return value }
    return .cycles(0)
  }

  /// `prefix.CLASS` and `prefix.CLASS.TYPE` values of a key family.
  private func family<Class: RawRepresentable & CaseIterable & Hashable>(
    _ prefix: String, _: Class.Type
  ) -> ([Class: Double], [Class: [ElementType: Double]]) where Class.RawValue == String {
    var base: [Class: Double] = [:]
    var typed: [Class: [ElementType: Double]] = [:]
    for opClass in Class.allCases {
      if let value = optionalNumber("\(prefix).\(opClass.rawValue)") { base[opClass] = value }
      for type in ElementType.allCases {
        if let value = optionalNumber("\(prefix).\(opClass.rawValue).\(type.rawValue)") {
          typed[opClass, default: [:]][type] = value
        }
      }
    }
    return (base, typed)
  }

  private func assemble() -> Machine {
    let buffers = bufferSpaces().map { space in
      Buffer(
        space: space, size: integer("buffer.\(space).size"),
        scope: word("buffer.\(space).scope").flatMap(BufferScope.init(rawValue:)) ?? .core,
        reserve: integer("buffer.\(space).reserve"), align: optionalNumber("buffer.\(space).align").map { Int($0) } ?? 1,
        bandwidth: optionalNumber("buffer.\(space).bandwidth"))
    }
    let (vectorBase, vectorTyped) = family("vector.ops", VectorOpClass.self)
    let (scalarBase, scalarTyped) = family("scalar", ScalarOpClass.self)
    var peak: [ElementType: Double] = [:]
    for type in ElementType.allCases {
      if let value = optionalNumber("tensor.peak.\(type.rawValue)") { peak[type] = value }
    }
    var types: [ElementType] = []
    if case let .words(list)? = entries["vector.types"]?.value { types = list.compactMap(ElementType.init(rawValue:)) }
    var provenance: [String: Provenance] = [:]
    for (key, entry) in entries { if let source = entry.provenance { provenance[key] = source } }
    return Machine(
      name: word("machine") ?? draft.name ?? "", title: word("title") ?? "",
      target: word("target").flatMap(MachineTarget.init(rawValue:)) ?? .cuda, arch: word("arch") ?? "",
      files: files,
      compute: Compute(
        clock: number("compute.clock"), clusters: integer("compute.clusters"),
        coresPerCluster: integer("compute.cores_per_cluster"),
        tensorCoresPerCluster: integer("compute.tensor_cores_per_cluster"),
        memoryCoresPerCluster: integer("compute.memory_cores_per_cluster"),
        extraVectorCores: integer("compute.extra_vector_cores"), isCoupled: word("compute.coupling") == "coupled"),
      buffers: buffers,
      offChip: OffChip(
        technology: word("offchip.technology"), size: integer("offchip.size"), bandwidth: number("offchip.bandwidth"),
        minTransfer: integer("offchip.min_transfer"), align: integer("offchip.align"),
        misalignedEfficiency: optionalNumber("offchip.misaligned_efficiency") ?? 1),
      dma: DMA(
        latency: duration("dma.latency"), overhead: duration("dma.overhead"), granule: integer("dma.granule"),
        efficientSize: optionalNumber("dma.efficient_size").map { Int($0) }),
      vector: Vector(
        repeatBytes: integer("vector.repeat"), maxRepeats: optionalNumber("vector.max_repeats").map { Int($0) },
        startup: number("vector.startup"), operandAlign: integer("vector.operand_align"),
        countMultiple: optionalNumber("vector.count_multiple").map { Int($0) } ?? 1, types: types,
        throughput: vectorBase, typedThroughput: vectorTyped),
      tensor: Tensor(
        shapeValues: word("tensor.shape").map { $0.split(separator: "x").compactMap { Int($0) } } ?? [],
        startup: number("tensor.startup"), peak: peak),
      scalar: Scalar(costs: scalarBase, typedCosts: scalarTyped, global: duration("scalar.global")),
      sync: Sync(pipe: duration("sync.pipe"), cluster: duration("sync.cluster"), device: duration("sync.device")),
      launch: Launch(overhead: duration("launch.overhead"), perCore: duration("launch.per_core")),
      provenance: provenance)
  }

  // MARK: Consistency

  private mutating func checkConsistency(_ machine: Machine) {
    for buffer in machine.buffers where buffer.reserve >= buffer.size {
      inconsistent("buffer.\(buffer.space).reserve",
        "the reserve of [buffer.\(buffer.space)] (\(buffer.reserve) B) leaves nothing of its \(buffer.size) B")
    }
    var powersOfTwo = ["offchip.min_transfer", "offchip.align", "dma.granule", "vector.repeat", "vector.operand_align", "vector.count_multiple"]
    for space in machine.buffers.map(\.space) { powersOfTwo.append("buffer.\(space).align") }
    for key in powersOfTwo {
      guard let value = optionalNumber(key) else { continue }
      let whole = Int(value)
      if whole <= 0 || whole & (whole - 1) != 0 {
        inconsistent(key, "'\(key)' must be a power of two bytes (found \(whole) B)")
      }
    }
    for (key, _) in entries where key.hasPrefix("vector.ops.") {
      let parts = key.split(separator: ".")
      guard parts.count == 4, let type = ElementType(rawValue: String(parts[3])) else { continue }
      if !machine.vector.types.contains(type) {
        inconsistent(key, "'\(parts[2]).\(type.rawValue)' gives a throughput for \(type.rawValue), which 'types' in [vector] does not list")
      }
    }
    if machine.compute.tensorCoresPerCluster == 0, !machine.tensor.peak.isEmpty {
      inconsistent("compute.tensor_cores_per_cluster", "[tensor.peak] gives peak rates but 'tensor_cores_per_cluster' is 0")
    }
  }

  private mutating func inconsistent(_ key: String, _ message: String) {
    let location = entries[key]?.location ?? .file(path: draft.path, line: 1, column: 1)
    diagnostics.append(.error(.machineInconsistent, message, at: location))
  }
}
