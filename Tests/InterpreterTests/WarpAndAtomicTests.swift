// Warp-level ops (shuffles with widths, votes, ballots, activemask, syncwarp) and atomics
// (every operation, shared and global, across blocks on several workers).

import Foundation
import Interpreter
import KIR
import Testing

@Suite struct WarpTests {
  @Test func shufflesFollowCUDAWidthRules() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(int* out) {
        int lane = threadIdx.x;
        int v = lane * 10;
        out[lane * 5 + 0] = __shfl_sync(0xffffffff, v, 3);
        out[lane * 5 + 1] = __shfl_down_sync(0xffffffff, v, 2, 8);
        out[lane * 5 + 2] = __shfl_up_sync(0xffffffff, v, 3);
        out[lane * 5 + 3] = __shfl_xor_sync(0xffffffff, v, 5);
        out[lane * 5 + 4] = __shfl_sync(0xffffffff, v, lane + 1, 16);
      }
      """)
    let out = harness.buffer("out", .i32, [Int32](repeating: 0, count: 160))
    let result = try harness.run("k", [out])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    let values = harness.values(out, as: Int32.self)
    for lane in 0..<32 {
      #expect(values[lane * 5] == 30)
      let segment = lane / 8 * 8
      #expect(values[lane * 5 + 1] == Int32((lane + 2 < segment + 8 ? lane + 2 : lane) * 10))
      #expect(values[lane * 5 + 2] == Int32((lane >= 3 ? lane - 3 : lane) * 10))
      #expect(values[lane * 5 + 3] == Int32((lane ^ 5) * 10))
      #expect(values[lane * 5 + 4] == Int32((lane / 16 * 16 + (lane + 1) % 16) * 10))
    }
  }

  @Test func votesBallotsAndActiveMaskCountActiveLanes() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(const int* in, unsigned* out) {
        int lane = threadIdx.x;
        int p = in[lane];
        out[lane * 5 + 0] = __ballot_sync(0xffffffff, p);
        out[lane * 5 + 1] = __any_sync(0xffffffff, p);
        out[lane * 5 + 2] = __all_sync(0xffffffff, p);
        if (lane < 8) {
          out[lane * 5 + 3] = __activemask();
          out[lane * 5 + 4] = __all_sync(0xff, p);
        }
        __syncwarp();
      }
      """)
    var input = [Int32](repeating: 0, count: 32)
    for lane in [0, 1, 2, 3, 4, 5, 6, 7, 20] { input[lane] = 1 }
    let out = harness.buffer("out", .u32, [UInt32](repeating: 9, count: 160))
    let result = try harness.run("k", [harness.buffer("in", .i32, input), out])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    let values = harness.values(out, as: UInt32.self)
    #expect(values[0] == 0x0010_00FF)
    #expect(values[1] == 1)
    #expect(values[2] == 0)
    #expect(values[3] == 0xFF)
    #expect(values[4] == 1)
    #expect(values[8 * 5 + 3] == 9)
  }

  @Test func shufflesInsideTwoWarpsKeepToTheirWarp() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(float* out) {
        float v = threadIdx.x;
        for (int offset = 16; offset > 0; offset /= 2) v += __shfl_xor_sync(0xffffffff, v, offset);
        out[threadIdx.x] = v;
      }
      """)
    let out = harness.buffer("out", .f32, [Float](repeating: 0, count: 64))
    let result = try harness.run("k", block: Dim3(64), [out])
    #expect(result.findings.isEmpty)
    let values = harness.values(out, as: Float.self)
    #expect(Array(values[0..<32]) == [Float](repeating: 496, count: 32))
    #expect(Array(values[32..<64]) == [Float](repeating: 1520, count: 32))
  }
}

@Suite struct AtomicTests {
  @Test func everyAtomicOperation() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(int* i, unsigned* u, float* f) {
        int t = threadIdx.x;
        atomicAdd(&i[0], t);
        atomicSub(&i[1], t);
        atomicMax(&i[2], t - 10);
        atomicMin(&i[3], t - 10);
        atomicAnd(&i[4], ~(1 << t));
        atomicOr(&i[5], 1 << t);
        atomicXor(&i[6], t);
        atomicCAS(&i[7], 0, t + 1);
        atomicExch(&i[8], t);
        atomicInc(&u[0], 9u);
        atomicDec(&u[1], 9u);
        atomicAdd(&f[0], 0.5f);
      }
      """)
    let initial: [Int32] = [0, 0, 0, 0, -1, 0, 0, 0, 0]
    let ints = harness.buffer("i", .i32, initial)
    let unsigneds = harness.buffer("u", .u32, [UInt32](repeating: 0, count: 2))
    let floats = harness.buffer("f", .f32, [Float](repeating: 0, count: 1))
    let result = try harness.run("k", [ints, unsigneds, floats])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    var xor: Int32 = 0
    for t in 0..<32 { xor ^= Int32(t) }
    #expect(harness.values(ints, as: Int32.self) == [496, -496, 21, -10, 0, -1, xor, 1, 31])
    // 32 increments wrapping at 9: 32 mod 10 = 2; 32 decrements from 0 wrapping to 9: 8.
    #expect(harness.values(unsigneds, as: UInt32.self) == [2, 8])
    #expect(harness.values(floats, as: Float.self) == [16])
  }

  @Test func globalAtomicsAreAtomicAcrossBlocksAndWorkers() throws {
    var harness = try KernelHarness(
      """
      __global__ void k(unsigned long long* count, int* histogram, const int* keys) {
        int i = blockIdx.x * blockDim.x + threadIdx.x;
        atomicAdd(count, 1ull);
        __shared__ int local[8];
        if (threadIdx.x < 8) local[threadIdx.x] = 0;
        __syncthreads();
        atomicAdd(&local[keys[i] % 8], 1);
        __syncthreads();
        if (threadIdx.x < 8) atomicAdd(&histogram[threadIdx.x], local[threadIdx.x]);
      }
      """)
    harness.workers = 2
    let keys = (0..<(64 * 128)).map { Int32(($0 * 7919) % 1000) }
    let count = harness.buffer("count", .u64, [UInt64(0)])
    let histogram = harness.buffer("histogram", .i32, [Int32](repeating: 0, count: 8))
    let result = try harness.run(
      "k", grid: Dim3(64), block: Dim3(128), [count, histogram, harness.buffer("keys", .i32, keys)])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    #expect(harness.values(count, as: UInt64.self) == [UInt64(keys.count)])
    var expected = [Int32](repeating: 0, count: 8)
    for key in keys { expected[Int(key % 8)] += 1 }
    #expect(harness.values(histogram, as: Int32.self) == expected)
  }

  @Test func atomicsOnUninitialisedSharedMemoryAreReported() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(int* out) {
        __shared__ int counter;
        atomicAdd(&counter, 1);
        __syncthreads();
        if (threadIdx.x == 0) *out = counter;
      }
      """)
    let out = harness.buffer("out", .i32, [Int32(0)])
    let result = try harness.run("k", [out])
    #expect(result.findings.map(\.kind) == [.uninitializedRead])
    #expect(result.findings.first.flatMap(line(of:)) == 3)
  }
}
