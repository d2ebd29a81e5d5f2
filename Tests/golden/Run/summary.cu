// RUN: kport run %s | FileCheck %s
// RUN: kport run %s --launch small | FileCheck %s --check-prefix=ONE
// RUN: kport run %s --kernel axpb --grid 1 --block 8 --arg n=8 --arg a=3 --arg b=1 --arg x=i32[n]:iota | FileCheck %s --check-prefix=FLAGS
// kport run prints one line per launch and a summary per buffer.

// kport-launch small: --kernel axpb --grid 1 --block 4 --arg n=4 --arg a=2 --arg b=10 --arg x=i32[n]:iota
// kport-launch tail: --kernel axpb --grid 3 --block 4 --arg n=10 --arg a=-1 --arg b=0 --arg x=i32[n]:ones

__global__ void axpb(int n, int a, int b, int* x) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] = a * x[i] + b;
}

// CHECK: launch small: axpb grid (1,1,1) block (4,1,1): 0 errors, 0 warnings, ran in
// CHECK-NEXT: x  i32[4]  checksum {{[0-9a-f]+}}  min 10  max 16  mean 13  first [10, 12, 14, 16]
// CHECK: launch tail: axpb grid (3,1,1) block (4,1,1): 0 errors, 0 warnings
// CHECK-NEXT: x  i32[10]  checksum {{[0-9a-f]+}}  min -1  max -1  mean -1  first [-1, -1, -1, -1, ...]
// ONE-NOT: launch tail
// ONE: launch small
// ONE-NOT: launch tail
// FLAGS: x  i32[8]  {{.*}} first [1, 4, 7, 10, ...]
