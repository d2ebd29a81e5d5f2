// stage-global-access's strided form over a block's rows (RowStrides.swift), end to end through
// the interpreter: the port moves a tile by one strided DMA per block and computes what the CUDA
// kernel computes; the same port with a wrong source stride (the row's length instead of the
// matrix's) computes something else, which `kport verify` would report as a difference.
import Interpreter
import KIR
import Testing
@testable import Passes

@Suite struct RowStridesTests {
  /// `out[row * k + col] = a[row * k + col] * 2` over a 2-D grid, as the front end translates it.
  private let source = """
    kernel @tile_sum(%a: ptr<global, f32> {const = true}, %out: ptr<global, f32>, %m: i32, %k: i32) {
      %0 = cuda.block_id y : u32
      %1 = cuda.block_dim y : u32
      %2 = arith.mul %0, %1 : u32
      %3 = cuda.thread_id y : u32
      %4 = arith.add %2, %3 : u32
      %row = arith.cast %4 : i32
      %5 = cuda.block_id x : u32
      %6 = cuda.block_dim x : u32
      %7 = arith.mul %5, %6 : u32
      %8 = cuda.thread_id x : u32
      %9 = arith.add %7, %8 : u32
      %col = arith.cast %9 : i32
      %10 = arith.cmp lt %row, %m : i1
      %11 = arith.cmp lt %col, %k : i1
      %12 = arith.and %10, %11 : i1
      scf.if %12 {
        %13 = arith.mul %row, %k : i32
        %14 = arith.add %13, %col : i32
        %15 = mem.offset %a, %14 : ptr<global, f32>
        %16 = mem.load %15 : f32
        %17 = arith.constant 2.0 : f32
        %18 = arith.mul %16, %17 : f32
        %19 = arith.mul %row, %k : i32
        %20 = arith.add %19, %col : i32
        %21 = mem.offset %out, %20 : ptr<global, f32>
        mem.store %18, %21
      }
      func.return
    }
    """
  private let m = 20
  private let k = 30
  private let grid = Dim3(2, 3)
  private let block = Dim3(16, 8)

  private func ported(target: String) throws -> Module {
    let (parsed, diagnostics) = parseModule(source, path: "tile_sum.kir")
    #expect(diagnostics.isEmpty)
    let module = try #require(parsed)
    let pipeline = try PassPipeline.parse(target).get()
    let run = PassManager(pipeline: pipeline).run(on: module)
    #expect(!run.stopped, "\(run.diagnostics.map(\.message))")
    return module
  }

  /// `out` after the CUDA kernel (`ported == nil`) or the port runs on the same input.
  private func output(_ ported: Module?) throws -> ([Float], [Finding]) {
    let memory = DeviceMemory()
    func buffer(_ name: String, _ values: [Float]) -> BufferID {
      let id = memory.allocate(name: name, elementType: .f32, count: values.count)
      memory.withBytes(id) { bytes in values.withUnsafeBytes { bytes.copyMemory(from: $0) } }
      return id
    }
    let input = buffer("a", (0..<(m * k)).map { Float($0 % 97) * 0.5 })
    let out = buffer("out", [Float](repeating: 0, count: m * k))
    var arguments: [KernelArgument] = [.buffer(input), .buffer(out), .int(Int64(m)), .int(Int64(k))]
    let result: LaunchResult
    if let ported {
      arguments += [grid.x, grid.y, grid.z, block.x, block.y, block.z].map { .int(Int64($0)) }
      result = try Interpreter(module: ported).launch(
        kernel: "tile_sum", configuration: LaunchConfiguration(grid: Dim3(2), block: Dim3(1)), arguments: arguments, memory: memory)
    } else {
      let (parsed, _) = parseModule(source, path: "tile_sum.kir")
      result = try Interpreter(module: try #require(parsed)).launch(
        kernel: "tile_sum", configuration: LaunchConfiguration(grid: grid, block: block), arguments: arguments, memory: memory)
    }
    return (memory.withBytes(out) { Array($0.bindMemory(to: Float.self)) }, result.findings)
  }

  /// The strided DMAs of `module`.
  private func stridedCopies(_ module: Module) -> [Operation] {
    var found: [Operation] = []
    for function in module.functions {
      function.body.walk { op in
        if (op.opcode == .bangMemcpy || op.opcode == .ascendDataCopy) && op.operands.count == 6 { found.append(op) }
      }
    }
    return found
  }

  @Test(arguments: ["bang", "ascendc"])
  func portMovesTheTileByOneStridedDMAAndMatches(target: String) throws {
    let module = try ported(target: target)
    #expect(stridedCopies(module).count == 2)
    let (expected, _) = try output(nil)
    let (actual, findings) = try output(module)
    #expect(findings.isEmpty)
    #expect(actual == expected)
  }

  @Test func aWrongSourceStrideComputesSomethingElse() throws {
    let module = try ported(target: "bang")
    // The read's source stride (operand 4) becomes the row's length in bytes (operand 3): the
    // segments read consecutive elements, not consecutive rows.
    let read = try #require(stridedCopies(module).first { $0.attributes["dir"]?.keywordValue == "GDRAM2NRAM" })
    read.operands[4] = read.operands[3]
    let (expected, _) = try output(nil)
    let (actual, _) = try output(module)
    #expect(actual != expected)
  }

  @Test func aWrongUBGapOnAscendComputesSomethingElse() throws {
    let module = try ported(target: "ascendc")
    // A GM gap of 0 reads the rows as if they were packed: other values.
    let read = try #require(stridedCopies(module).first { $0.operands[0].type.addressSpace == .shared })
    read.operands[4] = read.operands[5]
    let (expected, _) = try output(nil)
    let (actual, _) = try output(module)
    #expect(actual != expected)
  }
}
