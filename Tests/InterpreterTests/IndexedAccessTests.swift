// Loads and stores fused with their address op (IndexedAccess.swift) give the results and
// findings of the unfused ops: consecutive indices over a 1-D block and over each row of a 2-D
// block, a row out of bounds, indices that are not consecutive, an index that wraps inside the
// range, and an index read from a promoted local that a store changes before the access (which
// must not be fused). Each case also checks which address ops were fused, so that a test
// cannot pass on the unfused path alone.

import Foundation
@testable import Interpreter
import KIR
import Testing

@Suite struct IndexedAccessTests {
  /// The number of address ops of `kernel` left to their accesses.
  func fusedCount(_ module: Module, _ kernel: String) throws -> Int {
    let function = try #require(module.function(named: kernel))
    var compiler = FunctionCompiler(program: Program(module: module), function: function, index: 0)
    _ = try compiler.compile()
    return compiler.indexedPlans.count
  }

  @Test func rowsOfATwoDimensionalBlockWithTheLastRowsOutOfBounds() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(const float* in, float* out, float* small, int n) {
        int x = threadIdx.x, y = threadIdx.y;
        float v = in[y * n + x + 1];
        out[y * n + x] = v;
        small[y * n + x] = 2 * v;
      }
      """)
    #expect(try fusedCount(harness.module, "k") == 3)
    let n = 12
    let input = (0..<(8 * n + 1)).map { Float($0) }
    let out = harness.buffer("out", .f32, [Float](repeating: -1, count: 8 * n))
    // Rows 0-5 fit; row 6 starts at 72, past the end of 70 elements.
    let small = harness.buffer("small", .f32, [Float](repeating: -1, count: 70))
    let result = try harness.run(
      "k", block: Dim3(8, 8), [harness.buffer("in", .f32, input), out, small, .int(Int64(n))])
    #expect(result.findings.map(\.kind) == [.outOfBounds], "\(describe(result.findings))")
    let fault = try #require(result.findings.first)
    #expect(fault.buffer == "small" && fault.thread == Dim3(0, 6, 0) && fault.index == 72)
    var expected = [Float](repeating: -1, count: 8 * n)
    var expectedSmall = [Float](repeating: -1, count: 70)
    for y in 0..<8 {
      for x in 0..<8 {
        expected[y * n + x] = input[y * n + x + 1]
        if y * n + x < 70 { expectedSmall[y * n + x] = 2 * input[y * n + x + 1] }
      }
    }
    #expect(harness.values(out, as: Float.self) == expected)
    #expect(harness.values(small, as: Float.self) == expectedSmall)
  }

  @Test func indicesThatAreNotConsecutive() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(const int* in, int* out, int n) {
        int t = threadIdx.x;
        out[t] = in[2 * t] + in[n - 1 - t] + in[t / 2];
      }
      """)
    #expect(try fusedCount(harness.module, "k") == 4)
    let input = (0..<64).map { Int32($0 * 3 + 1) }
    let out = harness.buffer("out", .i32, [Int32](repeating: 0, count: 32))
    let result = try harness.run("k", [harness.buffer("in", .i32, input), out, .int(64)])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    let expected = (0..<32).map { (t: Int) -> Int32 in
      let pair: Int32 = input[2 * t] + input[63 - t]
      return pair + input[t / 2]
    }
    #expect(harness.values(out, as: Int32.self) == expected)
  }

  @Test func anUnsignedIndexThatWrapsInsideTheRange() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(const float* in, float* out, unsigned base) {
        unsigned t = threadIdx.x;
        out[t] = in[base + t];
      }
      """)
    #expect(try fusedCount(harness.module, "k") == 2)
    let input = (0..<32).map { Float($0) + 0.25 }
    let out = harness.buffer("out", .f32, [Float](repeating: -1, count: 32))
    // Lanes 0-15 index 2^32 - 16 + t (out of bounds); lanes 16-31 wrap to 0-15.
    let result = try harness.run(
      "k", [harness.buffer("in", .f32, input), out, .int(Int64(UInt32.max) - 15)])
    #expect(result.findings.map(\.kind) == [.outOfBounds], "\(describe(result.findings))")
    #expect(result.findings.first?.thread == Dim3(0, 0, 0))
    let expected = (0..<32).map { $0 < 16 ? Float(0) : input[$0 - 16] }
    #expect(harness.values(out, as: Float.self) == expected)
  }

  @Test func anIndexInAPromotedLocalStoredBeforeTheAccessIsNotFused() throws {
    // %i is read in place (nothing stores to the local before its last use, the add), so the
    // offset's index is the local's register, which the store then changes: the load must
    // use the address computed before the store.
    let harness = try KernelHarness(
      kir: """
        kernel @k(%a: ptr<global, f32>, %out: ptr<global, f32>) {
          %local = mem.alloca : ptr<local, i32>
          %0 = cuda.thread_id x : u32
          %1 = arith.cast %0 : i32
          mem.store %1, %local
          %i = mem.load %local : i32
          %2 = mem.offset %a, %i : ptr<global, f32>
          %3 = arith.constant 1 : i32
          %4 = arith.add %i, %3 : i32
          mem.store %4, %local
          %5 = mem.load %2 : f32
          %6 = mem.offset %out, %1 : ptr<global, f32>
          mem.store %5, %6
          func.return
        }
        """)
    #expect(try fusedCount(harness.module, "k") == 1)
    let input = (0..<33).map { Float($0) * 2 }
    let out = harness.buffer("out", .f32, [Float](repeating: -1, count: 32))
    let result = try harness.run("k", [harness.buffer("a", .f32, input), out])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    #expect(harness.values(out, as: Float.self) == Array(input[0..<32]))
  }

  @Test func sharedMemoryFindingsThroughFusedAccesses() throws {
    let harness = try KernelHarness(
      """
      __global__ void k(float* out) {
        __shared__ float s[64];
        int t = threadIdx.x;
        s[t] = t;
        out[t] = s[t + 1];          // no barrier: lane 31 reads s[32], never written (and
      }                             // lanes 0-30 read what their neighbours wrote: a race)
      """)
    #expect(try fusedCount(harness.module, "k") == 3)
    let out = harness.buffer("out", .f32, [Float](repeating: -1, count: 32))
    let result = try harness.run("k", [out])
    let kinds = Set(result.findings.map(\.kind))
    #expect(kinds.contains(.uninitializedRead), "\(describe(result.findings))")
    #expect(kinds.contains(.sharedRace), "\(describe(result.findings))")
    let uninitialised = try #require(result.findings.first { $0.kind == .uninitializedRead })
    #expect(uninitialised.thread == Dim3(31, 0, 0) && uninitialised.index == 32)
  }

  @Test func nothingIsFusedWhereThePipeHazardCheckerReadsAddresses() throws {
    // An Ascend port: the checker reads every scalar access's address register, which a fused
    // access would leave unwritten. (The index is loaded, so it varies: without the Ascend op
    // both address ops would be fused.)
    let body = """
      %zero = arith.constant 0 : u32
      %p = mem.offset %idx, %zero : ptr<global, i32>
      %i = mem.load %p : i32
      %1 = mem.offset %a, %i : ptr<global, f32>
      %2 = mem.load %1 : f32
      BARRIER
      %3 = mem.offset %out, %i : ptr<global, f32>
      mem.store %2, %3
      func.return
    """
    func kernel(_ barrier: String, level: String) -> String {
      "kernel @k(%a: ptr<global, f32>, %out: ptr<global, f32>, %idx: ptr<global, i32>)\(level) {\n"
        + body.replacingOccurrences(of: "BARRIER", with: barrier) + "\n}\n"
    }
    #expect(try fusedCount(KernelHarness(kir: kernel("", level: "")).module, "k") == 2)
    let harness = try KernelHarness(
      kir: kernel("ascend.pipe_barrier", level: " attributes {level = target}"))
    #expect(try fusedCount(harness.module, "k") == 0)
    let input = (0..<8).map { Float($0) + 0.5 }
    let out = harness.buffer("out", .f32, [Float](repeating: -1, count: 8))
    let index = harness.buffer("idx", .i32, [Int32(5)])
    let result = try harness.run("k", block: Dim3(1), [harness.buffer("a", .f32, input), out, index])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    #expect(harness.values(out, as: Float.self)[5] == input[5])
  }
}
