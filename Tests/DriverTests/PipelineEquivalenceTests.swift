// The generic passes keep every sample's results bit for bit: each launch of each sample runs
// in the interpreter before and after the `cleanup` pipeline (inline, canonicalize, cse, dce),
// with no finding either way, and every buffer ends with the same bytes.
import Foundation
import Testing
@testable import Driver

private let samplesDirectory = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("samples")

private let sampleFiles: [String] = {
  let names = (try? FileManager.default.contentsOfDirectory(atPath: samplesDirectory.path)) ?? []
  return names.filter { $0.hasSuffix(".cu") }.sorted()
}()

@Suite struct PipelineEquivalenceTests {
  @Test func samplesAreFound() { #expect(sampleFiles.count >= 20) }

  @Test(arguments: sampleFiles)
  func cleanupKeepsResults(sample: String) throws {
    let path = samplesDirectory.appendingPathComponent(sample).path
    let before = runLaunches(path: path, options: RunOptions())
    let after = runLaunches(path: path, options: RunOptions(pipeline: "cleanup"))
    #expect(before.exitStatus == 0, "\(before.diagnostics)")
    #expect(after.exitStatus == 0, "\(after.diagnostics)")
    try #require(before.outcomes.count == after.outcomes.count)
    for (original, transformed) in zip(before.outcomes, after.outcomes) {
      #expect(transformed.findings.isEmpty, "\(sample) \(original.launch): \(transformed.findings)")
      for (a, b) in zip(original.buffers, transformed.buffers) {
        #expect(a.final == b.final, "\(sample) launch \(original.launch): buffer \(a.name) differs after cleanup")
      }
    }
  }

  @Test func badPipelineIsAUsageError() {
    let path = samplesDirectory.appendingPathComponent("saxpy.cu").path
    let result = runLaunches(path: path, options: RunOptions(pipeline: "inlne"))
    #expect(result.exitStatus == 2)
    #expect(result.diagnostics.first?.message.contains("did you mean 'inline'") == true)
  }
}
