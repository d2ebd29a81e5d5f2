// Error paths of the machine-file loader: every problem is a located diagnostic with its KP80xx
// ID, pointing at the line and column of the offending word.
import KIR
import Testing

@testable import Cost

@Suite struct MachineFileErrorTests {
  /// The only diagnostic of loading `text`, checked for ID, line and column.
  func single(_ text: String, _ id: DiagnosticID, line: Int, column: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) -> Diagnostic? {
    let (_, diagnostics) = loadAlone(text)
    #expect(diagnostics.count == 1, "\(describe(diagnostics))", sourceLocation: sourceLocation)
    guard let diagnostic = diagnostics.first else { return nil }
    #expect(diagnostic.id == id, "\(describe(diagnostics))", sourceLocation: sourceLocation)
    #expect(diagnostic.location.filePosition?.path == "test.machine", sourceLocation: sourceLocation)
    #expect(diagnostic.location.filePosition?.line == line, "\(describe(diagnostics))", sourceLocation: sourceLocation)
    if let column {
      #expect(diagnostic.location.filePosition?.column == column, "\(describe(diagnostics))", sourceLocation: sourceLocation)
    }
    return diagnostic
  }

  @Test func minimalMachineLoads() throws {
    let (catalog, diagnostics) = loadAlone(minimalMachine())
    #expect(diagnostics.isEmpty, "\(describe(diagnostics))")
    let toy = try catalog.machine(named: "toy").get()
    #expect(toy.buffer("nram")?.usable == 384 * 1024)
    #expect(toy.compute.tensorCores == 0)
    #expect(toy.vector.countMultiple == 1)
    #expect(toy.buffer("nram")?.align == 1)
  }

  @Test func syntaxErrorIsLocated() {
    let text = minimalMachine(replacing: [("clusters = 2", "clusters 2")])
    let diagnostic = single(text, .machineSyntax, line: line(of: "clusters 2", in: text), column: 10)
    #expect(diagnostic?.message.contains("expected '='") == true)
  }

  @Test func unterminatedStringIsLocated() {
    let text = minimalMachine(replacing: [("title = \"Toy\"", "title = \"Toy")])
    _ = single(text, .machineSyntax, line: 3, column: 9)
  }

  @Test func badSectionHeader() {
    let text = minimalMachine(replacing: [("[dma]", "[dma")])
    // The header is rejected, so the dma keys land in [offchip] as unknown keys too.
    let (_, diagnostics) = loadAlone(text)
    #expect(diagnostics.first?.id == .machineSyntax)
    #expect(diagnostics.first?.location.filePosition?.line == line(of: "[dma", in: text))
  }

  @Test func unknownKeySuggestsTheClosest() {
    let text = minimalMachine(replacing: [("cores_per_cluster = 4", "cores_per_clustr = 4")])
    let diagnostic = single(text, .machineUnknownKey, line: line(of: "cores_per_clustr", in: text), column: 1)
    #expect(diagnostic?.message.contains("did you mean 'cores_per_cluster'?") == true)
  }

  @Test func keyInTheWrongSectionSaysWhere() {
    let text = minimalMachine(replacing: [("[compute]\n", "[compute]\nbandwidth = 1 GB/s  // [src] x\n")])
    let diagnostic = single(text, .machineUnknownKey, line: line(of: "bandwidth = 1 GB/s", in: text))
    #expect(diagnostic?.message.contains("[offchip]") == true, "\(diagnostic?.message ?? "")")
  }

  @Test func unknownSectionSuggestsTheClosest() {
    let text = minimalMachine(replacing: [("[launch]", "[lanuch]")])
    let (_, diagnostics) = loadAlone(text)
    #expect(diagnostics.contains { $0.id == .machineUnknownSection && $0.message.contains("did you mean 'launch'?") })
  }

  @Test func missingKeyIsReportedAtItsSection() {
    let text = minimalMachine(replacing: [("bandwidth = 100 GB/s                  // [src] test\n", "")])
    let diagnostic = single(text, .machineMissingKey, line: line(of: "[offchip]", in: text))
    #expect(diagnostic?.message == "missing required key 'bandwidth' in [offchip]")
  }

  @Test func missingOpClassIsReported() {
    let text = minimalMachine(replacing: [("logic = 128 B/cycle                   // [estimate] test\n", "")])
    let diagnostic = single(text, .machineMissingKey, line: line(of: "[vector.ops]", in: text))
    #expect(diagnostic?.message.contains("'logic'") == true)
  }

  @Test func negativeValueIsRejected() {
    let text = minimalMachine(replacing: [("clusters = 2", "clusters = -2")])
    let diagnostic = single(text, .machineBadValue, line: line(of: "clusters = -2", in: text), column: 12)
    #expect(diagnostic?.message.contains("must not be negative") == true)
  }

  @Test func zeroIsRejectedWherePositiveIsNeeded() {
    let text = minimalMachine(replacing: [("bandwidth = 100 GB/s", "bandwidth = 0 GB/s")])
    let diagnostic = single(text, .machineBadValue, line: line(of: "bandwidth = 0", in: text))
    #expect(diagnostic?.message.contains("must be positive") == true)
  }

  @Test func badUnitNamesTheExpectedOnes() {
    let text = minimalMachine(replacing: [("size = 512 KiB", "size = 512 MHz")])
    let diagnostic = single(text, .machineBadUnit, line: line(of: "512 MHz", in: text), column: 12)
    #expect(diagnostic?.message.contains("expected one of B, KiB, MiB, GiB") == true)
    #expect(diagnostic?.message.contains("measures a frequency") == true)
  }

  @Test func decimalSizeUnitSuggestsBinary() {
    let text = minimalMachine(replacing: [("size = 512 KiB", "size = 512 KB")])
    let diagnostic = single(text, .machineBadUnit, line: line(of: "512 KB", in: text))
    #expect(diagnostic?.message.contains("did you mean 'KiB'?") == true)
  }

  @Test func missingUnitAndGluedUnit() {
    let missing = minimalMachine(replacing: [("clock = 1 GHz", "clock = 1000")])
    #expect(single(missing, .machineBadUnit, line: line(of: "clock = 1000", in: missing))?.message.contains("needs a unit") == true)
    let glued = minimalMachine(replacing: [("clock = 1 GHz", "clock = 1GHz")])
    #expect(single(glued, .machineBadUnit, line: line(of: "clock = 1GHz", in: glued))?.message.contains("'1 GHz'") == true)
  }

  @Test func countTakesNoUnitAndNoFraction() {
    let unit = minimalMachine(replacing: [("clusters = 2", "clusters = 2 cores")])
    _ = single(unit, .machineBadUnit, line: line(of: "clusters = 2 cores", in: unit))
    let fraction = minimalMachine(replacing: [("clusters = 2", "clusters = 2.5")])
    _ = single(fraction, .machineBadValue, line: line(of: "clusters = 2.5", in: fraction))
  }

  @Test func missingSourceIsRejected() {
    let text = minimalMachine(replacing: [("clusters = 2                          // [src] test", "clusters = 2")])
    let diagnostic = single(text, .machineMissingSource, line: line(of: "clusters = 2", in: text))
    #expect(diagnostic?.message.contains("has no source") == true)
  }

  @Test func unknownMarkAndEmptySourceAreRejected() {
    let mark = minimalMachine(replacing: [("clusters = 2                          // [src] test", "clusters = 2 // [derivd] x")])
    #expect(single(mark, .machineMissingSource, line: line(of: "clusters = 2", in: mark))?.message.contains("did you mean 'derived'?") == true)
    let empty = minimalMachine(replacing: [("clusters = 2                          // [src] test", "clusters = 2 // [estimate]")])
    #expect(single(empty, .machineMissingSource, line: line(of: "clusters = 2", in: empty))?.message.contains("and why") == true)
  }

  @Test func badChoiceSuggestsTheClosest() {
    let text = minimalMachine(replacing: [("coupling = coupled", "coupling = coupeld")])
    #expect(single(text, .machineBadValue, line: line(of: "coupeld", in: text))?.message.contains("did you mean 'coupled'?") == true)
  }

  @Test func duplicateKeyPointsAtTheSecond() {
    let text = minimalMachine(replacing: [("[compute]\n", "[compute]\nclusters = 3  // [src] x\n")])
    _ = single(text, .machineDuplicateKey, line: line(of: "clusters = 2", in: text))
  }

  @Test func percentageOver100IsRejected() {
    let text = minimalMachine(replacing: [("align = 64 B                          // [src] test\n\n[dma]", "align = 64 B  // [src] t\nmisaligned_efficiency = 170 %  // [src] t\n\n[dma]")])
    _ = single(text, .machineBadValue, line: line(of: "170 %", in: text))
  }

  @Test func inconsistentReserveAndAlignment() {
    let reserve = minimalMachine(replacing: [("reserve = 128 KiB", "reserve = 512 KiB")])
    _ = single(reserve, .machineInconsistent, line: line(of: "reserve = 512 KiB", in: reserve))
    let align = minimalMachine(replacing: [("operand_align = 64 B", "operand_align = 48 B")])
    _ = single(align, .machineInconsistent, line: line(of: "operand_align = 48 B", in: align))
    let type = minimalMachine(replacing: [("logic = 128 B/cycle", "arith.i8 = 64 B/cycle // [src] t\nlogic = 128 B/cycle")])
    _ = single(type, .machineInconsistent, line: line(of: "arith.i8", in: type))
  }

  @Test func tensorCoresNeedAPeak() {
    let text = minimalMachine(replacing: [("tensor_cores_per_cluster = 0", "tensor_cores_per_cluster = 1")])
    _ = single(text, .machineMissingKey, line: 1)
  }

  @Test func diagnosticsRenderClangStyle() {
    let text = minimalMachine(replacing: [("clusters = 2", "clusters = -2")])
    let (_, diagnostics) = loadAlone(text)
    let rendered = diagnostics.first.map { "\($0.location): \($0.severity.rawValue): \($0.message) [\($0.id?.code ?? "")]" }
    #expect(rendered?.hasPrefix("test.machine:\(line(of: "clusters = -2", in: text)):12: error:") == true)
    #expect(rendered?.hasSuffix("[KP8006]") == true)
  }
}
