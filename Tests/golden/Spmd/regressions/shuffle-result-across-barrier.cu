// Regression: shuffle-result-across-barrier (a bug the adversarial tests of simt-to-spmd found; see the kernel).
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: CUDA vs BANG C: equal
// ASCEND: CUDA vs Ascend C: equal
// kport-launch a: --kernel k --grid 2 --block 64 --arg in=f32[128]:rand(1) --arg out=f32[128]:zeros
__global__ void k(const float* in, float* out) {
  unsigned tid = threadIdx.x;
  float v = in[blockIdx.x * 64 + tid];
  float r = __shfl_down_sync(0xffffffffu, v, 1);
  __syncthreads();
  out[blockIdx.x * 64 + tid] = r;
}
