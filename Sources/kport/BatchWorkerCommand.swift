// `kport batch-worker JOB RESULT` (hidden): the child process `kport batch` runs per file. It
// reads the job, ports the file and writes the result atomically; the parent reads a missing
// result as a crash. KPORT_BATCH_CRASH_ON=<file name> and KPORT_BATCH_HANG_ON=<file name> make
// it crash or hang on that file, so the tests provoke both honestly; only the worker reads them.
import ArgumentParser
import Driver
import Foundation

struct BatchWorkerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "batch-worker", abstract: "Port one file of a batch (run by 'kport batch').", shouldDisplay: false)

  @Argument(help: "The job file (JSON) the batch wrote.")
  var job: String

  @Argument(help: "Where to write the result (JSON).")
  var result: String

  func run() throws {
    watchParent()
    guard let data = FileManager.default.contents(atPath: job),
      let work = try? JSONDecoder().decode(BatchWorkerJob.self, from: data)
    else {
      throw ValidationError("'\(job)' is not a batch job")
    }
    let name = URL(fileURLWithPath: work.job.path).lastPathComponent
    let environment = ProcessInfo.processInfo.environment
    if environment["KPORT_BATCH_CRASH_ON"] == name {
      fatalError("KPORT_BATCH_CRASH_ON=\(name): crashing on purpose")
    }
    if environment["KPORT_BATCH_HANG_ON"] == name {
      while true { sleep(60) }
    }
    let outcome = runBatchWorker(work)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let encoded = try encoder.encode(outcome)
    if let problem = writeAtomically(encoded, to: result) {
      printDiagnostics([problem], format: .text)
      throw ExitCode(1)
    }
  }

  /// Exits as soon as the parent's end of standard input closes: the parent died, and nothing
  /// must go on writing into its output directory. Only when standard input is a pipe (the
  /// batch's lifeline); run by hand, the worker just works.
  private func watchParent() {
    var status = stat()
    guard fstat(0, &status) == 0, (status.st_mode & S_IFMT) == S_IFIFO else { return }
    let watcher = Thread {
      var byte: UInt8 = 0
      while true {
        let count = read(0, &byte, 1)
        // EINTR is no EOF: a crashing worker's backtracer signals every thread.
        if count > 0 || (count < 0 && errno == EINTR) { continue }
        _exit(137)
      }
    }
    watcher.start()
  }
}
