// Dynamic shared memory, __constant__ arrays filled by --symbol, shared and global atomics (int and float).
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: launch dyn: dyn_reverse CUDA vs BANG C: equal
// CHECK: launch const: const_poly CUDA vs BANG C: equal
// CHECK: launch satom: shared_atomics CUDA vs BANG C: equal
// CHECK: launch gatom: global_atomics CUDA vs BANG C: equal
// ASCEND: launch dyn: dyn_reverse CUDA vs Ascend C: equal
// ASCEND: launch const: const_poly CUDA vs Ascend C: equal
// ASCEND: launch satom: shared_atomics CUDA vs Ascend C: equal
// ASCEND: launch gatom: global_atomics CUDA vs Ascend C: equal
// kport-launch dyn: --kernel dyn_reverse --grid 2 --block 48 --shared 192 --arg in=f32[96]:rand(1) --arg out=f32[96]:zeros
// kport-launch const: --kernel const_poly --grid 2 --block 32 --symbol coef=f32[4]:rand(2) --symbol table=i32[8]:iota --arg in=f32[64]:rand(3) --arg out=f32[64]:zeros
// kport-launch satom: --kernel shared_atomics --grid 3 --block 64 --arg in=i32[192]:rand(4,0,8) --arg hist=i32[24]:zeros --arg fsum=f32[3]:zeros
// kport-launch gatom: --kernel global_atomics --grid 4 --block 32 --arg in=i32[128]:rand(5,-50,50) --arg counters=i32[4]:zeros --arg total=f32[1]:zeros --arg maxv=i32[1]:zeros
__constant__ float coef[4];
__constant__ int table[8];

// extern __shared__ sized by --shared.
__global__ void dyn_reverse(const float* in, float* out) {
  extern __shared__ float buf[];
  buf[threadIdx.x] = in[blockIdx.x * blockDim.x + threadIdx.x];
  __syncthreads();
  out[blockIdx.x * blockDim.x + threadIdx.x] = buf[blockDim.x - 1 - threadIdx.x];
}

// __constant__ arrays filled by --symbol, read at uniform and per-thread indices.
__global__ void const_poly(const float* in, float* out) {
  __shared__ float s[32];
  float x = in[blockIdx.x * 32 + threadIdx.x];
  s[threadIdx.x] = ((coef[3] * x + coef[2]) * x + coef[1]) * x + coef[0];
  __syncthreads();
  int k = table[(threadIdx.x + blockIdx.x) % 8];
  out[blockIdx.x * 32 + threadIdx.x] = s[(threadIdx.x + k) % 32] + coef[blockIdx.x];
}

// int and float atomics on shared memory between barriers.
__global__ void shared_atomics(const int* in, int* hist, float* fsum) {
  __shared__ int bins[8];
  __shared__ float total;
  if (threadIdx.x < 8) bins[threadIdx.x] = 0;
  if (threadIdx.x == 0) total = 0.0f;
  __syncthreads();
  int v = in[blockIdx.x * 64 + threadIdx.x];
  atomicAdd(&bins[v], 1);
  atomicAdd(&total, 0.25f * (float)v);
  __syncthreads();
  if (threadIdx.x < 8) hist[blockIdx.x * 8 + threadIdx.x] = bins[threadIdx.x];
  if (threadIdx.x == 0) fsum[blockIdx.x] = total;
}

// int and float atomics on global memory, results unused.
__global__ void global_atomics(const int* in, int* counters, float* total, int* maxv) {
  int v = in[blockIdx.x * 32 + threadIdx.x];
  if (v > 0) atomicAdd(&counters[blockIdx.x], 1);
  atomicAdd(total, (float)v * 0.5f);
  atomicMax(maxv, v);
}
