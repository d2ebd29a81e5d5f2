// RUN: not kport run %s 2>&1 | FileCheck %s
// RUN-EXIT: 3
// An uninitialised shared read: only half the tile is loaded, then all of it is read.
// kport-launch main: --kernel partial --grid 1 --block 64 --arg in=f32[64]:ones --arg out=f32[64]:zeros

__global__ void partial(const float* in, float* out) {
  __shared__ float tile[64];
  if (threadIdx.x < 32) tile[threadIdx.x] = in[threadIdx.x];
  __syncthreads();
  out[threadIdx.x] = tile[63 - threadIdx.x];
}
// CHECK: uninitialized-shared.cu:[[@LINE-2]]:{{[0-9]+}}: error: {{.*}} [KP4003]
