// Memory: local arrays and structs in local memory, vector and struct loads and stores,
// pointer arithmetic and casts, dynamic shared memory, `__constant__` and `__device__` globals,
// and the out-of-bounds and unallocated checks of every space.

import Foundation
import Interpreter
import KIR
import Testing

@Suite struct MemoryTests {
  @Test func localArraysStructsAndVectors() throws {
    let harness = try KernelHarness(
      """
      struct Pair { float a; int b; double c; };
      __global__ void k(const float4* in, float4* out, Pair* pairs) {
        int t = threadIdx.x;
        float acc[4];
        for (int i = 0; i < 4; ++i) acc[i] = (float)(t * i);
        float4 v = in[t];
        v.x += acc[1]; v.y += acc[2]; v.z += acc[3]; v.w = acc[0];
        out[t] = v;
        Pair p = pairs[t];
        p.a = v.x; p.b = t; p.c = 0.5 * t;
        pairs[t].a = p.a; pairs[t].b = p.b; pairs[t].c = p.c;
      }
      """)
    let input = (0..<16).map { Float($0) }
    let out = harness.buffer("out", .f32, [Float](repeating: 0, count: 16))
    let pairs = harness.buffer("pairs", .u8, [UInt8](repeating: 0, count: 16 * 4))
    let result = try harness.run(
      "k", block: Dim3(4), [harness.buffer("in", .f32, input), out, pairs])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    var expected: [Float] = []
    for t in 0..<4 {
      let base = 4 * t
      let row: [Float] = [
        input[base] + Float(t), input[base + 1] + Float(2 * t), input[base + 2] + Float(3 * t), 0,
      ]
      expected += row
    }
    #expect(harness.values(out, as: Float.self) == expected)
    let bytes = harness.values(pairs, as: UInt8.self)
    bytes.withUnsafeBytes { raw in
      for t in 0..<4 {
        #expect(raw.load(fromByteOffset: t * 16, as: Float.self) == expected[4 * t])
        #expect(raw.load(fromByteOffset: t * 16 + 4, as: Int32.self) == Int32(t))
        #expect(raw.load(fromByteOffset: t * 16 + 8, as: Double.self) == 0.5 * Double(t))
      }
    }
  }

  @Test func pointerArithmeticCastsAndDifferences() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(int* data, long long* out) {
        int* p = data + threadIdx.x * 2;
        int* q = p + 1;
        out[threadIdx.x * 3] = q - data;
        char* bytes = (char*)q;
        out[threadIdx.x * 3 + 1] = *(int*)(bytes - 4);
        unsigned long long address = (unsigned long long)p;
        out[threadIdx.x * 3 + 2] = *(int*)(address + 4);
      }
      """)
    let data = harness.buffer("data", .i32, (0..<8).map { Int32($0 * 10) })
    let out = harness.buffer("out", .i64, [Int64](repeating: 0, count: 12))
    let result = try harness.run("k", block: Dim3(4), [data, out])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    #expect(harness.values(out, as: Int64.self) == [1, 0, 10, 3, 20, 30, 5, 40, 50, 7, 60, 70])
  }

  @Test func dynamicSharedMemoryIsSizedByTheLaunch() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(float* out, int n) {
        extern __shared__ float smem[];
        float* a = smem;
        float* b = smem + n;
        a[threadIdx.x] = threadIdx.x;
        b[threadIdx.x] = 2 * threadIdx.x;
        __syncthreads();
        out[threadIdx.x] = a[n - 1 - threadIdx.x] + b[threadIdx.x];
      }
      """)
    let out = harness.buffer("out", .f32, [Float](repeating: 0, count: 32))
    var result = try harness.run("k", shared: 256, [out, .int(32)])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    let sums: [Float] = (0..<32).map { index in Float(31 + index) }
    #expect(harness.values(out, as: Float.self) == sums)
    result = try harness.run("k", shared: 200, [out, .int(32)])
    let finding = try #require(result.findings.first)
    #expect(finding.kind == .outOfBounds)
    #expect(finding.space == .shared)
    #expect(finding.buffer == "dynamic shared memory")
    #expect(finding.size == 50)
  }

  @Test func constantAndDeviceGlobalsStartFromTheirInitialisers() throws {
    let harness = try KernelHarness(
      """
      __constant__ float weights[4] = {1.0f, 2.0f, 3.0f, 4.0f};
      __constant__ float filled[8];
      __device__ int counter = 100;
      __global__ void k(float* out) {
        int t = threadIdx.x;
        out[t] = weights[t % 4] + filled[t];
        if (t == 0) counter += 1;
      }
      """)
    let filled = harness.memory.globalBuffer(named: "filled", in: harness.module)
    #expect(harness.memory.elementType(of: filled) == .f32)
    #expect(harness.memory.count(of: filled) == 8)
    harness.memory.withBytes(filled) { bytes in
      for index in 0..<8 {
        bytes.storeBytes(of: Float(index) * 10, toByteOffset: index * 4, as: Float.self)
      }
    }
    let out = harness.buffer("out", .f32, [Float](repeating: 0, count: 8))
    let result = try harness.run("k", block: Dim3(8), [out])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    let expected: [Float] = (0..<8).map { index in Float(index % 4 + 1) + Float(index) * 10 }
    #expect(harness.values(out, as: Float.self) == expected)
    let counter = harness.memory.globalBuffer(named: "counter", in: harness.module)
    #expect(harness.memory.values(counter, as: Int32.self) == [101])
    try harness.run("k", block: Dim3(8), [out])
    #expect(harness.memory.values(counter, as: Int32.self) == [102])
  }

  @Test func outOfBoundsInLocalAndSharedMemoryAndNullPointers() throws {
    let harness = try KernelHarness(
      """
      __global__ void local_oob(int* out, int k) {
        int values[4] = {1, 2, 3, 4};
        out[threadIdx.x] = values[threadIdx.x + k];
      }
      __global__ void shared_oob(int* out) {
        __shared__ int tile[16];
        tile[threadIdx.x] = threadIdx.x;
        out[threadIdx.x] = 0;
      }
      __global__ void null_store(int* out) {
        int* p = nullptr;
        if (threadIdx.x == 3) *p = 1;
        out[threadIdx.x] = 0;
      }
      """)
    let out = harness.buffer("out", .i32, [Int32](repeating: 0, count: 32))
    var result = try harness.run("local_oob", block: Dim3(4), [out, .int(1)])
    var finding = try #require(result.findings.first)
    #expect(result.findings.count == 1)
    #expect(finding.kind == .outOfBounds && finding.space == .local)
    #expect(finding.buffer == "values" && finding.index == 4 && finding.size == 4)
    #expect(finding.thread == Dim3(3, 0, 0))
    result = try harness.run("shared_oob", block: Dim3(20), [out])
    finding = try #require(result.findings.first)
    #expect(finding.kind == .outOfBounds && finding.space == .shared)
    #expect(finding.buffer == "tile" && finding.index == 16 && finding.size == 16)
    #expect(finding.thread == Dim3(16, 0, 0))
    result = try harness.run("null_store", block: Dim3(8), [out])
    finding = try #require(result.findings.first)
    #expect(finding.kind == .unallocated)
    #expect(finding.thread == Dim3(3, 0, 0))
    #expect(finding.message.contains("null pointer"))
  }

  @Test func buffersMayBeReinterpretedThroughTheParameterType() throws {
    let harness = try KernelHarness(
      """
      struct Particle { float x, y, vx, vy; };
      __global__ void k(Particle* p, int n) {
        int i = threadIdx.x;
        if (i < n) { p[i].x += p[i].vx; p[i].y += p[i].vy; }
      }
      """)
    var values: [Float] = []
    for i in 0..<8 { values += [Float(i), Float(-i), 1, 2] }
    let particles = harness.buffer("particles", .f32, values)
    let result = try harness.run("k", block: Dim3(8), [particles, .int(8)])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    let after = harness.values(particles, as: Float.self)
    for index in 0..<8 {
      #expect(after[4 * index] == Float(index + 1))
      #expect(after[4 * index + 1] == Float(2 - index))
    }
  }

  @Test func profileCountsBytesPerSpaceAndLine() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(const float* in, float* out) {
        __shared__ float s[64];
        s[threadIdx.x] = in[threadIdx.x];
        __syncthreads();
        out[threadIdx.x] = s[63 - threadIdx.x];
      }
      """)
    let out = harness.buffer("out", .f32, [Float](repeating: 0, count: 64))
    let result = try harness.run(
      "k", block: Dim3(64), [harness.buffer("in", .f32, [Float](repeating: 1, count: 64)), out])
    #expect(result.findings.isEmpty)
    #expect(result.profile.bytesLoaded[.global] == 256)
    #expect(result.profile.bytesStored[.global] == 256)
    #expect(result.profile.bytesLoaded[.shared] == 256)
    #expect(result.profile.bytesStored[.shared] == 256)
    #expect(result.profile.barriers == 1)
    #expect((result.profile.operations[.memory] ?? 0) > 0)
    let line3 = try #require(result.profile.lines.first { $0.key.hasSuffix(":3") }?.value)
    #expect(line3.bytesLoaded[.global] == 256)
    #expect(line3.bytesStored[.shared] == 256)
    // One access per lane and op: 64 global loads, 64 shared stores, and so on.
    #expect(result.profile.total.loads[.global] == 64)
    #expect(result.profile.total.stores[.global] == 64)
    #expect(result.profile.total.loads[.shared] == 64)
    #expect(result.profile.total.stores[.shared] == 64)
    #expect(line3.loads[.global] == 64)
  }

  @Test func profileCountsAccessesOfEveryPathAndAtomics() throws {
    // A strided (per-lane) path, a contiguous (range) path and atomics all count lanes.
    let harness = try KernelHarness(
      """
      __global__ void k(const float* in, float* out, int* count) {
        float v = in[threadIdx.x * 2];
        out[threadIdx.x] = v + in[threadIdx.x];
        atomicAdd(count, 1);
      }
      """)
    let out = harness.buffer("out", .f32, [Float](repeating: 0, count: 32))
    let count = harness.buffer("count", .i32, [Int32](repeating: 0, count: 1))
    let result = try harness.run(
      "k", block: Dim3(32), [harness.buffer("in", .f32, [Float](repeating: 1, count: 64)), out, count])
    #expect(result.findings.isEmpty)
    #expect(result.profile.total.loads[.global] == 32 + 32 + 32)
    #expect(result.profile.total.stores[.global] == 32 + 32)
  }
}
