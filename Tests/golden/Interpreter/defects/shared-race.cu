// RUN: not kport run %s 2>&1 | FileCheck %s
// RUN-EXIT: 3
// A planted shared-memory race: every thread reads its neighbour's slot while it is written.
// kport-launch main: --kernel shift --grid 2 --block 128 --arg in=f32[256]:iota --arg out=f32[256]:zeros

__global__ void shift(const float* in, float* out) {
  __shared__ float s[129];
  int t = threadIdx.x;
  s[t] = in[blockIdx.x * blockDim.x + t];
  s[t + 1] += 1.0f;
  out[blockIdx.x * blockDim.x + t] = s[t];
}
// CHECK: shared-race.cu:[[@LINE-3]]:{{[0-9]+}}: error: {{.*}} [KP4004]
