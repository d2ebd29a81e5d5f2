// Regression: emit-select-of-const-pointers (a bug the adversarial tests of simt-to-spmd found; see the kernel).
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: CUDA vs BANG C: equal
// ASCEND: CUDA vs Ascend C: equal
// kport-launch a: --kernel k --grid 1 --block 32 --arg a=f32[32]:rand(4) --arg b=f32[32]:rand(5) --arg out=f32[32]:zeros
__global__ void k(const float* a, const float* b, float* out) {
  const float* src = (threadIdx.x & 1) ? a : b;
  out[threadIdx.x] = src[threadIdx.x] + src[(threadIdx.x + 2) % 32];
}
