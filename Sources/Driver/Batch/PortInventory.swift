// What a conversion found and what it converted, by category (HIPIFY's statistics): kernels,
// device functions, device-code constructs (atomics, warp intrinsics, barriers, math calls,
// shared memory, printf) and host constructs (launches, runtime calls, types, enumerators,
// macros, includes). Counted honestly from what kport records: device constructs are the ops
// of the translated KIR before lowering, not converted when the kernel holding them is not
// ported; host constructs are the front end's host records, not converted when the host
// rewriter left the record as written (an error at the record's position).
import KIR

/// Found and not-converted counts of one category.
public struct ConstructCount: Codable, Hashable, Sendable {
  public var found: Int
  public var notConverted: Int
  public var converted: Int { found - notConverted }

  public init(found: Int = 0, notConverted: Int = 0) {
    self.found = found
    self.notConverted = notConverted
  }

  enum CodingKeys: String, CodingKey { case found, converted, notConverted }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    found = try container.decode(Int.self, forKey: .found)
    notConverted = try container.decode(Int.self, forKey: .notConverted)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(found, forKey: .found)
    try container.encode(converted, forKey: .converted)
    try container.encode(notConverted, forKey: .notConverted)
  }

  static func + (lhs: ConstructCount, rhs: ConstructCount) -> ConstructCount {
    ConstructCount(found: lhs.found + rhs.found, notConverted: lhs.notConverted + rhs.notConverted)
  }
}

/// What a conversion found and converted.
public struct PortInventory: Sendable {
  /// Found and not-converted counts by category name (the keys of the summary's `constructs`).
  public var constructs: [String: ConstructCount] = [:]
  /// The kernels emitted, and those left out (still SIMT after the pipeline), by name.
  public var portedKernels: [String] = []
  public var unportedKernels: [String] = []
}

/// The device-code categories and the ops each counts.
let deviceCategories: [(name: String, opcodes: Set<Opcode>)] = [
  ("atomics", [.atomic]),
  ("warpIntrinsics", [.shuffle, .vote, .ballot, .activemask, .syncwarp]),
  ("barriers", [.syncthreads, .syncthreadsCount, .syncthreadsAnd, .syncthreadsOr, .threadfence]),
  ("mathCalls", [.mathCall]),
  ("sharedMemory", [.sharedAlloc, .dynamicShared]),
  ("printf", [.printf]),
]

/// The host categories and the record kind each counts.
let hostCategories: [(name: String, kind: HostRecordKind)] = [
  ("launches", .launch), ("runtimeCalls", .runtimeCall), ("runtimeTypes", .type),
  ("runtimeEnumerators", .enumerator), ("macros", .macro), ("includes", .include),
]

/// The device side of a module before lowering, kept until the port's outcome is known.
struct DeviceCensus {
  /// Per function: its kind, the functions it calls, and its ops per device category.
  private var functions: [(name: String, kind: FunctionKind, callees: Set<String>, counts: [String: Int], isForeign: Bool)] = []
  /// Whether a device function is converted once translated, reached or not (a ported
  /// header's: its includers' kernels call it).
  private let deviceFunctionsConverted: Bool

  init(_ module: Module, deviceFunctionsConverted: Bool = false) {
    self.deviceFunctionsConverted = deviceFunctionsConverted
    for function in module.functions {
      var callees: Set<String> = []
      var counts: [String: Int] = [:]
      function.body.walk { op in
        if op.opcode == .call, let callee = op.attributes["callee"]?.symbolValue { callees.insert(callee) }
        for category in deviceCategories where category.opcodes.contains(op.opcode) {
          counts[category.name, default: 0] += 1
        }
      }
      functions.append((function.name, function.kind, callees, counts, function.attributes["foreign"] == .bool(true)))
    }
  }

  /// The inventory once `unported` kernels are known and the host rewriter has reported.
  func inventory(unported: Set<String>, records: [HostRecord], hostDiagnostics: [Diagnostic]) -> PortInventory {
    var inventory = PortInventory()
    // A device function is converted when a ported kernel reaches it.
    var reached: Set<String> = []
    var work = functions.filter { $0.kind == .kernel && !unported.contains($0.name) }.map(\.name)
    while let name = work.popLast() {
      guard reached.insert(name).inserted, let function = functions.first(where: { $0.name == name }) else { continue }
      work += function.callees
    }
    // A ported header's device function is the header's, unless this port's kernels call it.
    for function in functions where !function.isForeign || reached.contains(function.name) {
      let converted = reached.contains(function.name) || (deviceFunctionsConverted && function.kind == .device)
      if function.kind == .kernel {
        if converted { inventory.portedKernels.append(function.name) } else { inventory.unportedKernels.append(function.name) }
      }
      inventory.count(function.kind == .kernel ? "kernels" : "deviceFunctions", found: 1, converted: converted)
      for (category, count) in function.counts { inventory.count(category, found: count, converted: converted) }
    }
    // The host rewriter reports a construct it leaves as written as an error at the record.
    let leftAsWritten = Set(
      hostDiagnostics.filter { $0.severity == .error }.compactMap { diagnostic -> String? in
        diagnostic.location.filePosition.map { "\($0.line):\($0.column)" }
      })
    for category in hostCategories {
      let matching = records.filter { $0.kind == category.kind }
      guard !matching.isEmpty else { continue }
      let left = matching.filter { leftAsWritten.contains("\($0.range.start.line):\($0.range.start.column)") }.count
      inventory.constructs[category.name] = ConstructCount(found: matching.count, notConverted: left)
    }
    return inventory
  }
}

extension PortInventory {
  mutating func count(_ category: String, found: Int, converted: Bool) {
    constructs[category] = (constructs[category] ?? ConstructCount()) + ConstructCount(found: found, notConverted: converted ? 0 : found)
  }
}
