// The strided DMA forms as the vendors define them (targets.md A6, B7): `bang.memcpy`'s
// segnum + 1 segments at byte strides from start to start, `ascend.data_copy`'s blocks with gaps
// (bytes on GM, 32-byte blocks on UB) and every UB block padded up to 32 bytes, the pad left
// unwritten (a read of it is an uninitialised read); wrong strides give other buffers or findings,
// so a port with them fails `kport verify`.

import Interpreter
import KIR
import Testing

@Suite struct StridedCopyTests {
  /// A kernel at the target level with `body` between its parameters and its return.
  private func kernel(_ parameters: String, _ body: String) -> String {
    """
    kernel @k(\(parameters)) attributes {level = target} {
    \(body)
      func.return
    }
    """
  }

  /// The rows 0...2 of a 3 × 6 matrix (iota), columns 1...4, packed in NRAM and written back to
  /// rows of 8 floats: `__memcpy(t, in + 1, 16, GDRAM2NRAM, 16, 24, 2)` and
  /// `__memcpy(out + 2, t, 16, NRAM2GDRAM, 32, 16, 2)`.
  @Test func bangSegmentsAtByteStrides() throws {
    let harness = try KernelHarness(
      kir: kernel(
        "%in: ptr<global, f32>, %out: ptr<global, f32>",
        """
          %t = spmd.buffer {role = "stage"} : ptr<shared, array<12 x f32>>
          %one = arith.constant 1 : i32
          %two = arith.constant 2 : i32
          %bytes = arith.constant 16 : i32
          %pitch = arith.constant 24 : i32
          %wide = arith.constant 32 : i32
          %from = mem.offset %in, %one : ptr<global, f32>
          bang.memcpy GDRAM2NRAM %t, %from, %bytes, %bytes, %pitch, %two
          %to = mem.offset %out, %two : ptr<global, f32>
          bang.memcpy NRAM2GDRAM %to, %t, %bytes, %wide, %bytes, %two
        """))
    let input = harness.buffer("in", .f32, (0..<18).map(Float.init))
    let output = harness.buffer("out", .f32, [Float](repeating: -1, count: 24))
    let result = try harness.run("k", block: Dim3(1), [input, output])
    #expect(result.findings.isEmpty)
    let rows: [[Float]] = [[-1, -1, 1, 2, 3, 4, -1, -1], [-1, -1, 7, 8, 9, 10, -1, -1], [-1, -1, 13, 14, 15, 16, -1, -1]]
    #expect(harness.values(output, as: Float.self) == rows.flatMap { $0 })
    #expect(result.profile.total.operations[.dma] == 2)
  }

  /// segnum 2 with a source stride in elements instead of bytes (6 for 24) reads overlapping
  /// segments: other values, which `kport verify` reports as a difference.
  @Test func bangStrideInElementsReadsOtherValues() throws {
    let harness = try KernelHarness(
      kir: kernel(
        "%in: ptr<global, f32>, %out: ptr<global, f32>",
        """
          %t = spmd.buffer {role = "stage"} : ptr<shared, array<12 x f32>>
          %two = arith.constant 2 : i32
          %bytes = arith.constant 16 : i32
          %wrong = arith.constant 6 : i32
          %all = arith.constant 48 : i32
          bang.memcpy GDRAM2NRAM %t, %in, %bytes, %bytes, %wrong, %two
          bang.memcpy NRAM2GDRAM %out, %t, %all
        """))
    let input = harness.buffer("in", .f32, (0..<18).map(Float.init))
    let output = harness.buffer("out", .f32, [Float](repeating: -1, count: 12))
    try harness.run("k", block: Dim3(1), [input, output])
    #expect(harness.values(output, as: Float.self) != [0, 1, 2, 3, 6, 7, 8, 9, 12, 13, 14, 15])
  }

  /// Three blocks of 3 floats (12 bytes) from rows of 6 (a GM gap of 12 bytes) land in UB every
  /// 32 bytes (each block padded to 32, a UB gap of 0); back to GM with a gap of 4 bytes.
  @Test func ascendBlocksArePaddedTo32BytesInUB() throws {
    let harness = try KernelHarness(
      kir: kernel(
        "%in: ptr<global, f32>, %out: ptr<global, f32>, %probe: ptr<global, f32>",
        """
          %t = spmd.buffer {role = "stage"} : ptr<shared, array<24 x f32>>
          %zero = arith.constant 0 : i32
          %three = arith.constant 3 : i32
          %four = arith.constant 4 : i32
          %eight = arith.constant 8 : i32
          %gap = arith.constant 12 : i32
          ascend.data_copy %t, %in, %three, %three, %gap, %zero {pad = true}
          ascend.pipe_barrier
          %e = mem.element %t, %eight : ptr<shared, f32>
          %v = mem.load %e : f32
          mem.store %v, %probe
          ascend.data_copy %out, %t, %three, %three, %zero, %four {pad = true}
        """))
    let input = harness.buffer("in", .f32, (0..<18).map(Float.init))
    let output = harness.buffer("out", .f32, [Float](repeating: -1, count: 12))
    let probe = harness.buffer("probe", .f32, [Float(-1)])
    let result = try harness.run("k", block: Dim3(1), [input, output, probe])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    // The second block starts at UB element 8 (byte 32), not at element 3.
    #expect(harness.values(probe, as: Float.self) == [6])
    #expect(harness.values(output, as: Float.self) == [0, 1, 2, -1, 6, 7, 8, -1, 12, 13, 14, -1])
  }

  /// Reading the second row at element 3, as if the UB rows were dense, reads the first block's
  /// padding, which the DMA did not write: an uninitialised read.
  @Test func ascendPaddingIsNotWritten() throws {
    let harness = try KernelHarness(
      kir: kernel(
        "%in: ptr<global, f32>, %probe: ptr<global, f32>",
        """
          %t = spmd.buffer {role = "stage"} : ptr<shared, array<24 x f32>>
          %zero = arith.constant 0 : i32
          %three = arith.constant 3 : i32
          %gap = arith.constant 12 : i32
          ascend.data_copy %t, %in, %three, %three, %gap, %zero {pad = true}
          ascend.pipe_barrier
          %e = mem.element %t, %three : ptr<shared, f32>
          %v = mem.load %e : f32
          mem.store %v, %probe
        """))
    let input = harness.buffer("in", .f32, (0..<18).map(Float.init))
    let probe = harness.buffer("probe", .f32, [Float(-1)])
    let result = try harness.run("k", block: Dim3(1), [input, probe])
    #expect(result.findings.contains { $0.kind == .uninitializedRead }, "\(describe(result.findings))")
  }

  /// A UB gap counts 32-byte blocks: a gap of 1 puts the second block at byte 64.
  @Test func ascendUBGapCountsBlocks() throws {
    let harness = try KernelHarness(
      kir: kernel(
        "%in: ptr<global, f32>, %out: ptr<global, f32>",
        """
          %t = spmd.buffer {role = "stage"} : ptr<shared, array<32 x f32>>
          %zero = arith.constant 0 : i32
          %one = arith.constant 1 : i32
          %two = arith.constant 2 : i32
          %sixteen = arith.constant 16 : i32
          %blocks = arith.constant 2 : i32
          ascend.data_copy %t, %in, %two, %blocks, %zero, %one {pad = true}
          ascend.pipe_barrier
          %second = mem.element %t, %sixteen : ptr<shared, f32>
          ascend.data_copy %out, %second, %two {pad = true}
        """))
    let input = harness.buffer("in", .f32, (0..<4).map(Float.init))
    let output = harness.buffer("out", .f32, [Float](repeating: -1, count: 2))
    let result = try harness.run("k", block: Dim3(1), [input, output])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    #expect(harness.values(output, as: Float.self) == [2, 3])
  }

  /// A strided DMA past the end of a buffer is an out-of-bounds finding, segment by segment;
  /// Ascend's block count over 4095 is refused.
  @Test func stridedFaultsAreFindings() throws {
    let harness = try KernelHarness(
      kir: kernel(
        "%in: ptr<global, f32>",
        """
          %t = spmd.buffer {role = "stage"} : ptr<shared, array<64 x f32>>
          %zero = arith.constant 0 : i32
          %one = arith.constant 1 : i32
          %two = arith.constant 2 : i32
          %bytes = arith.constant 16 : i32
          %far = arith.constant 64 : i32
          bang.memcpy GDRAM2NRAM %t, %in, %bytes, %bytes, %far, %two
          %many = arith.constant 5000 : i32
          ascend.data_copy %t, %in, %one, %many, %zero, %zero {pad = true}
        """))
    let input = harness.buffer("in", .f32, (0..<32).map(Float.init))
    let result = try harness.run("k", block: Dim3(1), [input])
    #expect(result.findings.contains { $0.kind == .outOfBounds }, "\(describe(result.findings))")
    #expect(result.findings.contains { $0.kind == .trap && $0.message.contains("blockCount 5000") }, "\(describe(result.findings))")
  }
}
