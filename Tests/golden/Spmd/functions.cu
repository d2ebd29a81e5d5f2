// Templates, device functions holding barriers (with returns), struct parameters, half precision.
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: launch tmplf: block_reduce_kernel<float, 64> CUDA vs BANG C: equal
// CHECK: launch tmpli: block_reduce_kernel<int, 32> CUDA vs BANG C: equal
// CHECK: launch devbar: scan_kernel CUDA vs BANG C: equal
// CHECK: launch params: affine CUDA vs BANG C: equal
// CHECK: launch halfk: half_smooth CUDA vs BANG C: equal
// CHECK: launch ret: ret_value CUDA vs BANG C: equal
// CHECK: launch predssa: pred_ssa CUDA vs BANG C: equal
// CHECK: launch devret: dev_early_return CUDA vs BANG C: equal
// ASCEND: launch tmplf: block_reduce_kernel<float, 64> CUDA vs Ascend C: equal
// ASCEND: launch tmpli: block_reduce_kernel<int, 32> CUDA vs Ascend C: equal
// ASCEND: launch devbar: scan_kernel CUDA vs Ascend C: equal
// ASCEND: launch params: affine CUDA vs Ascend C: equal
// ASCEND: launch halfk: half_smooth CUDA vs Ascend C: equal
// ASCEND: launch ret: ret_value CUDA vs Ascend C: equal
// ASCEND: launch predssa: pred_ssa CUDA vs Ascend C: equal
// ASCEND: launch devret: dev_early_return CUDA vs Ascend C: equal
#include <cuda_fp16.h>
// kport-launch tmplf: --kernel block_reduce_kernel<float,64> --grid 2 --block 64 --arg in=f32[128]:rand(1) --arg out=f32[2]:zeros
// kport-launch tmpli: --kernel block_reduce_kernel<int,32> --grid 3 --block 32 --arg in=i32[96]:rand(2,-9,9) --arg out=i32[3]:zeros
// kport-launch devbar: --kernel scan_kernel --grid 2 --block 32 --arg in=i32[64]:rand(3,0,10) --arg out=i32[64]:zeros
// kport-launch params: --kernel affine --grid 2 --block 32 --arg p={2.0,-1.0,7} --arg in=f32[64]:rand(4) --arg out=f32[64]:zeros
// kport-launch halfk: --kernel half_smooth --grid 2 --block 32 --arg in=f16[64]:rand(5) --arg out=f16[64]:zeros
// kport-launch ret: --kernel ret_value --grid 2 --block 32 --arg in=f32[64]:rand(1) --arg out=f32[64]:zeros
// kport-launch predssa: --kernel pred_ssa --grid 1 --block 64 --arg in=f32[64]:rand(2) --arg out=f32[64]:zeros
// kport-launch devret: --kernel dev_early_return --grid 2 --block 32 --arg in=f32[64]:rand(3) --arg out=f32[64]:zeros --arg n=1
struct Affine { float scale; float bias; int shift; };

template <typename T, int N>
__device__ T block_reduce(T v, T* s) {
  s[threadIdx.x] = v;
  __syncthreads();
  for (int stride = N / 2; stride > 0; stride /= 2) {
    if (threadIdx.x < stride) s[threadIdx.x] += s[threadIdx.x + stride];
    __syncthreads();
  }
  return s[0];
}

// A templated kernel calling a templated device function that holds barriers.
template <typename T, int N>
__global__ void block_reduce_kernel(const T* in, T* out) {
  __shared__ T s[N];
  T total = block_reduce<T, N>(in[blockIdx.x * N + threadIdx.x], s);
  if (threadIdx.x == 0) out[blockIdx.x] = total;
}
template __global__ void block_reduce_kernel<float, 64>(const float*, float*);
template __global__ void block_reduce_kernel<int, 32>(const int*, int*);

__device__ int inclusive_scan(int v, int* s) {
  s[threadIdx.x] = v;
  __syncthreads();
  for (int d = 1; d < 32; d *= 2) {
    int add = threadIdx.x >= d ? s[threadIdx.x - d] : 0;
    __syncthreads();
    s[threadIdx.x] += add;
    __syncthreads();
  }
  return s[threadIdx.x];
}

// A device function holding barriers in a loop, returning a per-thread value.
__global__ void scan_kernel(const int* in, int* out) {
  __shared__ int s[32];
  int v = in[blockIdx.x * 32 + threadIdx.x];
  int r = inclusive_scan(v, s);
  out[blockIdx.x * 32 + threadIdx.x] = r - v;
}

// A struct parameter passed by value.
__global__ void affine(Affine p, const float* in, float* out) {
  __shared__ float s[32];
  s[threadIdx.x] = in[blockIdx.x * 32 + threadIdx.x] * p.scale + p.bias;
  __syncthreads();
  out[blockIdx.x * 32 + threadIdx.x] = s[(threadIdx.x + p.shift) % 32];
}

// __half values live across barriers.
__global__ void half_smooth(const __half* in, __half* out) {
  __shared__ __half s[32];
  __half v = in[blockIdx.x * 32 + threadIdx.x];
  s[threadIdx.x] = v;
  __syncthreads();
  __half l = s[(threadIdx.x + 31) % 32];
  __half r = s[(threadIdx.x + 1) % 32];
  __syncthreads();
  out[blockIdx.x * 32 + threadIdx.x] = __hadd(__hmul(v, __float2half(0.5f)), __hmul(__hadd(l, r), __float2half(0.25f)));
}
__device__ float find_round(float* s) {
  for (int i = 0; i < 4; ++i) {
    s[threadIdx.x] += 1.0f;
    __syncthreads();
    if (i == (int)blockIdx.x + 1) return s[(threadIdx.x + i) % 32];
    __syncthreads();
  }
  return -1.0f;
}
// A device function returning from inside a loop that holds barriers.
__global__ void ret_value(const float* in, float* out) {
  __shared__ float s[32];
  s[threadIdx.x] = in[blockIdx.x * 32 + threadIdx.x];
  float r = find_round(s);
  out[blockIdx.x * 32 + threadIdx.x] = r;
}

// Values computed before a shuffle under a thread-dependent if and used after it.
__global__ void pred_ssa(const float* in, float* out) {
  unsigned t = threadIdx.x;
  if (t < 32) {
    float a = in[t] * 2.0f;
    float r = __shfl_xor_sync(0xffffffffu, a, 1);
    float q = a * a + 1.0f;
    out[t] = r + a + q;
  }
}

__device__ void stage(float* s, int n) {
  if (n == (int)blockIdx.x) return;
  s[threadIdx.x] *= 2.0f;
  __syncthreads();
}
// A device function with a uniform early return before its barrier, called twice.
__global__ void dev_early_return(const float* in, float* out, int n) {
  __shared__ float s[32];
  s[threadIdx.x] = in[blockIdx.x * 32 + threadIdx.x];
  __syncthreads();
  stage(s, n);
  stage(s, n + 1);
  out[blockIdx.x * 32 + threadIdx.x] = s[31 - threadIdx.x];
}
