// Regression: two-shuffles-first-result-used-later (a bug the adversarial tests of simt-to-spmd found; see the kernel).
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: CUDA vs BANG C: equal
// ASCEND: CUDA vs Ascend C: equal
// kport-launch a: --kernel k --grid 1 --block 32 --arg in=f32[32]:rand(1) --arg out=f32[32]:zeros
__global__ void k(const float* in, float* out) {
  float v = in[threadIdx.x];
  float a = __shfl_down_sync(0xffffffffu, v, 1);
  float b = __shfl_xor_sync(0xffffffffu, v, 2);
  out[threadIdx.x] = a + b;
}
