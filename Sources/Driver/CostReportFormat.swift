// The text and JSON forms of a cost report. The JSON schema is versioned ("kport-report/1") and
// documented in docs/cost-model.md; the HTML form is in CostReportHTML.swift.

import Cost
import Foundation
import Interpreter

/// The forms a report is written in.
public enum ReportFormat: String, CaseIterable, Sendable {
  case text, json, html

  /// The form a file name asks for: `.json`, `.html` or `.htm`, else text.
  public init(forPath path: String) {
    switch URL(fileURLWithPath: path).pathExtension.lowercased() {
    case "json": self = .json
    case "html", "htm": self = .html
    default: self = .text
    }
  }
}

/// `1.23 µs`, `4.56 ms`, `7.8 s`.
func formatSeconds(_ seconds: Double) -> String {
  switch seconds {
  case 0: return "0"
  // (Thresholds just below each unit, so that 999.7 ns prints as 1 µs, not 1e+03 ns.)
  case ..<9.995e-7: return String(format: "%.3g ns", seconds * 1e9)
  case ..<9.995e-4: return String(format: "%.3g µs", seconds * 1e6)
  case ..<0.9995: return String(format: "%.3g ms", seconds * 1e3)
  default: return String(format: "%.3g s", seconds)
  }
}

/// `512 B`, `4 KiB`, `1.5 MiB`.
func formatBytes(_ bytes: Int) -> String {
  switch bytes {
  case ..<1024: return "\(bytes) B"
  case ..<(1024 * 1024): return String(format: "%.3g KiB", Double(bytes) / 1024)
  default: return String(format: "%.3g MiB", Double(bytes) / (1024 * 1024))
  }
}

/// `12 %`, or `<1 %` for a small non-zero share.
func formatShare(_ share: Double) -> String {
  let percent = share * 100
  return percent > 0 && percent < 0.5 ? "<1 %" : "\(Int(percent.rounded())) %"
}

/// A machine's files for the provenance line: bundled files by name, a user's by path.
func machineFileLabels(_ machine: Machine) -> [String] {
  let bundled = BundledMachines.directory()?.standardizedFileURL.path
  return machine.files.map { path in
    let url = URL(fileURLWithPath: path).standardizedFileURL
    if let bundled, url.deletingLastPathComponent().path == bundled { return "\(url.lastPathComponent) (bundled)" }
    return path
  }
}

/// "Estimates by kport 0.1.0 from ..." naming the machine files.
func reportProvenance(_ result: CostReportResult) -> String {
  var files: [String] = []
  if let machines = result.machines {
    for label in machineFileLabels(machines.port) + machineFileLabels(machines.cuda) where !files.contains(label) {
      files.append(label)
    }
  }
  let from = files.isEmpty ? "" : " from machine files " + files.joined(separator: ", ")
  return "estimates by kport \(kportVersion)\(from); the interpreter's counts priced by the cost model, not measured on hardware"
}

/// The hot lines of a launch, as `file:line share (time)`, at most `limit`.
func hotLines(_ lines: [LineCost], limit: Int) -> String {
  lines.prefix(limit).map { "\($0.line) \(formatShare($0.share)) (\(formatSeconds($0.seconds)))" }.joined(separator: ", ")
}

/// The report as a terminal table, every figure labelled an estimate.
public func costReportText(_ result: CostReportResult) -> String {
  var lines: [String] = []
  for launch in result.launches {
    let cuda = launch.cuda
    let port = launch.port
    lines.append("launch \(launch.launch): \(launch.kernel), \(cuda.machine) \(formatSeconds(cuda.seconds)) → \(port.machine) \(formatSeconds(port.seconds)) (estimates)")
    for (estimate, hot) in [(cuda, launch.cudaLines), (port, launch.lines)] {
      let b = estimate.breakdown
      lines.append(
        "  \(estimate.machine): \(formatSeconds(estimate.seconds)), \(estimate.bound.rawValue)-bound, roofline floor \(formatSeconds(estimate.rooflineFloorSeconds)) (\(formatShare(estimate.fractionOfFloor)) of it), \(estimate.cores) cores")
      lines.append(
        "    dma in \(formatSeconds(b.dmaIn)), dma out \(formatSeconds(b.dmaOut)), vector \(formatSeconds(b.vector)), tensor \(formatSeconds(b.tensor)), scalar \(formatSeconds(b.scalar)), sync \(formatSeconds(b.sync)), launch \(formatSeconds(b.launch))")
      if !hot.isEmpty { lines.append("    hot lines: \(hotLines(hot, limit: 3))") }
    }
    let bytes = launch.bytes
    lines.append(
      "  bytes: off-chip \(bytes.offChipRead) read, \(bytes.offChipWritten) written; on-chip \(bytes.onChipRead) read, \(bytes.onChipWritten) written; \(String(format: "%.3g", launch.port.arithmeticIntensity)) flop/B")
    if let onChip = launch.onChip {
      let fraction = onChip.capacity > 0 ? Double(onChip.bytes) / Double(onChip.capacity) : 0
      lines.append(
        "  on-chip: \(formatBytes(onChip.bytes)) of \(formatBytes(onChip.capacity)) \(onChip.memory) (\(formatShare(fraction))): \(formatBytes(onChip.sharedBytes)) shared buffers, \(formatBytes(onChip.arrayBytes)) per-thread arrays")
    }
  }
  if !lines.isEmpty { lines.append(reportProvenance(result)) }
  return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
}

/// The remarks of a report's pipeline runs (what tile-global-access and vectorize did with each
/// loop, or why not), as `file.cu:LINE:COL`, ID and message, in pass order, each once.
func reportRemarks(_ result: CostReportResult) -> [(location: String, id: String, message: String)] {
  var seen: Set<String> = []
  var remarks: [(location: String, id: String, message: String)] = []
  for diagnostic in result.diagnostics where diagnostic.severity == .remark {
    let position = diagnostic.location.filePosition
    let file = position.map { String($0.path.split(separator: "/").last ?? "") } ?? ""
    let location = position.map { "\(file):\($0.line):\($0.column)" } ?? ""
    let key = location + diagnostic.message
    guard seen.insert(key).inserted else { continue }
    remarks.append((location, diagnostic.id?.code ?? "", diagnostic.message))
  }
  return remarks
}

/// A figure at six significant digits: the model's inputs carry fewer, and the JSON stays stable.
func jsonNumber(_ value: Double) -> Double {
  Double(String(format: "%.6g", value)) ?? value
}

/// The report as JSON (schema "kport-report/1").
public func costReportJSON(_ result: CostReportResult) -> String {
  func breakdown(_ b: CostBreakdown) -> [String: Double] {
    [
      "dma_in": b.dmaIn, "dma_out": b.dmaOut, "vector": b.vector, "tensor": b.tensor, "scalar": b.scalar, "sync": b.sync,
      "launch": b.launch,
    ].mapValues(jsonNumber)
  }
  func lines(_ costs: [LineCost]) -> [[String: Any]] {
    costs.map { ["line": $0.line, "seconds": jsonNumber($0.seconds), "share": jsonNumber($0.share)] }
  }
  func estimate(_ e: CostEstimate, _ perLine: [LineCost]) -> [String: Any] {
    [
      "machine": e.machine, "estimated_seconds": jsonNumber(e.seconds),
      "roofline_floor_seconds": jsonNumber(e.rooflineFloorSeconds), "fraction_of_floor": jsonNumber(e.fractionOfFloor),
      "bound": e.bound.rawValue, "cores": e.cores, "arithmetic_intensity": jsonNumber(e.arithmeticIntensity),
      "breakdown": breakdown(e.breakdown), "lines": lines(perLine),
    ]
  }
  let kernels: [[String: Any]] = result.launches.map { launch in
    var entry = estimate(launch.port, launch.lines)
    entry["launch"] = launch.launch
    entry["kernel"] = launch.kernel
    entry["target"] = launch.target.rawValue
    let b = launch.bytes
    entry["bytes"] = [
      "offchip_read": b.offChipRead, "offchip_written": b.offChipWritten, "onchip_read": b.onChipRead,
      "onchip_written": b.onChipWritten, "local_read": b.localRead, "local_written": b.localWritten,
    ]
    var ops: [String: Int] = [:]
    for (opClass, count) in launch.operations { ops[opClass.rawValue] = count }
    entry["ops"] = ops
    if let onChip = launch.onChip {
      entry["onchip"] = [
        "memory": onChip.memory, "bytes": onChip.bytes, "shared_bytes": onChip.sharedBytes,
        "array_bytes": onChip.arrayBytes, "capacity_bytes": onChip.capacity,
      ] as [String: Any]
    }
    entry["cuda"] = estimate(launch.cuda, launch.cudaLines)
    return entry
  }
  var machineFiles: [String: [String]] = [:]
  if let machines = result.machines {
    machineFiles = ["port": machineFileLabels(machines.port), "cuda": machineFileLabels(machines.cuda)]
  }
  let remarks: [[String: String]] = reportRemarks(result).map { ["location": $0.location, "id": $0.id, "message": $0.message] }
  let document: [String: Any] = [
    "schema": "kport-report/1", "estimates": true, "kport_version": kportVersion, "machine_files": machineFiles,
    "kernels": kernels, "remarks": remarks,
  ]
  guard let data = try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys]) else {
    return "{}\n"
  }
  return String(decoding: data, as: UTF8.self) + "\n"
}

/// The report in `format`; HTML needs the sources it shows.
public func renderCostReport(_ result: CostReportResult, format: ReportFormat, sources: ReportSources) -> String {
  switch format {
  case .text: return costReportText(result)
  case .json: return costReportJSON(result)
  case .html: return costReportHTML(result, sources: sources)
  }
}
