// RUN: not kport run %s 2>&1 | FileCheck %s
// RUN-EXIT: 3
// A planted out-of-bounds write: the guard is off by one.
// kport-launch main: --kernel scale --grid 4 --block 256 --arg n=1000 --arg x=f32[n]:ones

__global__ void scale(int n, float* x) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i <= n) x[i] = 2.0f * x[i];
}
// CHECK: out-of-bounds.cu:[[@LINE-2]]:29: error: out-of-bounds load from 'x' {{.*}} block (3,0,0), index 1000, size 1000 [KP4001]
// CHECK: out-of-bounds.cu:[[@LINE-3]]:15: error: out-of-bounds store to 'x' {{.*}} index 1000, size 1000 [KP4001]
