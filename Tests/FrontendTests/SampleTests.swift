// Every bundled sample translates without errors, verifies, and round-trips through the text form.
import Driver
import Foundation
import Frontend
import KIR
import Testing

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// Every `samples/*.cu` file.
let samplePaths: [String] = {
  let directory = repositoryRoot.appendingPathComponent("samples")
  let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
  return names.filter { $0.hasSuffix(".cu") }.sorted().map { directory.appendingPathComponent($0).path }
}()

@Suite struct SampleTests {
  @Test func thereAreAtLeastFifteenSamples() {
    #expect(samplePaths.count >= 15)
  }

  @Test(arguments: samplePaths)
  func sampleTranslatesVerifiesAndRoundTrips(path: String) throws {
    let result = runIR(path: path, options: IRJobOptions())
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(errors.isEmpty, "\(errors.map { "\($0.location): \($0.message)" })")
    #expect(result.output.contains("kernel @"))
    let (reparsed, parseDiagnostics) = parseModule(result.output, path: "roundtrip.kir")
    #expect(parseDiagnostics.isEmpty, "\(parseDiagnostics.map(\.message))")
    let module = try #require(reparsed)
    #expect(verify(module).isEmpty)
    #expect(printModule(module) == result.output)
  }

  @Test(arguments: samplePaths)
  func sampleRecordsItsLaunches(path: String) throws {
    let result = CUDAFrontend.translate(path: path)
    let module = try #require(result.module)
    let launches = module.hostRecords.filter { $0.kind == .launch }
    #expect(!launches.isEmpty, "no launch recorded in \(path)")
    for launch in launches where launch.attributes["dependent"] == nil {
      #expect(module.functions.contains { $0.name == launch.name && $0.kind == .kernel }, "launch of \(launch.name) has no kernel")
      #expect(launch.range.end.offset > launch.range.start.offset)
    }
  }
}
