// Every sample ports to both targets: `kport convert` emits a file that syntax-checks with clang
// against the vendor declaration headers (Tests/vendor-headers/check.sh), and `kport verify`
// finds the port's buffers equal to the CUDA kernel's, launch by launch, within the per-type
// tolerances. The cost report of the same runs (`kport report`, text and JSON) is compared with
// Tests/golden/Reports/NAME.TARGET.txt and .json; KPORT_BLESS=1 rewrites them. A sample a
// target refuses is listed with the diagnostic that says why.
import Foundation
import Interpreter
import KIR
import Targets
import Testing
@testable import Driver

private let repository = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let samplesDirectory = repository.appendingPathComponent("samples")
private let reportsDirectory = repository.appendingPathComponent("Tests/golden/Reports")

private let sampleFiles: [String] = {
  let names = (try? FileManager.default.contentsOfDirectory(atPath: samplesDirectory.path)) ?? []
  return names.filter { $0.hasSuffix(".cu") }.sorted()
}()

private struct SampleTarget: CustomTestStringConvertible, Sendable {
  let sample: String
  let target: TargetKind
  var testDescription: String { "\(sample) → \(target)" }
}

private let cases: [SampleTarget] = sampleFiles.flatMap { sample in
  TargetKind.allCases.map { SampleTarget(sample: sample, target: $0) }
}

/// Samples a target refuses, with the ID of the diagnostic that says why.
private let refusals: [String: String] = [:]

@Suite struct PortTests {
  @Test func everySampleIsCovered() { #expect(cases.count >= 2 * 20) }

  @Test(arguments: cases)
  fileprivate func portVerifies(_ item: SampleTarget) {
    let path = samplesDirectory.appendingPathComponent(item.sample).path
    var run = RunOptions()
    run.workerThreads = 2
    let result = verifyLaunches(path: path, options: VerifyOptions(target: item.target, run: run))
    if let refusal = refusals["\(item.sample) \(item.target)"] {
      #expect(result.exitStatus == 1)
      #expect(result.diagnostics.contains { $0.id?.code == refusal }, "\(result.diagnostics)")
      return
    }
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(result.exitStatus == 0, "\(item.testDescription): \(errors)\n\(verificationReport(result, target: item.target))")
    #expect(!result.launches.isEmpty)
    let report = costReport(pricing: result, options: ReportOptions(verify: VerifyOptions(target: item.target, run: run)))
    #expect(report.exitStatus == 0, "\(report.diagnostics)")
    #expect(report.launches.count == result.launches.count)
    let stem = URL(fileURLWithPath: item.sample).deletingPathExtension().lastPathComponent + ".\(item.target.rawValue)"
    compareWithGolden(costReportText(report), reportsDirectory.appendingPathComponent(stem + ".txt"))
    compareWithGolden(costReportJSON(report), reportsDirectory.appendingPathComponent(stem + ".json"))
  }

  @Test(arguments: cases)
  fileprivate func portSyntaxChecks(_ item: SampleTarget) throws {
    let path = samplesDirectory.appendingPathComponent(item.sample).path
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kport-port-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = convert(path: path, options: ConvertOptions(target: item.target, outputDirectory: directory.path))
    if let refusal = refusals["\(item.sample) \(item.target)"] {
      #expect(result.exitStatus == 1)
      #expect(result.diagnostics.contains { $0.id?.code == refusal })
      return
    }
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(result.exitStatus == 0, "\(item.testDescription): \(errors)")
    let output = try #require(result.outputPath)
    #expect(output.hasSuffix(".\(item.target.info.fileExtension)"))
    let check = try runCheckScript(target: item.target, file: output)
    #expect(check.status == 0, "\(item.testDescription):\n\(check.output)")
  }

  @Test func convertRefusesAnUnknownKernel() {
    let path = samplesDirectory.appendingPathComponent("saxpy.cu").path
    let result = convert(path: path, options: ConvertOptions(target: .bang, kernel: "nope"))
    #expect(result.exitStatus == 2)
    #expect(result.diagnostics.first?.message.contains("kernels: saxpy") == true)
  }

  @Test func aDeducedKernelTemplateLaunchInAHostTemplateIsLeftWithKP6004() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kport-deduced-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let path = directory.appendingPathComponent("deduced.cu").path
    try """
      template <typename T> __global__ void fill(T *x, T v) { x[threadIdx.x] = v; }
      template <typename T> void run(T *x, T v) { fill<<<1, 32>>>(x, v); }
      int main() { float *d = nullptr; run(d, 1.0f); fill<float><<<1, 32>>>(d, 2.0f); return 0; }

      """.write(toFile: path, atomically: true, encoding: .utf8)
    let result = convert(path: path, options: ConvertOptions(target: .bang))
    let errors = result.diagnostics.filter { $0.severity == .error }
    #expect(errors.compactMap { $0.id?.code } == ["KP6004"])
    #expect(errors.first?.location.filePosition?.line == 2)
    #expect(result.text?.contains("fill<<<1, 32>>>(x, v) /* kport: KP6004 ") == true, "\(result.text ?? "")")
    #expect(result.text?.contains("fill_float<<<kport_task_dim(kport_grid)") == true)
  }

  @Test func convertWritesOnlyTheNamedOutput() throws {
    let path = samplesDirectory.appendingPathComponent("saxpy.cu").path
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kport-out-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    let result = convert(path: path, options: ConvertOptions(target: .ascendc, outputDirectory: directory.path))
    #expect(result.exitStatus == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["saxpy.asc"])
  }
}

/// Compares `actual` with a golden file, or rewrites the file under KPORT_BLESS=1.
private func compareWithGolden(_ actual: String, _ file: URL) {
  if ProcessInfo.processInfo.environment["KPORT_BLESS"] == "1" {
    try? FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    #expect((try? actual.write(to: file, atomically: true, encoding: .utf8)) != nil, "cannot write \(file.path)")
    return
  }
  let expected = try? String(contentsOf: file, encoding: .utf8)
  #expect(expected == actual, "\(file.lastPathComponent) differs (KPORT_BLESS=1 rewrites it):\n\(actual)")
}

/// Runs Tests/vendor-headers/check.sh on one file.
private func runCheckScript(target: TargetKind, file: String) throws -> (status: Int32, output: String) {
  let script = repository.appendingPathComponent("Tests/vendor-headers/check.sh")
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/bin/bash")
  process.arguments = [script.path, target.rawValue, file]
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  return (process.terminationStatus, output)
}
