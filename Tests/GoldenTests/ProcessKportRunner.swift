// ProcessKportRunner: the real KportRunner. It runs kport with Foundation's Process in the
// repository root, drains stdout and stderr on their own threads (so a chatty kport cannot fill a
// pipe and deadlock), kills it after a time limit, and keeps temporary files under
// FileManager's temporaryDirectory.

import FileCheck
import Foundation

/// Runs an executable with Foundation's `Process`, under a time limit.
struct ProcessKportRunner: KportRunner {
  /// The kport executable (any executable, in tests of the runner itself).
  let executable: URL
  /// The working directory of every command (the repository root).
  let workingDirectory: URL
  /// Seconds before a command is killed.
  let timeoutSeconds: Int

  init(executable: URL, workingDirectory: URL, timeoutSeconds: Int = 60) {
    self.executable = executable
    self.workingDirectory = workingDirectory
    self.timeoutSeconds = timeoutSeconds
  }

  func run(arguments: [String], mergingStandardError: Bool) throws(CommandRunnerError)
    -> CommandResult
  {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = workingDirectory
    process.standardInput = FileHandle.nullDevice
    let outputPipe = Pipe()
    let errorPipe = mergingStandardError ? outputPipe : Pipe()
    process.standardOutput = outputPipe
    process.standardError = errorPipe
    let exited = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in exited.signal() }
    do {
      try process.run()
    } catch {
      throw CommandRunnerError(message: "cannot start \(executable.path): \(error)")
    }
    let readers = DispatchGroup()
    let output = drain(outputPipe.fileHandleForReading, group: readers)
    let errors = mergingStandardError ? nil : drain(errorPipe.fileHandleForReading, group: readers)

    var timedOut = false
    if exited.wait(timeout: .now() + .seconds(timeoutSeconds)) == .timedOut {
      timedOut = true
      process.terminate()
      if exited.wait(timeout: .now() + .seconds(5)) == .timedOut {
        kill(process.processIdentifier, SIGKILL)
        exited.wait()
      }
    }
    // A grandchild holding the pipes open must not hang the test run either.
    _ = readers.wait(timeout: .now() + .seconds(10))

    let termination: CommandResult.Termination
    if timedOut {
      termination = .timedOut(seconds: timeoutSeconds)
    } else if process.terminationReason == .uncaughtSignal {
      termination = .signaled(process.terminationStatus)
    } else {
      termination = .exited(process.terminationStatus)
    }
    return CommandResult(
      termination: termination, standardOutput: output.bytes, standardError: errors?.bytes ?? [])
  }

  /// Reads `handle` to its end on a thread of its own. Not a GCD queue: under parallel tests on
  /// two cores the global pool can be starved, and a child blocked on a full pipe then hangs.
  private func drain(_ handle: FileHandle, group: DispatchGroup) -> ByteBox {
    let box = ByteBox()
    group.enter()
    let thread = Thread {
      box.append(handle.readDataToEndOfFile())
      group.leave()
    }
    thread.start()
    return box
  }

  func makeTemporaryFile(named name: String, contents: [UInt8]) throws(CommandRunnerError)
    -> String
  {
    // One fresh directory per file, so the file keeps its descriptive name.
    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("kport-golden-\(UUID().uuidString)", isDirectory: true)
    let file = directory.appendingPathComponent(name)
    do {
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      try Data(contents).write(to: file)
    } catch {
      throw CommandRunnerError(message: "cannot write \(file.path): \(error)")
    }
    return file.path
  }

  func removeTemporaryFile(atPath path: String) {
    let file = URL(fileURLWithPath: path)
    try? FileManager.default.removeItem(at: file)
    let directory = file.deletingLastPathComponent()
    if directory.lastPathComponent.hasPrefix("kport-golden-") {
      try? FileManager.default.removeItem(at: directory)
    }
  }
}

/// Bytes appended from a reader thread and read after it finished.
final class ByteBox: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()

  func append(_ chunk: Data) {
    lock.lock()
    defer { lock.unlock() }
    data.append(chunk)
  }

  var bytes: [UInt8] {
    lock.lock()
    defer { lock.unlock() }
    return Array(data)
  }
}
