// Regression: loop-carried-local-single-interval (a bug the adversarial tests of simt-to-spmd found; see the kernel).
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: CUDA vs BANG C: equal
// ASCEND: CUDA vs Ascend C: equal
// kport-launch a: --kernel k --grid 2 --block 64 --arg in=f32[256]:rand(1) --arg out=f32[128]:zeros
__global__ void k(const float* in, float* out) {
  __shared__ float s[64];
  float acc;
  for (int t = 0; t < 2; ++t) {
    s[threadIdx.x] = in[(blockIdx.x * 2 + t) * 64 + threadIdx.x];
    __syncthreads();
    if (t == 0) acc = 0.0f;
    acc += s[63 - threadIdx.x];
    if (t == 1) out[blockIdx.x * 64 + threadIdx.x] = acc;
    __syncthreads();
  }
}
