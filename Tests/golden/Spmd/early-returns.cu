// Early returns: whole blocks before barriers, threads with no later barrier, returns inside loops and device code.
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: launch blocks: block_guard CUDA vs BANG C: equal
// CHECK: launch threads: thread_guard CUDA vs BANG C: equal
// CHECK: launch inloop: return_in_loop CUDA vs BANG C: equal
// CHECK: launch nested: nested_guard CUDA vs BANG C: equal
// ASCEND: launch blocks: block_guard CUDA vs Ascend C: equal
// ASCEND: launch threads: thread_guard CUDA vs Ascend C: equal
// ASCEND: launch inloop: return_in_loop CUDA vs Ascend C: equal
// ASCEND: launch nested: nested_guard CUDA vs Ascend C: equal
// kport-launch blocks: --kernel block_guard --grid 5 --block 32 --arg in=f32[160]:rand(1) --arg out=f32[160]:zeros --arg nblocks=3
// kport-launch threads: --kernel thread_guard --grid 3 --block 64 --arg in=f32[192]:rand(2) --arg out=f32[192]:zeros --arg n=150
// kport-launch inloop: --kernel return_in_loop --grid 4 --block 32 --arg in=i32[128]:rand(3,0,50) --arg out=i32[128]:zeros
// kport-launch nested: --kernel nested_guard --grid 4 --block 32 --arg in=f32[128]:rand(4) --arg out=f32[128]:zeros --arg n=3
// Whole blocks return before the barrier (a uniform guard).
__global__ void block_guard(const float* in, float* out, int nblocks) {
  __shared__ float s[32];
  if (blockIdx.x >= nblocks) return;
  s[threadIdx.x] = in[blockIdx.x * 32 + threadIdx.x];
  __syncthreads();
  out[blockIdx.x * 32 + threadIdx.x] = s[(threadIdx.x + 5) % 32];
}

// Threads return early with no barrier after the return.
__global__ void thread_guard(const float* in, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float v = in[i];
  if (v < 0.0f) { out[i] = -v; return; }
  out[i] = v * 2.0f;
}

// One block returns from inside a loop that holds barriers.
__global__ void return_in_loop(const int* in, int* out) {
  __shared__ int s[32];
  int x = in[blockIdx.x * 32 + threadIdx.x];
  for (int r = 0; r < 4; ++r) {
    if (blockIdx.x == 1 && r == 2) return;
    s[threadIdx.x] = x;
    __syncthreads();
    x += s[(threadIdx.x + r) % 32];
    __syncthreads();
    out[blockIdx.x * 32 + threadIdx.x] = x;
  }
}

// A uniform return nested in a uniform if, then a barrier.
__global__ void nested_guard(const float* in, float* out, int n) {
  __shared__ float s[32];
  if (blockIdx.x < n) {
    if (blockIdx.x == 1) return;
    s[threadIdx.x] = in[blockIdx.x * 32 + threadIdx.x];
  } else {
    s[threadIdx.x] = 1.0f;
  }
  __syncthreads();
  out[blockIdx.x * 32 + threadIdx.x] = s[31 - threadIdx.x];
}
