// Regression: struct-local-field-across-barrier (a bug the adversarial tests of simt-to-spmd found; see the kernel).
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: CUDA vs BANG C: equal
// ASCEND: CUDA vs Ascend C: equal
// kport-launch a: --kernel k --grid 1 --block 32 --arg in=f32[32]:rand(3) --arg out=f32[32]:zeros
struct Pair { float lo; float hi; };
__global__ void k(const float* in, float* out) {
  __shared__ float s[32];
  Pair p;
  p.lo = in[threadIdx.x];
  s[threadIdx.x] = p.lo;
  __syncthreads();
  p.lo += s[(threadIdx.x + 1) % 32];
  out[threadIdx.x] = p.lo;
}
