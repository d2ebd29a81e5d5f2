// Every sample runs in the interpreter with no finding and matches its independent C++
// reference, compiled here with the system g++. Expected results never come from kport.
import Foundation
import Interpreter
import KIR
import Testing
@testable import Driver

/// Samples that have a reference file.
let referencedSamples: [String] = {
  let directory = repositoryRoot.appendingPathComponent("samples")
  let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
  return names.filter { $0.hasSuffix(".cu") }.map { String($0.dropLast(3)) }.filter {
    FileManager.default.fileExists(atPath: directory.appendingPathComponent("reference/\($0).cpp").path)
  }.sorted()
}()

@Suite struct SampleReferenceTests {
  @Test func atLeastTwentySamplesHaveReferences() {
    #expect(referencedSamples.count >= 20)
  }

  @Test(arguments: referencedSamples)
  func sampleMatchesItsReference(sample: String) throws {
    let samplePath = repositoryRoot.appendingPathComponent("samples/\(sample).cu").path
    let referencePath = repositoryRoot.appendingPathComponent("samples/reference/\(sample).cpp").path
    let result = runLaunches(path: samplePath, options: RunOptions(workerThreads: 2))
    #expect(result.exitStatus == 0, "\(result.diagnostics.map { "\($0.location): \($0.message)" })")
    for outcome in result.outcomes {
      #expect(outcome.findings.isEmpty, "\(outcome.launch): \(outcome.findings.map(\.message))")
    }
    guard !result.outcomes.isEmpty else {
      Issue.record("\(sample) has no launch")
      return
    }
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("kport-ref-\(sample)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    let driver = work.appendingPathComponent("driver.cpp")
    try referenceDriver(referencePath: referencePath, outcomes: result.outcomes).write(to: driver, atomically: true, encoding: .utf8)
    let binary = work.appendingPathComponent("reference").path
    let (status, output) = try runProcess("/usr/bin/env", ["g++", "-std=c++17", "-O1", "-w", "-o", binary, driver.path])
    try #require(status == 0, "g++ failed:\n\(output)")
    let tolerancesByLaunch = tolerances(in: try String(contentsOfFile: referencePath, encoding: .utf8))
    for outcome in result.outcomes {
      let directory = work.appendingPathComponent(outcome.launch)
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      for buffer in outcome.buffers {
        try Data(buffer.initial).write(to: directory.appendingPathComponent("\(buffer.name).in"))
      }
      for symbol in outcome.symbols {
        try Data(symbol.initial).write(to: directory.appendingPathComponent("\(symbol.name).symbol"))
      }
      let (runStatus, runOutput) = try runProcess(binary, [outcome.launch, directory.path])
      try #require(runStatus == 0, "reference for \(outcome.launch) failed:\n\(runOutput)")
      let tolerance = tolerancesByLaunch[outcome.launch] ?? .exact
      for buffer in outcome.buffers {
        let expected = [UInt8](try Data(contentsOf: directory.appendingPathComponent("\(buffer.name).out")))
        let differences = mismatches(buffer.final, expected, type: buffer.type, tolerance: tolerance)
        #expect(differences.isEmpty, "\(sample)/\(outcome.launch) buffer \(buffer.name): \(differences.joined(separator: "; "))")
      }
    }
  }
}
