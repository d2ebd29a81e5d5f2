// The facts about each back end that the passes, the emitters and the driver share: names,
// file extensions, on-chip capacity, default task counts and the pinned API versions.
// Every figure comes from ../shared/docs/targets.md (section named next to it).

import KIR
import Rules

/// A back end kport emits code for: the rule tables' target enum, so that one name means one
/// target everywhere.
public typealias TargetKind = RuleTarget

extension RuleTarget {
  /// The facts about this target.
  public var info: TargetInfo {
    switch self {
    case .bang: return .bang
    case .ascendc: return .ascendc
    }
  }
}

/// Static facts about a target.
public struct TargetInfo: Sendable {
  public let kind: TargetKind
  /// The language's name for messages and headers.
  public let language: String
  /// The chip the defaults describe.
  public let chip: String
  /// The extension of an emitted source file (kernels and host code in one file).
  public let fileExtension: String
  /// The address space of off-chip global memory at the target level.
  public let globalSpace: AddressSpace
  /// The address space of the per-core on-chip buffer that `__shared__` memory and per-thread
  /// arrays of a lowered block live in.
  public let onChipSpace: AddressSpace
  /// The on-chip bytes a kernel may use for its buffers, after the compiler's reserve.
  public let onChipCapacity: Int
  /// How the capacity was derived, for diagnostics.
  public let onChipCapacityNote: String
  /// Tasks (cores) a launch uses by default when the grid has more blocks than that.
  public let defaultTasks: Int
  /// The API versions the emitted code targets, for the header of every emitted file.
  public let apiVersions: String

  /// MLU370 (`mtp_372`): NRAM 768 KB per core minus the 128 KB that mlu-ops reserves for the
  /// compiler stack (A1, A5); 16 cores (4 clusters x 4, A13, uncertain per visible device).
  public static let bang = TargetInfo(
    kind: .bang, language: "BANG C", chip: "MLU370 (mtp_372)", fileExtension: "mlu",
    globalSpace: .gdram, onChipSpace: .nram, onChipCapacity: 768 * 1024 - 128 * 1024,
    onChipCapacityNote: "NRAM of MLU370: 768 KB minus the 128 KB compiler reserve",
    defaultTasks: 16, apiVersions: "CNToolkit 3.x, CNRT 6.x, BANG C for mtp_372")

  /// Ascend 910B (`dav-2201`): UB 192 KB per AIV minus 256 B and the 8 KB some APIs reserve
  /// (B5); 48 AIV cores on 910B2 (B14).
  public static let ascendc = TargetInfo(
    kind: .ascendc, language: "Ascend C", chip: "Ascend 910B (dav-2201)", fileExtension: "asc",
    globalSpace: .gm, onChipSpace: .ub, onChipCapacity: 192 * 1024 - 256 - 8 * 1024,
    onChipCapacityNote: "UB of Ascend 910B: 192 KB minus 256 B and the 8 KB API reserve",
    defaultTasks: 48, apiVersions: "CANN 8.0, Ascend C for dav-2201 (Atlas A2)")
}
