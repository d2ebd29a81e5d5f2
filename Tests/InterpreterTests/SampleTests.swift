// Every sample's launches run clean: no finding of any kind, with one worker and with two, and
// with the same results either way (samples whose results depend on the order of float atomics
// across blocks excepted).

import Foundation
import Interpreter
import KIR
import Testing

/// Every `samples/*.cu` file.
let samplePaths: [String] = {
  let directory = repositoryRoot.appendingPathComponent("samples")
  let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
  return names.filter { $0.hasSuffix(".cu") }.sorted().map {
    directory.appendingPathComponent($0).path
  }
}()

@Suite struct SampleTests {
  @Test(arguments: samplePaths)
  func sampleRunsWithoutFindings(path: String) throws {
    let module = try moduleFromCUDA(path: path)
    let launches = try sampleLaunches(path: path)
    #expect(!launches.isEmpty, "no kport-launch lines in \(path)")
    for launch in launches {
      var outputs: [[String: [UInt8]]] = []
      for workers in [1, 2] {
        let memory = DeviceMemory()
        let (result, buffers) = try run(launch, module: module, memory: memory, workers: workers)
        #expect(
          result.findings.isEmpty,
          "\(launch.name), \(workers) workers: \(describe(result.findings))")
        #expect(result.steps > 0)
        outputs.append(buffers.mapValues { memory.values($0, as: UInt8.self) })
      }
      let atomicFloats = ["reduce_atomic.cu", "coop_groups_reduce.cu", "gather_scatter.cu"]
      if !atomicFloats.contains(where: path.hasSuffix) {
        #expect(outputs[0] == outputs[1], "\(launch.name): results differ between 1 and 2 workers")
      }
    }
  }
}
