// The child processes of a batch: `kport batch-worker JOB RESULT`, run in the source root, at
// most `width` at a time. Each worker's standard input is a pipe the parent never writes: when
// the parent dies (even by SIGKILL) the pipe closes and the worker exits, so a killed batch
// leaves no worker writing behind it. A worker that wrote no result crashed (KP9001); one past
// its timeout is killed (KP9002).
import Foundation
import KIR

/// What one worker produced: the file's entry, and its outputs when it finished normally (nil
/// for a crash or timeout, which are not cached).
struct WorkedFile {
  var file: BatchFileResult
  var outputs: [String]?
}

struct WorkerPool {
  let executable: String
  let root: String
  let outputDirectory: String
  let targets: [String]
  let verify: Bool
  let timeoutSeconds: Double

  private var scratch: String { outputDirectory + "/.kport-cache/work" }

  /// Runs `jobs`, calling `finished` on this thread as each ends, in the order they end.
  func run(_ jobs: [BatchJob], width: Int, finished: (BatchJob, WorkedFile) -> Void) {
    guard !jobs.isEmpty else { return }
    try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    let ended = DispatchSemaphore(value: 0)
    var running: [RunningWorker] = []
    var next = 0
    while next < jobs.count || !running.isEmpty {
      while running.count < width && next < jobs.count {
        running.append(start(jobs[next], number: next, ended: ended))
        next += 1
      }
      _ = ended.wait(timeout: .now() + 0.2)
      let now = Date()
      var still: [RunningWorker] = []
      for worker in running {
        if worker.process?.isRunning == true && now < worker.deadline {
          still.append(worker)
          continue
        }
        var timedOut = false
        if let process = worker.process, process.isRunning {
          kill(process.processIdentifier, SIGKILL)
          timedOut = true
        }
        worker.process?.waitUntilExit()
        try? worker.lifeline.fileHandleForWriting.close()
        finished(worker.job, collect(worker, timedOut: timedOut))
      }
      running = still
    }
    try? FileManager.default.removeItem(atPath: scratch)
  }

  private final class RunningWorker {
    let job: BatchJob
    let process: Process?
    let lifeline: Pipe
    let deadline: Date
    let jobPath: String
    let resultPath: String
    let errorPath: String
    let launchFailure: String?

    init(
      job: BatchJob, process: Process?, lifeline: Pipe, deadline: Date, jobPath: String, resultPath: String, errorPath: String,
      launchFailure: String?
    ) {
      self.job = job
      self.process = process
      self.lifeline = lifeline
      self.deadline = deadline
      self.jobPath = jobPath
      self.resultPath = resultPath
      self.errorPath = errorPath
      self.launchFailure = launchFailure
    }
  }

  private func start(_ job: BatchJob, number: Int, ended: DispatchSemaphore) -> RunningWorker {
    let base = "\(scratch)/\(number)"
    let jobPath = base + ".job.json"
    let resultPath = base + ".result.json"
    let errorPath = base + ".stderr"
    let lifeline = Pipe()
    // The parent's end must not leak into sibling workers, or they would keep it open.
    _ = fcntl(lifeline.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
    let work = BatchWorkerJob(job: job, root: root, outputDirectory: outputDirectory, targets: targets, verify: verify)
    var failure: String?
    var process: Process?
    if let data = try? JSONEncoder().encode(work), writeAtomically(data, to: jobPath) == nil,
      FileManager.default.createFile(atPath: errorPath, contents: nil), let errors = FileHandle(forWritingAtPath: errorPath)
    {
      let child = Process()
      child.executableURL = URL(fileURLWithPath: executable)
      child.arguments = ["batch-worker", jobPath, resultPath]
      child.currentDirectoryURL = URL(fileURLWithPath: root)
      child.standardInput = lifeline
      child.standardOutput = FileHandle.nullDevice
      child.standardError = errors
      child.terminationHandler = { _ in ended.signal() }
      do {
        try child.run()
        process = child
      } catch {
        failure = "cannot start the worker '\(executable)': \(error.localizedDescription)"
      }
      try? errors.close()
    } else {
      failure = "cannot write the worker's job under '\(scratch)'"
    }
    if failure != nil { ended.signal() }
    return RunningWorker(
      job: job, process: process, lifeline: lifeline, deadline: Date().addingTimeInterval(timeoutSeconds),
      jobPath: jobPath, resultPath: resultPath, errorPath: errorPath, launchFailure: failure)
  }

  private func collect(_ worker: RunningWorker, timedOut: Bool) -> WorkedFile {
    defer {
      for path in [worker.jobPath, worker.resultPath, worker.errorPath] { try? FileManager.default.removeItem(atPath: path) }
    }
    if !timedOut, worker.launchFailure == nil, let data = FileManager.default.contents(atPath: worker.resultPath),
      let result = try? JSONDecoder().decode(BatchWorkerResult.self, from: data)
    {
      return WorkedFile(file: result.file, outputs: result.outputs)
    }
    let diagnostic: Diagnostic
    if timedOut {
      diagnostic = .error(.batchWorkerTimedOut, "porting this file took more than \(formatTimeout(timeoutSeconds)) s; its worker was killed", at: .unknown)
    } else if let failure = worker.launchFailure {
      diagnostic = .error(.batchWorkerCrashed, failure, at: .unknown)
    } else {
      diagnostic = .error(.batchWorkerCrashed, crashMessage(worker), at: .unknown)
    }
    let job = worker.job
    let entry = BatchFileResult(
      path: job.path, kind: job.isHeader ? "header" : nil, status: "failed", effort: highestEffort(job.planDiagnostics), headers: job.headers,
      diagnostics: job.planDiagnostics + [BatchDiagnostic(diagnostic, file: job.path, targets: [])], targets: [])
    return WorkedFile(file: entry, outputs: nil)
  }

  /// How the worker ended, and the fatal-error line of its standard error when it has one
  /// (without the source position before it, which names the build machine's paths).
  private func crashMessage(_ worker: RunningWorker) -> String {
    var message = "the worker porting this file crashed"
    if let process = worker.process {
      message += process.terminationReason == .uncaughtSignal
        ? " (signal \(process.terminationStatus))" : " (exit status \(process.terminationStatus), no result)"
    }
    let errors = (try? String(contentsOfFile: worker.errorPath, encoding: .utf8)) ?? ""
    if let line = errors.split(separator: "\n").first(where: { $0.contains("Fatal error") }),
      let start = line.range(of: "Fatal error")
    {
      message += ": " + line[start.lowerBound...]
    }
    return message
  }
}

private func formatTimeout(_ seconds: Double) -> String {
  seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
}
