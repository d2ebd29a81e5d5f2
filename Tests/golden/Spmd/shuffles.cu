// Warp shuffles: every mode and width, partial warps, under thread-dependent ifs, inside uniform loops.
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: launch modes: modes CUDA vs BANG C: equal
// CHECK: launch widths: widths CUDA vs BANG C: equal
// CHECK: launch warp0: warp_sum CUDA vs BANG C: equal
// CHECK: launch firstwarp: first_warp CUDA vs BANG C: equal
// CHECK: launch partial: partial_warp CUDA vs BANG C: equal
// CHECK: launch dbl: double_shfl CUDA vs BANG C: equal
// CHECK: launch nestedif: nested_if CUDA vs BANG C: equal
// CHECK: launch elsebr: else_branch CUDA vs BANG C: equal
// CHECK: launch loopbar: loop_barrier_shfl CUDA vs BANG C: equal
// CHECK: launch dyn: dynamic_lane CUDA vs BANG C: equal
// CHECK: launch halfs: half_shfl CUDA vs BANG C: equal
// ASCEND: launch modes: modes CUDA vs Ascend C: equal
// ASCEND: launch widths: widths CUDA vs Ascend C: equal
// ASCEND: launch warp0: warp_sum CUDA vs Ascend C: equal
// ASCEND: launch firstwarp: first_warp CUDA vs Ascend C: equal
// ASCEND: launch partial: partial_warp CUDA vs Ascend C: equal
// ASCEND: launch dbl: double_shfl CUDA vs Ascend C: equal
// ASCEND: launch nestedif: nested_if CUDA vs Ascend C: equal
// ASCEND: launch elsebr: else_branch CUDA vs Ascend C: equal
// ASCEND: launch loopbar: loop_barrier_shfl CUDA vs Ascend C: equal
// ASCEND: launch dyn: dynamic_lane CUDA vs Ascend C: equal
// ASCEND: launch halfs: half_shfl CUDA vs Ascend C: equal
#include <cuda_fp16.h>
// kport-launch modes: --kernel modes --grid 2 --block 64 --arg in=f32[128]:rand(1) --arg out=f32[512]:zeros
// kport-launch widths: --kernel widths --grid 1 --block 64 --arg in=i32[64]:iota --arg out=i32[576]:zeros
// kport-launch warp0: --kernel warp_sum --grid 3 --block 96 --arg in=f32[288]:rand(2) --arg out=f32[3]:zeros
// kport-launch firstwarp: --kernel first_warp --grid 2 --block 64 --arg in=f32[128]:rand(3) --arg out=f32[128]:zeros
// kport-launch partial: --kernel partial_warp --grid 2 --block 40 --arg in=f32[80]:rand(4) --arg out=f32[80]:zeros
// kport-launch dbl: --kernel double_shfl --grid 1 --block 32 --arg in=f64[32]:rand(5) --arg out=f64[32]:zeros
// kport-launch nestedif: --kernel nested_if --grid 2 --block 96 --arg in=f32[192]:rand(1) --arg out=f32[192]:zeros
// kport-launch elsebr: --kernel else_branch --grid 1 --block 64 --arg in=i32[64]:iota --arg out=i32[64]:zeros
// kport-launch loopbar: --kernel loop_barrier_shfl --grid 2 --block 64 --arg in=f32[128]:rand(2) --arg out=f32[128]:zeros --arg rounds=3
// kport-launch dyn: --kernel dynamic_lane --grid 1 --block 64 --arg in=f32[64]:rand(3) --arg out=f32[64]:zeros --arg w=8 --arg src=3
// kport-launch halfs: --kernel half_shfl --grid 1 --block 32 --arg in=f16[32]:rand(4) --arg out=f16[32]:zeros
// idx, up, down and xor shuffles at top level, each result stored at once.
__global__ void modes(const float* in, float* out) {
  unsigned t = threadIdx.x;
  unsigned base = blockIdx.x * 64;
  float v = in[base + t];
  out[4 * (base + t) + 0] = __shfl_sync(0xffffffffu, v, 5);
  out[4 * (base + t) + 1] = __shfl_up_sync(0xffffffffu, v, 3);
  out[4 * (base + t) + 2] = __shfl_down_sync(0xffffffffu, v, 7);
  out[4 * (base + t) + 3] = __shfl_xor_sync(0xffffffffu, v, 9);
}

// Shuffles of widths 8, 16 and 32 in every mode, and a per-thread source lane.
__global__ void widths(const int* in, int* out) {
  unsigned t = threadIdx.x;
  int v = in[t] * 3 + 1;
  out[t + 0 * 64] = __shfl_sync(0xffffffffu, v, 3, 8);
  out[t + 1 * 64] = __shfl_sync(0xffffffffu, v, 11, 16);
  out[t + 2 * 64] = __shfl_up_sync(0xffffffffu, v, 2, 8);
  out[t + 3 * 64] = __shfl_up_sync(0xffffffffu, v, 5, 16);
  out[t + 4 * 64] = __shfl_down_sync(0xffffffffu, v, 3, 8);
  out[t + 5 * 64] = __shfl_down_sync(0xffffffffu, v, 9, 16);
  out[t + 6 * 64] = __shfl_xor_sync(0xffffffffu, v, 4, 8);
  out[t + 7 * 64] = __shfl_xor_sync(0xffffffffu, v, 8, 16);
  out[t + 8 * 64] = __shfl_sync(0xffffffffu, v, t + 1, 32);
}

__device__ float warp_reduce(float v) {
  for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
  return v;
}

// Warp reduction, then a uniform shuffle loop under if (warp == 0).
__global__ void warp_sum(const float* in, float* out) {
  __shared__ float partial[3];
  unsigned t = threadIdx.x;
  unsigned warp = t / 32, lane = t % 32;
  float v = warp_reduce(in[blockIdx.x * 96 + t]);
  if (lane == 0) partial[warp] = v;
  __syncthreads();
  if (warp == 0) {
    float w = lane < 3 ? partial[lane] : 0.0f;
    for (int offset = 16; offset > 0; offset >>= 1) w += __shfl_xor_sync(0xffffffffu, w, offset);
    if (lane == 0) out[blockIdx.x] = w;
  }
}

// Shuffles under if (threadIdx.x < 32) with an else branch.
__global__ void first_warp(const float* in, float* out) {
  unsigned t = threadIdx.x;
  float v = in[blockIdx.x * 64 + t];
  if (t < 32) {
    float u = __shfl_up_sync(0xffffffffu, v, 1);
    if (t >= 1) v += u;
    v = __shfl_sync(0xffffffffu, v, 31 - t);
  } else {
    v = -v;
  }
  out[blockIdx.x * 64 + t] = v;
}

// Shuffles in a 40-thread block (a partial second warp).
__global__ void partial_warp(const float* in, float* out) {
  unsigned t = threadIdx.x;
  float v = in[blockIdx.x * 40 + t];
  float r = __shfl_down_sync(0xffffffffu, v, 4, 8);
  r += 2.0f * __shfl_xor_sync(0xffffffffu, v, 1);
  out[blockIdx.x * 40 + t] = r;
}

// A shuffle of a double.
__global__ void double_shfl(const double* in, double* out) {
  double v = in[threadIdx.x];
  out[threadIdx.x] = __shfl_xor_sync(0xffffffffu, v, 16) - v;
}
// Shuffles in nested thread-dependent ifs with a narrower mask.
__global__ void nested_if(const float* in, float* out) {
  unsigned t = threadIdx.x;
  unsigned warp = t / 32;
  float v = in[blockIdx.x * 96 + t];
  if (warp != 1) {
    v *= 2.0f;
    if ((t & 31) < 16) {
      v += __shfl_xor_sync(0x0000ffffu, v, 1, 16);
    }
    v += __shfl_down_sync(0xffffffffu, v, 16);
  }
  out[blockIdx.x * 96 + t] = v;
}

// Different shuffles in the then and else branches of a thread-dependent if.
__global__ void else_branch(const int* in, int* out) {
  int v = in[threadIdx.x];
  if (threadIdx.x >= 32) {
    v = __shfl_sync(0xffffffffu, v, 0) + v;
  } else {
    v = __shfl_up_sync(0xffffffffu, v, 1) * 2;
  }
  out[threadIdx.x] = v;
}

// A shuffle and barriers in the same uniform loop.
__global__ void loop_barrier_shfl(const float* in, float* out, int rounds) {
  __shared__ float s[64];
  float v = in[blockIdx.x * 64 + threadIdx.x];
  for (int r = 0; r < rounds; ++r) {
    v += __shfl_xor_sync(0xffffffffu, v, r + 1);
    s[threadIdx.x] = v;
    __syncthreads();
    v = s[63 - threadIdx.x] * 0.5f;
    __syncthreads();
  }
  out[blockIdx.x * 64 + threadIdx.x] = v;
}

// Source lane and width taken from parameters, in a loop under a thread-dependent if.
__global__ void dynamic_lane(const float* in, float* out, int w, int src) {
  float v = in[threadIdx.x];
  if (threadIdx.x < 32) {
    for (int i = 0; i < 2; ++i) v = __shfl_sync(0xffffffffu, v, src + i, w);
  }
  out[threadIdx.x] = v;
}

// A shuffle of a __half value.
__global__ void half_shfl(const __half* in, __half* out) {
  __half v = in[threadIdx.x];
  __half u = __shfl_down_sync(0xffffffffu, v, 2);
  out[threadIdx.x] = __hadd(u, v);
}
