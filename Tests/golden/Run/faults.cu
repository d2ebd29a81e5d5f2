// RUN: not kport run %s --launch oob 2>&1 | FileCheck %s --check-prefix=OOB
// RUN: not kport run %s --launch race 2>&1 | FileCheck %s --check-prefix=RACE
// A kernel fault is exit status 3 with a located finding.
// RUN-EXIT: 3

// kport-launch oob: --kernel off_by_one --grid 1 --block 32 --arg n=32 --arg x=f32[n]:zeros
// kport-launch race: --kernel no_barrier --grid 1 --block 64 --arg out=f32[64]:zeros

__global__ void off_by_one(int n, float* x) {
  int i = threadIdx.x;
  if (i <= n) x[i + 1] = 1.0f;
}
// OOB: faults.cu:[[@LINE-2]]:{{[0-9]+}}: error: {{.*}}out-of-bounds{{.*}}[KP4001]

__global__ void no_barrier(float* out) {
  __shared__ float s[64];
  s[threadIdx.x] = threadIdx.x;
  out[threadIdx.x] = s[63 - threadIdx.x];
}
// RACE: faults.cu:[[@LINE-2]]:{{[0-9]+}}: error: {{.*}}[KP4004]
