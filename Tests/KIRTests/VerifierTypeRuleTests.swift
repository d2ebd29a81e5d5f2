// Verifier tests of the per-op type and attribute rules: one failing case per rule, with the
// exact message and location (marked 1️⃣ in the text).

import Testing

@testable import KIR

@Suite struct VerifierTypeRuleTests {
  static let typeRules: [VerifierCase] = [
    .body(
      "constant int", "  %0 = 1️⃣arith.constant 1.5 : i32",
      [("1️⃣", "'arith.constant' op value for type i32 must be an integer, found 1.5")]),
    .body(
      "constant bool", "  %0 = 1️⃣arith.constant 1 : i1",
      [("1️⃣", "'arith.constant' op value for type i1 must be true or false, found 1")]),
    .body(
      "constant float", "  %0 = 1️⃣arith.constant 2 : f32",
      [("1️⃣", "'arith.constant' op value for type f32 must be a float, found 2")]),
    .body(
      "constant vector", "  %0 = 1️⃣arith.constant 1 : vec<2 x i32>",
      [("1️⃣", "'arith.constant' op result must be a scalar, found vec<2 x i32>")]),
    .body(
      "add mixed", "  %0 = 1️⃣arith.add %a, %f : i32",
      [
        (
          "1️⃣",
          "'arith.add' op requires operands and result of one scalar type, found (i32, f32) -> i32"
        )
      ]),
    .body(
      "sub pointers", "  %0 = 1️⃣arith.sub %p, %p : ptr<global, f32>",
      [
        (
          "1️⃣",
          "'arith.sub' op requires operands and result of one scalar type, found (ptr<global, f32>, ptr<global, f32>) -> ptr<global, f32>"
        )
      ]),
    .body(
      "and float", "  %0 = 1️⃣arith.and %f, %g : f32",
      [
        (
          "1️⃣",
          "'arith.and' op requires operands and result of one integer or i1 type, found (f32, f32) -> f32"
        )
      ]),
    .body(
      "shl float", "  %0 = 1️⃣arith.shl %a, %f : i32",
      [
        (
          "1️⃣",
          "'arith.shl' op requires integer or i1 operands and the first operand's type as result, found (i32, f32) -> i32"
        )
      ]),
    .body(
      "neg i1", "  %0 = 1️⃣arith.neg %c : i1",
      [
        (
          "1️⃣",
          "'arith.neg' op requires an integer or float operand and result of its type, found (i1) -> i1"
        )
      ]),
    .body(
      "not float", "  %0 = 1️⃣arith.not %f : f32",
      [
        (
          "1️⃣",
          "'arith.not' op requires an integer or i1 operand and result of its type, found (f32) -> f32"
        )
      ]),
    .body(
      "cmp predicate", "  %0 = 1️⃣arith.cmp foo %a, %b : i1",
      [
        (
          "1️⃣",
          "'arith.cmp' op attribute 'predicate' must be one of eq, ne, lt, le, gt, ge, found foo"
        )
      ]),
    .body(
      "cmp operands", "  %0 = 1️⃣arith.cmp lt %a, %f : i1",
      [
        (
          "1️⃣",
          "'arith.cmp' op requires two operands of one scalar or pointer type, found (i32, f32) -> i1"
        )
      ]),
    .body(
      "cmp result", "  %0 = 1️⃣arith.cmp lt %a, %b : i32",
      [("1️⃣", "'arith.cmp' op result must be i1, found i32")]),
    .body(
      "select", "  %0 = 1️⃣arith.select %a, %f, %g : f32",
      [
        (
          "1️⃣",
          "'arith.select' op requires an i1 condition and two values of the result type, found (i32, f32, f32) -> f32"
        )
      ]),
    .body(
      "cast pointer", "  %0 = 1️⃣arith.cast %p : i64",
      [("1️⃣", "'arith.cast' op converts scalars only, found (ptr<global, f32>) -> i64")]),
    .body(
      "bitcast size", "  %0 = 1️⃣arith.bitcast %f : i64",
      [
        (
          "1️⃣",
          "'arith.bitcast' op requires scalar, vector or pointer types of the same size, found (f32) -> i64"
        )
      ]),
    .body(
      "alloca space", "  %0 = 1️⃣mem.alloca : ptr<global, i32>",
      [("1️⃣", "'mem.alloca' op result must be a pointer into local memory, found ptr<global, i32>")]),
    .body(
      "shared space", "  %0 = 1️⃣mem.shared : ptr<local, f32>",
      [("1️⃣", "'mem.shared' op result must be a pointer into shared memory, found ptr<local, f32>")]),
    .body(
      "dynamic shared sized", "  %0 = 1️⃣mem.dynamic_shared : ptr<shared, array<4 x f32>>",
      [
        (
          "1️⃣",
          "'mem.dynamic_shared' op result must be ptr<shared, array<? x T>>, found ptr<shared, array<4 x f32>>"
        )
      ]),
    .body(
      "global address of nothing", "  %0 = 1️⃣mem.global_address @nope : ptr<global, f32>",
      [("1️⃣", "'mem.global_address' op symbol '@nope' is not a global variable")]),
    .body(
      "global address type", "  %0 = 1️⃣mem.global_address @w : ptr<global, f32>",
      [("1️⃣", "'mem.global_address' op result must be ptr<constant, f32>, found ptr<global, f32>")],
      prefix: "global @w : constant f32\n"),
    .body(
      "global address keyword", "  %0 = 1️⃣mem.global_address w : ptr<global, f32>",
      [("1️⃣", "'mem.global_address' op attribute 'symbol' must be a symbol, found w")]),
    .body(
      "load from non-pointer", "  %0 = 1️⃣mem.load %a : i32",
      [("1️⃣", "'mem.load' op operand must be a pointer, found i32")]),
    .body(
      "load type", "  %0 = 1️⃣mem.load %p : i32",
      [("1️⃣", "'mem.load' op result type i32 does not match the pointee type f32")]),
    .body(
      "store type", "  1️⃣mem.store %a, %p",
      [("1️⃣", "'mem.store' op stored value of type i32 does not match the pointee type f32")]),
    .body(
      "store to non-pointer", "  1️⃣mem.store %f, %a",
      [("1️⃣", "'mem.store' op second operand must be a pointer, found i32")]),
    .body(
      "offset", "  %0 = 1️⃣mem.offset %p, %f : ptr<global, f32>",
      [
        (
          "1️⃣",
          "'mem.offset' op requires a pointer, an integer and a result of the pointer's type, found (ptr<global, f32>, f32) -> ptr<global, f32>"
        )
      ]),
    .body(
      "element of non-array", "  %0 = 1️⃣mem.element %p, %a : ptr<global, f32>",
      [
        (
          "1️⃣",
          "'mem.element' op first operand must be a pointer to an array, found ptr<global, f32>"
        )
      ]),
    .body(
      "element constant index",
      "  %t = mem.shared : ptr<shared, array<16 x f32>>\n  %i = arith.constant 16 : i32\n  %e = 1️⃣mem.element %t, %i : ptr<shared, f32>",
      [("1️⃣", "'mem.element' op constant index 16 is out of bounds for array<16 x f32>")]),
    .body(
      "element index and result",
      "  %t = mem.shared : ptr<shared, array<16 x f32>>\n  %e = 1️⃣mem.element %t, %f : ptr<shared, i32>",
      [
        ("1️⃣", "'mem.element' op index must be an integer, found f32"),
        ("1️⃣", "'mem.element' op result must be ptr<shared, f32>, found ptr<shared, i32>"),
      ]),
    .body(
      "field index range",
      "  %s = mem.alloca : ptr<local, vec<2 x f32>>\n  %x = 1️⃣mem.field %s {index = 2} : ptr<local, f32>",
      [("1️⃣", "'mem.field' op index 2 is out of range for vec<2 x f32> with 2 members")]),
    .body(
      "field without index",
      "  %s = mem.alloca : ptr<local, vec<2 x f32>>\n  %x = 1️⃣mem.field %s : ptr<local, f32>",
      [("1️⃣", "'mem.field' op requires an integer attribute 'index'")]),
    .body(
      "field result",
      "  %s = mem.alloca : ptr<local, struct<P>>\n  %n = 1️⃣mem.field %s {index = 1} : ptr<local, f32>",
      [("1️⃣", "'mem.field' op result must be ptr<local, i32>, found ptr<local, f32>")],
      prefix: "struct @P {\n  x: f32,\n  n: i32\n}\n"),
    .body(
      "field of non-pointer", "  %x = 1️⃣mem.field %a {index = 0} : ptr<local, f32>",
      [("1️⃣", "'mem.field' op operand must be a pointer to a vector or struct, found i32")]),
    .body(
      "pointer cast", "  %0 = 1️⃣mem.pointer_cast %a : ptr<global, f32>",
      [("1️⃣", "'mem.pointer_cast' op casts a pointer to a pointer, found (i32) -> ptr<global, f32>")]
    ),
    .body(
      "pointer to int", "  %0 = 1️⃣mem.pointer_to_int %p : f32",
      [
        (
          "1️⃣",
          "'mem.pointer_to_int' op converts a pointer to an integer, found (ptr<global, f32>) -> f32"
        )
      ]),
    .body(
      "int to pointer", "  %0 = 1️⃣mem.int_to_pointer %f : ptr<global, f32>",
      [
        (
          "1️⃣",
          "'mem.int_to_pointer' op converts an integer to a pointer, found (f32) -> ptr<global, f32>"
        )
      ]),
    .body(
      "pointer diff", "  %0 = 1️⃣mem.pointer_diff %p, %a : i64",
      [
        (
          "1️⃣",
          "'mem.pointer_diff' op requires two pointers and an integer result, found (ptr<global, f32>, i32) -> i64"
        )
      ]),
    .body(
      "make members", "  %0 = 1️⃣agg.make %f, %a : vec<2 x f32>",
      [
        (
          "1️⃣",
          "'agg.make' op operands must be the 2 members of vec<2 x f32>, found (f32, i32) -> vec<2 x f32>"
        )
      ]),
    .body(
      "make scalar", "  %0 = 1️⃣agg.make %f : f32",
      [("1️⃣", "'agg.make' op result must be a vector or a declared struct, found f32")]),
    .body(
      "extract type",
      "  %v = agg.make %f, %g : vec<2 x f32>\n  %x = 1️⃣agg.extract %v {index = 0} : i32",
      [("1️⃣", "'agg.extract' op result type i32 does not match member type f32")]),
    .body(
      "extract from scalar", "  %x = 1️⃣agg.extract %f {index = 0} : f32",
      [("1️⃣", "'agg.extract' op requires a vector or declared struct, found f32")]),
    .body(
      "insert value",
      "  %v = agg.make %f, %g : vec<2 x f32>\n  %w = 1️⃣agg.insert %v, %a {index = 1} : vec<2 x f32>",
      [("1️⃣", "'agg.insert' op inserted value of type i32 does not match member type f32")]),
    .body(
      "insert result",
      "  %v = agg.make %f, %g : vec<2 x f32>\n  %w = 1️⃣agg.insert %v, %f {index = 1} : vec<4 x f32>",
      [
        (
          "1️⃣",
          "'agg.insert' op result type vec<4 x f32> does not match the aggregate type vec<2 x f32>"
        )
      ]),
    .body(
      "thread id dim", "  %0 = 1️⃣cuda.thread_id w : u32",
      [("1️⃣", "'cuda.thread_id' op attribute 'dim' must be one of x, y, z, found w")]),
    .body(
      "block dim type", "  %0 = 1️⃣cuda.block_dim x : i32",
      [("1️⃣", "'cuda.block_dim' op result must be u32, found i32")]),
    .body(
      "syncthreads_count operand", "  %0 = 1️⃣cuda.syncthreads_count %f : i32",
      [("1️⃣", "'cuda.syncthreads_count' op operand must be an integer or i1, found f32")]),
    .body(
      "syncthreads_or result", "  %0 = 1️⃣cuda.syncthreads_or %c : i1",
      [("1️⃣", "'cuda.syncthreads_or' op result must be i32, found i1")]),
    .body(
      "syncwarp mask", "  1️⃣cuda.syncwarp %a",
      [("1️⃣", "'cuda.syncwarp' op operands must be (u32), found (i32)")]),
    .body(
      "threadfence scope", "  1️⃣cuda.threadfence grid",
      [
        (
          "1️⃣",
          "'cuda.threadfence' op attribute 'scope' must be one of block, device, system, found grid"
        )
      ]),
    .body(
      "atomic operation", "  %0 = 1️⃣cuda.atomic nand %p, %f : f32",
      [
        (
          "1️⃣",
          "'cuda.atomic' op attribute 'operation' must be one of add, sub, exch, min, max, inc, dec, and, or, xor, cas, found nand"
        )
      ]),
    .body(
      "atomic cas operands", "  %0 = 1️⃣cuda.atomic cas %p, %f : f32",
      [("1️⃣", "'cuda.atomic' op 'cas' takes 3 operands, found 2")]),
    .body(
      "atomic add operands", "  %0 = 1️⃣cuda.atomic add %p, %f, %g : f32",
      [("1️⃣", "'cuda.atomic' op 'add' takes 2 operands, found 3")]),
    .body(
      "atomic types", "  %0 = 1️⃣cuda.atomic add %p, %a : i32",
      [
        (
          "1️⃣",
          "'cuda.atomic' op values and result must have the pointee type f32, found (ptr<global, f32>, i32) -> i32"
        )
      ]),
    .body(
      "atomic on non-pointer", "  %0 = 1️⃣cuda.atomic add %a, %a : i32",
      [("1️⃣", "'cuda.atomic' op first operand must be a pointer, found i32")]),
    .body(
      "atomic scope", "  %0 = 1️⃣cuda.atomic add %p, %f {scope = grid} : f32",
      [("1️⃣", "'cuda.atomic' op attribute 'scope' must be one of block, device, system, found grid")]
    ),
    .body(
      "shuffle mode", "  %0 = 1️⃣cuda.shuffle sideways %u, %f, %a, %a : f32",
      [
        (
          "1️⃣",
          "'cuda.shuffle' op attribute 'mode' must be one of idx, up, down, xor, found sideways"
        )
      ]),
    .body(
      "shuffle operands", "  %0 = 1️⃣cuda.shuffle xor %a, %f, %a, %a : f32",
      [
        (
          "1️⃣",
          "'cuda.shuffle' op operands must be (u32, f32, i32, i32), found (i32, f32, i32, i32) -> f32"
        )
      ]),
    .body(
      "shuffle result", "  %0 = 1️⃣cuda.shuffle idx %u, %f, %a, %a : i32",
      [("1️⃣", "'cuda.shuffle' op result must be f32, found i32")]),
    .body(
      "vote kind", "  %0 = 1️⃣cuda.vote some %u, %c : i1",
      [("1️⃣", "'cuda.vote' op attribute 'kind' must be one of any, all, uni, found some")]),
    .body(
      "vote operands", "  %0 = 1️⃣cuda.vote all %u, %a : i1",
      [("1️⃣", "'cuda.vote' op operands must be (u32, i1), found (u32, i32) -> i1")]),
    .body(
      "ballot result", "  %0 = 1️⃣cuda.ballot %u, %c : i32",
      [("1️⃣", "'cuda.ballot' op result must be u32, found i32")]),
    .body(
      "activemask result", "  %0 = 1️⃣cuda.activemask : i32",
      [("1️⃣", "'cuda.activemask' op result must be u32, found i32")]),
    .body(
      "printf format", "  1️⃣cuda.printf %a",
      [("1️⃣", "'cuda.printf' op requires a string attribute 'format'")]),
    .body(
      "clock result", "  %0 = 1️⃣cuda.clock : f32",
      [("1️⃣", "'cuda.clock' op result must be an integer, found f32")]),
    .body(
      "unknown math function", "  %0 = 1️⃣math.call frobf %f : f32",
      [("1️⃣", "'math.call' op unknown math function 'frobf'")]),
    .body(
      "math arity", "  %0 = 1️⃣math.call powf %f : f32",
      [("1️⃣", "'math.call' op 'powf' takes 2 operands, found 1")]),
  ]

  @Test("type rules", arguments: typeRules)
  func typeRule(_ testCase: VerifierCase) {
    let (found, expected) = verifyCase(testCase)
    #expect(found == expected)
  }
}
