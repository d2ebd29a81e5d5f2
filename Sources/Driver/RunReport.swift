// What `kport run` prints: per launch a header and per buffer a summary line (checksum, min,
// max, mean, first elements), or with --dump the buffers as DIR/NAME.npy.
import Foundation
import Interpreter
import KIR

/// The FNV-1a 64-bit hash of bytes: a cheap checksum to compare runs.
func checksum(_ bytes: [UInt8]) -> UInt64 {
  var hash: UInt64 = 0xCBF2_9CE4_8422_2325
  for byte in bytes {
    hash ^= UInt64(byte)
    hash &*= 0x0000_0100_0000_01B3
  }
  return hash
}

/// The text summary of a run's launches.
public func runSummary(_ outcomes: [LaunchOutcome]) -> String {
  var out = ""
  for outcome in outcomes {
    let grid = outcome.configuration.grid
    let block = outcome.configuration.block
    let errors = outcome.findings.filter { $0.severity == .error }.count
    let warnings = outcome.findings.count - errors
    out += "launch \(outcome.launch): \(outcome.kernel) grid (\(grid.x),\(grid.y),\(grid.z)) block (\(block.x),\(block.y),\(block.z))"
    out += dynamicShared(outcome) + ": \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    out += String(format: ", ran in %.1f ms\n", outcome.seconds * 1000)
    let width = outcome.buffers.map(\.name.count).max() ?? 0
    for buffer in outcome.buffers {
      out += "  " + buffer.name.padding(toLength: width, withPad: " ", startingAt: 0)
      out += "  \(buffer.type.rawValue)[\(buffer.count)]  " + statistics(buffer) + "\n"
    }
  }
  return out
}

private func dynamicShared(_ outcome: LaunchOutcome) -> String {
  outcome.configuration.dynamicSharedBytes > 0 ? " shared \(outcome.configuration.dynamicSharedBytes)" : ""
}

private func statistics(_ buffer: BufferOutcome) -> String {
  let sum = String(checksum(buffer.final), radix: 16)
  guard buffer.count > 0 else { return "checksum \(sum)  (empty)" }
  var minimum = Double.infinity
  var maximum = -Double.infinity
  var total = 0.0
  for index in 0..<buffer.count {
    let value = elementValue(buffer.final, type: buffer.type, index: index)
    minimum = min(minimum, value)
    maximum = max(maximum, value)
    total += value
  }
  let first = (0..<min(4, buffer.count)).map { format(elementValue(buffer.final, type: buffer.type, index: $0)) }
  return "checksum \(sum)  min \(format(minimum))  max \(format(maximum))  mean \(format(total / Double(buffer.count)))  first [\(first.joined(separator: ", "))\(buffer.count > 4 ? ", ..." : "")]"
}

private func format(_ value: Double) -> String {
  if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
  return String(format: "%.6g", value)
}

/// Writes every buffer of every launch as DIR/NAME.npy (DIR/LAUNCH/NAME.npy when a run has
/// several launches), atomically. Returns the diagnostics of failed writes.
public func dumpBuffers(_ outcomes: [LaunchOutcome], to directory: String) -> [Diagnostic] {
  var failures: [Diagnostic] = []
  for outcome in outcomes {
    let folder = outcomes.count > 1 ? directory + "/" + outcome.launch : directory
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      failures.append(.error(.outputFailed, "cannot create '\(folder)': \(error.localizedDescription)", at: .unknown))
      continue
    }
    for buffer in outcome.buffers {
      let data = Npy.encode(buffer.final, type: buffer.type, count: buffer.count)
      if let failure = writeAtomically(data, to: folder + "/" + buffer.name + ".npy") { failures.append(failure) }
    }
  }
  return failures
}
