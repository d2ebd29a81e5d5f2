// narrow-thread-loops: a thread loop whose work is all under `if (threadIdx.x < S)` or
// `if (threadIdx.x == K)` (S, K fixed for the block) runs over [0, clamp(S, 0, threads)) or
// [K, K + 1) ∩ [0, threads) only. The range holds for one-dimensional blocks, where threadIdx.x is
// the loop's index; other blocks keep the whole range (corner, launched 8,4, fails if they do
// not). S below 0 or K past the block leaves the range empty (limits, launched with both). A
// body with other effects than the `if`, or an `if` with an else, keeps its loop. Conditions
// affine in threadIdx.x (tail, first, inner) narrow to the hull of the threads they admit.
// RUN: kport ir %s --pipeline=cleanup,simt-to-spmd,narrow-thread-loops | FileCheck %s
// RUN: kport verify %s --target bang --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// kport-launch tree: --kernel tree --grid 3 --block 64 --arg x=f32[192]:randn(1) --arg y=f32[3]:zeros
// kport-launch corner: --kernel corner --grid 2 --block 8,4 --arg y=f32[8]:zeros
// kport-launch low: --kernel limits --grid 2 --block 64 --arg y=f32[128]:zeros --arg n=40 --arg k=70
// kport-launch high: --kernel limits --grid 2 --block 64 --arg y=f32[128]:zeros --arg n=150 --arg k=5
// kport-launch kept: --kernel kept --grid 2 --block 32 --arg y=f32[64]:zeros
// kport-launch tail: --kernel tail --grid 3 --block 32 --arg y=f32[103]:zeros --arg n=103
// kport-launch tail_rows: --kernel tail --grid 2 --block 4,4 --arg y=f32[103]:zeros --arg n=103
// kport-launch first: --kernel first --grid 3 --block 32 --arg y=f32[9]:zeros --arg n=9
// kport-launch inner: --kernel inner --grid 2 --block 32 --arg y=f32[50]:zeros --arg n=50
// kport-launch rows: --kernel rows --grid 1,2 --block 8,4 --arg x=f32[64]:randn(2) --arg y=f32[64]:randn(3) --arg s=5

// The tree's levels, `if (tid < s)`, and thread 0's store run over their threads alone.
// CHECK-LABEL: kernel @tree
// CHECK: [[SAME:%[0-9]+]] = arith.cmp eq %block_dim_x, %threads
// CHECK: [[HIGH:%[0-9]+]] = arith.select [[SAME]], %{{[0-9]+}}, %threads
// CHECK: scf.loop {thread_loop = true}
// CHECK-NEXT: mem.load
// CHECK-NEXT: arith.cmp lt %{{[0-9]+}}, [[HIGH]]
__global__ void tree(const float* x, float* y) {
  __shared__ float s[64];
  int tid = threadIdx.x;
  s[tid] = x[blockIdx.x * blockDim.x + tid];
  __syncthreads();
  for (int stride = blockDim.x / 2; stride > 0; stride >>= 1) {
    if (tid < stride) s[tid] += s[tid + stride];
    __syncthreads();
  }
  if (tid == 0) y[blockIdx.x] = s[0];
}

// Thread (0, y) of each row stores: in this 8,4 block threadIdx.x == 0 holds for four threads
// of the loop, not its thread 0.
__global__ void corner(float* y) {
  if (threadIdx.x == 0) y[blockIdx.x * blockDim.y + threadIdx.y] = 1.0f + threadIdx.y;
}

// S = n - 100 (negative for n = 40: nobody; 50 for n = 150); K = k (past the block for k = 70).
__global__ void limits(float* y, int n, int k) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if ((int)threadIdx.x < n - 100) y[i] += 1.0f;
  __syncthreads();
  if ((int)threadIdx.x == k) y[i] += 10.0f;
}

// A store before the `if`, and an `if` with an else: not narrowed.
// CHECK-LABEL: kernel @kept
// CHECK-NOT: %block_dim_x, %threads
__global__ void kept(float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  y[i] = 2.0f;
  if (threadIdx.x < 4) y[i] = 3.0f;
  __syncthreads();
  if (threadIdx.x == 1) {
    y[i] += 1.0f;
  } else {
    y[i] -= 1.0f;
  }
}

// CHECK-LABEL: kernel @rows
// stage-global-access splits this 2-D block's loop into one loop per row of threads (from
// row × block_dim_x): not a loop over the whole block, not narrowed (found by review: narrowed
// from 0, every row ran its predecessors' threads again).
__global__ void rows(const float* x, float* y, int s) {
  int r = blockIdx.y * blockDim.y + threadIdx.y;
  if ((int)threadIdx.x < s) y[r * 8 + threadIdx.x] += x[r * 8 + threadIdx.x];
}

// The general form: a condition that bounds threadIdx.x through thread-affine comparisons
// (ThreadRange) runs over their hull, where block_dim_x == threads: the tail of a vectorised
// kernel (its last n % 4 elements), thread 0 of the grid under a flag fixed for the launch, and a
// range less its first thread. Launched with 2-D blocks too (tail_rows), which run whole. The
// `(int)(blockIdx.x * blockDim.x + threadIdx.x)` in them is exact where that sum stays below
// 2^31, checked at run time (narrow-thread-loops-wrap.cu).
// CHECK-LABEL: kernel @tail
// CHECK: arith.cmp eq %block_dim_x, %threads
// CHECK: [[FITS:%[0-9]+]] = arith.cmp le %{{[0-9]+}}, %{{[0-9]+}}
// CHECK: [[LINEAR:%[0-9]+]] = arith.and %{{[0-9]+}}, [[FITS]]
// CHECK: [[END:%[0-9]+]] = arith.select [[LINEAR]], %{{[0-9]+}}, %threads
// CHECK: scf.loop {thread_loop = true}
// CHECK-NEXT: mem.load
// CHECK-NEXT: arith.cmp lt %{{[0-9]+}}, [[END]]
__global__ void tail(float* y, int n) {
  int t = (n / 4) * 4 + blockIdx.x * blockDim.x + threadIdx.x;
  if (t < n) atomicAdd(&y[t], 1.0f);
}

// CHECK-LABEL: kernel @first
// CHECK: arith.cmp eq %block_dim_x, %threads
// (An unsigned `blockIdx.x * blockDim.x + threadIdx.x == 0` is refused: modulo 2^32 a thread of a
// block far out could match.)
__global__ void first(float* y, int n) {
  int gid = blockIdx.x * blockDim.x + threadIdx.x;
  if (gid == 0 && (n & 1)) y[n - 1] = 7.0f;
}

// CHECK-LABEL: kernel @inner
// CHECK: arith.cmp eq %block_dim_x, %threads
__global__ void inner(float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i != 0 && i < n - 1) y[i] = 0.5f * i;
}

// VERIFY: launch tree: tree CUDA vs {{.*}}: equal
// VERIFY: launch corner: corner CUDA vs {{.*}}: equal
// VERIFY: launch low: limits CUDA vs {{.*}}: equal
// VERIFY: launch high: limits CUDA vs {{.*}}: equal
// VERIFY: launch kept: kept CUDA vs {{.*}}: equal
// VERIFY: launch tail: tail CUDA vs {{.*}}: equal
// VERIFY: launch tail_rows: tail CUDA vs {{.*}}: equal
// VERIFY: launch first: first CUDA vs {{.*}}: equal
// VERIFY: launch inner: inner CUDA vs {{.*}}: equal
// VERIFY: launch rows: rows CUDA vs {{.*}}: equal
