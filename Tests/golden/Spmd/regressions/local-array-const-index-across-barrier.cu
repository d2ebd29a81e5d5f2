// Regression: local-array-const-index-across-barrier (a bug the adversarial tests of simt-to-spmd found; see the kernel).
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: CUDA vs BANG C: equal
// ASCEND: CUDA vs Ascend C: equal
// kport-launch a: --kernel k --grid 1 --block 32 --arg in=f32[32]:rand(3) --arg out=f32[32]:zeros
__global__ void k(const float* in, float* out) {
  __shared__ float s[32];
  float acc[2];
  acc[0] = in[threadIdx.x];
  acc[1] = 2.0f * acc[0];
  s[threadIdx.x] = acc[0];
  __syncthreads();
  acc[0] += s[(threadIdx.x + 1) % 32];
  out[threadIdx.x] = acc[0] + acc[1];
}
