// Windows of stage-global-access and vector ranges of vectorize-thread-loops on indices and
// guards whose integer arithmetic wraps or truncates (AffineExactness.swift): each kernel
// gave a wrong result, or read outside an array, before the checks.
// RUN: kport verify %s --target bang --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// kport-launch narrowidx: --kernel narrowidx --grid 1 --block 512 --arg y=f32[512]:zeros --arg x=f32[256]:iota
// kport-launch offset: --kernel offset --grid 2 --block 256 --arg y=f32[512]:zeros --arg x=f32[512]:iota --arg off=4294967040
// kport-launch tree: --kernel tree --grid 1 --block 512 --arg y=f32[512]:zeros --arg x=f32[1024]:iota
// kport-launch strided: --kernel strided --grid 1 --block 64 --arg y=f32[300]:zeros --arg x=f32[256]:iota --arg n=300

// (unsigned char)threadIdx.x reads x[0, 256) twice over; the window is not [0, 512).
__global__ void narrowidx(float* y, const float* x) {
  y[threadIdx.x] = x[(unsigned char)threadIdx.x];
}

// g + off wraps: off is 2^32 − 256, so the threads of block 1 read x[g − 256].
__global__ void offset(float* y, const float* x, unsigned off) {
  unsigned g = blockIdx.x * blockDim.x + threadIdx.x;
  if (g >= 256u) y[g] = x[g + off];
}

// (signed char)tid < 10 holds for tid 0..9, 128..265 and 384..511.
__global__ void tree(float* y, const float* x) {
  __shared__ float s[1024];
  unsigned tid = threadIdx.x;
  s[tid] = x[tid];
  s[tid + 512] = x[tid + 512];
  __syncthreads();
  if ((signed char)tid < 10) s[tid] = s[tid] + s[tid + 512];
  __syncthreads();
  y[tid] = s[tid];
}

// A loop over a row by the block's stride whose index truncates: (unsigned char)i.
__global__ void strided(float* y, const float* x, int n) {
  for (int i = threadIdx.x; i < n; i += blockDim.x) y[i] = x[(unsigned char)i];
}

// VERIFY: launch narrowidx: narrowidx {{.*}}: equal
// VERIFY: launch offset: offset {{.*}}: equal
// VERIFY: launch tree: tree {{.*}}: equal
// VERIFY: launch strided: strided {{.*}}: equal
