// `kport exec`: builds a CUDA program (ExecBuild.swift) and runs it with its output and exit
// status passed through. The program reports through kport's runtime what the exit status
// cannot carry: the runtime appends `unsupported NAME` lines to the file KPORT_EXEC_REPORT names.
// Exit status: the program's; 1 the program did not build (or called an unsupported runtime
// function and still exited 0); 2 usage error; 3 a kernel faulted (the runtime stops the
// program); 128 + N the program was killed by signal N.

import Foundation
import KIR

/// How a run of a built program ended.
public struct ProgramRun: Sendable {
  public var status: Int32
  public var diagnostics: [Diagnostic] = []
}

/// A scratch directory for one build, removed by `remove()` unless kept.
public struct BuildDirectory: Sendable {
  public let path: String

  public init?() {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("kport-exec-\(UUID().uuidString)").path
    guard (try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)) != nil else {
      return nil
    }
    self.path = path
  }

  public func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// Runs the built program `executable` with `arguments`, its standard streams inherited.
public func runProgram(_ executable: String, arguments: [String], reportPath: String) -> ProgramRun {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  var environment = ProcessInfo.processInfo.environment
  environment["KPORT_EXEC_REPORT"] = reportPath
  // The Swift runtime inside kport's CUDA runtime would print its own crash report.
  if environment["SWIFT_BACKTRACE"] == nil { environment["SWIFT_BACKTRACE"] = "enable=no" }
  process.environment = environment
  do {
    try process.run()
  } catch {
    return ProgramRun(status: 1, diagnostics: [.error(.execProgramCrashed, "the program could not be started: \(error)", at: .unknown)])
  }
  process.waitUntilExit()
  var run = ProgramRun(status: process.terminationStatus)
  if process.terminationReason == .uncaughtSignal {
    let signal = process.terminationStatus
    run.status = 128 + signal
    run.diagnostics.append(
      .error(.execProgramCrashed, "the program was killed by signal \(signal) (\(signalName(signal))): a crash in its host code", at: .unknown))
  }
  let report = (try? String(contentsOfFile: reportPath, encoding: .utf8)) ?? ""
  let unsupported = report.split(separator: "\n").compactMap { line -> String? in
    line.hasPrefix("unsupported ") ? String(line.dropFirst("unsupported ".count)) : nil
  }
  if !unsupported.isEmpty {
    var names: [String] = []
    for name in unsupported where !names.contains(name) { names.append(name) }
    let status = run.status == 0 ? "; the run fails (the program exited 0)" : ""
    run.diagnostics.append(
      .error(.execUnsupportedRuntimeCall, "the program called CUDA runtime functions kport does not implement: \(names.joined(separator: ", "))\(status)", at: .unknown))
    if run.status == 0 { run.status = 1 }
  }
  return run
}

func signalName(_ signal: Int32) -> String {
  switch signal {
  case SIGSEGV: return "SIGSEGV, segmentation fault"
  case SIGBUS: return "SIGBUS, bus error"
  case SIGABRT: return "SIGABRT, abort"
  case SIGFPE: return "SIGFPE, arithmetic exception"
  case SIGILL: return "SIGILL, illegal instruction"
  case SIGKILL: return "SIGKILL"
  case SIGTERM: return "SIGTERM"
  case SIGINT: return "SIGINT"
  default: return "signal \(signal)"
  }
}
