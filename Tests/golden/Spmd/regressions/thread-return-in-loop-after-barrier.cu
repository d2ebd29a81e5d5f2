// Regression: thread-return-in-loop-after-barrier (a bug the adversarial tests of simt-to-spmd found; see the kernel).
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: CUDA vs BANG C: equal
// ASCEND: CUDA vs Ascend C: equal
// kport-launch a: --kernel k --grid 2 --block 64 --arg in=f32[128]:rand(5) --arg out=f32[128]:zeros
__global__ void k(const float* in, float* out) {
  __shared__ float s[64];
  s[threadIdx.x] = in[blockIdx.x * 64 + threadIdx.x];
  __syncthreads();
  for (int k = 0; k < 4; ++k) {
    float v = s[(threadIdx.x + k) % 64];
    if (v > 0.5f) return;
    out[blockIdx.x * 64 + threadIdx.x] += v;
  }
}
