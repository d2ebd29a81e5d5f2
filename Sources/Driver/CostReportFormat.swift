// The text and JSON forms of a cost report. The JSON schema is versioned ("kport-report/1") and
// documented in docs/cost-model.md.

import Cost
import Foundation
import Interpreter

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

/// The report as a terminal table, every figure labelled an estimate.
public func costReportText(_ result: CostReportResult) -> String {
  var lines: [String] = []
  for launch in result.launches {
    let cuda = launch.cuda
    let port = launch.port
    lines.append("launch \(launch.launch): \(launch.kernel), \(cuda.machine) \(formatSeconds(cuda.seconds)) → \(port.machine) \(formatSeconds(port.seconds)) (estimates)")
    for (name, estimate) in [(cuda.machine, cuda), (port.machine, port)] {
      let b = estimate.breakdown
      lines.append(
        "  \(name): \(formatSeconds(estimate.seconds)), \(estimate.bound.rawValue)-bound, roofline floor \(formatSeconds(estimate.rooflineFloorSeconds)) (\(Int((estimate.fractionOfFloor * 100).rounded())) % of it), \(estimate.cores) cores")
      lines.append(
        "    dma in \(formatSeconds(b.dmaIn)), dma out \(formatSeconds(b.dmaOut)), vector \(formatSeconds(b.vector)), tensor \(formatSeconds(b.tensor)), scalar \(formatSeconds(b.scalar)), sync \(formatSeconds(b.sync)), launch \(formatSeconds(b.launch))")
    }
    lines.append(
      "  off-chip \(launch.offChipBytesRead) B read, \(launch.offChipBytesWritten) B written; \(String(format: "%.3g", launch.port.arithmeticIntensity)) flop/B")
  }
  return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
}

/// The report as JSON (schema "kport-report/1").
public func costReportJSON(_ result: CostReportResult) -> String {
  func breakdown(_ b: CostBreakdown) -> [String: Double] {
    ["dma_in": b.dmaIn, "dma_out": b.dmaOut, "vector": b.vector, "tensor": b.tensor, "scalar": b.scalar, "sync": b.sync, "launch": b.launch]
  }
  func estimate(_ e: CostEstimate) -> [String: Any] {
    [
      "machine": e.machine, "estimated_seconds": e.seconds, "roofline_floor_seconds": e.rooflineFloorSeconds,
      "fraction_of_floor": e.fractionOfFloor, "bound": e.bound.rawValue, "cores": e.cores,
      "arithmetic_intensity": e.arithmeticIntensity, "breakdown": breakdown(e.breakdown),
    ]
  }
  let kernels: [[String: Any]] = result.launches.map { launch in
    var entry = estimate(launch.port)
    entry["launch"] = launch.launch
    entry["kernel"] = launch.kernel
    entry["target"] = launch.target.rawValue
    entry["bytes"] = ["offchip_read": launch.offChipBytesRead, "offchip_written": launch.offChipBytesWritten]
    var ops: [String: Int] = [:]
    for (opClass, count) in launch.operations { ops[opClass.rawValue] = count }
    entry["ops"] = ops
    entry["cuda"] = estimate(launch.cuda)
    return entry
  }
  let document: [String: Any] = ["schema": "kport-report/1", "estimates": true, "kernels": kernels]
  guard let data = try? JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys]) else {
    return "{}\n"
  }
  return String(decoding: data, as: UTF8.self) + "\n"
}
