// `arith.*`: integer wrapping, C division, shifts, float formats, conversions and selects, run
// through the front end so that they are the C semantics a CUDA programmer expects.

import Foundation
import Interpreter
import KIR
import Testing

@Suite struct ArithmeticTests {
  @Test func integersWrapAndDivideAsC() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(const int* a, const int* b, int* out, unsigned* uout) {
        int t = threadIdx.x;
        out[t * 6 + 0] = a[t] + b[t];
        out[t * 6 + 1] = a[t] * b[t];
        out[t * 6 + 2] = a[t] / b[t];
        out[t * 6 + 3] = a[t] % b[t];
        out[t * 6 + 4] = -a[t];
        out[t * 6 + 5] = ~a[t];
        uout[t] = (unsigned)a[t] / (unsigned)b[t];
      }
      """)
    let a: [Int32] = [Int32.max, -7, 7, Int32.min]
    let b: [Int32] = [1, 2, -2, -1]
    let out = harness.buffer("out", .i32, [Int32](repeating: 0, count: 24))
    let uout = harness.buffer("uout", .u32, [UInt32](repeating: 0, count: 4))
    let result = try harness.run(
      "k", block: Dim3(4), [harness.buffer("a", .i32, a), harness.buffer("b", .i32, b), out, uout])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    let values = harness.values(out, as: Int32.self)
    #expect(Array(values[0..<6]) == [Int32.min, Int32.max, Int32.max, 0, -Int32.max, Int32.min])
    #expect(Array(values[6..<12]) == [-5, -14, -3, -1, 7, 6])
    #expect(Array(values[12..<18]) == [5, -14, -3, 1, -7, -8])
    #expect(Array(values[18..<24]) == [Int32.max, Int32.min, Int32.min, 0, Int32.min, Int32.max])
    #expect(harness.values(uout, as: UInt32.self) == [0x7FFF_FFFF, 0x7FFF_FFFC, 0, 0])
  }

  @Test func shiftsClampAtTheWidth() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(const int* v, const int* s, int* out, unsigned* uout) {
        int t = threadIdx.x;
        out[t * 2] = v[t] << s[t];
        out[t * 2 + 1] = v[t] >> s[t];
        uout[t] = (unsigned)v[t] >> s[t];
      }
      """)
    let v: [Int32] = [-16, -16, 5, 1]
    let s: [Int32] = [2, 40, 1, 31]
    let out = harness.buffer("out", .i32, [Int32](repeating: 7, count: 8))
    let uout = harness.buffer("uout", .u32, [UInt32](repeating: 7, count: 4))
    try harness.run(
      "k", block: Dim3(4), [harness.buffer("v", .i32, v), harness.buffer("s", .i32, s), out, uout])
    #expect(harness.values(out, as: Int32.self) == [-64, -4, 0, -1, 10, 2, Int32.min, 0])
    #expect(harness.values(uout, as: UInt32.self) == [0x3FFF_FFFC, 0, 2, 0])
  }

  @Test func floatToIntegerSaturatesAndNaNGivesZero() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(const float* f, int* i, unsigned* u, long long* l) {
        int t = threadIdx.x;
        i[t] = (int)f[t];
        u[t] = (unsigned)f[t];
        l[t] = (long long)f[t];
      }
      """)
    let f: [Float] = [3.9, -3.9, 1e20, -1e20, .nan, .infinity]
    let i = harness.buffer("i", .i32, [Int32](repeating: 9, count: 6))
    let u = harness.buffer("u", .u32, [UInt32](repeating: 9, count: 6))
    let l = harness.buffer("l", .i64, [Int64](repeating: 9, count: 6))
    try harness.run("k", block: Dim3(6), [harness.buffer("f", .f32, f), i, u, l])
    #expect(harness.values(i, as: Int32.self) == [3, -3, Int32.max, Int32.min, 0, Int32.max])
    #expect(harness.values(u, as: UInt32.self) == [3, 0, UInt32.max, 0, 0, UInt32.max])
    #expect(harness.values(l, as: Int64.self) == [3, -3, Int64.max, Int64.min, 0, Int64.max])
  }

  @Test func floatFormatsRoundInTheirType() throws {
    let harness = try KernelHarness(
      """
      #include <cuda_fp16.h>
      #include <cuda_bf16.h>
      __global__ void k(const float* in, float* f32, double* f64, __half* h, __nv_bfloat16* b) {
        int t = threadIdx.x;
        f32[t] = in[t] * 3.0f + 1.0f;
        f64[t] = (double)in[t] * 3.0 + 1.0;
        __half x = __float2half(in[t]);
        h[t] = x * __float2half(3.0f) + __float2half(1.0f);
        b[t] = __float2bfloat16(in[t]) + __float2bfloat16(1.0f);
      }
      """)
    let input: [Float] = [0.1, 1000.3, -2.5, 65000]
    let f32 = harness.buffer("f32", .f32, [Float](repeating: 0, count: 4))
    let f64 = harness.buffer("f64", .f64, [Double](repeating: 0, count: 4))
    let h = harness.buffer("h", .f16, [UInt16](repeating: 0, count: 4))
    let b = harness.buffer("b", .bf16, [UInt16](repeating: 0, count: 4))
    let result = try harness.run(
      "k", block: Dim3(4), [harness.buffer("in", .f32, input), f32, f64, h, b])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    #expect(harness.values(f32, as: Float.self) == input.map { $0 * 3 + 1 })
    #expect(harness.values(f64, as: Double.self) == input.map { Double($0) * 3 + 1 })
    // Each __half op rounds to half: (x * 3) rounds, then + 1 rounds.
    let halves = input.map { value -> UInt16 in
      let product = Float16(Float(Float16(value)) * 3)
      return Float16(Float(product) + 1).bitPattern
    }
    #expect(harness.values(h, as: UInt16.self) == halves)
    func bf16(_ value: Float) -> Float {
      let bits = value.bitPattern
      return Float(bitPattern: ((bits &+ 0x7FFF &+ ((bits >> 16) & 1)) >> 16) << 16)
    }
    #expect(
      harness.values(b, as: UInt16.self).map { Float(bitPattern: UInt32($0) << 16) }
        == input.map { bf16(bf16($0) + 1) })
    #expect(Float(Float16(bitPattern: harness.values(h, as: UInt16.self)[3])) == .infinity)
  }

  @Test func comparisonsAreOrderedExceptNotEqual() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(const float* a, const float* b, int* out) {
        int t = threadIdx.x;
        out[t * 4 + 0] = a[t] < b[t];
        out[t * 4 + 1] = a[t] == b[t];
        out[t * 4 + 2] = a[t] != b[t];
        out[t * 4 + 3] = a[t] >= b[t] ? 10 : 20;
      }
      """)
    let out = harness.buffer("out", .i32, [Int32](repeating: 0, count: 8))
    try harness.run(
      "k", block: Dim3(2),
      [
        harness.buffer("a", .f32, [Float(1), .nan]), harness.buffer("b", .f32, [Float(2), 1]), out,
      ])
    #expect(harness.values(out, as: Int32.self) == [1, 0, 1, 20, 0, 0, 1, 20])
  }

  @Test func integerConversionsTruncateAndExtend() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(const int* in, int* out, double* d) {
        int t = threadIdx.x;
        signed char c = (signed char)in[t];
        unsigned short s = (unsigned short)in[t];
        out[t * 2] = c;
        out[t * 2 + 1] = s;
        d[t] = (double)(unsigned)in[t];
      }
      """)
    let out = harness.buffer("out", .i32, [Int32](repeating: 0, count: 4))
    let d = harness.buffer("d", .f64, [Double](repeating: 0, count: 2))
    try harness.run("k", block: Dim3(2), [harness.buffer("in", .i32, [Int32(0x1FF), -1]), out, d])
    #expect(harness.values(out, as: Int32.self) == [-1, 0x1FF, -1, 0xFFFF])
    #expect(harness.values(d, as: Double.self) == [511, 4_294_967_295])
  }
}
