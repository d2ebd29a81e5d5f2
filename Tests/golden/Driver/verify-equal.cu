// kport verify: the port's buffers against the CUDA kernel's, per buffer, exit 0 when equal.
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc --tasks 3 | FileCheck %s --check-prefix=ASCEND
// kport-launch sums: --kernel block_sum --grid 5 --block 64 --arg in=f32[320]:rand(3) --arg out=f32[5]:zeros
// CHECK: launch sums: block_sum CUDA vs BANG C: equal
// CHECK-NEXT: in f32[320] ok max abs 0 max rel 0 max ulp 0
// CHECK-NEXT: out f32[5] ok
// ASCEND: launch sums: block_sum CUDA vs Ascend C: equal
__global__ void block_sum(const float* in, float* out) {
  __shared__ float s[64];
  s[threadIdx.x] = in[blockIdx.x * 64 + threadIdx.x];
  __syncthreads();
  for (int stride = 32; stride > 0; stride >>= 1) {
    if (threadIdx.x < stride) s[threadIdx.x] += s[threadIdx.x + stride];
    __syncthreads();
  }
  if (threadIdx.x == 0) out[blockIdx.x] = s[0];
}
