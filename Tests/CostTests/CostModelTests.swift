// The cost model on hand-computed cases: a pure off-chip stream, a pure scalar loop, a pure
// vector kernel, an overlapped pipeline, a latency-bound tiny kernel, and the core count's effect.
import Cost
import Testing

/// A bundled machine (the test fails when it does not load).
private func bundledMachine(_ name: String) throws -> Machine {
  let (catalog, diagnostics) = MachineCatalog.bundled()
  #expect(diagnostics.isEmpty)
  switch catalog.machine(named: name) {
  case let .success(found): return found
  case let .failure(problem): throw MachineNotFound(message: problem.message)
  }
}

private struct MachineNotFound: Error {
  let message: String
}

@Suite struct CostModelTests {
  @Test func aLargeStreamIsMemoryBoundAtTheBandwidth() throws {
    let mlu = try bundledMachine("mlu370-x8")
    let bytes = 614_400_000  // 1 ms at 614.4 GB/s
    let work = WorkProfile(offChipBytesRead: bytes / 2, offChipBytesWritten: bytes / 2, dmaTransfers: 1000, tasks: 16)
    let estimate = CostModel.estimate(work, on: mlu)
    #expect(abs(estimate.breakdown.memory - 1e-3) < 1e-9)
    #expect(abs(estimate.breakdown.dmaIn - estimate.breakdown.dmaOut) < 1e-12)
    #expect(estimate.bound == .memory)
    #expect(abs(estimate.rooflineFloorSeconds - 1e-3) < 1e-9)
    #expect(estimate.cores == 16)
  }

  @Test func scalarOpsCostTheirCyclesSharedByTheCores() throws {
    let mlu = try bundledMachine("mlu370-x8")
    let adds = 1_300_000_000  // 2 cycles each at 1.3 GHz: 2 s on one core
    let one = CostModel.estimate(WorkProfile(scalarOps: [.add: adds], tasks: 1), on: mlu)
    #expect(abs(one.breakdown.scalar - 2.0) < 1e-9)
    #expect(one.bound == .compute)
    let four = CostModel.estimate(WorkProfile(scalarOps: [.add: adds], tasks: 4), on: mlu)
    #expect(abs(four.breakdown.scalar - 0.5) < 1e-9)
    // More tasks than cores run on the cores there are.
    let many = CostModel.estimate(WorkProfile(scalarOps: [.add: adds], tasks: 1000), on: mlu)
    #expect(many.cores == mlu.compute.vectorCores)
  }

  @Test func vectorBytesCostTheirThroughputSharedByTheCores() throws {
    let mlu = try bundledMachine("mlu370-x8")
    let rate = try #require(mlu.vector.throughput[.arith])
    // Enough result bytes for 1.3e9 cycles at the arith rate: 1 s on one core at 1.3 GHz.
    let bytes = Int(rate * 1_300_000_000)
    let one = CostModel.estimate(WorkProfile(vectorBytes: [.arith: bytes], tasks: 1), on: mlu)
    #expect(abs(one.breakdown.vector - 1.0) < 1e-9)
    #expect(one.breakdown.scalar == 0 && one.breakdown.memory == 0)
    #expect(one.bound == .compute)
    let eight = CostModel.estimate(WorkProfile(vectorBytes: [.arith: bytes], tasks: 8), on: mlu)
    #expect(abs(eight.breakdown.vector - 0.125) < 1e-9)
  }

  @Test func overlappedTransfersCostTheLongerPipe() throws {
    let ascend = try bundledMachine("ascend910b2")
    let work = WorkProfile(
      scalarOps: [.add: 1_800_000], offChipBytesRead: 1_500_000, tasks: 1, overlapsTransfers: true)
    let estimate = CostModel.estimate(work, on: ascend)
    let serial = CostModel.estimate(WorkProfile(scalarOps: [.add: 1_800_000], offChipBytesRead: 1_500_000, tasks: 1), on: ascend)
    let body = max(estimate.breakdown.memory, estimate.breakdown.compute)
    #expect(abs(estimate.seconds - (estimate.breakdown.launch + estimate.breakdown.sync + body)) < 1e-15)
    #expect(serial.seconds > estimate.seconds)
  }

  @Test func aTinyKernelIsLatencyBound() throws {
    let ascend = try bundledMachine("ascend910b2")
    let estimate = CostModel.estimate(WorkProfile(scalarOps: [.add: 10], offChipBytesRead: 64, tasks: 1), on: ascend)
    #expect(estimate.bound == .latency)
    #expect(estimate.seconds >= estimate.breakdown.launch)
    #expect(estimate.fractionOfFloor < 0.01)
  }

  @Test func scalarOffChipAccessesPayTheirLatency() throws {
    let mlu = try bundledMachine("mlu370-x8")
    let work = WorkProfile(offChipBytesRead: 4000, scalarOffChipAccesses: 1000, tasks: 1)
    let estimate = CostModel.estimate(work, on: mlu)
    #expect(abs(estimate.breakdown.memory - 1000 * mlu.seconds(mlu.scalar.global)) < 1e-12)
    #expect(estimate.bound != .memory)  // latency of single accesses, not bandwidth
  }
}
