// docs/machines.md holds the generated key tables and machine table exactly
// (MachineReference.swift); `KPORT_BLESS=1 swift test --filter CostTests` rewrites them.
import Foundation
import Testing

@testable import Cost

@Suite struct MachineReferenceTests {
  static let page = repositoryRoot.appendingPathComponent("docs/machines.md")

  /// `text` with the region between `begin` and `end` replaced by `body`, or nil when the
  /// markers are missing.
  static func replacing(_ text: String, between begin: String, and end: String, with body: String) -> String? {
    guard let start = text.range(of: begin), let stop = text.range(of: end, range: start.upperBound..<text.endIndex)
    else { return nil }
    return String(text[..<start.upperBound]) + "\n" + body + String(text[stop.lowerBound...])
  }

  @Test func pageHoldsTheGeneratedTables() throws {
    let text = try String(contentsOf: Self.page, encoding: .utf8)
    let machines = bundled.0.names.compactMap { bundled.0.machines[$0] }
    let withKeys = try #require(
      Self.replacing(text, between: MachineReference.keysBegin, and: MachineReference.keysEnd, with: MachineReference.keyTables()))
    let expected = try #require(
      Self.replacing(
        withKeys, between: MachineReference.machinesBegin, and: MachineReference.machinesEnd,
        with: MachineReference.machineTable(machines)))
    if ProcessInfo.processInfo.environment["KPORT_BLESS"] == "1", expected != text {
      try expected.write(to: Self.page, atomically: true, encoding: .utf8)
      return
    }
    #expect(expected == text, "docs/machines.md is out of date; run KPORT_BLESS=1 swift test --filter CostTests")
  }

  @Test func byteSizesUseTheLargestUnit() {
    #expect(MachineReference.bytes(768 * 1024) == "768 KiB")
    #expect(MachineReference.bytes(4 << 20) == "4 MiB")
    #expect(MachineReference.bytes(8448) == "8448 B")
  }
}
