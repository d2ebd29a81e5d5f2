// The op table: every KIR op, with its text name, arity, effects, printed attributes, regions,
// a one-line summary and an example. Passes read the flags here; they never guess from names.
// docs/IR.md is generated from this table (`kport ir-reference`).

/// How many operands or results an op takes.
public enum Arity: Hashable, Sendable, CustomStringConvertible {
  case exactly(Int)
  case atLeast(Int)
  case between(Int, Int)

  /// Whether `count` satisfies the arity.
  public func admits(_ count: Int) -> Bool {
    switch self {
    case let .exactly(n): return count == n
    case let .atLeast(n): return count >= n
    case let .between(low, high): return count >= low && count <= high
    }
  }

  public var description: String {
    switch self {
    case let .exactly(n): return "\(n)"
    case let .atLeast(n): return "\(n) or more"
    case let .between(low, high): return "\(low) to \(high)"
    }
  }
}

/// What an op does besides computing its results.
public struct Effects: OptionSet, Hashable, Sendable {
  public let rawValue: UInt16
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// No side effects and no memory access: may be folded, moved or deleted when unused.
  public static let pure = Effects(rawValue: 1 << 0)
  public static let readsMemory = Effects(rawValue: 1 << 1)
  public static let writesMemory = Effects(rawValue: 1 << 2)
  /// A synchronisation point of a thread group (`__syncthreads`, `__syncwarp`).
  public static let barrier = Effects(rawValue: 1 << 3)
  /// Its result depends on which threads execute it together (shuffles, votes, barriers):
  /// it must not be moved across control flow.
  public static let convergent = Effects(rawValue: 1 << 4)
  /// Ends a region or leaves an enclosing construct.
  public static let terminator = Effects(rawValue: 1 << 5)
  /// Allocates storage (a local, a shared array).
  public static let allocates = Effects(rawValue: 1 << 6)
  /// Holds regions of structured control flow.
  public static let controlFlow = Effects(rawValue: 1 << 7)
}

/// The IR level an op belongs to; the verifier checks that a function's ops fit its level.
public enum OpLevel: String, Hashable, Sendable {
  /// Valid at every level.
  case any
  /// CUDA SIMT ops: exist only before SIMT lowering.
  case simt
  /// SPMD ops (tasks, per-task on-chip buffers): exist only after SIMT lowering.
  case spmd
  /// One target's DMA and vector ops (`bang.*`, `ascend.*`): exist only at the target level.
  case target
}

/// Static facts about an op.
public struct OpInfo: Sendable {
  /// The text name, `dialect.op`.
  public let name: String
  public let operands: Arity
  public let results: Arity
  /// Attributes printed bare, in order, right after the op name (`arith.cmp lt %a, %b`).
  public let positional: [String]
  /// Region labels in order; the first region is printed without a label.
  public let regions: [String]
  public let effects: Effects
  public let level: OpLevel
  public let summary: String
  public let example: String
}

/// Every KIR op. Switches over it are exhaustive, with no `default:`, in the printer, parser,
/// verifier and interpreter: adding an op makes the compiler list every place to update.
public enum Opcode: String, CaseIterable, Hashable, Sendable {
  // arith: scalar arithmetic, C semantics, signedness from the operand type.
  case constant, add, sub, mul, div, rem, and, or, xor, shl, shr, neg, not, cmp, select, cast,
    bitcast
  // mem: storage, addresses, loads and stores.
  case alloca, sharedAlloc, dynamicShared, globalAddress, load, store, offset, element, field,
    pointerCast, pointerToInt, intToPointer, pointerDiff
  // agg: vector and struct values.
  case make, extract, insert
  // cuda: SIMT-level CUDA semantics.
  case threadId, blockId, blockDim, gridDim, syncthreads, syncthreadsCount, syncthreadsAnd,
    syncthreadsOr, syncwarp, threadfence, atomic, shuffle, vote, ballot, activemask, printf, trap,
    clock
  // spmd: tasks on target cores, after SIMT lowering.
  case taskId, taskDim, buffer
  // bang, ascend: one target's DMA and vector intrinsics on on-chip buffers (target level).
  case bangMemcpy, bangVector, bangVectorUnary, ascendDataCopy, ascendVector, ascendVectorUnary, ascendPipeBarrier
  // math: the CUDA math library and integer intrinsics.
  case mathCall
  // func: calls and returns.
  case call, `return`
  // scf: structured control flow.
  case `if`, yield, loop, doWhile, condition, `break`, `continue`, block

  /// The op's static facts.
  public var info: OpInfo { OpTable.info[self] ?? OpTable.missing(self) }

  /// The text name, `dialect.op`.
  public var name: String { info.name }

  /// The op with text name `name`, if any.
  public init?(name: String) {
    guard let found = OpTable.byName[name] else { return nil }
    self = found
  }
}

/// The table behind `Opcode.info`.
enum OpTable {
  static func missing(_ opcode: Opcode) -> OpInfo {
    preconditionFailure("op table has no entry for \(opcode.rawValue)")
  }

  static let byName: [String: Opcode] = Dictionary(
    uniqueKeysWithValues: Opcode.allCases.map { ($0.name, $0) })

  private static func op(
    _ name: String, _ operands: Arity, _ results: Arity, _ effects: Effects,
    positional: [String] = [], regions: [String] = [], level: OpLevel = .any,
    _ summary: String, _ example: String
  ) -> OpInfo {
    OpInfo(
      name: name, operands: operands, results: results, positional: positional, regions: regions,
      effects: effects, level: level, summary: summary, example: example)
  }

  private static let binary = Arity.exactly(2)
  private static let one = Arity.exactly(1)
  private static let none = Arity.exactly(0)

  static let info: [Opcode: OpInfo] = [
    .constant: op("arith.constant", none, one, .pure, positional: ["value"],
      "A scalar constant.", "%c = arith.constant 1.5 : f32"),
    .add: op("arith.add", binary, one, .pure, "Addition; integers wrap.", "%s = arith.add %a, %b : f32"),
    .sub: op("arith.sub", binary, one, .pure, "Subtraction; integers wrap.", "%d = arith.sub %a, %b : i32"),
    .mul: op("arith.mul", binary, one, .pure, "Multiplication; integers wrap.", "%p = arith.mul %a, %b : u32"),
    .div: op("arith.div", binary, one, .pure,
      "Division: truncating for integers (signedness from the type), IEEE for floats.",
      "%q = arith.div %a, %b : i32"),
    .rem: op("arith.rem", binary, one, .pure,
      "Remainder with the sign of the dividend (C `%`), `fmod` for floats.", "%r = arith.rem %a, %b : i32"),
    .and: op("arith.and", binary, one, .pure, "Bitwise and (logical and on i1).", "%r = arith.and %a, %b : u32"),
    .or: op("arith.or", binary, one, .pure, "Bitwise or (logical or on i1).", "%r = arith.or %a, %b : u32"),
    .xor: op("arith.xor", binary, one, .pure, "Bitwise exclusive or.", "%r = arith.xor %a, %b : u32"),
    .shl: op("arith.shl", binary, one, .pure, "Shift left.", "%r = arith.shl %a, %b : u32"),
    .shr: op("arith.shr", binary, one, .pure,
      "Shift right: arithmetic for signed, logical for unsigned types.", "%r = arith.shr %a, %b : i32"),
    .neg: op("arith.neg", one, one, .pure, "Negation.", "%r = arith.neg %a : f32"),
    .not: op("arith.not", one, one, .pure, "Bitwise complement (logical not on i1).", "%r = arith.not %a : i1"),
    .cmp: op("arith.cmp", binary, one, .pure, positional: ["predicate"],
      "Comparison, one of eq ne lt le gt ge; signedness from the operand type, floats ordered except ne.",
      "%c = arith.cmp lt %i, %n : i1"),
    .select: op("arith.select", .exactly(3), one, .pure,
      "Picks the second operand when the i1 first is true, else the third; both are evaluated.",
      "%r = arith.select %c, %a, %b : f32"),
    .cast: op("arith.cast", one, one, .pure,
      "Converts a value to the result type as C does (extend, truncate, int<->float, float<->float).",
      "%f = arith.cast %i : f32"),
    .bitcast: op("arith.bitcast", one, one, .pure,
      "Reinterprets the bits of a scalar as another scalar type of the same size.",
      "%u = arith.bitcast %f : u32"),

    .alloca: op("mem.alloca", none, one, .allocates,
      "Storage for one local variable of the pointee type, private to each thread.",
      "%i = mem.alloca : ptr<local, i32>"),
    .sharedAlloc: op("mem.shared", none, one, .allocates, level: .simt,
      "A `__shared__` variable: one per block, uninitialised, alive for the whole kernel.",
      "%tile = mem.shared : ptr<shared, array<16 x array<16 x f32>>>"),
    .dynamicShared: op("mem.dynamic_shared", none, one, .allocates, level: .simt,
      "The block's dynamic shared memory (`extern __shared__`), sized by the launch.",
      "%s = mem.dynamic_shared : ptr<shared, array<? x f32>>"),
    .globalAddress: op("mem.global_address", none, one, .pure, positional: ["symbol"],
      "The address of a module-level `__device__` or `__constant__` variable.",
      "%w = mem.global_address @weights : ptr<constant, array<64 x f32>>"),
    .load: op("mem.load", one, one, .readsMemory,
      "Loads a value of the pointee type. Attributes: `volatile`, `readonly` (from `__ldg`).",
      "%v = mem.load %p : f32"),
    .store: op("mem.store", binary, none, .writesMemory,
      "Stores the first operand through the pointer in the second.", "mem.store %v, %p"),
    .offset: op("mem.offset", binary, one, .pure,
      "Pointer arithmetic: the pointer plus an integer number of pointee elements.",
      "%q = mem.offset %p, %i : ptr<global, f32>"),
    .element: op("mem.element", binary, one, .pure,
      "The address of element `i` of the array a pointer points to.",
      "%e = mem.element %tile, %i : ptr<shared, array<16 x f32>>"),
    .field: op("mem.field", one, one, .pure,
      "The address of member `index` of the struct or vector a pointer points to.",
      "%x = mem.field %v {index = 0} : ptr<local, f32>"),
    .pointerCast: op("mem.pointer_cast", one, one, .pure,
      "Reinterprets a pointer as a pointer to another type or space (`reinterpret_cast`).",
      "%q = mem.pointer_cast %p : ptr<global, vec<4 x f32>>"),
    .pointerToInt: op("mem.pointer_to_int", one, one, .pure,
      "The address in a pointer as an integer.", "%a = mem.pointer_to_int %p : u64"),
    .intToPointer: op("mem.int_to_pointer", one, one, .pure,
      "An integer address as a pointer.", "%p = mem.int_to_pointer %a : ptr<global, f32>"),
    .pointerDiff: op("mem.pointer_diff", binary, one, .pure,
      "The number of elements between two pointers into the same buffer.",
      "%n = mem.pointer_diff %end, %begin : i64"),

    .make: op("agg.make", .atLeast(1), one, .pure,
      "A vector or struct value from its members in order.",
      "%v = agg.make %x, %y, %z, %w : vec<4 x f32>"),
    .extract: op("agg.extract", one, one, .pure,
      "Member `index` of a vector or struct value.", "%x = agg.extract %v {index = 0} : f32"),
    .insert: op("agg.insert", binary, one, .pure,
      "A copy of an aggregate with member `index` replaced.",
      "%w = agg.insert %v, %x {index = 0} : vec<4 x f32>"),

    .threadId: op("cuda.thread_id", none, one, .pure, positional: ["dim"], level: .simt,
      "`threadIdx.x|y|z`.", "%tx = cuda.thread_id x : u32"),
    .blockId: op("cuda.block_id", none, one, .pure, positional: ["dim"], level: .simt,
      "`blockIdx.x|y|z`.", "%bx = cuda.block_id x : u32"),
    .blockDim: op("cuda.block_dim", none, one, .pure, positional: ["dim"], level: .simt,
      "`blockDim.x|y|z`.", "%bdx = cuda.block_dim x : u32"),
    .gridDim: op("cuda.grid_dim", none, one, .pure, positional: ["dim"], level: .simt,
      "`gridDim.x|y|z`.", "%gdx = cuda.grid_dim x : u32"),
    .syncthreads: op("cuda.syncthreads", none, none, [.barrier, .convergent], level: .simt,
      "`__syncthreads()`: block-wide barrier and shared/global memory fence.", "cuda.syncthreads"),
    .syncthreadsCount: op("cuda.syncthreads_count", one, one, [.barrier, .convergent], level: .simt,
      "`__syncthreads_count(p)`: barrier returning how many threads had p non-zero.",
      "%n = cuda.syncthreads_count %p : i32"),
    .syncthreadsAnd: op("cuda.syncthreads_and", one, one, [.barrier, .convergent], level: .simt,
      "`__syncthreads_and(p)`: barrier returning whether p was non-zero for all threads.",
      "%all = cuda.syncthreads_and %p : i32"),
    .syncthreadsOr: op("cuda.syncthreads_or", one, one, [.barrier, .convergent], level: .simt,
      "`__syncthreads_or(p)`: barrier returning whether p was non-zero for any thread.",
      "%any = cuda.syncthreads_or %p : i32"),
    .syncwarp: op("cuda.syncwarp", one, none, [.barrier, .convergent], level: .simt,
      "`__syncwarp(mask)`: barrier over the warp lanes in mask.", "cuda.syncwarp %mask"),
    .threadfence: op("cuda.threadfence", none, none, [.readsMemory, .writesMemory],
      positional: ["scope"],
      "`__threadfence*()`: memory fence at scope block, device or system.", "cuda.threadfence device"),
    .atomic: op("cuda.atomic", .between(2, 3), one, [.readsMemory, .writesMemory],
      positional: ["operation"],
      "Atomic read-modify-write returning the old value: add sub exch min max inc dec and or xor cas (cas takes pointer, compare, value). Attribute `scope`: block, device (default) or system.",
      "%old = cuda.atomic add %p, %v : f32"),
    .shuffle: op("cuda.shuffle", .exactly(4), one, .convergent, positional: ["mode"], level: .simt,
      "`__shfl*_sync(mask, value, lane|delta, width)`, mode idx up down xor.",
      "%r = cuda.shuffle down %mask, %v, %delta, %width : f32"),
    .vote: op("cuda.vote", binary, one, .convergent, positional: ["kind"], level: .simt,
      "`__any_sync` / `__all_sync` / `__uni_sync(mask, predicate)`.",
      "%r = cuda.vote any %mask, %p : i1"),
    .ballot: op("cuda.ballot", binary, one, .convergent, level: .simt,
      "`__ballot_sync(mask, predicate)`: bit i set when lane i's predicate is non-zero.",
      "%b = cuda.ballot %mask, %p : u32"),
    .activemask: op("cuda.activemask", none, one, .convergent, level: .simt,
      "`__activemask()`: the lanes of the warp executing this op.", "%m = cuda.activemask : u32"),
    .printf: op("cuda.printf", .atLeast(0), none, .writesMemory,
      "Device `printf` with attribute `format`.", "cuda.printf %i {format = \"i=%d\\n\"}"),
    .trap: op("cuda.trap", none, none, [.writesMemory, .terminator],
      "`__trap()` or a failed `assert`: aborts the kernel. Attribute `message`.", "cuda.trap"),
    .clock: op("cuda.clock", none, one, .readsMemory,
      "`clock()` / `clock64()`: a per-thread cycle counter.", "%t = cuda.clock : i64"),

    .taskId: op("spmd.task_id", none, one, .pure, level: .spmd,
      "This core's task index in the launch (`taskId` on MLU, `GetBlockIdx()` on Ascend).",
      "%t = spmd.task_id : u32"),
    .taskDim: op("spmd.task_dim", none, one, .pure, level: .spmd,
      "The number of tasks in the launch (`taskDim` on MLU, `GetBlockNum()` on Ascend).",
      "%n = spmd.task_dim : u32"),
    .buffer: op("spmd.buffer", none, one, .allocates, level: .spmd,
      "A per-task on-chip buffer (NRAM on MLU, UB on Ascend), uninitialised, alive for the whole kernel; a `__shared__` array or a per-thread array of a lowered block. Attribute `role`: shared, dynamic_shared, per_thread, exchange, tile (tile-global-access) or stage (stage-global-access).",
      "%sdata = spmd.buffer : ptr<shared, array<256 x f32>>"),

    .bangMemcpy: op("bang.memcpy", .between(3, 6), none, [.readsMemory, .writesMemory], positional: ["dir"], level: .target,
      "`__memcpy(dst, src, bytes, dir)`: copies `bytes` bytes (an i32) between GDRAM (global) and NRAM (shared); `dir` is GDRAM2NRAM, NRAM2GDRAM or NRAM2NRAM (targets.md A6). The strided form takes three more i32 operands, `dst_stride`, `src_stride` (bytes from the start of one segment to the start of the next) and `segnum`, and copies `segnum + 1` segments of `bytes` bytes: `__memcpy(dst, src, bytes, dir, dst_stride, src_stride, segnum)`.",
      "bang.memcpy GDRAM2NRAM %tile, %x, %bytes, %dst_stride, %src_stride, %segnum"),
    .bangVector: op("bang.vector", .exactly(4), none, [.readsMemory, .writesMemory], positional: ["op"], level: .target,
      "An NRAM vector intrinsic over `count` elements (an i32): `add sub mul maxequal minequal` take two NRAM sources (`__bang_add(dst, a, b, n)`), `add_scalar sub_scalar mul_scalar` an NRAM source and a scalar (`__bang_mul_scalar(dst, a, v, n)`); f32 or f16 (targets.md A8). Sources may equal the destination.",
      "bang.vector mul_scalar %t, %t, %a, %n"),
    .bangVectorUnary: op("bang.vector_unary", .exactly(3), none, [.readsMemory, .writesMemory], positional: ["op"], level: .target,
      "An NRAM vector intrinsic of one source over `count` elements (an i32): `float2half_rn` (f32 to f16, to nearest even; `__bang_float2half_rn(dst, src, n)`, arch ≥ 300) and `half2float` (f16 to f32, exact) (targets.md A9).",
      "bang.vector_unary float2half_rn %h, %f, %n"),
    .ascendDataCopy: op("ascend.data_copy", .between(3, 6), none, [.readsMemory, .writesMemory], level: .target,
      "GM↔UB DMA of `count` elements (an i32). Without `pad`: `DataCopy`, which copies only the whole 32-byte blocks of `count × size` bytes (the rest is silently dropped) and needs a 32-byte-aligned UB address; with `pad = true`: `DataCopyPad`, exact to the byte (targets.md B7). The strided form (`pad = true` only) takes three more i32 operands, `block_count` (1 to 4095), `src_stride` and `dst_stride`, and copies `block_count` blocks of `count` elements: `DataCopyPad` with `DataCopyExtParams(block_count, count × size, src_stride, dst_stride, 0)`. Each stride is a gap from the end of one block to the start of the next, in bytes on the GM side and in 32-byte blocks on the UB side, where every block starts on a 32-byte boundary (GM→UB pads each block up to 32 bytes; UB→GM skips the padding).",
      "ascend.data_copy %tile, %x, %n, %blocks, %src_stride, %dst_stride {pad = true}"),
    .ascendVector: op("ascend.vector", .exactly(4), none, [.readsMemory, .writesMemory], positional: ["op"], level: .target,
      "A UB vector instruction (count form) over `count` elements (an i32): `Add Sub Mul Div Max Min` take two UB sources, `Adds Muls Maxs Mins` a UB source and a scalar; f32 or f16 on 32-byte-aligned UB addresses (targets.md B8).",
      "ascend.vector Muls %t, %t, %a, %n"),
    .ascendVectorUnary: op("ascend.vector_unary", .exactly(3), none, [.readsMemory, .writesMemory], positional: ["op"], level: .target,
      "A UB vector instruction of one source (count form) over `count` elements (an i32): `Cast` converts between f32 and f16 with the rounding of attribute `round`, `CAST_RINT` (to nearest even) or `CAST_NONE` (exact widening) (`Cast(dst, src, RoundMode::CAST_RINT, n)`); 32-byte-aligned UB addresses (targets.md B8).",
      "ascend.vector_unary Cast %h, %f, %n {round = CAST_RINT}"),
    .ascendPipeBarrier: op("ascend.pipe_barrier", none, none, [.readsMemory, .writesMemory], level: .target,
      "`PipeBarrier<PIPE_ALL>()`: every pipe of the core (DMA in, vector, DMA out, scalar) finishes what it was given before any goes on (targets.md B9).",
      "ascend.pipe_barrier"),

    .mathCall: op("math.call", .between(1, 3), one, .pure, positional: ["function"],
      "A math library function or intrinsic by name (see the math function table).",
      "%y = math.call expf %x : f32"),

    .call: op("func.call", .atLeast(0), .between(0, 1), [.readsMemory, .writesMemory],
      positional: ["callee"], "Calls a device function.", "%r = func.call @square %x : f32"),
    .return: op("func.return", .between(0, 1), none, .terminator,
      "Returns from the function, with a value unless it returns void.", "func.return %r"),

    .if: op("scf.if", one, .atLeast(0), .controlFlow, regions: ["", "else"],
      "Runs the first region when the i1 operand is true, else the second; results come from `scf.yield`.",
      "%m = scf.if %c : f32 {\n  scf.yield %a\n} else {\n  scf.yield %b\n}"),
    .yield: op("scf.yield", .atLeast(0), none, .terminator,
      "Ends a region of `scf.if` with the values it produces.", "scf.yield %v"),
    .loop: op("scf.loop", none, none, .controlFlow, regions: ["", "do", "step"],
      "A C `for`/`while` loop: the first region computes the condition (ends in `scf.condition`), the second is the body, the third the step (run after the body and after `scf.continue`).",
      "scf.loop {\n  scf.condition %c\n} do {\n} step {\n}"),
    .doWhile: op("scf.do_while", none, none, .controlFlow, regions: ["", "while"],
      "A C `do … while`: the body region, then the condition region (ends in `scf.condition`).",
      "scf.do_while {\n} while {\n  scf.condition %c\n}"),
    .condition: op("scf.condition", one, none, .terminator,
      "Ends a loop's condition region: continue looping while the i1 operand is true.",
      "scf.condition %c"),
    .break: op("scf.break", none, none, .terminator,
      "Leaves the innermost `scf.loop`, `scf.do_while` or `scf.block`.", "scf.break"),
    .continue: op("scf.continue", none, none, .terminator,
      "Ends the current iteration of the innermost loop (its step region runs next).", "scf.continue"),
    .block: op("scf.block", none, none, .controlFlow, regions: [""],
      "A region run once that `scf.break` can leave (a C `switch`).", "scf.block {\n  scf.break\n}"),
  ]
}
