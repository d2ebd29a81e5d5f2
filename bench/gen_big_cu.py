#!/usr/bin/env python3
"""Writes a large, deterministic CUDA file for the front-end benchmark: N groups of six kernel
kinds (grid-stride vector op, shared reduction with a warp-shuffle tail, 16x16 tiled matmul with
#pragma unroll, float4 softmax with extern __shared__, a template kernel, a half axpy) and one
host function launching them all. `gen_big_cu.py 38` gives about 3,000 lines."""
import sys

groups = int(sys.argv[1]) if len(sys.argv) > 1 else 32
out = ["#include <cuda_runtime.h>", "#include <cuda_fp16.h>", "#include <stdio.h>", ""]
launches = []
for g in range(groups):
    out += f"""
__global__ void vec_op_{g}(const float* __restrict__ x, float* __restrict__ y, float a, int n) {{
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {{
    y[i] = a * x[i] + y[i] * {g}.5f;
  }}
}}

__global__ void reduce_{g}(const float* in, float* out, int n) {{
  __shared__ float s[256];
  int tid = threadIdx.x;
  int i = blockIdx.x * blockDim.x + tid;
  s[tid] = i < n ? in[i] : 0.0f;
  __syncthreads();
  for (int stride = blockDim.x / 2; stride > 32; stride >>= 1) {{
    if (tid < stride) s[tid] += s[tid + stride];
    __syncthreads();
  }}
  float v = s[tid];
  if (tid < 32) {{
    for (int offset = 16; offset > 0; offset /= 2) v += __shfl_down_sync(0xffffffff, v, offset);
    if (tid == 0) atomicAdd(out, v);
  }}
}}

__global__ void matmul_{g}(const float* A, const float* B, float* C, int M, int N, int K) {{
  __shared__ float As[16][16];
  __shared__ float Bs[16][16];
  int row = blockIdx.y * 16 + threadIdx.y;
  int col = blockIdx.x * 16 + threadIdx.x;
  float acc = 0.0f;
  for (int t = 0; t < (K + 15) / 16; ++t) {{
    As[threadIdx.y][threadIdx.x] = (row < M && t * 16 + threadIdx.x < K) ? A[row * K + t * 16 + threadIdx.x] : 0.0f;
    Bs[threadIdx.y][threadIdx.x] = (col < N && t * 16 + threadIdx.y < K) ? B[(t * 16 + threadIdx.y) * N + col] : 0.0f;
    __syncthreads();
#pragma unroll
    for (int k = 0; k < 16; ++k) acc += As[threadIdx.y][k] * Bs[k][threadIdx.x];
    __syncthreads();
  }}
  if (row < M && col < N) C[row * N + col] = acc;
}}

__global__ void softmax_{g}(const float4* in, float4* out, int cols4) {{
  extern __shared__ float scratch[];
  const float4* row = in + blockIdx.x * cols4;
  float m = -1e30f;
  for (int c = threadIdx.x; c < cols4; c += blockDim.x) {{
    float4 v = row[c];
    m = fmaxf(m, fmaxf(fmaxf(v.x, v.y), fmaxf(v.z, v.w)));
  }}
  scratch[threadIdx.x] = m;
  __syncthreads();
  for (int s = blockDim.x / 2; s > 0; s >>= 1) {{
    if (threadIdx.x < s) scratch[threadIdx.x] = fmaxf(scratch[threadIdx.x], scratch[threadIdx.x + s]);
    __syncthreads();
  }}
  m = scratch[0];
  for (int c = threadIdx.x; c < cols4; c += blockDim.x) {{
    float4 v = row[c];
    out[blockIdx.x * cols4 + c] = make_float4(__expf(v.x - m), __expf(v.y - m), __expf(v.z - m), __expf(v.w - m));
  }}
}}

template <int BLOCK, typename T>
__global__ void scale_{g}(T* data, T factor, int n) {{
  int i = blockIdx.x * BLOCK + threadIdx.x;
  if (i < n) data[i] = data[i] * factor + (T)BLOCK;
}}

__global__ void haxpy_{g}(const __half* x, __half* y, float a, int n) {{
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = __float2half(a * __half2float(x[i]) + __half2float(y[i]));
}}
""".splitlines()
    launches += [
        f"  vec_op_{g}<<<(n + 255) / 256, 256>>>(x, y, 2.0f, n);",
        f"  reduce_{g}<<<(n + 255) / 256, 256>>>(x, y, n);",
        f"  matmul_{g}<<<dim3(n / 16, n / 16), dim3(16, 16)>>>(x, y, z, n, n, n);",
        f"  softmax_{g}<<<n, 128, 128 * sizeof(float)>>>((const float4*)x, (float4*)z, n / 4);",
        f"  scale_{g}<128, float><<<(n + 127) / 128, 128>>>(z, 0.5f, n);",
        f"  haxpy_{g}<<<(n + 255) / 256, 256>>>(hx, hy, 3.0f, n);",
    ]
out += ["", "void launch_all(float* x, float* y, float* z, __half* hx, __half* hy, int n) {"]
out += launches
out += ["  cudaDeviceSynchronize();", "}"]
print("\n".join(out))
