// Windows of stage-global-access and vector ranges of vectorize-thread-loops on indices and
// guards whose integer arithmetic wraps or truncates (AffineExactness.swift): each kernel
// gave a wrong result, or read outside an array, before the checks.
// RUN: kport verify %s --target bang --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// kport-launch narrowidx: --kernel narrowidx --grid 1 --block 512 --arg y=f32[512]:zeros --arg x=f32[256]:iota
// kport-launch offset: --kernel offset --grid 2 --block 256 --arg y=f32[512]:zeros --arg x=f32[512]:iota --arg off=4294967040
// kport-launch tree: --kernel tree --grid 1 --block 512 --arg y=f32[512]:zeros --arg x=f32[1024]:iota
// kport-launch strided: --kernel strided --grid 1 --block 64 --arg y=f32[300]:zeros --arg x=f32[256]:iota --arg n=300
// kport-launch lost: --kernel lost_write --grid 1 --block 64,4 --arg y=f32[256]:zeros --arg x=f32[320]:iota --arg k=4294967232
// kport-launch stale: --kernel stale_plane --grid 1,64 --block 32,4 --arg out=f32[8192]:zeros --arg in=f32[8192]:iota --arg nx=32 --arg s=-1
// kport-launch wraprow: --kernel wrapping_row --grid 1 --block 32,4 --arg out=f32[64]:zeros --arg in=f32[64]:iota --arg nx=32 --arg off=4294967294 --arg ny=2
// kport-launch rowcast: --kernel row_cast --grid 1 --block 64 --arg y=f32[300]:zeros --arg x=f32[1024]:iota --arg cols=300

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

// Found by review, 2-D blocks: the rows of a plane share its strided DMA (RowStrides.swift), so
// a block runs its staged row loop only where every row's checks hold. Here the last row's
// index wraps (k = 2^32 - 64: x[256 - 64 * ty + tx]); checked per row, it ran as it was and the
// plane's write-back, at the last row, never happened.
__global__ void lost_write(float* y, const float* x, unsigned k) {
  unsigned tx = threadIdx.x, ty = threadIdx.y;
  y[ty * 64 + tx] = x[ty * k + tx + 256u];
}

// Row 0 of one block fails its check (the index is -1 at x = 0, which the guard excludes): per
// row, it skipped the plane's DMA in, and rows 1..3 read the previous block's plane.
__global__ void stale_plane(float* out, const float* in, int nx, int s) {
  int x = threadIdx.x;
  int y = (int)((gridDim.y - 1 - blockIdx.y) * blockDim.y + threadIdx.y);
  if (x > 0) out[y * nx + x] = in[(unsigned)(y * nx + x + s)];
}

// The row `threadIdx.y + off` wraps in 32 bits (off = 2^32 - 2: rows 2 and 3 are y = 0 and 1):
// the plane's rows and start, computed in 64 bits, need the same checks.
__global__ void wrapping_row(float* out, const float* in, unsigned nx, unsigned off, unsigned ny) {
  unsigned x = threadIdx.x;
  unsigned y = threadIdx.y + off;
  if (y < ny) out[y * nx + x] = in[y * nx + x] * 2.0f;
}

// vectorize-thread-loops' row form: a[(unsigned char)c] is a[c - 256] for c >= 256.
__global__ void row_cast(float* y, const float* x, int cols) {
  __shared__ float a[1024];
  __shared__ float b[1024];
  for (int c = threadIdx.x; c < 1024; c += blockDim.x) a[c] = x[c];
  __syncthreads();
  for (int c = threadIdx.x; c < cols; c += blockDim.x) b[c] = a[(unsigned char)c] * 2.0f;
  __syncthreads();
  for (int c = threadIdx.x; c < cols; c += blockDim.x) y[c] = b[c];
}

// VERIFY: launch narrowidx: narrowidx {{.*}}: equal
// VERIFY: launch offset: offset {{.*}}: equal
// VERIFY: launch tree: tree {{.*}}: equal
// VERIFY: launch strided: strided {{.*}}: equal
// VERIFY: launch lost: lost_write {{.*}}: equal
// VERIFY: launch stale: stale_plane {{.*}}: equal
// VERIFY: launch wraprow: wrapping_row {{.*}}: equal
// VERIFY: launch rowcast: row_cast {{.*}}: equal
