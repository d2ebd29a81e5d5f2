// --kernel keeps one kernel and the device functions it calls; -D passes through to clang.
// RUN: kport ir %s --no-host --kernel second -DSCALE=3 | FileCheck %s
// CHECK-NOT: kernel @first
// CHECK: kernel @second
// CHECK: func.call @helper
// CHECK: device @helper
// CHECK: arith.constant 3 : i32
// CHECK-NOT: kernel @first
__device__ int helper(int v) { return v * SCALE; }
__global__ void first(int* x) { x[0] = 1; }
__global__ void second(int* x) { x[0] = helper(x[0]); }
