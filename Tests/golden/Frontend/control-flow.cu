// RUN: kport ir %s --no-host | FileCheck %s
// Structured control flow from C statements.

// for with all three parts -> scf.loop with condition, body and step regions; #pragma unroll.
// CHECK-LABEL: kernel @loops
// CHECK: %i = mem.alloca : ptr<local, i32>
// CHECK: scf.loop {unroll = 4} {
// CHECK: arith.cmp lt
// CHECK-NEXT: scf.condition
// CHECK: } do {
// CHECK: scf.continue
// CHECK: } step {
// CHECK: scf.do_while {
// CHECK: } while {
// CHECK: scf.break
__global__ void loops(int* out, int n) {
  int acc = 0;
#pragma unroll 4
  for (int i = 0; i < n; i++) {
    if (i % 2 == 0) continue;
    acc += i;
  }
  int k = 0;
  do { k++; } while (k < n);
  while (true) { if (acc > 100) break; acc *= 2; }
  out[0] = acc + k;
}

// switch with fallthrough -> scf.block of guarded segments with a matched flag.
// CHECK-LABEL: kernel @sw
// CHECK: %switch_matched = mem.alloca : ptr<local, i1>
// CHECK: scf.block {
// CHECK: arith.cmp eq
// CHECK: scf.if
// CHECK: scf.break
// CHECK: arith.not
__global__ void sw(int* out, int v) {
  int r = 0;
  switch (v) {
    case 1: r = 10;
    case 2: r += 20; break;
    default: r = -1;
  }
  out[0] = r;
}

// for(;;) with no parts: the condition is a constant true.
// CHECK-LABEL: kernel @forever
// CHECK: scf.loop {
// CHECK-NEXT: arith.constant true
// CHECK-NEXT: scf.condition
// CHECK: func.return
__global__ void forever(int* out) {
  for (;;) { if (out[0]++ > 3) return; }
}
