// RUN: not kport run %s 2>&1 | FileCheck %s
// RUN-EXIT: 3
// A barrier under a condition that differs between the threads of a block.
// kport-launch main: --kernel half_sync --grid 1 --block 64 --arg x=f32[64]:ones

__global__ void half_sync(float* x) {
  if (threadIdx.x < 32) {
    x[threadIdx.x] *= 2.0f;
    __syncthreads();
  }
}
// CHECK: divergent-barrier.cu:[[@LINE-3]]:{{[0-9]+}}: error: {{.*}} [KP4006]
