// RUN: not kport run %s 2>&1 | FileCheck %s
// RUN-EXIT: 3
// A missing __syncthreads: the tree reduction reads partial sums other threads are still writing.
// kport-launch main: --kernel reduce --grid 4 --block 128 --arg in=f32[512]:ones --arg out=f32[4]:zeros

__global__ void reduce(const float* in, float* out) {
  __shared__ float s[128];
  int t = threadIdx.x;
  s[t] = in[blockIdx.x * blockDim.x + t];
  __syncthreads();
  for (int stride = 64; stride > 0; stride >>= 1) {
    if (t < stride) s[t] += s[t + stride];
  }
  if (t == 0) out[blockIdx.x] = s[0];
}
// CHECK: missing-syncthreads.cu:[[@LINE-4]]:{{[0-9]+}}: error: {{.*}} [KP4004]
