// `kport merge-reports`: the summaries of the shards of one batch (`--shard I/N` on N machines)
// combined into the summary the unsharded batch writes. Shards hold disjoint files, so the
// merge is their union, sorted, with totals, headers and the verdict computed again; the
// summaries must agree on the settings (targets, --verify, --fail-on).
import Foundation
import KIR

/// The merged summary of `summaries`, or the KP9007 error that says why they do not merge.
public func mergeSummaries(_ summaries: [BatchSummary]) -> Result<BatchSummary, Diagnostic> {
  guard let first = summaries.first else {
    return .failure(.error(.batchBadSummary, "no summary to merge", at: .unknown))
  }
  var files: [String: BatchFileResult] = [:]
  for summary in summaries {
    guard summary.settings == first.settings else {
      return .failure(
        .error(
          .batchBadSummary,
          "the summaries were made with different options (targets \(summary.settings.targets), verify \(summary.settings.verify), fail-on \(summary.settings.failOn.rawValue) against targets \(first.settings.targets), verify \(first.settings.verify), fail-on \(first.settings.failOn.rawValue))",
          at: .unknown))
    }
    for file in summary.files {
      // The same file in two summaries (overlapping shards, a summary given twice) must agree.
      if let seen = files[file.path], seen != file {
        return .failure(.error(.batchBadSummary, "'\(file.path)' has different results in two summaries", at: .unknown))
      }
      files[file.path] = file
    }
  }
  return .success(BatchSummary(settings: first.settings, files: Array(files.values)))
}
