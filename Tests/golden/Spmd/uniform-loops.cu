// Barriers inside block-uniform loops: for over tiles, while, nested loops, break/continue, do-while.
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: launch tiles: tile_sum CUDA vs BANG C: equal
// CHECK: launch while: while_halve CUDA vs BANG C: equal
// CHECK: launch nested: nested CUDA vs BANG C: equal
// CHECK: launch brk: break_continue CUDA vs BANG C: equal
// CHECK: launch dowhile: do_while CUDA vs BANG C: equal
// ASCEND: launch tiles: tile_sum CUDA vs Ascend C: equal
// ASCEND: launch while: while_halve CUDA vs Ascend C: equal
// ASCEND: launch nested: nested CUDA vs Ascend C: equal
// ASCEND: launch brk: break_continue CUDA vs Ascend C: equal
// ASCEND: launch dowhile: do_while CUDA vs Ascend C: equal
// kport-launch tiles: --kernel tile_sum --grid 3 --block 32 --arg in=f32[384]:rand(1) --arg out=f32[96]:zeros --arg ntiles=4
// kport-launch while: --kernel while_halve --grid 2 --block 48 --arg in=f32[96]:rand(2) --arg out=f32[2]:zeros --arg n=48
// kport-launch nested: --kernel nested --grid 2 --block 16 --arg in=i32[32]:rand(3,0,100) --arg out=i32[32]:zeros --arg outer=3 --arg inner=2
// kport-launch brk: --kernel break_continue --grid 3 --block 32 --arg in=f32[96]:rand(4) --arg out=f32[96]:zeros --arg limit=5
// kport-launch dowhile: --kernel do_while --grid 2 --block 32 --arg out=i32[64]:zeros --arg rounds=3
// A barrier pair inside a for loop over tiles with a parameter trip count.
__global__ void tile_sum(const float* in, float* out, int ntiles) {
  __shared__ float tile[32];
  float acc = 0.0f;
  for (int t = 0; t < ntiles; ++t) {
    tile[threadIdx.x] = in[(blockIdx.x * ntiles + t) * 32 + threadIdx.x];
    __syncthreads();
    acc += tile[31 - threadIdx.x] * (float)(t + 1);
    __syncthreads();
  }
  out[blockIdx.x * 32 + threadIdx.x] = acc;
}

// A while loop with a block-uniform condition updated after the barrier.
__global__ void while_halve(const float* in, float* out, int n) {
  __shared__ float s[64];
  s[threadIdx.x] = in[blockIdx.x * n + threadIdx.x];
  __syncthreads();
  int active = n;
  while (active > 1) {
    int half = (active + 1) / 2;
    if (threadIdx.x < active - half) s[threadIdx.x] += s[threadIdx.x + half];
    __syncthreads();
    active = half;
  }
  if (threadIdx.x == 0) out[blockIdx.x] = s[0];
}

// Nested uniform loops, each iteration of the inner one holding two barriers.
__global__ void nested(const int* in, int* out, int outer, int inner) {
  __shared__ int s[16];
  int mine = in[blockIdx.x * 16 + threadIdx.x];
  for (int i = 0; i < outer; ++i) {
    for (int j = 0; j < inner; ++j) {
      s[threadIdx.x] = mine;
      __syncthreads();
      mine = s[(threadIdx.x + i + j + 1) % 16] + i * j;
      __syncthreads();
    }
    mine ^= i;
  }
  out[blockIdx.x * 16 + threadIdx.x] = mine;
}

// continue and break on block-uniform conditions in a loop holding barriers.
__global__ void break_continue(const float* in, float* out, int limit) {
  __shared__ float s[32];
  float v = in[blockIdx.x * 32 + threadIdx.x];
  for (int r = 0; r < 100; ++r) {
    if (r == (int)blockIdx.x) continue;
    if (r >= limit) break;
    s[threadIdx.x] = v;
    __syncthreads();
    v = 0.5f * (v + s[(threadIdx.x + 1) % 32]);
    __syncthreads();
  }
  out[blockIdx.x * 32 + threadIdx.x] = v;
}

// A do-while loop holding barriers, its condition tested after the body.
__global__ void do_while(int* out, int rounds) {
  __shared__ int s[32];
  int x = threadIdx.x;
  int r = 0;
  do {
    s[threadIdx.x] = x;
    __syncthreads();
    x = s[31 - threadIdx.x] * 3 + r + (int)blockIdx.x;
    __syncthreads();
    ++r;
  } while (r < rounds);
  out[blockIdx.x * 32 + threadIdx.x] = x;
}
