// The work on one file of a batch, done in a child process (`kport batch-worker`) so that a
// crash or a hang in one file costs that file only: port it to every target, write each port
// and (with --verify) verify its launches and write their cost report, and describe it all as a
// summary entry. A ported header is translated in the translation unit of its first includer
// that parses, and ported on its own (docs/ci.md, "Headers"). Paths in the entry are relative
// to the source root, so it does not depend on where the tree is checked out.
import Foundation
import Frontend
import KIR
import Targets

/// What the parent hands a worker.
public struct BatchWorkerJob: Codable, Sendable {
  public var job: BatchJob
  public var root: String
  public var outputDirectory: String
  public var targets: [String]
  public var verify: Bool
}

/// What a worker hands back.
public struct BatchWorkerResult: Codable, Sendable {
  public var file: BatchFileResult
  /// The files written, relative to the output directory.
  public var outputs: [String]
}

/// Ports `work.job` to every target. Never throws and never stops early: every problem is a
/// diagnostic of the file.
public func runBatchWorker(_ work: BatchWorkerJob) -> BatchWorkerResult {
  let job = work.job
  var collector = DiagnosticCollector(root: work.root, file: job.path)
  for diagnostic in job.planDiagnostics { collector.add(diagnostic) }
  var targets: [BatchTargetResult] = []
  var outputs: [String] = []
  // Inside the root the worker runs in the root and names the file by its relative path, so
  // locations (and the ports' comments) are the same in every checkout.
  let source = job.path.hasPrefix("_external/") ? job.source : job.path
  let stem = job.portedHeaders[job.source] ?? String(job.path.dropLast(URL(fileURLWithPath: job.path).pathExtension.count + 1))
  let text = (try? String(contentsOfFile: source, encoding: .utf8)) ?? ""
  // One translation serves every target.
  let (translated, translationFailure, frontend) = job.isHeader ? translateHeader(job) : translateSource(job, path: source)
  for (index, name) in work.targets.enumerated() {
    guard let target = TargetKind(rawValue: name) else { continue }
    let options = ConvertOptions(target: target, frontend: frontend, headerPorts: headerPorts(of: job, on: target))
    let converted = translated?.port(to: options, last: index == work.targets.count - 1) ?? translationFailure
    collector.add(converted.diagnostics, target: name)
    var result = BatchTargetResult(
      target: name, status: converted.text == nil ? "failed" : (converted.exitStatus == 0 ? "ported" : "partial"),
      constructs: converted.inventory?.constructs ?? [:], kernels: [])
    if let port = converted.text {
      let relative = job.isHeader ? headerPortName(stem: stem, fileExtension: target.info.fileExtension) : "\(stem).\(target.info.fileExtension)"
      if let problem = writeConfined(port, relative: relative, into: work.outputDirectory) {
        collector.add([problem], target: name)
        result.status = "failed"
      } else {
        result.port = relative
        outputs.append(relative)
      }
    }
    let ported = Set(converted.inventory?.portedKernels ?? [])
    var kernels = (converted.inventory?.portedKernels ?? []) + (converted.inventory?.unportedKernels ?? [])
    var verifications: [String: [BatchLaunch]] = [:]
    var verificationFailed = false
    if work.verify, converted.text != nil {
      switch fileLaunchSpecs(path: source, text: text) {
      case let .failure(problem):
        collector.add([problem], target: name)
        verificationFailed = true
      case let .success(specs) where !specs.isEmpty:
        // A header's launches run in the translation unit it was ported in, with its kernels; a
        // file's run as `kport verify` runs them.
        var run = frontend
        run.recordsHost = false
        if !job.isHeader { run.ownership = nil }
        let report = verifyAndPrice(
          source: translated?.unitPath ?? source, specifications: source, target: target, frontend: run)
        collector.add(report.diagnostics, target: name)
        verifications = report.launches
        verificationFailed = report.failed
        if let json = report.json {
          // (A header's is named with its extension: `v.cuh` and `v.cu` may both have launches.)
          let relative = job.isHeader ? "\(job.path).\(name).report.json" : "\(stem).\(name).report.json"
          if let problem = writeConfined(json, relative: relative, into: work.outputDirectory) {
            collector.add([problem], target: name)
          } else {
            result.report = relative
            outputs.append(relative)
          }
        }
      case .success:
        break
      }
    }
    for kernel in verifications.keys.sorted() where !kernels.contains(kernel) { kernels.append(kernel) }
    result.kernels = kernels.sorted().map { kernel in
      let launches = verifications[kernel] ?? []
      let verification: String
      if !work.verify {
        verification = "not-run"
      } else if verificationFailed || launches.contains(where: { $0.equal != true }) {
        // Runs that stopped before a comparison (a fault, a port that could not be made) leave
        // no kernel of the file verified.
        verification = "failed"
      } else {
        verification = launches.isEmpty ? "no-launch" : "passed"
      }
      return BatchKernel(name: kernel, ported: ported.contains(kernel), verification: verification, launches: launches)
    }
    targets.append(result)
  }
  let diagnostics = collector.diagnostics
  let status: String
  if targets.isEmpty || targets.contains(where: { $0.status == "failed" }) || diagnostics.contains(where: { $0.id == "KP9004" }) {
    status = "failed"
  } else {
    status = targets.contains { $0.status == "partial" } ? "partial" : "ported"
  }
  let file = BatchFileResult(
    path: job.path, kind: job.isHeader ? "header" : nil, status: status, effort: highestEffort(diagnostics),
    headers: job.headers, diagnostics: diagnostics, targets: targets)
  return BatchWorkerResult(file: file, outputs: outputs)
}

/// The translation of a translation unit, and the front-end options of its ports.
private func translateSource(_ job: BatchJob, path: String) -> (TranslatedSource?, ConvertResult, FrontendOptions) {
  let ownership = job.portedHeaders.isEmpty ? nil : PortOwnership(portedHeaders: Set(job.portedHeaders.keys))
  let frontend = FrontendOptions(clangArguments: job.clangArguments, ownership: ownership)
  let (translated, failure) = translateForPort(path: path, frontend: frontend, ruleFiles: [])
  return (translated, failure, frontend)
}

/// The translation of a ported header in the translation unit of its first includer that
/// parses. Errors in the header itself fail it in every includer: the first includer's are
/// reported; so are they when no includer parses.
private func translateHeader(_ job: BatchJob) -> (TranslatedSource?, ConvertResult, FrontendOptions) {
  let ownership = PortOwnership(home: job.source, portedHeaders: Set(job.portedHeaders.keys).subtracting([job.source]))
  var first: (ConvertResult, FrontendOptions)?
  for context in job.contexts.prefix(4) {
    let unit = context.path.hasPrefix("_external/") ? context.source : context.path
    let frontend = FrontendOptions(clangArguments: context.clangArguments, ownership: ownership)
    let (translated, failure) = translateForPort(path: unit, frontend: frontend, ruleFiles: [], portPath: job.path)
    if let translated { return (translated, failure, frontend) }
    if first == nil { first = (failure, frontend) }
    let inHeader = failure.diagnostics.contains { diagnostic in
      guard diagnostic.severity == .error, let file = diagnostic.location.filePosition?.path else { return false }
      return resolvedPath(absolute(file, against: FileManager.default.currentDirectoryPath)) == job.source
    }
    if inHeader { break }
  }
  let frontend = first?.1 ?? FrontendOptions(clangArguments: job.clangArguments, ownership: ownership)
  return (nil, first?.0 ?? ConvertResult(exitStatus: 1), frontend)
}

/// The port names of the ported headers on `target`, when the job's translation unit has any.
private func headerPorts(of job: BatchJob, on target: TargetKind) -> HeaderPorts? {
  guard !job.portedHeaders.isEmpty else { return nil }
  let names = job.portedHeaders.mapValues { stem in
    let path = headerPortName(stem: stem, fileExtension: target.info.fileExtension)
    return path.split(separator: "/").last.map(String.init) ?? path
  }
  return HeaderPorts(names: names, isHeader: job.isHeader)
}

/// The verification and cost of one target's launches.
private struct PricedLaunches {
  var launches: [String: [BatchLaunch]] = [:]
  var diagnostics: [Diagnostic] = []
  /// The runs did not get to a comparison (a fault, a port that could not be made).
  var failed = false
  var json: String?
}

private func verifyAndPrice(source: String, specifications: String, target: TargetKind, frontend: FrontendOptions) -> PricedLaunches {
  var priced = PricedLaunches()
  // One thread per worker: the batch's parallelism is across files.
  var run = RunOptions(workerThreads: 1, frontend: frontend)
  if specifications != source { run.specificationPath = specifications }
  let options = VerifyOptions(target: target, run: run)
  let verification = verifyLaunches(path: source, options: options)
  priced.diagnostics = verification.diagnostics
  guard verification.exitStatus == 0 || verification.exitStatus == 4 else {
    priced.failed = true
    return priced
  }
  let report = costReport(pricing: verification, options: ReportOptions(verify: options))
  priced.diagnostics += report.diagnostics.filter { !verification.diagnostics.contains($0) }
  for launch in verification.launches {
    let cost = report.launches.first { $0.launch == launch.launch && $0.kernel == launch.kernel }
    priced.launches[launch.kernel, default: []].append(
      BatchLaunch(
        launch: launch.launch, equal: launch.passed, portSeconds: cost.map { jsonNumber($0.port.seconds) },
        cudaSeconds: cost.map { jsonNumber($0.cuda.seconds) }, machine: report.machines?.port.name))
  }
  if report.exitStatus == 0 { priced.json = costReportJSON(report) }
  return priced
}

/// The highest effort level among `diagnostics`' catalogue entries.
func highestEffort(_ diagnostics: [BatchDiagnostic]) -> String {
  let levels = Set(diagnostics.compactMap(\.effort))
  return Effort.allCases.reversed().first { levels.contains($0.rawValue) }?.rawValue ?? Effort.none.rawValue
}

/// Writes `text` to OUT/`relative` atomically, unless a directory on the way is a symlink that
/// leads out of OUT: then nothing is written and the KP9006 error says why.
func writeConfined(_ text: String, relative: String, into outputDirectory: String) -> Diagnostic? {
  let path = outputDirectory + "/" + relative
  let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
  do {
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
  } catch {
    return .error(.outputFailed, "cannot create '\(directory)': \(error.localizedDescription)", at: .unknown)
  }
  let resolved = resolvedPath(directory)
  guard resolved == outputDirectory || resolved.hasPrefix(outputDirectory + "/") else {
    return .error(.batchUnsafeOutputPath, "'\(relative)' would be written through a symlink to '\(resolved)', outside the output directory; nothing written", at: .unknown)
  }
  return writeAtomically(text, to: path)
}

/// A file's diagnostics over its targets: each once, with the targets that reported it, paths
/// relative to the root, remarks left out (they describe optimisations, not problems).
struct DiagnosticCollector {
  let root: String
  let file: String
  private(set) var diagnostics: [BatchDiagnostic] = []

  init(root: String, file: String) {
    self.root = root
    self.file = file
  }

  mutating func add(_ diagnostic: BatchDiagnostic) { diagnostics.append(diagnostic) }

  mutating func add(_ found: [Diagnostic], target: String) {
    for diagnostic in found where diagnostic.severity != .remark && diagnostic.severity != .note {
      var entry = BatchDiagnostic(diagnostic, file: file, targets: [target])
      entry.message = entry.message.replacingOccurrences(of: root + "/", with: "")
      // clang names a header as its includer found it (`./util.cuh`, `src/../inc/x.cuh`).
      if let path = entry.file, path.hasPrefix("/") || path.hasPrefix(".") || path.contains("/.") {
        entry.file = outputRelativePath(resolvedPath(absolute(path, against: root)), root: root)
      }
      if let index = diagnostics.firstIndex(where: { $0.sameFinding(as: entry) }) {
        if !diagnostics[index].targets.contains(target) { diagnostics[index].targets.append(target) }
      } else {
        diagnostics.append(entry)
      }
    }
  }
}

extension BatchDiagnostic {
  func sameFinding(as other: BatchDiagnostic) -> Bool {
    id == other.id && severity == other.severity && message == other.message && file == other.file && line == other.line
      && column == other.column
  }
}
