// The bundled machine files: every one loads and validates, every figure carries a source, and
// the figures targets.md gives are the ones in the files (targets.md A5, A13, B5, B14).
import Foundation
import KIR
import Testing

@testable import Cost

@Suite struct BundledMachinesTests {
  static let names = ["a100", "ascend310p", "ascend910b2", "ascend910b3", "mlu290", "mlu370-x8"]

  @Test func bundledFilesLoadWithoutDiagnostics() {
    #expect(bundled.1.isEmpty, "\(describe(bundled.1))")
    #expect(bundled.0.names == Self.names)
  }

  @Test(arguments: names)
  func machineIsComplete(name: String) throws {
    let machine = try machine(name)
    #expect(machine.name == name)
    #expect(!machine.title.isEmpty)
    #expect(machine.compute.clock > 0)
    #expect(machine.compute.vectorCores > 0)
    #expect(!machine.buffers.isEmpty)
    #expect(machine.offChip.bandwidth > 0)
    #expect(Set(machine.vector.throughput.keys) == Set(VectorOpClass.allCases))
    #expect(Set(machine.scalar.costs.keys) == Set(ScalarOpClass.allCases))
    #expect(!machine.vector.types.isEmpty)
    if machine.compute.tensorCores > 0 { #expect(!machine.tensor.peak.isEmpty) }
  }

  /// Every figure (every key but machine, title, target, extends) names its source.
  @Test(arguments: names)
  func everyFigureHasASource(name: String) throws {
    let machine = try machine(name)
    let (sources, _) = BundledMachines.sources()
    var figures = 0
    for source in sources where machine.files.contains(source.path) {
      let parsed = MachineFileParser.parse(source.text, path: source.path)
      for entry in parsed.entries where !["machine", "title", "target", "extends"].contains(entry.key) {
        figures += 1
        let key = entry.section.isEmpty ? entry.key : "\(entry.section).\(entry.key)"
        let provenance = try #require(machine.provenance[key], "\(key) has no provenance")
        #expect(!provenance.source.isEmpty)
      }
    }
    #expect(figures > 30)
  }

  /// Figures no source gives are marked; a file with none marked would be suspicious.
  @Test(arguments: names)
  func uncertainFiguresAreMarked(name: String) throws {
    let machine = try machine(name)
    #expect(machine.uncertainKeys.contains("dma.latency"))
    #expect(machine.uncertainKeys.contains("launch.overhead"))
    for key in machine.uncertainKeys {
      let provenance = try #require(machine.provenance[key])
      #expect(provenance.source.count > 10, "\(key): an uncertain figure must say why")
    }
  }

  @Test func mlu370x8MatchesTargetsA5AndA13() throws {
    let mlu = try machine("mlu370-x8")
    #expect(mlu.target == .bang)
    #expect(mlu.arch == "mtp_372")
    #expect(mlu.compute.clock == 1300e6)
    #expect(mlu.offChip.bandwidth == 614.4e9)
    let nram = try #require(mlu.buffer("nram"))
    #expect(nram.size == 768 * 1024)
    #expect(nram.usable == 655_360)  // guide sample MAX_NRAM_SIZE
    let sram = try #require(mlu.buffer("sram"))
    #expect(sram.usable == 4_063_232)  // guide sample MAX_SRAM_SIZE
    #expect(sram.scope == .cluster)
    #expect(mlu.buffer("wram")?.size == 1024 * 1024)
    #expect(mlu.compute.coresPerCluster == 4)
    #expect(mlu.offChip.minTransfer == 64)
    #expect(mlu.vector.repeatBytes == 128)
    #expect(mlu.vector.bytesPerCycle(.arith, .f32) == 128)
    #expect(mlu.scalar.cycles(.add) == 2)
    #expect(mlu.scalar.cycles(.div, .f16) == 8)
    #expect(mlu.scalar.cycles(.div, .f32) == 16)
    #expect(mlu.tensor.peak[.f16] == 96e12)
    #expect(mlu.provenance["compute.clusters"]?.confidence == .uncertain)
    #expect(mlu.provenance["offchip.bandwidth"]?.confidence == .src)
  }

  @Test func ascend910b2MatchesTargetsB5AndB14() throws {
    let ascend = try machine("ascend910b2")
    #expect(ascend.target == .ascendc)
    #expect(ascend.compute.clock == 1800e6)
    #expect(ascend.compute.tensorCores == 24)
    #expect(ascend.compute.vectorCores == 48)
    #expect(!ascend.compute.isCoupled)
    let ub = try #require(ascend.buffer("ub"))
    #expect(ub.size == 192 * 1024)
    #expect(ub.align == 32)
    #expect(ascend.buffer("l1")?.size == 512 * 1024)
    #expect(ascend.buffer("l0c")?.size == 128 * 1024)
    #expect(ascend.buffer("l0a")?.bandwidth == 256)
    #expect(ascend.buffer("l2")?.size == 192 * 1024 * 1024)
    #expect(ascend.offChip.minTransfer == 32)
    #expect(ascend.offChip.misalignedEfficiency == 0.7)
    #expect(ascend.dma.granule == 32)
    #expect(ascend.dma.efficientSize == 16 * 1024)
    #expect(ascend.vector.repeatBytes == 256)
    #expect(ascend.vector.maxRepeats == 255)
    #expect(ascend.vector.bytesPerCycle(.arith, .f16) == 256)
    #expect(ascend.vector.bytesPerCycle(.arith, .f64) == nil)
    #expect(ascend.provenance["vector.ops.arith"]?.confidence == .uncertain)
    let shape = try #require(ascend.tensor.shape)
    #expect(shape.m == 16 && shape.n == 16 && shape.k == 16)
    // B14: FP16 ≈ 24 × 16³ × 2 × 1.8 GHz ≈ 354 TFLOPS.
    let derived = Double(ascend.compute.tensorCores * 16 * 16 * 16 * 2) * ascend.compute.clock
    let peak = try #require(ascend.tensor.peak[.f16])
    #expect(abs(derived - peak) / peak < 0.01)
  }

  @Test func ascend910b3ExtendsB2() throws {
    let b3 = try machine("ascend910b3")
    #expect(b3.files.count == 2)
    #expect(b3.compute.tensorCores == 20)
    #expect(b3.compute.vectorCores == 40)
    #expect(b3.buffer("ub")?.size == 192 * 1024)  // inherited
    #expect(b3.provenance["buffer.ub.size"]?.origin.contains("ascend910b2") == true)
    #expect(b3.provenance["compute.clusters"]?.origin.contains("ascend910b3") == true)
    #expect(b3.provenance["compute.clock"]?.confidence == .uncertain)
  }

  @Test func ascend310pIsCoupledWithUncertainCores() throws {
    let chip = try machine("ascend310p")
    #expect(chip.compute.isCoupled)
    #expect(chip.buffer("ub")?.usable == 248 * 1024)
    #expect(chip.compute.vectorCores == 15)
    #expect(chip.provenance["compute.clusters"]?.confidence == .uncertain)
    #expect(chip.provenance["compute.extra_vector_cores"]?.confidence == .uncertain)
  }

  @Test func mlu290FiguresFromTargetsA5AndA13() throws {
    let mlu = try machine("mlu290")
    #expect(mlu.offChip.bandwidth == 1228.8e9)
    #expect(mlu.buffer("nram")?.size == 512 * 1024)
    #expect(mlu.compute.vectorCores == 64)
    #expect(mlu.tensor.peak[.f16] == nil)  // no float tensor peak is published
    #expect(mlu.provenance["compute.clock"]?.confidence == .estimate)
  }

  @Test func a100MatchesNvidiaFigures() throws {
    let gpu = try machine("a100")
    #expect(gpu.target == .cuda)
    #expect(gpu.compute.clusters == 108)
    #expect(gpu.compute.clock == 1410e6)
    #expect(gpu.offChip.bandwidth == 1555e9)
    #expect(gpu.buffer("shared")?.size == 192 * 1024)
    #expect(gpu.buffer("l2")?.size == 40 * 1024 * 1024)
    #expect(gpu.tensor.peak[.f16] == 312e12)
    // 19.5 TFLOPS FP32 = SMs × FP32 lanes (256 B/cycle / 4 B) × 2 (FMA) × clock.
    let lanes = try #require(gpu.vector.bytesPerCycle(.arith, .f32)) / 4
    let fp32 = Double(gpu.compute.vectorCores) * lanes * 2 * gpu.compute.clock
    #expect(abs(fp32 - 19.5e12) / 19.5e12 < 0.01)
    #expect(gpu.vector.bytesPerCycle(.arith, .f16) == 512)
  }

  @Test func durationsConvertWithTheClock() throws {
    let mlu = try machine("mlu370-x8")
    #expect(mlu.seconds(mlu.dma.overhead) == 64 / 1300e6)
    #expect(mlu.seconds(mlu.dma.latency) == 1e-6)
    #expect(mlu.dma.latency.cycles(atClock: mlu.compute.clock) == 1300)
  }
}
