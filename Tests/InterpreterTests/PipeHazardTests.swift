// The pipe hazard checker of Ascend ports (PipeHazards.swift, targets.md B9): DMA in (MTE2), DMA
// out (MTE3), the vector unit (V) and the scalar unit (S) are ordered only by a barrier, so an
// access of one to bytes another touched since the last barrier, one of them writing, is a
// finding at the later access; the same program with the barrier is clean. Each planted hazard
// is checked at its line, and against its fixed twin, so that neither half can pass alone.

import Interpreter
import KIR
import Testing

@Suite struct PipeHazardTests {
  private static let parameters = "%in: ptr<global, f32>, %out: ptr<global, f32>"

  /// A target-level kernel `@k` with `body` between its parameters and its return.
  private func kernel(_ body: String) -> String {
    """
    kernel @k(\(Self.parameters)) attributes {level = target} {
      %t = spmd.buffer {role = "stage"} : ptr<shared, array<16 x f32>>
      %u = spmd.buffer {role = "stage"} : ptr<shared, array<16 x f32>>
      %zero = arith.constant 0 : u32
      %eight = arith.constant 8 : u32
      %n8 = arith.constant 8 : i32
      %n16 = arith.constant 16 : i32
      %t0 = mem.element %t, %zero : ptr<shared, f32>
      %t8 = mem.element %t, %eight : ptr<shared, f32>
      %u0 = mem.element %u, %zero : ptr<shared, f32>
      %in8 = mem.offset %in, %eight : ptr<global, f32>
      %out8 = mem.offset %out, %eight : ptr<global, f32>
    \(body)
      func.return
    }
    """
  }

  /// The line of `text` that holds `marker` (1-based), where the planted access is.
  private func line(of marker: String, in text: String) -> Int? {
    text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(marker) }.map { $0 + 1 }
  }

  /// Runs `body` on 16 floats in and out, one task of one lane, `grid` tasks.
  private func run(_ body: String, grid: Int = 1) throws -> (text: String, findings: [Finding]) {
    let text = kernel(body)
    let harness = try KernelHarness(kir: text)
    let input = harness.buffer("in", .f32, (0..<16).map(Float.init))
    let output = harness.buffer("out", .f32, [Float](repeating: 0, count: 16))
    let result = try harness.run("k", grid: Dim3(grid), block: Dim3(1), [input, output])
    return (text, result.findings)
  }

  /// Expects one pipe hazard at the line marked `marker` of `body` whose `// barrier` line is
  /// empty, with `phrases` in its message, and none when that line is `barrier`.
  private func expectHazard(
    _ body: String, at marker: String, _ phrases: [String], barrier: String = "ascend.pipe_barrier", grid: Int = 1
  ) throws {
    let planted = body.replacingOccurrences(of: "// barrier", with: "")
    let fixed = body.replacingOccurrences(of: "// barrier", with: barrier)
    let bad = try run(planted, grid: grid)
    let hazards = bad.findings.filter { $0.kind == .pipeHazard }
    #expect(hazards.count == 1, "\(describe(bad.findings))")
    let expected = line(of: marker, in: bad.text)
    #expect(expected != nil)
    #expect(hazards.first?.location.filePosition?.line == expected, "\(describe(hazards))")
    #expect(hazards.first?.severity == .error)
    for phrase in phrases {
      #expect(hazards.first?.message.contains(phrase) == true, "'\(phrase)' not in \(describe(hazards))")
    }
    let good = try run(fixed, grid: grid)
    #expect(good.findings.isEmpty, "\(describe(good.findings))")
  }

  /// S reads a UB element, then DMA in overwrites it: the known case of a staged loop with no DMA
  /// out after it, before the next block's DMA in (write after read).
  @Test func scalarReadThenDMAIn() throws {
    try expectHazard(
      """
        ascend.data_copy %t, %in, %n16 {pad = true}
        ascend.pipe_barrier
        %v = mem.load %t0 : f32
        mem.store %v, %out
        // barrier
        ascend.data_copy %t, %in8, %n8 {pad = true}  // planted
      """, at: "planted",
      ["DMA in (MTE2) overwrites bytes of 't' that the scalar unit (S) read", "bytes [0, 4)", "HardEvent::S_MTE2"])
  }

  /// DMA in, then S reads what it brings without waiting (read after write). A device-scope
  /// fence is PipeBarrier<PIPE_ALL> on Ascend C: it orders the pipes too.
  @Test(arguments: ["ascend.pipe_barrier", "cuda.threadfence device"])
  func dmaInThenScalarRead(barrier: String) throws {
    try expectHazard(
      """
        ascend.data_copy %t, %in, %n16 {pad = true}
        // barrier
        %v = mem.load %t8 : f32  // planted
        mem.store %v, %out
      """, at: "planted", ["the scalar unit (S) reads bytes of 't' that DMA in (MTE2) wrote", "bytes [32, 36)", "elements 8 to 8 of 16"],
      barrier: barrier)
  }

  /// The vector unit writes a tile and DMA out reads it (read after write).
  @Test func vectorThenDMAOut() throws {
    try expectHazard(
      """
        ascend.data_copy %t, %in, %n16 {pad = true}
        ascend.pipe_barrier
        ascend.vector Add %u, %t, %t, %n16
        // barrier
        ascend.data_copy %out, %u, %n16 {pad = true}  // planted
      """, at: "planted", ["DMA out (MTE3) reads bytes of 'u' that the vector unit (V) wrote", "HardEvent::V_MTE3"])
  }

  /// S writes a tile element, then the vector unit reads it (a vectorised thread loop after a
  /// scalar one).
  @Test func scalarWriteThenVector() throws {
    try expectHazard(
      """
        %one = arith.constant 1.0 : f32
        ascend.data_copy %t, %in, %n16 {pad = true}
        ascend.pipe_barrier
        mem.store %one, %t8
        // barrier
        ascend.vector Adds %u, %t, %one, %n16  // planted
        ascend.pipe_barrier
        ascend.data_copy %out, %u, %n16 {pad = true}
      """, at: "planted", ["the vector unit (V) reads bytes of 't' that the scalar unit (S) wrote"])
  }

  /// DMA out reads a tile, then S overwrites it for the next block (write after read).
  @Test func dmaOutThenScalarWrite() throws {
    try expectHazard(
      """
        %one = arith.constant 1.0 : f32
        ascend.data_copy %t, %in, %n16 {pad = true}
        ascend.pipe_barrier
        ascend.data_copy %out, %t, %n8 {pad = true}
        // barrier
        mem.store %one, %t0  // planted
      """, at: "planted", ["the scalar unit (S) overwrites bytes of 't' that DMA out (MTE3) read"])
  }

  /// DMA out writes GM, and the scalar unit reads it back (GetValue): off-chip, the same rule.
  @Test func dmaOutThenScalarReadOfGM() throws {
    try expectHazard(
      """
        ascend.data_copy %t, %in, %n16 {pad = true}
        ascend.pipe_barrier
        ascend.data_copy %out, %t, %n16 {pad = true}
        // barrier
        %back = mem.load %out8 : f32  // planted
        mem.store %back, %u0
      """, at: "planted", ["the scalar unit (S) reads bytes of 'out' that DMA out (MTE3) wrote", "bytes [32, 36)"])
  }

  /// The scalar unit writes GM (SetValue), then DMA in reads it.
  @Test func scalarWriteOfGMThenDMAIn() throws {
    try expectHazard(
      """
        %one = arith.constant 1.0 : f32
        mem.store %one, %in8
        // barrier
        ascend.data_copy %t, %in, %n16 {pad = true}  // planted
        ascend.pipe_barrier
        ascend.data_copy %out, %t, %n16 {pad = true}
      """, at: "planted", ["DMA in (MTE2) reads bytes of 'in' that the scalar unit (S) wrote", "HardEvent::S_MTE2"])
  }

  /// Two DMA transfers into overlapping UB bytes: the vendor orders even one pipe's overlapping
  /// transfers only by a synchronisation.
  @Test func overlappingTransfersOfOnePipe() throws {
    try expectHazard(
      """
        ascend.data_copy %t, %in, %n16 {pad = true}
        // barrier
        ascend.data_copy %t8, %in, %n8 {pad = true}  // planted
        ascend.pipe_barrier
        ascend.data_copy %out, %t, %n16 {pad = true}
      """, at: "planted", ["an earlier transfer of the same pipe wrote", "PipeBarrier<PIPE_MTE2>"])
  }

  /// Exact bytes: S reads the first half of a tile while DMA in fills the second half, DMA out
  /// reads one tile while S fills another, and two DMA ins fill the two halves: no finding.
  @Test func disjointBytesAreClean() throws {
    let (_, findings) = try run(
      """
        ascend.data_copy %t, %in, %n8 {pad = true}
        ascend.pipe_barrier
        %v = mem.load %t0 : f32
        ascend.data_copy %t8, %in8, %n8 {pad = true}
        mem.store %v, %u0
        ascend.data_copy %out, %t, %n8 {pad = true}
        ascend.pipe_barrier
        ascend.data_copy %out8, %t8, %n8 {pad = true}
      """)
    #expect(findings.isEmpty, "\(describe(findings))")
  }

  /// Vector instructions run in order on their pipe; scalar loads and stores on theirs.
  @Test func onePipeInOrderIsClean() throws {
    let (_, findings) = try run(
      """
        %two = arith.constant 2.0 : f32
        ascend.data_copy %t, %in, %n16 {pad = true}
        ascend.pipe_barrier
        ascend.vector Muls %u, %t, %two, %n16
        ascend.vector Add %u, %u, %t, %n16
        ascend.pipe_barrier
        %v = mem.load %u0 : f32
        mem.store %v, %u0
        %w = mem.load %u0 : f32
        mem.store %w, %out
      """)
    #expect(findings.isEmpty, "\(describe(findings))")
  }

  /// Each task starts with its pipes idle: the second task's DMA in does not conflict with the
  /// first task's scalar reads, though they are the same bytes of the same buffer.
  @Test func tasksStartIdle() throws {
    let (_, findings) = try run(
      """
        ascend.data_copy %t, %in, %n16 {pad = true}
        ascend.pipe_barrier
        %v = mem.load %t0 : f32
      """, grid: 2)
    #expect(findings.isEmpty, "\(describe(findings))")
  }

  /// BANG's `__memcpy` is synchronous: a kernel with only BANG ops is not checked.
  @Test func bangIsNotChecked() throws {
    let text = """
      kernel @k(\(Self.parameters)) attributes {level = target} {
        %t = spmd.buffer {role = "stage"} : ptr<shared, array<16 x f32>>
        %zero = arith.constant 0 : u32
        %bytes = arith.constant 64 : i32
        bang.memcpy GDRAM2NRAM %t, %in, %bytes
        %t0 = mem.element %t, %zero : ptr<shared, f32>
        %v = mem.load %t0 : f32
        mem.store %v, %t0
        bang.memcpy NRAM2GDRAM %out, %t, %bytes
        func.return
      }
      """
    let harness = try KernelHarness(kir: text)
    let input = harness.buffer("in", .f32, (0..<16).map(Float.init))
    let output = harness.buffer("out", .f32, [Float](repeating: 0, count: 16))
    let result = try harness.run("k", block: Dim3(1), [input, output])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    #expect(harness.values(output, as: Float.self) == (0..<16).map(Float.init))
  }
}
