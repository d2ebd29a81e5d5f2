// The interpreter's fast paths give the same results and findings as the general per-lane
// path: uniform values computed once (and the divergence that makes a value non-uniform), the
// contiguous-range path of loads and stores (bounds checked once, shadow checked in one loop)
// with a fault in the middle of the range, and races and uninitialised reads found through it.

import Foundation
@testable import Interpreter
import KIR
import Testing

@Suite struct FastPathTests {
  @Test func uniformValuesStayExactUnderDivergence() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(int* out, int n) {
        int t = threadIdx.x;
        int v = n * 2;                 // uniform
        if (t < 5) v = 7;              // a divergent store: v is no longer uniform
        int w = n + 1;
        for (int i = 0; i < n; ++i) w += i;   // a uniform loop on a uniform local
        int c = 0;
        for (int i = 0; i < 10; ++i) {        // a divergent break: c is not uniform
          if (t == i) break;
          c += 1;
        }
        int u = 0;
        if (n > 3) u = n / 2; else u = -1;    // a uniform condition
        out[t] = v + w + 100 * c + 10000 * u;
      }
      """)
    let out = harness.buffer("out", .i32, [Int32](repeating: 0, count: 64))
    let result = try harness.run("k", block: Dim3(64), [out, .int(6)])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    let expected = (0..<64).map { t -> Int32 in
      let v: Int32 = t < 5 ? 7 : 12
      let w: Int32 = 7 + (0..<6).reduce(0, +)
      return v + w + 100 * Int32(min(t, 10)) + 10000 * 3
    }
    #expect(harness.values(out, as: Int32.self) == expected)
  }

  @Test func uniformityAnalysisFindsTheReductionStrideUniform() throws {
    let module = try moduleFromCUDA(
      source: """
        __global__ void k(float* data, int n) {
          int t = threadIdx.x;
          int m = t;
          if (t < n) m = 0;
          for (int s = blockDim.x / 2; s > 0; s >>= 1) {
            if (t < s) data[t] += data[t + s];
            __syncthreads();
          }
          data[m] = n;
        }
        """, name: "uniformity-\(UUID().uuidString).cu")
    let function = try #require(module.function(named: "k"))
    var allocas: [String: Value] = [:]
    function.body.walk { op in
      if op.opcode == .alloca, let result = op.result, let name = result.name {
        allocas[name] = result
      }
    }
    let promoted = Set(allocas.values.map { ObjectIdentifier($0) })
    let analysis = UniformityAnalysis(function: function, promoted: promoted)
    let stride = try #require(allocas["s"])
    let divergent = try #require(allocas["m"])
    #expect(analysis.isUniform(stride))
    #expect(!analysis.isUniform(divergent))
  }

  @Test func uniformDivisionByZeroNamesTheFirstActiveThread() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(int* out, int n) {
        if (threadIdx.x >= 3) out[threadIdx.x] = 10 / (n - 4);
      }
      """)
    let out = harness.buffer("out", .i32, [Int32](repeating: 0, count: 32))
    let result = try harness.run("k", [out, .int(4)])
    #expect(result.findings.map(\.kind) == [.divisionByZero])
    #expect(result.findings.first?.thread == Dim3(3, 0, 0))
    #expect(harness.values(out, as: Int32.self) == [0, 0, 0] + Array(repeating: -1, count: 29))
  }

  @Test func contiguousAccessWithAFaultInTheMiddle() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(const float* in, float* out, float* small) {
        int t = threadIdx.x;
        float v = in[t];
        out[t] = v;
        small[t] = v;
      }
      """)
    let input = (0..<20).map { Float($0) + 0.5 }
    let out = harness.buffer("out", .f32, [Float](repeating: 9, count: 32))
    let small = harness.buffer("small", .f32, [Float](repeating: 9, count: 24))
    let result = try harness.run("k", [harness.buffer("in", .f32, input), out, small])
    let kinds = result.findings.map(\.kind)
    #expect(kinds == [.outOfBounds, .outOfBounds], "\(describe(result.findings))")
    let load = try #require(result.findings.first { $0.buffer == "in" })
    #expect(load.thread == Dim3(20, 0, 0))
    #expect(load.index == 20 && load.size == 20)
    let store = try #require(result.findings.first { $0.buffer == "small" })
    #expect(store.thread == Dim3(24, 0, 0))
    #expect(store.index == 24 && store.size == 24)
    // Faulting loads give 0; the in-bounds lanes of the range move their data.
    #expect(harness.values(out, as: Float.self) == input + Array(repeating: 0, count: 12))
    #expect(harness.values(small, as: Float.self) == input + [0, 0, 0, 0])
  }

  @Test func oneStrayLaneInAContiguousStoreIsReported() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(float* out) {
        int t = threadIdx.x;
        out[t == 13 ? 1000 : t] = t;
      }
      """)
    let out = harness.buffer("out", .f32, [Float](repeating: -1, count: 32))
    let result = try harness.run("k", [out])
    #expect(result.findings.map(\.kind) == [.outOfBounds])
    #expect(result.findings.first?.thread == Dim3(13, 0, 0))
    #expect(result.findings.first?.index == 1000)
    let expected = (0..<32).map { $0 == 13 ? Float(-1) : Float($0) }
    #expect(harness.values(out, as: Float.self) == expected)
  }

  @Test func racesAndUninitialisedReadsFoundInContiguousRanges() throws {
    let harness = try KernelHarness(
      """
      __global__ void sharedRace(float* out) {
        __shared__ float s[64];
        int t = threadIdx.x;
        s[t] = t;
        if (t < 63) out[t] = s[t + 1];       // thread t reads what thread t + 1 wrote
      }
      __global__ void uninitialised(float* out) {
        __shared__ float s[64];
        int t = threadIdx.x;
        if (t < 40) s[t] = t;
        __syncthreads();
        out[t] = s[t];                       // threads 40.. read unwritten memory
      }
      __global__ void globalWriteAfterRead(float* data) {
        int t = threadIdx.x;
        float v = data[t + 1];
        data[t] = v;                          // thread 1 overwrites what thread 0 read
      }
      __global__ void sameValue(float* data) {
        int t = threadIdx.x;
        data[t] = 3.0f;
        if (t < 63) data[t + 1] = 3.0f;       // a write-write race storing the same value
      }
      """)
    let out = harness.buffer("out", .f32, [Float](repeating: 0, count: 64))
    var result = try harness.run("sharedRace", block: Dim3(64), [out])
    #expect(result.findings.map(\.kind) == [.sharedRace])
    #expect(result.findings.first?.thread == Dim3(0, 0, 0))
    #expect(result.findings.first?.severity == .error)
    #expect(result.findings.first?.message.contains("thread (1,0,0) of the same block") == true)

    result = try harness.run("uninitialised", block: Dim3(64), [out])
    #expect(result.findings.map(\.kind) == [.uninitializedRead])
    #expect(result.findings.first?.thread == Dim3(40, 0, 0))

    let data = harness.buffer("data", .f32, (0..<65).map { Float($0) })
    result = try harness.run("globalWriteAfterRead", block: Dim3(64), [data])
    #expect(result.findings.map(\.kind) == [.globalRace])
    #expect(result.findings.first?.thread == Dim3(1, 0, 0))
    #expect(result.findings.first?.message.contains("conflicts with a load") == true)

    result = try harness.run("sameValue", block: Dim3(64), [data])
    #expect(result.findings.map(\.kind) == [.globalRace])
    #expect(result.findings.first?.severity == .warning)
    #expect(!result.hasErrors)
  }

  @Test func largeBuffersStartZeroedAndRoundTrip() throws {
    // Large buffers are mapped lazily by the system: they still start zeroed.
    let harness = try KernelHarness(
      """
      __global__ void k(const float* x, float* y, int n) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        if (i < n) y[i] = 2.0f * x[i] + y[i];
      }
      """)
    let n = 1 << 21
    let x = harness.buffer("x", .f32, (0..<n).map { Float($0 % 1000) })
    let y = harness.buffer("y", .f32, [Float](repeating: 0, count: n))
    let empty = harness.memory.allocate(name: "empty", elementType: .f32, count: n)
    #expect(harness.memory.values(empty, as: Float.self).allSatisfy { $0 == 0 })
    let result = try harness.run("k", grid: Dim3(n / 256), block: Dim3(256), [x, y, .int(Int64(n))])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    let values = harness.values(y, as: Float.self)
    #expect(values.count == n)
    #expect(values.indices.allSatisfy { values[$0] == Float(2 * ($0 % 1000)) })
  }

  @Test func fastPathFindingsDoNotDependOnWorkers() throws {
    var harness = try KernelHarness(
      """
      __global__ void k(const float* in, float* out, int n) {
        __shared__ float s[128];
        int t = threadIdx.x;
        int i = blockIdx.x * blockDim.x + t;
        s[t] = i < n ? in[i] : 0.0f;
        __syncthreads();
        for (int stride = blockDim.x / 2; stride > 0; stride >>= 1) {
          if (t < stride) s[t] += s[t + stride];
          if (blockIdx.x != 5) __syncthreads();   // block 5 races
        }
        if (t == 0) out[blockIdx.x] = s[0];
        if (t == 1) out[blockIdx.x] = 1.0f;       // a write-write race in every block
      }
      """)
    let n = 128 * 16
    var reports: [[String]] = []
    var sums: [[Float]] = []
    for workers in [1, 2, 3] {
      harness.workers = workers
      let input = harness.buffer("in", .f32, (0..<n).map { Float($0 % 7) })
      let out = harness.buffer("out", .f32, [Float](repeating: 0, count: 16))
      let result = try harness.run(
        "k", grid: Dim3(16), block: Dim3(128), [input, out, .int(Int64(n))])
      reports.append(result.findings.map(\.message))
      sums.append(harness.values(out, as: Float.self))
    }
    #expect(reports[0].count >= 2, "\(reports[0])")
    #expect(reports.allSatisfy { $0 == reports[0] })
    #expect(sums.allSatisfy { $0 == sums[0] })
  }

  @Test(arguments: [Dim3(64), Dim3(8, 8)])
  func threadIndexComparesWithUniformBounds(block: Dim3) throws {
    // One-dimensional blocks fill the compare's lanes by interval; two-dimensional blocks
    // (threadIdx.x is not the lane) compare lane by lane. Both must give C's answers.
    let harness = try KernelHarness(
      """
      __global__ void k(int* out, int a, unsigned b, long long c) {
        int t = threadIdx.x;
        unsigned u = threadIdx.x;
        int bits = 0;
        if (t < a) bits |= 1;
        if (t <= a) bits |= 2;
        if (t > a) bits |= 4;
        if (t >= a) bits |= 8;
        if (t == a) bits |= 16;
        if (t != a) bits |= 32;
        if (a > t) bits |= 64;
        if (u < b) bits |= 128;
        if (b == u) bits |= 256;
        if ((long long)threadIdx.x >= c) bits |= 512;
        if (u <= b - 1u) bits |= 1024;
        out[threadIdx.y * blockDim.x + threadIdx.x] = bits;
      }
      """)
    let lanes = block.x * block.y
    for (a, b, c) in [
      (Int32(-5), UInt32(0), Int64(-1)), (0, 5, 10), (3, 0xFFFF_FFFF, 1 << 40), (63, 64, 63),
      (64, 1, 0), (1000, 7, -(1 << 40)), (Int32.min, 3, Int64.max), (Int32.max, 0x8000_0000, 5),
    ] {
      let out = harness.buffer("out", .i32, [Int32](repeating: -1, count: lanes))
      let result = try harness.run(
        "k", block: block, [out, .int(Int64(a)), .int(Int64(b)), .int(c)])
      #expect(result.findings.isEmpty, "\(describe(result.findings))")
      let expected = (0..<lanes).map { lane -> Int32 in
        let t = Int32(lane % block.x)
        let u = UInt32(t)
        var bits: Int32 = 0
        if t < a { bits |= 1 }
        if t <= a { bits |= 2 }
        if t > a { bits |= 4 }
        if t >= a { bits |= 8 }
        if t == a { bits |= 16 }
        if t != a { bits |= 32 }
        if a > t { bits |= 64 }
        if u < b { bits |= 128 }
        if b == u { bits |= 256 }
        if Int64(t) >= c { bits |= 512 }
        if u <= b &- 1 { bits |= 1024 }
        return bits
      }
      #expect(harness.values(out, as: Int32.self) == expected, "a=\(a) b=\(b) c=\(c)")
    }
  }

  @Test func branchesOnIntervalComparesAcrossCallsAndDivergence() throws {
    // An `if` on a `threadIdx.x` compare splits its lanes by the compare's interval when the
    // entry is dense (the record survives a call whose own branches compare lane by lane),
    // and by the condition's bytes when it is not (inside `t % 3 != 0`).
    let harness = try KernelHarness(
      """
      __device__ int f(int t, int k) {
        int r = 0;
        if (t > k) r = 1; else r = 2;
        return r;
      }
      __global__ void k(int* out, int a) {
        int t = threadIdx.x;
        bool low = t < a;
        bool other = t != a;
        int r = f(t, a + 3);
        int v = 0;
        if (low) v = 10; else v = 20;
        if (other) v += 1000; else v += 2000;
        if (t % 3 != 0) {
          if (t <= a) v += 100; else v += 200;
        }
        out[t] = v + r;
      }
      """)
    for a in [-3, 0, 5, 31, 40, 63, 64, 100] {
      let out = harness.buffer("out", .i32, [Int32](repeating: -1, count: 64))
      let result = try harness.run("k", block: Dim3(64), [out, .int(Int64(a))])
      #expect(result.findings.isEmpty, "\(describe(result.findings))")
      let expected = (0..<64).map { t -> Int32 in
        var v: Int32 = t < a ? 10 : 20
        v += t != a ? 1000 : 2000
        if t % 3 != 0 { v += t <= a ? 100 : 200 }
        return v + (t > a + 3 ? 1 : 2)
      }
      #expect(harness.values(out, as: Int32.self) == expected, "a=\(a)")
    }
  }
}
