// The sanitizers' judgement: what is a race and what is not (barriers, __syncwarp, the same
// thread, atomics), race severities, one report per location, and the step, time and memory
// limits.

import Foundation
import Interpreter
import KIR
import Testing

@Suite struct SanitizerTests {
  @Test func barriersAndSyncwarpOrderAccesses() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(float* out) {
        __shared__ float s[64];
        int t = threadIdx.x;
        s[t] = t;
        __syncthreads();
        float left = s[(t + 63) % 64];
        __syncthreads();
        s[t] = left;
        __syncwarp();
        float mine = s[t ^ 1];
        out[t] = mine;
        out[t] = mine + 1.0f;
      }
      """)
    let out = harness.buffer("out", .f32, [Float](repeating: 0, count: 64))
    let result = try harness.run("k", block: Dim3(64), [out])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
  }

  @Test func identicalWriteWriteRacesAreWarnings() throws {
    let harness = try KernelHarness(
      """
      __global__ void same(int* out) {
        __shared__ int flag;
        flag = 1;
        __syncthreads();
        out[threadIdx.x] = flag;
      }
      __global__ void different(int* out) {
        __shared__ int flag;
        flag = threadIdx.x;
        __syncthreads();
        out[threadIdx.x] = flag;
      }
      """)
    let out = harness.buffer("out", .i32, [Int32](repeating: 0, count: 32))
    var result = try harness.run("same", [out])
    #expect(result.findings.map(\.kind) == [.sharedRace])
    #expect(result.findings.first?.severity == .warning)
    #expect(!result.hasErrors)
    result = try harness.run("different", [out])
    #expect(result.findings.map(\.kind) == [.sharedRace])
    #expect(result.findings.first?.severity == .error)
    #expect(result.hasErrors)
  }

  @Test func globalRacesWithinABlockRespectBarriers() throws {
    let harness = try KernelHarness(
      """
      __global__ void ordered(float* data) {
        int t = threadIdx.x;
        data[t] = t;
        __syncthreads();
        data[t] = data[(t + 1) % blockDim.x] * 2.0f;
      }
      __global__ void unordered(float* data) {
        int t = threadIdx.x;
        data[t] = t;
        float next = data[(t + 1) % blockDim.x];
        data[blockDim.x + t] = next;
      }
      __global__ void in_place_stencil(float* data, int n) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        if (i > 0 && i < n - 1) data[i] = 0.5f * (data[i - 1] + data[i + 1]);
      }
      """)
    let data = harness.buffer("data", .f32, [Float](repeating: 1, count: 256))
    var result = try harness.run("ordered", block: Dim3(64), [data])
    #expect(
      result.findings.map(\.kind) == [.globalRace], "barriers order reads, not the later write")
    #expect(result.findings.first.flatMap(line(of:)) == 5)
    result = try harness.run("unordered", block: Dim3(64), [data])
    #expect(result.findings.map(\.kind) == [.globalRace])
    #expect(result.findings.first.flatMap(line(of:)) == 10)
    // Within a block the store races with a neighbour's load; across blocks a load races with
    // the other block's store: both on the stencil's line.
    result = try harness.run("in_place_stencil", grid: Dim3(4), block: Dim3(64), [data, .int(256)])
    #expect(!result.findings.isEmpty)
    #expect(
      result.findings.allSatisfy {
        $0.kind == .globalRace && $0.severity == .error && line(of: $0) == 15
      })
  }

  @Test func eachFaultIsReportedOncePerLocation() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(float* out, int n) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        out[i + n] = 1.0f;
        out[i + 2 * n] = 2.0f;
      }
      """)
    let out = harness.buffer("out", .f32, [Float](repeating: 0, count: 64))
    let result = try harness.run("k", grid: Dim3(4), block: Dim3(64), [out, .int(256)])
    #expect(result.findings.count == 2)
    #expect(
      result.findings.allSatisfy {
        $0.kind == .outOfBounds && $0.block == Dim3(0, 0, 0) && $0.thread == Dim3(0, 0, 0)
      })
    #expect(Set(result.findings.compactMap(line(of:))) == [3, 4])
  }

  @Test func findingsDoNotDependOnWorkerThreads() throws {
    let source = """
      __global__ void k(float* out, int n) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        if (blockIdx.x >= 5) out[i + n] = 1.0f;
      }
      """
    var reports: [[String]] = []
    for workers in [1, 2, 4] {
      var harness = try KernelHarness(source, name: "workers.cu")
      harness.workers = workers
      let out = harness.buffer("out", .f32, [Float](repeating: 0, count: 1024))
      let result = try harness.run("k", grid: Dim3(16), block: Dim3(64), [out, .int(1024)])
      reports.append(result.findings.map(\.message))
    }
    #expect(reports[0].count == 1)
    #expect(reports[0].first?.contains("block (5,0,0)") == true)
    #expect(reports[0] == reports[1])
    #expect(reports[0] == reports[2])
  }

  @Test func limitsStopRunawayLaunchesWithAFinding() throws {
    var harness = try KernelHarness(
      """
      __global__ void spin(int* out) {
        int x = 0;
        while (x >= 0) { x = x * 1; }
        out[threadIdx.x] = x;
      }
      __global__ void greedy(float* out) {
        extern __shared__ float big[];
        big[threadIdx.x] = 1.0f;
        out[threadIdx.x] = big[threadIdx.x];
      }
      """)
    let out = harness.buffer("out", .i32, [Int32](repeating: 0, count: 32))
    harness.limits = ExecutionLimits(maxSteps: 100_000)
    var result = try harness.run("spin", [out])
    #expect(result.findings.map(\.kind) == [.stepLimit])
    #expect(result.findings.first.flatMap(line(of:)) == 3)
    #expect(result.hasErrors)
    harness.limits = ExecutionLimits(maxWallSeconds: 0.05)
    result = try harness.run("spin", [out])
    #expect(result.findings.map(\.kind) == [.timeLimit])
    harness.limits = ExecutionLimits(maxMemoryBytes: 1 << 20)
    result = try harness.run("greedy", shared: 64 << 20, [out])
    #expect(result.findings.map(\.kind) == [.memoryLimit])
    harness.limits = ExecutionLimits()
    result = try harness.run("greedy", shared: 1 << 39, [out])
    #expect(result.findings.map(\.kind) == [.memoryLimit])
  }

  @Test func crossBlockRacesAreNotReportedForFenceCommunication() throws {
    let harness = try KernelHarness(
      """
      __device__ unsigned int done = 0;
      __global__ void k(float* partial, float* total) {
        if (threadIdx.x == 0) {
          partial[blockIdx.x] = blockIdx.x;
          __threadfence();
          unsigned int ticket = atomicInc(&done, gridDim.x);
          if (ticket == gridDim.x - 1) {
            float sum = 0.0f;
            for (int b = 0; b < gridDim.x; ++b) sum += partial[b];
            *total = sum;
          }
        }
      }
      """)
    let partial = harness.buffer("partial", .f32, [Float](repeating: 0, count: 8))
    let total = harness.buffer("total", .f32, [Float(0)])
    let result = try harness.run("k", grid: Dim3(8), [partial, total])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    #expect(harness.values(total, as: Float.self) == [28])
  }
}
