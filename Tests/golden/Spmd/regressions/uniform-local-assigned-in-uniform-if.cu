// Regression: uniform-local-assigned-in-uniform-if (a bug the adversarial tests of simt-to-spmd found; see the kernel).
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: CUDA vs BANG C: equal
// ASCEND: CUDA vs Ascend C: equal
// kport-launch a: --kernel k --grid 3 --block 32 --arg in=f32[96]:rand(1) --arg out=f32[96]:zeros
__global__ void k(const float* in, float* out) {
  __shared__ float s[32];
  float v = in[blockIdx.x * 32 + threadIdx.x];
  int rounds = 3;
  if (blockIdx.x == 0) rounds = 1;
  for (int r = 0; r < rounds; ++r) {
    s[threadIdx.x] = v;
    __syncthreads();
    v += s[(threadIdx.x + 1) % 32];
    __syncthreads();
  }
  out[blockIdx.x * 32 + threadIdx.x] = v;
}
