// Block and grid shapes: 2-D and 3-D blocks and grids, blocks not a multiple of 32, more blocks than tasks, grid-stride loops.
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// RUN: kport verify %s --target bang --launch many --tasks 3 | FileCheck %s --check-prefix=TASKS
// RUN: kport verify %s --target ascendc --tasks 5 | FileCheck %s --check-prefix=ASCEND
// CHECK: launch transpose: transpose CUDA vs BANG C: equal
// CHECK: launch cube: cube CUDA vs BANG C: equal
// CHECK: launch odd: odd_block CUDA vs BANG C: equal
// CHECK: launch many: many_blocks CUDA vs BANG C: equal
// CHECK: launch stride: grid_stride CUDA vs BANG C: equal
// CHECK: launch grid3d: grid3d CUDA vs BANG C: equal
// CHECK: launch rows: row_reduce CUDA vs BANG C: equal
// CHECK: launch mm: tiled_mm CUDA vs BANG C: equal
// CHECK: launch cfg: const_bound CUDA vs BANG C: equal
// ASCEND: launch transpose: transpose CUDA vs Ascend C: equal
// ASCEND: launch cube: cube CUDA vs Ascend C: equal
// ASCEND: launch odd: odd_block CUDA vs Ascend C: equal
// ASCEND: launch many: many_blocks CUDA vs Ascend C: equal
// ASCEND: launch stride: grid_stride CUDA vs Ascend C: equal
// ASCEND: launch grid3d: grid3d CUDA vs Ascend C: equal
// ASCEND: launch rows: row_reduce CUDA vs Ascend C: equal
// ASCEND: launch mm: tiled_mm CUDA vs Ascend C: equal
// ASCEND: launch cfg: const_bound CUDA vs Ascend C: equal
// TASKS: launch many: many_blocks CUDA vs BANG C: equal
// TASKS-NEXT: out i32[800] ok
// kport-launch transpose: --kernel transpose --grid 2,3 --block 8,4 --arg in=f32[384]:rand(1) --arg out=f32[384]:zeros --arg w=16 --arg h=24
// kport-launch cube: --kernel cube --grid 2 --block 4,3,2 --arg in=i32[48]:iota --arg out=i32[48]:zeros
// kport-launch odd: --kernel odd_block --grid 3 --block 45 --arg in=f32[135]:rand(2) --arg out=f32[135]:zeros
// kport-launch many: --kernel many_blocks --grid 100 --block 8 --arg out=i32[800]:zeros
// kport-launch stride: --kernel grid_stride --grid 3 --block 32 --arg in=f32[1000]:rand(3) --arg out=f32[1000]:zeros --arg n=1000
// kport-launch grid3d: --kernel grid3d --grid 2,2,3 --block 16 --arg out=u32[192]:zeros
// kport-launch rows: --kernel row_reduce --grid 2 --block 16,4 --arg in=f32[128]:rand(1) --arg out=f32[8]:zeros
// kport-launch mm: --kernel tiled_mm --grid 2,2 --block 4,4 --arg a=f32[64]:rand(2) --arg b=f32[64]:rand(3) --arg c=f32[64]:zeros --arg n=8
// kport-launch cfg: --kernel const_bound --grid 2 --block 8,2,2 --symbol cfg=i32[2]:const(3) --arg out=i32[64]:zeros
// A 2-D block and 2-D grid through a shared tile.
__global__ void transpose(const float* in, float* out, int w, int h) {
  __shared__ float tile[4][9];
  int x = blockIdx.x * 8 + threadIdx.x;
  int y = blockIdx.y * 4 + threadIdx.y;
  tile[threadIdx.y][threadIdx.x] = in[y * w + x];
  __syncthreads();
  int lin = threadIdx.y * 8 + threadIdx.x;
  int ty = lin / 4, tx = lin % 4;
  out[(blockIdx.x * 8 + ty) * h + blockIdx.y * 4 + tx] = tile[tx][ty];
}

// A 3-D block indexing a 3-D shared array.
__global__ void cube(const int* in, int* out) {
  __shared__ int s[2][3][4];
  int lin = (threadIdx.z * blockDim.y + threadIdx.y) * blockDim.x + threadIdx.x;
  int base = blockIdx.x * blockDim.x * blockDim.y * blockDim.z;
  s[threadIdx.z][threadIdx.y][threadIdx.x] = in[base + lin];
  __syncthreads();
  int v = s[1 - threadIdx.z][2 - threadIdx.y][3 - threadIdx.x];
  __syncthreads();
  s[threadIdx.z][threadIdx.y][threadIdx.x] = v * 10 + threadIdx.z * 100 + threadIdx.y * 1000;
  __syncthreads();
  out[base + lin] = s[threadIdx.z][(threadIdx.y + 1) % 3][threadIdx.x] + lin;
}

// A block of 45 threads (not a multiple of 32) with blockDim-dependent indexing.
__global__ void odd_block(const float* in, float* out) {
  __shared__ float s[45];
  s[threadIdx.x] = in[blockIdx.x * blockDim.x + threadIdx.x];
  __syncthreads();
  float sum = 0.0f;
  for (int k = 0; k < 5; ++k) sum += s[(threadIdx.x + k * 9) % blockDim.x];
  __syncthreads();
  s[threadIdx.x] = sum;
  __syncthreads();
  out[blockIdx.x * blockDim.x + threadIdx.x] = s[blockDim.x - 1 - threadIdx.x];
}

// 100 blocks spread over fewer tasks.
__global__ void many_blocks(int* out) {
  __shared__ int s[8];
  s[threadIdx.x] = blockIdx.x * 8 + threadIdx.x;
  __syncthreads();
  out[blockIdx.x * 8 + threadIdx.x] = s[7 - threadIdx.x] + gridDim.x;
}

// A grid-stride loop without barriers.
__global__ void grid_stride(const float* in, float* out, int n) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += gridDim.x * blockDim.x)
    out[i] = in[i] * in[i] + 1.0f;
}

// A 3-D grid: blockIdx.x, .y and .z from the linear block index.
__global__ void grid3d(unsigned* out) {
  __shared__ unsigned s[16];
  unsigned b = (blockIdx.z * gridDim.y + blockIdx.y) * gridDim.x + blockIdx.x;
  s[threadIdx.x] = blockIdx.x + 10 * blockIdx.y + 100 * blockIdx.z;
  __syncthreads();
  out[b * 16 + threadIdx.x] = s[15 - threadIdx.x] * 1000 + threadIdx.x;
}
__constant__ int cfg[2];
// Shuffles of width 16 in a 16x4 block (warps span two rows).
__global__ void row_reduce(const float* in, float* out) {
  unsigned lin = threadIdx.y * blockDim.x + threadIdx.x;
  float v = in[blockIdx.x * 64 + lin];
  for (int off = 8; off > 0; off >>= 1) v += __shfl_xor_sync(0xffffffffu, v, off, 16);
  if (threadIdx.x == 0) out[blockIdx.x * 4 + threadIdx.y] = v;
}

// Tiled matrix multiply with a 2-D block and a uniform tile loop.
__global__ void tiled_mm(const float* a, const float* b, float* c, int n) {
  __shared__ float ta[4][4];
  __shared__ float tb[4][4];
  int row = blockIdx.y * 4 + threadIdx.y;
  int col = blockIdx.x * 4 + threadIdx.x;
  float sum = 0.0f;
  for (int t = 0; t < n / 4; ++t) {
    ta[threadIdx.y][threadIdx.x] = a[row * n + t * 4 + threadIdx.x];
    tb[threadIdx.y][threadIdx.x] = b[(t * 4 + threadIdx.y) * n + col];
    __syncthreads();
    for (int k = 0; k < 4; ++k) sum += ta[threadIdx.y][k] * tb[k][threadIdx.x];
    __syncthreads();
  }
  c[row * n + col] = sum;
}

// A barrier loop bounded by a __constant__ value, 3-D block.
__global__ void const_bound(int* out) {
  __shared__ int s[32];
  unsigned lin = (threadIdx.z * blockDim.y + threadIdx.y) * blockDim.x + threadIdx.x;
  int v = lin;
  for (int r = 0; r < cfg[0]; ++r) {
    s[lin] = v;
    __syncthreads();
    v = s[(lin + blockDim.x) % 32] + r;
    __syncthreads();
  }
  out[blockIdx.x * 32 + lin] = v;
}
