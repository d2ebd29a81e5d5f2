// Structured control flow under divergent masks: if/else, loops with break and continue,
// do-while, switch with fallthrough, early returns, device calls with divergent returns.

import Foundation
import Interpreter
import KIR
import Testing

@Suite struct ControlFlowTests {
  @Test func divergentBranchesAndLoopsRunPerThread() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(int* out) {
        int t = threadIdx.x;
        int total = 0;
        for (int i = 0; i < 100; ++i) {
          if (i > t) break;
          if (i % 3 == 0) continue;
          total += i;
        }
        int j = 0;
        do { j += 2; } while (j < t);
        if (t % 2 == 0) { total = -total; } else { total += 1000; }
        out[t * 2] = total;
        out[t * 2 + 1] = j;
      }
      """)
    let out = harness.buffer("out", .i32, [Int32](repeating: 0, count: 64))
    let result = try harness.run("k", [out])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    var expected: [Int32] = []
    for t in 0..<32 {
      var total = 0
      for i in 0..<100 {
        if i > t { break }
        if i % 3 == 0 { continue }
        total += i
      }
      var j = 0
      repeat { j += 2 } while j < t
      total = t % 2 == 0 ? -total : total + 1000
      expected += [Int32(total), Int32(j)]
    }
    #expect(harness.values(out, as: Int32.self) == expected)
  }

  @Test func switchFallsThroughAndBreaks() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(int* out) {
        int t = threadIdx.x;
        int r = 0;
        switch (t % 4) {
          case 0: r = 10; break;
          case 1: r = 20;
          case 2: r += 5; break;
          default: r = -1;
        }
        out[t] = r;
      }
      """)
    let out = harness.buffer("out", .i32, [Int32](repeating: 0, count: 8))
    try harness.run("k", block: Dim3(8), [out])
    #expect(harness.values(out, as: Int32.self) == [10, 25, 5, -1, 10, 25, 5, -1])
  }

  @Test func returnedThreadsDoNotCountForBarriers() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(const int* in, int* out, int n) {
        __shared__ int s[64];
        int t = threadIdx.x;
        if (t >= n) return;
        s[t] = in[t];
        __syncthreads();
        out[t] = s[n - 1 - t];
      }
      """)
    let out = harness.buffer("out", .i32, [Int32](repeating: -1, count: 64))
    let result = try harness.run(
      "k", block: Dim3(64), [harness.buffer("in", .i32, (0..<64).map(Int32.init)), out, .int(40)])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    let values = harness.values(out, as: Int32.self)
    #expect(Array(values[0..<40]) == (0..<40).map { Int32(39 - $0) })
    #expect(Array(values[40...]) == [Int32](repeating: -1, count: 24))
  }

  @Test func deviceFunctionsReturnPerLane() throws {
    let harness = try KernelHarness(
      """
      __device__ int clampSign(int v) {
        if (v < 0) return -1;
        if (v == 0) return 0;
        return 1;
      }
      __device__ int factorial(int n) {
        int r = 1;
        for (int i = 2; i <= n; ++i) r *= i;
        return r;
      }
      __device__ void twice(int* p) { *p = *p * 2; }
      __global__ void k(const int* in, int* out) {
        int t = threadIdx.x;
        int v = in[t];
        twice(&v);
        out[t * 2] = clampSign(in[t]) * v;
        out[t * 2 + 1] = factorial(t % 6);
      }
      """)
    let input: [Int32] = [-3, 0, 4, 7, -1, 2, 0, 5]
    let out = harness.buffer("out", .i32, [Int32](repeating: 0, count: 16))
    let result = try harness.run("k", block: Dim3(8), [harness.buffer("in", .i32, input), out])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    let facts: [Int32] = [1, 1, 2, 6, 24, 120, 1, 1]
    var expected: [Int32] = []
    for (t, v) in input.enumerated() { expected += [Int32(v.signum()) * v * 2, facts[t]] }
    #expect(harness.values(out, as: Int32.self) == expected)
  }

  @Test func multiDimensionalGridsAndBlocksGiveEveryIndex() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(int* out) {
        int x = blockIdx.x * blockDim.x + threadIdx.x;
        int y = blockIdx.y * blockDim.y + threadIdx.y;
        int z = blockIdx.z * blockDim.z + threadIdx.z;
        int w = gridDim.x * blockDim.x, h = gridDim.y * blockDim.y;
        out[(z * h + y) * w + x] = x + 100 * y + 10000 * z;
      }
      """)
    let out = harness.buffer("out", .i32, [Int32](repeating: -1, count: 4 * 6 * 4))
    let result = try harness.run("k", grid: Dim3(2, 3, 2), block: Dim3(2, 2, 2), [out])
    #expect(result.findings.isEmpty)
    var expected: [Int32] = []
    for z in 0..<4 {
      for y in 0..<6 { for x in 0..<4 { expected.append(Int32(x + 100 * y + 10000 * z)) } }
    }
    #expect(harness.values(out, as: Int32.self) == expected)
    #expect(result.profile.blocks == 12)
    #expect(result.profile.threads == 96)
  }

  @Test func resultsDoNotDependOnWorkerThreads() throws {
    let source = """
      __global__ void k(const float* in, float* out, int n) {
        __shared__ float s[128];
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        s[threadIdx.x] = i < n ? in[i] * 0.5f : 0.0f;
        __syncthreads();
        for (int stride = 64; stride > 0; stride /= 2) {
          if (threadIdx.x < stride) s[threadIdx.x] += s[threadIdx.x + stride];
          __syncthreads();
        }
        if (threadIdx.x == 0) out[blockIdx.x] = s[0];
      }
      """
    var outputs: [[Float]] = []
    for workers in [1, 2, 3] {
      var harness = try KernelHarness(source)
      harness.workers = workers
      let input = (0..<5000).map { Float($0 % 97) * 0.25 }
      let out = harness.buffer("out", .f32, [Float](repeating: 0, count: 40))
      let result = try harness.run(
        "k", grid: Dim3(40), block: Dim3(128), [harness.buffer("in", .f32, input), out, .int(5000)])
      #expect(result.findings.isEmpty)
      outputs.append(harness.values(out, as: Float.self))
    }
    #expect(outputs[0] == outputs[1])
    #expect(outputs[0] == outputs[2])
  }
}
