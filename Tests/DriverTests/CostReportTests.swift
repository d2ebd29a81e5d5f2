// The cost report's parts on small kernels: per-line costs add up to the estimate, the on-chip
// footprint of a shared buffer, the file forms `--report FILE` picks, and the HTML page's
// pieces (escaping, the port comment each port line is shaded by).
import Foundation
import Interpreter
import Testing

@testable import Driver

/// A block-sum kernel with its launch (the `kport report` golden test's input).
private let blockSum = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("golden/Driver/report.cu").path

/// The lines of `path` from its `__global__` line to the end.
private func kernelLines(_ path: String) throws -> ClosedRange<Int> {
  let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
  let first = try #require(lines.firstIndex { $0.hasPrefix("__global__") })
  return (first + 1)...lines.count
}

@Suite struct CostReportTests {
  @Test func lineCostsShareTheEstimateOutsideTheLaunch() throws {
    let path = blockSum
    let kernel = try kernelLines(path)
    let result = costReport(path: path, options: ReportOptions(verify: VerifyOptions(target: .bang)))
    #expect(result.exitStatus == 0, "\(result.diagnostics)")
    let launch = try #require(result.launches.first)
    for (lines, estimate) in [(launch.lines, launch.port), (launch.cudaLines, launch.cuda)] {
      #expect(!lines.isEmpty)
      let sum = lines.reduce(0) { $0 + $1.seconds }
      let body = estimate.seconds - estimate.breakdown.launch
      #expect(abs(sum - body) <= 1e-9 * max(1, body))
      #expect(abs(lines.reduce(0) { $0 + $1.share } - 1) < 1e-9)
      #expect(zip(lines, lines.dropFirst()).allSatisfy { $0.share >= $1.share })
      #expect(lines.allSatisfy { kernel.contains($0.number) }, "\(lines.map(\.line)) outside \(kernel)")
    }
    // The shared array of 64 floats, and the buffer of max_threads (1024) floats that
    // stage-global-access stages the input through.
    let onChip = try #require(launch.onChip)
    #expect(onChip.sharedBytes == 256 + 4096)
    #expect(onChip.arrayBytes == 0)
    #expect(onChip.memory == "nram")
    #expect(onChip.capacity > 256)
  }

  @Test func reportsAreTheSameOnEveryRun() throws {
    let path = blockSum
    var one = RunOptions()
    one.workerThreads = 1
    var four = RunOptions()
    four.workerThreads = 4
    let first = costReport(path: path, options: ReportOptions(verify: VerifyOptions(target: .ascendc, run: one)))
    let second = costReport(path: path, options: ReportOptions(verify: VerifyOptions(target: .ascendc, run: four)))
    #expect(costReportJSON(first) == costReportJSON(second))
    #expect(costReportText(first) == costReportText(second))
  }

  @Test func theFileNamePicksTheForm() {
    #expect(ReportFormat(forPath: "out/r.json") == .json)
    #expect(ReportFormat(forPath: "r.HTML") == .html)
    #expect(ReportFormat(forPath: "r.htm") == .html)
    #expect(ReportFormat(forPath: "r.txt") == .text)
    #expect(ReportFormat(forPath: "report") == .text)
  }

  @Test func writtenReportsTakeTheirFileForm() throws {
    let path = blockSum
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kport-reports-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let options = ReportOptions(verify: VerifyOptions(target: .bang))
    let result = costReport(path: path, options: options)
    for name in ["r.json", "r.html", "r.txt"] {
      let file = directory.appendingPathComponent(name).path
      let sources = reportSources(path: path, format: ReportFormat(forPath: file), options: options)
      #expect(writeCostReport(result, to: file, sources: sources) == nil)
    }
    let json = try String(contentsOfFile: directory.appendingPathComponent("r.json").path, encoding: .utf8)
    let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    #expect(parsed["schema"] as? String == "kport-report/1")
    #expect(parsed["kport_version"] as? String == kportVersion)
    let html = try String(contentsOfFile: directory.appendingPathComponent("r.html").path, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<svg"))
    #expect(html.contains("s[threadIdx.x] += s[threadIdx.x + stride];"))
    #expect(html.contains("__mlu_global__"), "the port's device code is shown")
    #expect(!html.contains("<script"))
    let text = try String(contentsOfFile: directory.appendingPathComponent("r.txt").path, encoding: .utf8)
    #expect(text == costReportText(result))
    // Nothing else was written beside them.
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["r.html", "r.json", "r.txt"])
  }

  @Test func aPortLineIsShadedByTheCudaLineItsCommentNames() {
    #expect(portLineSource("  float x = in[i];  // saxpy.cu:12") == "saxpy.cu:12")
    #expect(portLineSource("  x = 1;  // not a location") == nil)
    #expect(portLineSource("  return;") == nil)
    #expect(portLineSource("  y = 2;  // see notes:3") == nil, "a comment with a space before the colon is prose")
  }

  @Test func sourceTextIsEscaped() {
    #expect(htmlEscaped("a < b && c > \"d\"") == "a &lt; b &amp;&amp; c &gt; &quot;d&quot;")
  }
}
