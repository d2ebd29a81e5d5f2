// Sanitizer findings: what went wrong in a kernel, located at the op and the first offending
// thread. Each worker keeps the first finding per (kind, op); the launch keeps, per
// (kind, source location), the one from the lowest block, so the report does not depend on
// how blocks were spread over worker threads.

import KIR

/// What a finding is about.
public enum FindingKind: String, CaseIterable, Hashable, Sendable {
  case outOfBounds = "out-of-bounds"
  case unallocated
  case uninitializedRead = "uninitialized-read"
  case sharedRace = "shared-race"
  case globalRace = "global-race"
  case barrierDivergence = "barrier-divergence"
  case inactiveLaneShuffle = "inactive-lane-shuffle"
  case divisionByZero = "division-by-zero"
  /// An operand of a target op off the alignment its instruction needs (Ascend UB: 32 bytes).
  case misaligned
  /// An Ascend pipe's access to bytes another pipe touched since the last barrier, one of them a
  /// write (PipeHazards.swift).
  case pipeHazard = "pipe-hazard"
  case trap
  case stepLimit = "step-limit"
  case timeLimit = "time-limit"
  case memoryLimit = "memory-limit"

  var index: Int { FindingKind.allCases.firstIndex(of: self) ?? 0 }
}

/// One sanitizer finding: a kernel fault located at an op and a thread.
public struct Finding: Hashable, Sendable {
  public var kind: FindingKind
  public var severity: Severity
  public var kernel: String
  /// The op's location: the CUDA source line and column.
  public var location: Location
  public var block: Dim3?
  public var thread: Dim3?
  /// The address space of the access, for memory findings.
  public var space: AddressSpace?
  /// The buffer's name: the kernel parameter, `__shared__` variable, local or global.
  public var buffer: String?
  /// The element index of the access, in elements of the buffer.
  public var index: Int?
  /// The buffer's size in elements.
  public var size: Int?
  /// The whole report, e.g. "out-of-bounds store to 'c' at saxpy.cu:7:5, thread (3,0,0)
  /// block (12,0,0), index 1048576, size 1048576".
  public var message: String

  public init(
    kind: FindingKind, severity: Severity, kernel: String, location: Location, block: Dim3? = nil,
    thread: Dim3? = nil, space: AddressSpace? = nil, buffer: String? = nil, index: Int? = nil,
    size: Int? = nil, message: String
  ) {
    self.kind = kind
    self.severity = severity
    self.kernel = kernel
    self.location = location
    self.block = block
    self.thread = thread
    self.space = space
    self.buffer = buffer
    self.index = index
    self.size = size
    self.message = message
  }
}

/// A finding with the linear block it came from, for ordering.
struct RecordedFinding {
  var finding: Finding
  var blockLinear: Int
  var sequence: Int
}

/// One worker's findings: the first per (kind, op) of the lowest block, upgraded when a
/// warning is followed by an error of the same kind at the same op. (A worker runs its blocks
/// in increasing order; in a group of blocks, BlockGroups.swift, a later block of the group may
/// come first, and the group's lower block then replaces its finding.)
struct FindingLog {
  private(set) var records: [Int: RecordedFinding] = [:]
  private var sequence = 0
  /// The lowest block of the block or group being run.
  var firstBlockOfRun = 0

  /// Whether an error of `kind` at op `opIndex` is already recorded for a block no later than
  /// any being run (then a new one is dropped).
  @inline(__always) func hasError(_ kind: FindingKind, op opIndex: Int) -> Bool {
    records[opIndex &* 16 &+ kind.index].map {
      $0.finding.severity == .error && $0.blockLinear <= firstBlockOfRun
    } ?? false
  }

  /// Records `finding` unless one of higher severity, or of the same severity from the same or
  /// a lower block, is already there for the op.
  mutating func record(_ finding: Finding, op opIndex: Int, blockLinear: Int) {
    let key = opIndex &* 16 &+ finding.kind.index
    if let existing = records[key],
      existing.finding.severity > finding.severity
        || (existing.finding.severity == finding.severity && existing.blockLinear <= blockLinear)
    {
      return
    }
    sequence += 1
    records[key] = RecordedFinding(finding: finding, blockLinear: blockLinear, sequence: sequence)
  }

  /// The findings of several workers, one per (kind, location, severity), the lowest block
  /// first; an error hides a warning of the same kind at the same location.
  static func merge(_ logs: [FindingLog]) -> [Finding] {
    var best: [String: RecordedFinding] = [:]
    for log in logs {
      for record in log.records.values {
        let key = "\(record.finding.kind.rawValue)|\(record.finding.location)"
        if let existing = best[key] {
          let better =
            record.finding.severity > existing.finding.severity
            || (record.finding.severity == existing.finding.severity
              && (record.blockLinear, record.sequence) < (existing.blockLinear, existing.sequence))
          if !better { continue }
        }
        best[key] = record
      }
    }
    return best.values.sorted {
      ($0.blockLinear, $0.sequence, $0.finding.message) < (
        $1.blockLinear, $1.sequence, $1.finding.message
      )
    }.map(\.finding)
  }
}

/// `(x,y,z)` for messages.
func describe(_ dim: Dim3) -> String { "(\(dim.x),\(dim.y),\(dim.z))" }

/// A location as messages print it: the file's last path component, line and column.
func describeShort(_ location: Location) -> String {
  guard let position = location.filePosition else { return "<unknown>" }
  let file = position.path.split(separator: "/").last.map(String.init) ?? position.path
  return "\(file):\(position.line):\(position.column)"
}
