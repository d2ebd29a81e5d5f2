// Regression: shfl-down-huge-delta (a bug the adversarial tests of simt-to-spmd found; see the kernel).
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: CUDA vs BANG C: equal
// ASCEND: CUDA vs Ascend C: equal
// kport-launch a: --kernel k --grid 1 --block 32 --arg in=i32[32]:iota --arg out=i32[32]:zeros --arg d=-1
__global__ void k(const int* in, int* out, int d) {
  out[threadIdx.x] = __shfl_down_sync(0xffffffffu, in[threadIdx.x], d);
}
