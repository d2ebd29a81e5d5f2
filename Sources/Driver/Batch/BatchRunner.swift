// `kport batch`: plan the files, take what the cache still holds, port the rest in child
// processes (`kport batch-worker`, at most `jobs` at a time, each killed past its timeout),
// then write the summary, SARIF, JUnit and HTML. A worker that crashes or hangs makes its file
// a failed one; the others go on. The parent writes nothing but the reports, the cache and the
// manifest (removing the outputs of earlier runs this one no longer writes): workers write the
// ports, each atomically.
import Foundation
import KIR
import Targets

/// Options of `kport batch`.
public struct BatchOptions: Sendable {
  public var inputs: BatchInputs
  public var outputDirectory: String
  public var targets: [TargetKind]
  public var verify: Bool
  public var failOn: FailOn
  /// Workers at a time.
  public var jobs: Int
  public var shard: BatchShard?
  /// A worker running longer is killed and its file fails (KP9002).
  public var timeoutSeconds: Double
  /// The kport executable the workers run.
  public var executable: String
  public var progress: ProgressStyle

  public init(
    inputs: BatchInputs, outputDirectory: String, targets: [TargetKind], verify: Bool = false, failOn: FailOn = .error,
    jobs: Int = ProcessInfo.processInfo.activeProcessorCount, shard: BatchShard? = nil, timeoutSeconds: Double = 600,
    executable: String, progress: ProgressStyle = .quiet
  ) {
    self.inputs = inputs
    self.outputDirectory = outputDirectory
    self.targets = targets
    self.verify = verify
    self.failOn = failOn
    self.jobs = jobs
    self.shard = shard
    self.timeoutSeconds = timeoutSeconds
    self.executable = executable
    self.progress = progress
  }
}

/// What a batch did.
public struct BatchOutcome: Sendable {
  public var summary: BatchSummary
  /// Files taken from the cache, and files ported by a worker.
  public var cached = 0
  public var ran = 0
  /// Reports that could not be written.
  public var problems: [Diagnostic] = []
  /// Outputs of earlier runs this one no longer writes, removed (paths under OUT).
  public var removed: [String] = []
  /// 0 the batch passes --fail-on, 1 it does not (or a report could not be written).
  public var exitStatus: Int32 { summary.passed && problems.isEmpty ? 0 : 1 }
}

/// Runs a batch; a usage error (status 2) when it cannot start.
public func runBatch(_ options: BatchOptions) -> Result<BatchOutcome, Diagnostic> {
  let plan: BatchPlan
  switch planBatch(options.inputs, outputDirectory: options.outputDirectory, shard: options.shard) {
  case let .failure(problem): return .failure(problem)
  case let .success(found): plan = found
  }
  let targetNames = TargetKind.allCases.filter(options.targets.contains).map(\.rawValue)
  let settings = BatchSettings(targets: targetNames, verify: options.verify, failOn: options.failOn)
  let cache = ContentCache(outputDirectory: plan.outputDirectory)
  // The cache and the workers' scratch files live in OUT/.kport-cache: a symlink there leading
  // out of OUT would make the batch write elsewhere.
  let cacheParent = resolvedPath(cache.directory)
  if cacheParent != cache.directory && FileManager.default.fileExists(atPath: cache.directory) {
    return .failure(
      .error(.batchUnsafeOutputPath, "'\(cache.directory)' leads to '\(cacheParent)'; the cache must be a directory inside the output directory", at: .unknown))
  }
  removeLeftovers(in: plan.outputDirectory)
  var progress = BatchProgress(style: options.progress, total: plan.jobs.count)
  var results: [BatchFileResult] = []
  var outcomeCounts = (cached: 0, ran: 0)
  var keys: [String: String] = [:]
  var pending: [BatchJob] = []
  // Every port and cost report this run leaves in OUT, with its digest, for the manifest
  // (OutputManifest.swift).
  var written: [String: String] = [:]
  for job in plan.jobs {
    let key = cache.key(for: job, settings: settings, executable: options.executable)
    keys[job.path] = key
    if let entry = cache.lookup(key) {
      results.append(entry.file)
      written.merge(entry.outputs) { first, _ in first }
      outcomeCounts.cached += 1
      progress.finished(job.path, status: entry.file.status, cached: true)
    } else {
      pending.append(job)
    }
  }
  let pool = WorkerPool(
    executable: options.executable, root: plan.root, outputDirectory: plan.outputDirectory, targets: targetNames,
    verify: options.verify, timeoutSeconds: options.timeoutSeconds)
  pool.run(pending, width: max(1, options.jobs)) { job, worked in
    results.append(worked.file)
    outcomeCounts.ran += 1
    progress.finished(job.path, status: worked.file.status, cached: false)
    if let outputs = worked.outputs, let key = keys[job.path] {
      written.merge(cache.store(key, file: worked.file, outputs: outputs)) { first, _ in first }
    }
  }
  // A shard sees part of the files: pruning would drop entries another shard sharing the
  // directory still uses.
  if options.shard == nil { cache.prune(keeping: Set(keys.values)) }
  let summary = BatchSummary(settings: settings, files: results)
  var outcome = BatchOutcome(summary: summary, cached: outcomeCounts.cached, ran: outcomeCounts.ran)
  outcome.problems = writeBatchReports(summary, into: plan.outputDirectory)
  for report in ["kport-batch.json", "kport-batch.sarif", "kport-batch.junit.xml", "index.html"] {
    if let bytes = FileManager.default.contents(atPath: plan.outputDirectory + "/" + report) { written[report] = SHA256.hex(bytes) }
  }
  outcome.removed = updateManifest(written: written, in: plan.outputDirectory, shard: options.shard)
  let totals = summary.totals
  progress.summary(
    "kport batch: \(totals.files) files (\(outcome.cached) cached, \(outcome.ran) ported now): \(totals.ported) ported, "
      + "\(totals.partial) partial, \(totals.failed) failed; \(totals.errors) errors, \(totals.warnings) warnings; "
      + "--fail-on \(options.failOn.rawValue): \(outcome.exitStatus == 0 ? "passed" : "FAILED")"
      + (outcome.removed.isEmpty ? "" : "; \(outcome.removed.count) outputs of earlier runs removed"))
  return .success(outcome)
}
