// The schema of machine files: every section, every key with its dimension, whether it is
// required, and what it means. The validator checks files against it and docs/machines.md's key
// tables are written from it (`MachineSchema.markdownTables()`), so the two cannot drift.

/// One key of a section.
public struct KeySpec: Hashable, Sendable {
  public var name: String
  public var dimension: Dimension
  public var isRequired: Bool
  /// Whether 0 is allowed (otherwise numeric values must be positive).
  public var allowsZero: Bool
  /// The allowed words of a choice or choices key.
  public var choices: [String]
  /// Whether the entry must carry a `// [mark] source` comment.
  public var needsSource: Bool
  /// What the key means, one sentence for docs/machines.md.
  public var meaning: String

  init(
    _ name: String, _ dimension: Dimension, required: Bool = true, zero: Bool = false,
    choices: [String] = [], source: Bool = true, _ meaning: String
  ) {
    self.name = name
    self.dimension = dimension
    self.isRequired = required
    self.allowsZero = zero
    self.choices = choices
    self.needsSource = source
    self.meaning = meaning
  }
}

/// A family of keys `CLASS` or `CLASS.TYPE` (vector and scalar op costs, tensor peaks).
public struct KeyFamily: Hashable, Sendable {
  public var classes: [String]
  /// Classes that must be given without a type (the default for every type).
  public var requiredClasses: [String]
  /// Whether a key may be a bare type (`f16`) instead of `CLASS.TYPE` (tensor peaks).
  public var typeOnly: Bool
  public var dimension: Dimension
  public var meaning: String
}

/// One `[section]` of a machine file.
public struct SectionSpec: Hashable, Sendable {
  /// The section name; `buffer` stands for every `[buffer.SPACE]`; "" is the top of the file.
  public var name: String
  public var keys: [KeySpec]
  public var family: KeyFamily?
  public var isRequired: Bool
  public var meaning: String

  /// The spec of key `name`, if the section has it.
  public func key(_ name: String) -> KeySpec? { keys.first { $0.name == name } }
}

/// The machine-file schema.
public enum MachineSchema {
  /// Element types a per-type key may name.
  public static let types = ElementType.allCases.map(\.rawValue)

  /// The on-chip spaces a `[buffer.SPACE]` section may describe.
  public static let bufferSpaces = ["nram", "wram", "sram", "ub", "l1", "l0a", "l0b", "l0c", "shared", "l2"]

  /// Vector op classes (docs/machines.md says which ops each covers).
  public static let vectorClasses = VectorOpClass.allCases.map(\.rawValue)

  /// Scalar op classes.
  public static let scalarClasses = ScalarOpClass.allCases.map(\.rawValue)

  /// Every section, in the order files list them.
  public static let sections: [SectionSpec] = [top, compute, buffer, offchip, dma, vector, vectorOps, tensor, tensorPeak, scalar, sync, launch]

  /// The spec of section `name` (`buffer.nram` finds `buffer`).
  public static func section(named name: String) -> SectionSpec? {
    if name.hasPrefix("buffer.") {
      return bufferSpaces.contains(String(name.dropFirst("buffer.".count))) ? buffer : nil
    }
    return sections.first { $0.name == name && $0.name != "buffer" }
  }

  /// Every section name a file may use, for did-you-mean.
  public static var sectionNames: [String] {
    sections.flatMap { $0.name == "buffer" ? bufferSpaces.map { "buffer.\($0)" } : [$0.name] }.filter { !$0.isEmpty }
  }

  static let top = SectionSpec(
    name: "",
    keys: [
      KeySpec("machine", .identifier, source: false, "The machine's name, used by `--machine NAME`; a bundled file's name is its file name."),
      KeySpec("title", .text, source: false, "A human-readable name for reports."),
      KeySpec("target", .choice, choices: MachineTarget.allCases.map(\.rawValue), source: false, "The language kport emits for it (`cuda` for the source chip)."),
      KeySpec("extends", .identifier, required: false, source: false, "Another machine whose keys this file starts from; only the keys given here change."),
      KeySpec("arch", .text, "The architecture name its compiler takes (`mtp_372`, `dav-2201`, `sm_80`)."),
    ],
    family: nil, isRequired: true, meaning: "Keys before the first section: the machine's identity.")

  static let compute = SectionSpec(
    name: "compute",
    keys: [
      KeySpec("clock", .frequency, "Core clock; every cycle figure of the file is in these cycles."),
      KeySpec("clusters", .count, "Clusters (MLU clusters, Ascend AIC groups, GPU SMs)."),
      KeySpec("cores_per_cluster", .count, "Compute cores with a vector unit per cluster (MLU IPUs, Ascend AIVs or coupled AI cores, 1 per SM)."),
      KeySpec("tensor_cores_per_cluster", .count, zero: true, "Cores with a tensor/cube unit per cluster."),
      KeySpec("memory_cores_per_cluster", .count, required: false, zero: true, "Memory cores per cluster (the MLU MPU that drives SRAM DMA); 0 if absent."),
      KeySpec("extra_vector_cores", .count, required: false, zero: true, "Vector-only cores outside the clusters (Ascend 310P's vector cores); 0 if absent."),
      KeySpec("coupling", .choice, choices: ["coupled", "separated"], "Whether a core holds both vector and tensor units (coupled) or they are separate cores that talk through global memory (separated)."),
    ],
    family: nil, isRequired: true, meaning: "Clock and core structure.")

  static let buffer = SectionSpec(
    name: "buffer",
    keys: [
      KeySpec("size", .bytes, "Capacity of one instance."),
      KeySpec("scope", .choice, choices: BufferScope.allCases.map(\.rawValue), "Who shares one instance: each core, each cluster, or the whole device."),
      KeySpec("reserve", .bytes, required: false, zero: true, "Bytes the compiler or runtime keeps for itself (stack, API scratch); usable = size − reserve. 0 if absent."),
      KeySpec("align", .bytes, required: false, "Address alignment operands in it must have; 1 B if absent (caches)."),
      KeySpec("bandwidth", .bytesPerCycle, required: false, "Read bandwidth out of it per cycle, where a source gives one (L1→L0A)."),
    ],
    family: nil, isRequired: false, meaning: "One on-chip memory, `[buffer.SPACE]` with SPACE one of \(bufferSpaces.joined(separator: ", ")); at least one is required.")

  static let offchip = SectionSpec(
    name: "offchip",
    keys: [
      KeySpec("technology", .text, required: false, "The memory technology (`LPDDR5`, `HBM2`)."),
      KeySpec("size", .bytes, "Capacity of the device memory (GDRAM, GM, HBM)."),
      KeySpec("bandwidth", .bandwidth, "Peak bandwidth of the device memory."),
      KeySpec("min_transfer", .bytes, "Smallest efficient access: a smaller one costs as much as this (64 B GDRAM reads, 32 B UB blocks, 32 B GPU sectors)."),
      KeySpec("align", .bytes, "Address alignment for full bandwidth."),
      KeySpec("misaligned_efficiency", .percent, required: false, "Bandwidth reached by accesses that miss `align`; 100 % if absent."),
    ],
    family: nil, isRequired: true, meaning: "The off-chip device memory.")

  static let dma = SectionSpec(
    name: "dma",
    keys: [
      KeySpec("latency", .duration, "Time from issuing a transfer to its first data arriving."),
      KeySpec("overhead", .duration, "Issue cost of each transfer on the issuing core, paid even when latency is hidden."),
      KeySpec("granule", .bytes, "Transfer sizes are multiples of this (a remainder is truncated or must be padded); 1 B means any size."),
      KeySpec("efficient_size", .bytes, required: false, "Transfers at least this large reach full bandwidth."),
    ],
    family: nil, isRequired: true, meaning: "Transfers between device memory and on-chip buffers (on a GPU: global loads and stores).")

  static let vector = SectionSpec(
    name: "vector",
    keys: [
      KeySpec("repeat", .bytes, "The granule one vector instruction step processes; a partial repeat costs a whole one (128 B on MLU, 256 B on Ascend)."),
      KeySpec("max_repeats", .count, required: false, "Most repeats one instruction takes before it must be split."),
      KeySpec("startup", .cycles, "Start-up overhead of each vector instruction."),
      KeySpec("operand_align", .bytes, "Address alignment of vector operands."),
      KeySpec("count_multiple", .bytes, required: false, "Operand byte counts must be a multiple of this (pad and compute the padded count); 1 B if absent."),
      KeySpec("types", .choices, choices: types, "Element types the vector unit computes in."),
    ],
    family: nil, isRequired: true, meaning: "The per-core vector unit.")

  static let vectorOps = SectionSpec(
    name: "vector.ops", keys: [],
    family: KeyFamily(
      classes: vectorClasses, requiredClasses: vectorClasses, typeOnly: false, dimension: .bytesPerCycle,
      meaning: "Result bytes per cycle per core for op class CLASS; `CLASS.TYPE` overrides it for one element type."),
    isRequired: true, meaning: "Vector throughput per op class and type.")

  static let tensor = SectionSpec(
    name: "tensor",
    keys: [
      KeySpec("shape", .identifier, required: false, "The M×N×K tile one tensor instruction computes, written `16x16x16`."),
      KeySpec("startup", .cycles, required: false, "Start-up overhead of each tensor instruction; 0 if absent."),
    ],
    family: nil, isRequired: false, meaning: "The tensor/cube unit.")

  static let tensorPeak = SectionSpec(
    name: "tensor.peak", keys: [],
    family: KeyFamily(
      classes: [], requiredClasses: [], typeOnly: true, dimension: .rate,
      meaning: "Device-wide dense peak for input type TYPE; an absent type has no tensor path (or no published figure)."),
    isRequired: false, meaning: "Tensor/cube peak rates per input type; required when tensor_cores_per_cluster > 0.")

  static let scalar = SectionSpec(
    name: "scalar",
    keys: [KeySpec("global", .duration, "One scalar access to device memory (a GDRAM dereference, GlobalTensor::GetValue).")],
    family: KeyFamily(
      classes: scalarClasses, requiredClasses: scalarClasses, typeOnly: false, dimension: .cycles,
      meaning: "Issue cost in cycles of one scalar op of class CLASS; `CLASS.TYPE` overrides it for one type."),
    isRequired: true, meaning: "The scalar unit.")

  static let sync = SectionSpec(
    name: "sync",
    keys: [
      KeySpec("pipe", .duration, "A wait between the pipes of one core (`__sync_io`, SetFlag/WaitFlag, cp.async wait)."),
      KeySpec("cluster", .duration, "A barrier over one cluster (`__sync_cluster`, AIC↔AIV flags, `__syncthreads`)."),
      KeySpec("device", .duration, "A barrier over every core of the launch (`__sync_all`, SyncAll, grid sync)."),
    ],
    family: nil, isRequired: true, meaning: "Barrier and synchronisation costs.")

  static let launch = SectionSpec(
    name: "launch",
    keys: [
      KeySpec("overhead", .duration, "Host-to-device cost of one kernel launch."),
      KeySpec("per_core", .duration, required: false, zero: true, "Extra start cost per launched core (Ascend's head overhead); 0 if absent."),
    ],
    family: nil, isRequired: true, meaning: "Kernel launch.")
}
