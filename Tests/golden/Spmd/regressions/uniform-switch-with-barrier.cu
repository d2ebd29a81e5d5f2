// Regression: uniform-switch-with-barrier (a bug the adversarial tests of simt-to-spmd found; see the kernel).
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: CUDA vs BANG C: equal
// ASCEND: CUDA vs Ascend C: equal
// kport-launch a: --kernel k --grid 3 --block 32 --arg in=i32[96]:iota --arg out=i32[96]:zeros
__global__ void k(const int* in, int* out) {
  __shared__ int s[32];
  int v = in[blockIdx.x * 32 + threadIdx.x];
  switch (blockIdx.x) {
  case 0:
    s[threadIdx.x] = v;
    __syncthreads();
    v = s[31 - threadIdx.x];
    break;
  default:
    v = -v;
  }
  out[blockIdx.x * 32 + threadIdx.x] = v;
}
