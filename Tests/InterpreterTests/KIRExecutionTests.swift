// Hand-written KIR for what the front end does not produce (recursion, bit casts between
// vectors and scalars, struct stores, i1 arithmetic), and the API's errors, printf output and
// device memory.

import Foundation
import Interpreter
import KIR
import Testing

@Suite struct KIRExecutionTests {
  @Test func recursionRunsPerLane() throws {
    let harness = try KernelHarness(
      kir: """
        device @fact(%n: i32) -> i32 {
          %one = arith.constant 1 : i32
          %small = arith.cmp le %n, %one : i1
          %r = scf.if %small : i32 {
            scf.yield %one
          } else {
            %m = arith.sub %n, %one : i32
            %f = func.call @fact %m : i32
            %p = arith.mul %n, %f : i32
            scf.yield %p
          }
          func.return %r
        }
        kernel @k(%out: ptr<global, i32>) {
          %t = cuda.thread_id x : u32
          %n = arith.cast %t : i32
          %f = func.call @fact %n : i32
          %q = mem.offset %out, %t : ptr<global, i32>
          mem.store %f, %q
          func.return
        }
        """)
    let out = harness.buffer("out", .i32, [Int32](repeating: 0, count: 8))
    let result = try harness.run("k", block: Dim3(8), [out])
    #expect(result.findings.isEmpty)
    #expect(harness.values(out, as: Int32.self) == [1, 1, 2, 6, 24, 120, 720, 5040])
  }

  @Test func bitcastsStructStoresAndBooleans() throws {
    let harness = try KernelHarness(
      kir: """
        struct @S {
          h: vec<2 x f16>,
          flag: i1,
          d: f64
        }
        kernel @k(%out: ptr<global, struct<S>>, %bits: ptr<global, u32>) {
          %t = cuda.thread_id x : u32
          %one = arith.constant 1.0 : f16
          %two = arith.constant 2.0 : f16
          %h = agg.make %one, %two : vec<2 x f16>
          %u = arith.bitcast %h : u32
          %b = mem.offset %bits, %t : ptr<global, u32>
          mem.store %u, %b
          %x = arith.constant true : i1
          %y = arith.constant false : i1
          %z = arith.add %x, %x : i1
          %w = arith.or %z, %y : i1
          %n = arith.not %w : i1
          %d = arith.constant 2.5 : f64
          %s = agg.make %h, %n, %d : struct<S>
          %s2 = agg.insert %s, %y {index = 1} : struct<S>
          %s3 = agg.insert %s2, %d {index = 2} : struct<S>
          %p = mem.offset %out, %t : ptr<global, struct<S>>
          mem.store %s, %p
          func.return
        }
        """)
    let out = harness.buffer("out", .u8, [UInt8](repeating: 0xAA, count: 32))
    let bits = harness.buffer("bits", .u32, [UInt32](repeating: 0, count: 2))
    let result = try harness.run("k", block: Dim3(2), [out, bits])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    #expect(harness.values(bits, as: UInt32.self) == [0x4000_3C00, 0x4000_3C00])
    let bytes = harness.values(out, as: UInt8.self)
    bytes.withUnsafeBytes { raw in
      #expect(raw.load(fromByteOffset: 0, as: UInt32.self) == 0x4000_3C00)
      #expect(raw.load(fromByteOffset: 4, as: UInt8.self) == 1)
      #expect(raw.load(fromByteOffset: 8, as: Double.self) == 2.5)
      #expect(raw.load(fromByteOffset: 24, as: Double.self) == 2.5)
    }
  }

  @Test func printfPrintsBlockByBlockLaneByLane() throws {
    var harness = try KernelHarness(
      """
      #include <cstdio>
      __global__ void k(float scale) {
        if (threadIdx.x < 2) printf("block %d thread %d: %.2f ok|%5x\\n", blockIdx.x, threadIdx.x, scale * threadIdx.x, 255);
      }
      """)
    harness.workers = 2
    let result = try harness.run("k", grid: Dim3(3), block: Dim3(32), [.float(1.5)])
    #expect(result.findings.isEmpty, "\(describe(result.findings))")
    #expect(
      result.output == """
        block 0 thread 0: 0.00 ok|   ff
        block 0 thread 1: 1.50 ok|   ff
        block 1 thread 0: 0.00 ok|   ff
        block 1 thread 1: 1.50 ok|   ff
        block 2 thread 0: 0.00 ok|   ff
        block 2 thread 1: 1.50 ok|   ff

        """)
  }

  @Test func launchErrorsAreThrownNotFindings() throws {
    let harness = try KernelHarness(
      kir: """
        kernel @k(%n: i32, %p: ptr<global, f32>) {
          func.return
        }
        """)
    #expect(throws: InterpreterError.noSuchKernel("missing")) { try harness.run("missing", []) }
    #expect(throws: InterpreterError.self) { try harness.run("k", [.int(1)]) }
    #expect(throws: InterpreterError.self) { try harness.run("k", [.int(1), .float(2)]) }
    #expect(throws: InterpreterError.self) {
      try harness.run("k", [.buffer(BufferID(raw: 99)), .int(0)])
    }
    #expect(throws: InterpreterError.self) {
      try harness.run("k", block: Dim3(2048), [.int(1), .int(0)])
    }
    #expect(throws: InterpreterError.self) {
      try harness.run("k", grid: Dim3(0), [.int(1), .int(0)])
    }
    let result = try harness.run("k", [.float(3), .int(0)])
    #expect(result.findings.isEmpty)
  }

  @Test func deviceMemoryLaysOutEveryElementType() throws {
    let memory = DeviceMemory()
    let halves = memory.allocate(name: "h", elementType: .f16, count: 3)
    #expect(memory.withBytes(halves) { $0.count } == 6)
    let vectors = memory.allocate(
      name: "v", elementType: .vector(element: .f32, count: 3), count: 2)
    #expect(memory.withBytes(vectors) { $0.count } == 24)
    let module = try moduleFromKIR(
      """
      struct @P {
        a: i8,
        b: f64,
        c: i16
      }
      global @table : constant array<2 x struct<P>> = [[1, 2.5, 3], [4, 5.5, 6]]
      kernel @k() {
        func.return
      }
      """)
    let table = memory.globalBuffer(named: "table", in: module)
    #expect(memory.elementType(of: table) == .structure("P"))
    #expect(memory.count(of: table) == 2)
    #expect(memory.name(of: table) == "table")
    #expect(memory.globalBuffer(named: "table", in: module) == table)
    memory.withBytes(table) { bytes in
      #expect(bytes.count == 48)
      #expect(bytes.load(fromByteOffset: 0, as: Int8.self) == 1)
      #expect(bytes.load(fromByteOffset: 8, as: Double.self) == 2.5)
      #expect(bytes.load(fromByteOffset: 16, as: Int16.self) == 3)
      #expect(bytes.load(fromByteOffset: 24, as: Int8.self) == 4)
      #expect(bytes.load(fromByteOffset: 40, as: Int16.self) == 6)
    }
    let zeros = memory.allocate(name: "z", elementType: .i32, count: 4)
    #expect(memory.values(zeros, as: Int32.self) == [0, 0, 0, 0])
  }

  @Test func spmdOpsRunOneTaskPerBlock() throws {
    // A task is a block of one thread: task i is block i, the task count the grid's x; each
    // task's buffer is its own.
    let harness = try KernelHarness(
      kir: """
        kernel @k(%out: ptr<global, u32>) attributes {level = spmd, max_threads = 1} {
          %buffer = spmd.buffer {role = "shared"} : ptr<shared, array<2 x u32>>
          %task = spmd.task_id : u32
          %tasks = spmd.task_dim : u32
          %ten = arith.constant 10 : u32
          %scaled = arith.mul %task, %ten : u32
          %value = arith.add %scaled, %tasks : u32
          %zero = arith.constant 0 : u32
          %slot = mem.element %buffer, %zero : ptr<shared, u32>
          mem.store %value, %slot
          %back = mem.load %slot : u32
          %q = mem.offset %out, %task : ptr<global, u32>
          mem.store %back, %q
          func.return
        }
        """)
    let out = harness.buffer("out", .u32, [UInt32](repeating: 0, count: 3))
    let result = try harness.run("k", grid: Dim3(3), block: Dim3(1), [out])
    #expect(result.findings.isEmpty)
    #expect(harness.values(out, as: UInt32.self) == [3, 13, 23])
  }

  @Test func everyOpcodeHasASemantics() throws {
    // The compiler's switch over Opcode is exhaustive: this guards the op table's size, so that
    // an op added to KIR comes with an interpreter test (target ops: Tests/golden/Run/target-ops*.kir).
    #expect(Opcode.allCases.count == 72)
  }
}
