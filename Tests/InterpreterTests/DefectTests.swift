// The defect catalogue: each kernel in Defects/ plants one bug, marked on its line with
// `// expect-finding: KIND`. The interpreter must report exactly those findings (kind and source
// line), as errors, and nothing else.

import Foundation
import Interpreter
import KIR
import Testing

/// Every `Defects/*.cu` file.
let defectPaths: [String] = {
  let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Defects")
  let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
  return names.filter { $0.hasSuffix(".cu") }.sorted().map {
    directory.appendingPathComponent($0).path
  }
}()

/// The `(kind, line)` pairs a defect file expects.
func expectedFindings(path: String) throws -> Set<String> {
  let text = try String(contentsOfFile: path, encoding: .utf8)
  var expected: Set<String> = []
  for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
    guard let range = line.range(of: "// expect-finding: ") else { continue }
    expected.insert(
      "\(line[range.upperBound...].trimmingCharacters(in: .whitespaces))@\(index + 1)")
  }
  return expected
}

@Suite struct DefectTests {
  @Test func theCatalogueCoversEveryRequiredDefect() throws {
    var kinds: Set<String> = []
    for path in defectPaths {
      for entry in try expectedFindings(path: path) {
        kinds.insert(String(entry.split(separator: "@")[0]))
      }
    }
    for required in [
      "out-of-bounds", "shared-race", "barrier-divergence", "uninitialized-read", "step-limit",
      "division-by-zero",
    ] {
      #expect(kinds.contains(required), "no defect plants a \(required)")
    }
    #expect(defectPaths.contains { $0.hasSuffix("missing_syncthreads.cu") })
  }

  @Test(arguments: defectPaths)
  func defectIsReportedAtItsLine(path: String) throws {
    let module = try moduleFromCUDA(path: path)
    let expected = try expectedFindings(path: path)
    #expect(!expected.isEmpty, "\(path) marks no expected finding")
    for launch in try sampleLaunches(path: path) {
      let memory = DeviceMemory()
      let (result, _) = try run(
        launch, module: module, memory: memory, limits: ExecutionLimits(maxSteps: 1_000_000))
      let found = Set(result.findings.map { "\($0.kind.rawValue)@\(line(of: $0) ?? 0)" })
      #expect(found == expected, "\(describe(result.findings))")
      if ProcessInfo.processInfo.environment["KPORT_SHOW_FINDINGS"] != nil {
        print(describe(result.findings).joined(separator: "\n"))
      }
      #expect(result.hasErrors)
      for finding in result.findings {
        #expect(finding.severity == .error)
        #expect(finding.kernel == launch.kernel)
        #expect(finding.location.filePosition?.path == path)
      }
    }
  }

  @Test func outOfBoundsNamesBufferIndexSizeThreadAndBlock() throws {
    let path = try #require(defectPaths.first { $0.hasSuffix("oob_write.cu") })
    let module = try moduleFromCUDA(path: path)
    let launch = try #require(try sampleLaunches(path: path).first)
    let (result, _) = try run(launch, module: module, memory: DeviceMemory())
    let finding = try #require(result.findings.first)
    #expect(finding.buffer == "c")
    #expect(finding.space == .global)
    #expect(finding.index == 1000)
    #expect(finding.size == 1000)
    #expect(finding.block == Dim3(3, 0, 0))
    #expect(finding.thread == Dim3(232, 0, 0))
    #expect(finding.message.hasPrefix("out-of-bounds store to 'c' at oob_write.cu:7:"))
    #expect(finding.message.contains("thread (232,0,0) block (3,0,0), index 1000, size 1000"))
  }
}
