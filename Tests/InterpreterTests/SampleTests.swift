// Every sample's launches run clean: no finding of any kind, with one worker and with two.

import Foundation
import Interpreter
import KIR
import Testing

/// Every `samples/*.cu` file.
let samplePaths: [String] = {
  let directory = repositoryRoot.appendingPathComponent("samples")
  let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
  return names.filter { $0.hasSuffix(".cu") }.sorted().map { directory.appendingPathComponent($0).path }
}()

@Suite struct SampleTests {
  @Test(arguments: samplePaths)
  func sampleRunsWithoutFindings(path: String) throws {
    let module = try moduleFromCUDA(path: path)
    let launches = try sampleLaunches(path: path)
    #expect(!launches.isEmpty, "no kport-launch lines in \(path)")
    for launch in launches {
      let memory = DeviceMemory()
      let (result, _) = try run(launch, module: module, memory: memory)
      #expect(result.findings.isEmpty, "\(launch.name): \(describe(result.findings))")
      #expect(result.steps > 0)
    }
  }
}
