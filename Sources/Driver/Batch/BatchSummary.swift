// The batch summary, DIR/kport-batch.json, schema "kport-batch/1" (documented in docs/ci.md).
// Everything in it is a function of the inputs and the options: no time, no host name, no
// absolute path, no thread count, no shard. So it is byte-identical whatever `-j`, the input
// order or the checkout location, and the summaries of shards merge into the unsharded one.
import Foundation
import KIR

/// The summary's schema name and version.
public let batchSchema = "kport-batch/1"

/// What `--fail-on` counts as a failure.
public enum FailOn: String, Codable, CaseIterable, Sendable {
  /// An error diagnostic, a file that failed, or a kernel whose verification failed.
  case error
  /// As `error`, and any warning.
  case warning
  /// As `error`, and any kernel not verified equal (no `--verify`, or no launch spec for it).
  case unverified
}

/// The options a summary records: those that change its content.
public struct BatchSettings: Codable, Hashable, Sendable {
  public var targets: [String]
  public var verify: Bool
  public var failOn: FailOn
}

/// One diagnostic of a file, with its catalogue entry's name and effort level.
public struct BatchDiagnostic: Codable, Hashable, Sendable {
  public var id: String?
  public var name: String?
  public var severity: String
  public var effort: String?
  public var message: String
  /// The file relative to the source root (or `_external/...`), the line and column.
  public var file: String?
  public var line: Int?
  public var column: Int?
  /// The targets whose runs reported it (a front-end diagnostic is reported by every target).
  public var targets: [String]
}

/// One launch of a kernel: verified or not, and its estimated cost.
public struct BatchLaunch: Codable, Hashable, Sendable {
  public var launch: String
  /// nil when the launch did not run to a comparison.
  public var equal: Bool?
  /// The port on its machine and the CUDA kernel on the A100, in seconds (estimates).
  public var portSeconds: Double?
  public var cudaSeconds: Double?
  public var machine: String?
}

/// One kernel on one target.
public struct BatchKernel: Codable, Hashable, Sendable {
  public var name: String
  public var ported: Bool
  /// `passed`, `failed`, `not-run` (no `--verify`) or `no-launch` (no launch spec names it).
  public var verification: String
  public var launches: [BatchLaunch]
}

/// One file on one target.
public struct BatchTargetResult: Codable, Hashable, Sendable {
  public var target: String
  /// `ported`, `partial` (written, something left as CUDA) or `failed` (nothing written).
  public var status: String
  /// The port and the cost report, relative to the output directory.
  public var port: String?
  public var report: String?
  /// Found / converted / not converted, by category (docs/ci.md lists the categories).
  public var constructs: [String: ConstructCount]
  public var kernels: [BatchKernel]
}

/// One input file.
public struct BatchFileResult: Codable, Hashable, Sendable {
  /// Relative to the source root, or `_external/<resolved path>` for a file outside it.
  public var path: String
  /// `header` for a ported header (docs/ci.md, "Headers"); absent for a translation unit.
  public var kind: String?
  /// `ported`, `partial` or `failed`.
  public var status: String
  /// The highest effort level among its diagnostics (`none` when it has none).
  public var effort: String
  /// The headers it includes, directly or not (found by a textual scan), as paths like `path`.
  public var headers: [String]
  public var diagnostics: [BatchDiagnostic]
  public var targets: [BatchTargetResult]
}

/// A header included by the batch's sources, listed once with every includer.
public struct BatchHeader: Codable, Hashable, Sendable {
  public var path: String
  public var includedBy: [String]
}

/// Counts over every file.
public struct BatchTotals: Codable, Hashable, Sendable {
  public var files = 0
  public var ported = 0
  public var partial = 0
  public var failed = 0
  public var errors = 0
  public var warnings = 0
  public var kernels = 0
  public var kernelsPorted = 0
  public var verified = 0
  public var verificationFailed = 0
  public var unverified = 0
  /// Files per effort level.
  public var effort: [String: Int] = [:]
  /// Constructs by category, over every file and target.
  public var constructs: [String: ConstructCount] = [:]
  /// The sum of every launch's estimate, per target, in seconds.
  public var estimatedSeconds: [String: Double] = [:]
}

/// DIR/kport-batch.json.
public struct BatchSummary: Codable, Hashable, Sendable {
  public var schema: String
  public var kport: String
  public var settings: BatchSettings
  /// Whether the batch passes `--fail-on` (exit status 0).
  public var passed: Bool
  public var totals: BatchTotals
  public var files: [BatchFileResult]
  public var headers: [BatchHeader]

  /// The summary of `files` (sorted here), its totals and verdict computed from them.
  public init(settings: BatchSettings, files: [BatchFileResult]) {
    schema = batchSchema
    kport = kportVersion
    self.settings = settings
    self.files = files.sorted { $0.path < $1.path }
    var includers: [String: Set<String>] = [:]
    for file in self.files where file.kind == nil {
      for header in file.headers { includers[header, default: []].insert(file.path) }
    }
    headers = includers.keys.sorted().map { BatchHeader(path: $0, includedBy: (includers[$0] ?? []).sorted()) }
    totals = BatchTotals(self.files)
    passed = !self.files.contains { fails($0, settings.failOn) }
  }

  /// The JSON text: keys sorted, two-space indentation, a final newline.
  public func json() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) else {
      preconditionFailure("a batch summary always encodes")
    }
    return text + "\n"
  }

  /// Reads a summary, or says why it is not one.
  public static func read(_ path: String) -> Result<BatchSummary, Diagnostic> {
    guard let data = FileManager.default.contents(atPath: path) else {
      return .failure(.error(.batchBadSummary, "cannot read '\(path)'", at: .unknown))
    }
    do {
      let summary = try JSONDecoder().decode(BatchSummary.self, from: data)
      guard summary.schema == batchSchema else {
        return .failure(.error(.batchBadSummary, "'\(path)' has schema '\(summary.schema)', not '\(batchSchema)'", at: .unknown))
      }
      return .success(summary)
    } catch {
      return .failure(.error(.batchBadSummary, "'\(path)' is not a \(batchSchema) summary: \(error)", at: .unknown))
    }
  }
}

/// Whether `file` fails the batch under `failOn`.
func fails(_ file: BatchFileResult, _ failOn: FailOn) -> Bool {
  if file.status == "failed" || file.diagnostics.contains(where: { $0.severity == "error" }) { return true }
  let kernels = file.targets.flatMap(\.kernels)
  if kernels.contains(where: { $0.verification == "failed" }) { return true }
  switch failOn {
  case .error: return false
  case .warning: return file.diagnostics.contains { $0.severity == "warning" }
  case .unverified: return kernels.contains { $0.verification != "passed" }
  }
}

extension BatchTotals {
  init(_ files: [BatchFileResult]) {
    files.forEach { file in
      self.files += 1
      switch file.status {
      case "ported": ported += 1
      case "partial": partial += 1
      default: failed += 1
      }
      errors += file.diagnostics.filter { $0.severity == "error" }.count
      warnings += file.diagnostics.filter { $0.severity == "warning" }.count
      effort[file.effort, default: 0] += 1
      for target in file.targets {
        for (category, count) in target.constructs {
          constructs[category] = (constructs[category] ?? ConstructCount()) + count
        }
        for kernel in target.kernels {
          kernels += 1
          if kernel.ported { kernelsPorted += 1 }
          switch kernel.verification {
          case "passed": verified += 1
          case "failed": verificationFailed += 1
          default: unverified += 1
          }
          let seconds = kernel.launches.compactMap(\.portSeconds).reduce(0, +)
          if seconds > 0 { estimatedSeconds[target.target, default: 0] += seconds }
        }
      }
    }
    // Six significant digits, as in the cost reports: sums of the files' figures, not more exact.
    estimatedSeconds = estimatedSeconds.mapValues(jsonNumber)
  }
}
