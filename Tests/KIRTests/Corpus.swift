// The round-trip corpus: hand-written KIR modules in canonical form that together use every op,
// every type, every address space, every attribute kind, every location kind and every host
// record kind. Each module is valid at the level its functions declare (SIMT by default).

import Testing

/// One corpus module.
struct CorpusEntry: CustomTestStringConvertible, Sendable {
  var name: String
  var text: String
  var testDescription: String { name }
}

enum Corpus {
  static let entries: [CorpusEntry] = [
    CorpusEntry(name: "arith", text: arith),
    CorpusEntry(name: "memory", text: memory),
    CorpusEntry(name: "cuda", text: cuda),
    CorpusEntry(name: "calls", text: calls),
    CorpusEntry(name: "control", text: control),
    CorpusEntry(name: "types", text: types),
    CorpusEntry(name: "locations", text: locations),
    CorpusEntry(name: "host", text: host),
    CorpusEntry(name: "spmd", text: spmd),
    CorpusEntry(name: "target", text: target),
  ]

  static let target = """
    kernel @tiles(%p: ptr<global, f32>, %n: i32, %s: f32) attributes {level = target} {
      %a = spmd.buffer {role = "tile"} : ptr<shared, array<64 x f32>>
      %b = spmd.buffer {role = "tile"} : ptr<shared, array<64 x f32>>
      %h = spmd.buffer {role = "tile"} : ptr<shared, array<64 x f16>>
      %bytes = arith.constant 256 : i32
      bang.memcpy GDRAM2NRAM %a, %p, %bytes
      bang.vector mul_scalar %b, %a, %s, %n
      bang.vector add %a, %a, %b, %n
      bang.vector_unary float2half_rn %h, %a, %n
      bang.vector_unary half2float %a, %h, %n
      bang.memcpy NRAM2GDRAM %p, %a, %bytes
      ascend.data_copy %a, %p, %n {pad = true}
      ascend.pipe_barrier
      ascend.vector Muls %b, %a, %s, %n
      ascend.vector Sub %a, %a, %b, %n
      ascend.vector_unary Cast %h, %a, %n {round = CAST_RINT}
      ascend.vector_unary Cast %b, %h, %n {round = CAST_NONE}
      ascend.pipe_barrier
      ascend.data_copy %p, %a, %n
      func.return
    }

    """

  static let spmd = """
    kernel @tasks(%p: ptr<global, u32>) attributes {level = spmd, max_threads = 256} {
      %buffer = spmd.buffer {role = "shared"} : ptr<shared, array<256 x u32>>
      %task = spmd.task_id : u32
      %tasks = spmd.task_dim : u32
      %slot = mem.element %buffer, %task : ptr<shared, u32>
      mem.store %tasks, %slot
      %q = mem.offset %p, %task : ptr<global, u32>
      mem.store %tasks, %q
      func.return
    }

    """

  static let arith = """
    kernel @arith(%a: i32, %b: i32, %f: f32, %g: f32) {
      %0 = arith.constant 1 : i32
      %1 = arith.constant -2.5 : f32
      %2 = arith.constant true : i1
      %3 = arith.constant -9223372036854775808 : i64
      %4 = arith.constant 1e-05 : f64
      %5 = arith.constant inf : f32
      %6 = arith.constant -inf : f32
      %7 = arith.constant nan : f32
      %s = arith.add %a, %b : i32
      %d = arith.sub %a, %b : i32
      %m = arith.mul %a, %b : i32
      %q = arith.div %f, %g : f32
      %r = arith.rem %a, %b : i32
      %8 = arith.and %a, %b : i32
      %9 = arith.or %a, %b : i32
      %10 = arith.xor %a, %b : i32
      %11 = arith.shl %a, %b : i32
      %12 = arith.shr %a, %b : i32
      %13 = arith.neg %f : f32
      %14 = arith.not %2 : i1
      %15 = arith.cmp lt %a, %b : i1
      %16 = arith.select %15, %f, %g : f32
      %17 = arith.cast %a : f64
      %18 = arith.bitcast %f : u32
      func.return
    }

    """

  static let memory = """
    struct @Params {
      alpha: f32,
      n: i32
    }
    global @coeffs : constant array<4 x f32> = [1.0, 2.0, 3.0, 4.0]
    global @counter : global i32

    kernel @memory(%p: ptr<global, f32> {const = true, restrict = true}, %q: ptr<global, f32>, %i: i32, %x: f32) {
      %local = mem.alloca : ptr<local, i32>
      %tile = mem.shared : ptr<shared, array<16 x array<16 x f32>>>
      %dynamic = mem.dynamic_shared : ptr<shared, array<? x f32>>
      %coeffs = mem.global_address @coeffs : ptr<constant, array<4 x f32>>
      %counter = mem.global_address @counter : ptr<global, i32>
      %v = mem.load %p {volatile = true} : f32
      mem.store %v, %q
      %o = mem.offset %p, %i : ptr<global, f32>
      %row = mem.element %tile, %i : ptr<shared, array<16 x f32>>
      %params = mem.alloca : ptr<local, struct<Params>>
      %n = mem.field %params {index = 1} : ptr<local, i32>
      %wide = mem.pointer_cast %p : ptr<global, vec<4 x f32>>
      %address = mem.pointer_to_int %p : u64
      %back = mem.int_to_pointer %address : ptr<global, f32>
      %distance = mem.pointer_diff %q, %p : i64
      %vector = agg.make %x, %x, %x, %x : vec<4 x f32>
      %e = agg.extract %vector {index = 2} : f32
      %vector2 = agg.insert %vector, %e {index = 0} : vec<4 x f32>
      func.return
    }

    """

  static let cuda = """
    kernel @simt(%p: ptr<global, f32>, %v: f32, %mask: u32) {
      %tx = cuda.thread_id x : u32
      %by = cuda.block_id y : u32
      %bz = cuda.block_dim z : u32
      %gx = cuda.grid_dim x : u32
      cuda.syncthreads
      %pred = arith.cmp eq %tx, %by : i1
      %count = cuda.syncthreads_count %pred : i32
      %all = cuda.syncthreads_and %pred : i32
      %any = cuda.syncthreads_or %pred : i32
      cuda.syncwarp %mask
      cuda.threadfence device
      %old = cuda.atomic add %p, %v {scope = block} : f32
      %swapped = cuda.atomic cas %p, %v, %v : f32
      %lane = arith.constant 1 : i32
      %width = arith.constant 32 : i32
      %shuffled = cuda.shuffle down %mask, %v, %lane, %width : f32
      %vote = cuda.vote any %mask, %pred : i1
      %ballot = cuda.ballot %mask, %pred : u32
      %active = cuda.activemask : u32
      %clock = cuda.clock : i64
      cuda.printf %tx, %v {format = "tx=%u v=%f\\n"}
      scf.if %pred {
        cuda.trap {message = "assertion \\"v > 0\\" failed"}
      }
      func.return
    }

    """

  static let calls = """
    device @square(%x: f32) -> f32 attributes {forceinline = true} {
      %e = math.call expf %x : f32
      %y = math.call fmaf %x, %e, %x : f32
      %r = arith.mul %y, %x : f32
      func.return %r
    }

    device @"reduce<float, 256>"() attributes {source_name = "reduce", template_args = [type(f32), 256]} {
      func.return
    }

    kernel @calls(%x: f32) {
      %r = func.call @square %x : f32
      func.call @"reduce<float, 256>"
      func.return
    }

    """

  static let control = """
    kernel @control(%n: i32, %c: i1, %a: f32, %b: f32) {
      %m = scf.if %c : f32 {
        scf.yield %a
      } else {
        scf.yield %b
      }
      %i = mem.alloca : ptr<local, i32>
      scf.loop {
        %iv = mem.load %i : i32
        %more = arith.cmp lt %iv, %n : i1
        scf.condition %more
      } do {
        scf.if %c {
          scf.break
        } else {
          scf.continue
        }
      } step {
        %old = mem.load %i : i32
        %one = arith.constant 1 : i32
        %next = arith.add %old, %one : i32
        mem.store %next, %i
      }
      scf.do_while {
        scf.block {
          scf.break
        }
      } while {
        scf.condition %c
      }
      scf.loop {
        scf.condition %c
      } step {
        scf.block {
        }
      }
      scf.loop (%t: u32) {
        scf.condition %c
      } do (%k: u32) {
      }
      func.return
    }

    """

  static let types = """
    struct @Params {
      alpha: f32,
      n: i32,
      "weird name": vec<4 x f32>
    }
    struct @"ns::Pair" {
      first: struct<Params>,
      second: array<8 x u8>
    }
    struct @Empty {
    }
    global @table : global array<2 x struct<Params>> = [[1.5, 2, [0.0, -0.0, 1e-05, 2.5e+20]], [inf, -3, [nan, -inf, 0.1, 1.0]]]
    global @text : constant array<6 x i8> = "hello\\n"
    global @flags : global array<3 x i1> = [true, false, true]
    global @"weird global" : global u64 = 18

    device @types(%a: i1, %b: i8, %c: i16, %d: i32, %e: i64, %f: u8, %g: u16, %h: u32, %i: u64, %j: f16, %k: bf16, %l: f32, %m: f64, %n: vec<2 x i32>, %o: struct<"ns::Pair">, %p: array<4 x f64>) -> vec<3 x u8> {
      %r = mem.alloca : ptr<local, vec<3 x u8>>
      %v = mem.load %r : vec<3 x u8>
      func.return %v
    }

    device @spaces(%a: ptr<global, f32>, %b: ptr<shared, f32>, %c: ptr<local, f32>, %d: ptr<constant, f32>, %e: ptr<generic, f32>, %f: ptr<gdram, f32>, %g: ptr<nram, f32>, %h: ptr<wram, f32>, %i: ptr<sram, f32>, %j: ptr<gm, f32>, %k: ptr<ub, f32>, %l: ptr<l1, f32>, %m: ptr<global, ptr<global, void>>, %n: ptr<shared, array<? x struct<Empty>>>) {
      func.return
    }

    kernel @attributes() attributes {array = [1, -2, 3.5, "s", true, false, lt, @types, type(ptr<global, f32>), []], bool = false, float = -1.5e-10, int = -42, keyword = device, nested = [[1], [[2]]], "quoted key" = "tab\\tquote\\"backslash\\\\control\\u{1}", symbol = @"ns::x", type = type(struct<"ns::Pair">), unicode = "π≈3"} {
      func.return
    }

    """

  static let locations = """
    struct @S {
      x: f32
    } loc("a.cu":1:8)
    global @g : global f32 = 0.0 loc("a.cu":2:14)

    kernel @located(%x: f32, %c: i1) loc("a.cu":4:17) {
      %0 = arith.add %x, %x : f32 loc("a.cu":5:10)
      %1 = arith.mul %0, %x : f32 loc(unknown)
      %2 = arith.sub %1, %x : f32 loc(fused["a.cu":7:3, "b.cu":3:4])
      %3 = arith.div %2, %x : f32 loc("inlined"("a.cu":8:1))
      %4 = arith.neg %3 : f32 loc(fused["macro"(fused[unknown, "c.cu":1:1]), "with space.cu":-1:0])
      %5 = scf.if %c : f32 loc("a.cu":10:3) {
        scf.yield %4 loc("a.cu":11:5)
      } else {
        scf.yield %x loc(fused[])
      }
      func.return loc("a.cu":14:1)
    }

    """

  static let host = """
    host.launch @saxpy range("samples/saxpy.cu", 40:3+1234, 40:55+1286) {args = ["n", "a", "x", "y"], block = "256", grid = "(n + 255) / 256", shared = "0", stream = ""}
    host.runtime_call @cudaMalloc range("samples/saxpy.cu", 30:3+900, 30:40+937) {args = ["&x", "n * sizeof(float)"]}
    host.type @cudaStream_t range("samples/saxpy.cu", 12:1+300, 12:13+312)
    host.macro @CUDA_CHECK range("samples/saxpy.cu", 31:1+940, 31:11+950)
    host.include @cuda_runtime.h range("samples/saxpy.cu", 1:1+0, 1:30+29)
    host.enum @cudaMemcpyHostToDevice range("samples/saxpy.cu", 32:30+980, 32:52+1002)
    host.device_code @saxpy range("samples/saxpy.cu", 5:1+100, 9:2+220) {member = false}
    host.launch @"reduce<float, 256>" range("samples/reduce.cu", 9:3+120, 9:60+177) {args = [], template_args = ["float", "256"]}

    """
}
