// Block groups (Sources/Interpreter/BlockGroups.swift) must not change what a launch computes
// or reports: every sample and every defect runs with grouping on and off, and the buffers,
// findings, step counts and profiles must be the same.

import Foundation
import Interpreter
import KIR
import Testing

/// What a launch left behind, for comparing two ways of running it.
private struct Outcome: Equatable {
  var findings: [String]
  var steps: Int
  var lines: [String: LineProfile]
  var buffers: [String: [UInt8]]
  var blocksPerStep: Int

  static func == (lhs: Outcome, rhs: Outcome) -> Bool {
    lhs.findings == rhs.findings && lhs.steps == rhs.steps && lhs.lines == rhs.lines
      && lhs.buffers == rhs.buffers
  }
}

private func outcome(
  _ launch: SampleLaunch, module: Module, groupsBlocks: Bool, workers: Int = 1
) throws -> Outcome {
  let memory = DeviceMemory()
  let (result, buffers) = try run(
    launch, module: module, memory: memory, workers: workers,
    limits: ExecutionLimits(maxSteps: 50_000_000), groupsBlocks: groupsBlocks)
  var bytes: [String: [UInt8]] = [:]
  for (name, id) in buffers { bytes[name] = memory.withBytes(id) { Array($0) } }
  return Outcome(
    findings: describe(result.findings), steps: result.steps, lines: result.profile.lines,
    buffers: bytes, blocksPerStep: result.blocksPerStep)
}

@Suite struct BlockGroupTests {
  @Test(arguments: samplePaths + defectPaths)
  func groupingChangesNothing(path: String) throws {
    let module = try moduleFromCUDA(path: path)
    for launch in try sampleLaunches(path: path) {
      let alone = try outcome(launch, module: module, groupsBlocks: false)
      let grouped = try outcome(launch, module: module, groupsBlocks: true)
      #expect(alone.blocksPerStep == 1)
      #expect(alone == grouped, "\(launch.name): \(alone.findings) vs \(grouped.findings)")
      if grouped.blocksPerStep > 1 {
        let parallel = try outcome(launch, module: module, groupsBlocks: true, workers: 3)
        #expect(parallel.buffers == alone.buffers, "\(launch.name) on 3 workers")
        #expect(parallel.findings == alone.findings, "\(launch.name) on 3 workers")
      }
    }
  }

  /// Block 1 reaches the faulty store in an earlier iteration than block 0; block by block,
  /// block 0's finding (index 3) is the one kept, so a group must replace block 1's (index 2).
  @Test func aLowerBlockOfTheGroupKeepsItsFinding() throws {
    let source = """
      __global__ void late(float* out, int n) {
        for (int k = 0; k < 4; ++k) {
          if (threadIdx.x == 0 && k == 3 - (int)blockIdx.x) out[n + k - 2 * (int)blockIdx.x] = 1.0f;
        }
      }
      """
    let module = try moduleFromCUDA(source: source, name: "late-\(UUID().uuidString).cu")
    var messages: [Bool: [String]] = [:]
    for grouped in [false, true] {
      let memory = DeviceMemory()
      let out = memory.buffer("out", .f32, [Float](repeating: 0, count: 4))
      let result = try Interpreter(module: module, groupsBlocks: grouped).launch(
        kernel: "late", configuration: LaunchConfiguration(grid: Dim3(2), block: Dim3(32)),
        arguments: [.buffer(out), .int(4)], memory: memory)
      #expect(result.blocksPerStep == (grouped ? 2 : 1))
      messages[grouped] = describe(result.findings)
    }
    #expect(messages[false] == messages[true])
    #expect(messages[false]?.count == 1)
    #expect(messages[false]?.first?.contains("block (0,0,0)") == true, "\(messages)")
  }

  /// Compares of the thread index with a uniform value take the interval form per block in a
  /// group, and the branches on them run their lane-by-lane ops over each block's span when
  /// sparse. Block sizes of 32 (two blocks in a mask word) and 96 (blocks across words), a
  /// partial last group, bounds below, inside and beyond the block, and a division by zero
  /// in one branch (whose finding must name block 0's lane) must give what blocks run alone
  /// give.
  @Test func threadIndexGuardsGiveTheSameInGroups() throws {
    let source = """
      __global__ void guards(int* out, int k, int d) {
        int t = threadIdx.x;
        int at = (blockIdx.x * blockDim.x + t) * 7;
        int v = t * 3 + (int)blockIdx.x;
        out[at] = t < k ? v + 1 : -1;
        if (t <= k) out[at + 1] = v * 2; else out[at + 1] = 7;
        if (k > t) out[at + 2] = v - 4;
        if (t >= k) out[at + 3] = v ^ 5;
        if (t == k) out[at + 4] = v + 100;
        if (t != k) out[at + 5] = v * v;
        if (t < k) out[at + 6] = 1000 / (t - d);
      }
      """
    let module = try moduleFromCUDA(source: source, name: "guards-\(UUID().uuidString).cu")
    for block in [32, 96, 256] {
      for k in [-3, 0, 5, 40, 95, 96, 300] {
        var outcomes: [Bool: Outcome] = [:]
        for grouped in [false, true] {
          let memory = DeviceMemory()
          let count = 5 * block * 7
          let out = memory.buffer("out", .i32, [Int32](repeating: 0, count: count))
          let result = try Interpreter(module: module, groupsBlocks: grouped).launch(
            kernel: "guards", configuration: LaunchConfiguration(grid: Dim3(5), block: Dim3(block)),
            arguments: [.buffer(out), .int(Int64(k)), .int(2)], memory: memory)
          #expect(result.blocksPerStep == (grouped ? min(5, 1024 / block) : 1))
          outcomes[grouped] = Outcome(
            findings: describe(result.findings), steps: result.steps,
            lines: result.profile.lines, buffers: ["out": memory.withBytes(out) { Array($0) }],
            blocksPerStep: result.blocksPerStep)
        }
        #expect(outcomes[false] == outcomes[true], "block \(block), k = \(k)")
        // The division by zero is lane 2 of block 0, when that lane takes the branch.
        let findings = outcomes[false]?.findings ?? []
        #expect(findings.count == (k > 2 ? 1 : 0), "block \(block), k = \(k): \(findings)")
        if k > 2 { #expect(findings.first?.contains("block (0,0,0)") == true, "\(findings)") }
      }
    }
  }

  /// The shared-memory tree reduction is what grouping is for.
  @Test func theSharedReductionRunsInGroups() throws {
    let path = repositoryRoot.appendingPathComponent("samples/reduce_shared.cu").path
    let module = try moduleFromCUDA(path: path)
    let launches = try sampleLaunches(path: path).filter { $0.grid.count > 1 }
    #expect(!launches.isEmpty)
    for launch in launches {
      let grouped = try outcome(launch, module: module, groupsBlocks: true)
      #expect(grouped.blocksPerStep > 1, "\(launch.name) block \(launch.block)")
    }
  }
}
