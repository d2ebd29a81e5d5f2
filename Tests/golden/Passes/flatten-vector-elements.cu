// flatten-vector-elements: a grid-stride loop over float4 / half2 views of scalar arrays whose
// work is the same scalar work on every component runs over the scalars (4 · n4 floats instead
// of n4 float4s), which tile-global-access then tiles across the launch; split-thread-loops
// gives the scalar tail after the loop a thread loop of its own. The block loop is versioned:
// the flattened form where the stride is the launch's thread count and the scalar indices fit
// the index type, the loop as it was otherwise (sparse, whose stride is two launches' threads, runs it).
// A swizzle, a per-component constant, the index used as a value and a value per block keep
// their vectors. All launches verify with no tolerance, with 1-D and 2-D blocks (2-D blocks
// repeat each element once per row of threads, in both forms).
// RUN: kport ir %s --pipeline=cleanup,infer-address-spaces,scalarize-vector-math,simt-to-spmd,flatten-vector-elements,split-thread-loops | FileCheck %s
// RUN: kport verify %s --target bang --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport ir %s --pipeline=ascendc --remarks 2>&1 | FileCheck %s --check-prefix=REMARK
// kport-launch saxpy4: --kernel saxpy4 --grid 5 --block 64 --arg x=f32[n]:randn(1) --arg y=f32[n]:randn(2) --arg a=-1.5 --arg n=2051
// kport-launch haxpy: --kernel haxpy --grid 4 --block 64 --arg x=f16[n]:randn(5) --arg y=f16[n]:randn(6) --arg a=0.75 --arg n=1001
// kport-launch copy: --kernel copy4 --grid 2 --block 32 --arg x=f32[1000]:randn(7) --arg y=f32[1000]:zeros --arg n4=250
// kport-launch rows: --kernel copy4 --grid 3 --block 16,4 --arg x=f32[1000]:randn(3) --arg y=f32[1000]:zeros --arg n4=250
// kport-launch sparse: --kernel sparse --grid 4 --block 32 --arg x=f32[1000]:randn(8) --arg y=f32[1000]:zeros --arg n4=250
// kport-launch sh4: --kernel sh4 --grid 1 --block 1 --arg x=f32[1028]:randn(13) --arg n4=256
// kport-launch shift: --kernel shift --grid 2 --block 32 --arg x=f32[1280]:randn(14) --arg n4=256 --arg off=64
// kport-launch swizzle: --kernel swizzle --grid 2 --block 32 --arg x=f32[1024]:randn(9) --arg y=f32[1024]:zeros --arg n4=256
// kport-launch scales: --kernel scales --grid 2 --block 32 --arg x=f32[1024]:randn(10) --arg y=f32[1024]:zeros --arg n4=256
// kport-launch indexed: --kernel indexed --grid 2 --block 32 --arg x=f32[1024]:randn(11) --arg y=f32[1024]:zeros --arg n4=256
// kport-launch per_block: --kernel per_block --grid 2 --block 32 --arg x=f32[1024]:randn(12) --arg y=f32[1024]:zeros --arg n4=256

#include <cuda_fp16.h>

// The float4 loop runs over n4 * 4 floats, the tail in a thread loop of its own.
// CHECK-LABEL: kernel @saxpy4
// CHECK: [[PROBE:%[a-z_0-9.]+]] = mem.alloca : ptr<local, i32>
// CHECK: [[STRIDE:%[0-9]+]] = arith.cast %{{[0-9]+}} : i64
// CHECK: [[LAST:%[0-9]+]] = arith.add %{{[0-9]+}}, [[STRIDE]] : i64
// CHECK: arith.cmp le [[LAST]], %{{[0-9]+}}
// CHECK: scf.if
// CHECK: %scalars = arith.mul %n4{{.*}}, %{{[0-9]+}} : i32
// CHECK: scf.loop {thread_loop = true}
// CHECK: arith.cmp lt %{{[0-9]+}}, %scalars
// CHECK: mem.offset %x, %{{[0-9]+}} : ptr<global, f32>
// CHECK: mem.load %{{[0-9]+}} : f32
// CHECK: mem.store %{{[0-9]+}}, %{{[0-9]+}}
// CHECK: scf.loop {thread_loop = true}
// CHECK: } else {
// CHECK: mem.load %{{[0-9]+}} : vec<4 x f32>
__global__ void saxpy4(const float* __restrict__ x, float* __restrict__ y, float a, int n) {
  int gid = blockIdx.x * blockDim.x + threadIdx.x;
  int stride = blockDim.x * gridDim.x;
  int n4 = n / 4;
  const float4* x4 = reinterpret_cast<const float4*>(x);
  float4* y4 = reinterpret_cast<float4*>(y);
  for (int i = gid; i < n4; i += stride) {
    float4 xv = x4[i];
    float4 yv = y4[i];
    y4[i] = make_float4(a * xv.x + yv.x, a * xv.y + yv.y, a * xv.z + yv.z, a * xv.w + yv.w);
  }
  int t = n4 * 4 + gid;
  if (t < n) y[t] = a * x[t] + y[t];
}

// half2 with a splatted scalar (__float2half2_rn): each half takes the same a.
// CHECK-LABEL: kernel @haxpy
// CHECK: scf.loop {thread_loop = true}
// CHECK: mem.offset %x, %{{[0-9]+}} : ptr<global, f16>
// CHECK-NOT: agg.extract
// CHECK: math.call __hfma
// CHECK-NOT: math.call __hfma
// CHECK: scf.loop {thread_loop = true}
// CHECK: } else {
__global__ void haxpy(int n, float a, const __half* __restrict__ x, __half* __restrict__ y) {
  int gid = blockIdx.x * blockDim.x + threadIdx.x;
  const half2* x2 = reinterpret_cast<const half2*>(x);
  half2* y2 = reinterpret_cast<half2*>(y);
  half2 a2 = __float2half2_rn(a);
  int n2 = n / 2;
  for (int i = gid; i < n2; i += blockDim.x * gridDim.x) y2[i] = __hfma2(a2, x2[i], y2[i]);
  if (gid == 0 && (n & 1)) y[n - 1] = __hfma(__float2half(a), x[n - 1], y[n - 1]);
}

// A vector copied whole.
// CHECK-LABEL: kernel @copy4
// CHECK: %scalars = arith.mul %n4
// CHECK: mem.load %{{[0-9]+}} : f32
// Launched with 16,4 blocks too: each float is copied by four threads, in both forms.
__global__ void copy4(const float* x, float* y, int n4) {
  const float4* x4 = reinterpret_cast<const float4*>(x);
  float4* y4 = reinterpret_cast<float4*>(y);
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n4; i += blockDim.x * gridDim.x) y4[i] = x4[i];
}

// Strides by two launches' threads, every other vector: flattened, but the guard sends every
// launch to the loop as it was (stride != grid_dim_x * block_dim_x), which the launch checks
// (the flattened loop would write every other float4's worth of floats instead).
// CHECK-LABEL: kernel @sparse
// CHECK: %scalars = arith.mul %n4
__global__ void sparse(const float* x, float* y, int n4) {
  const float4* x4 = reinterpret_cast<const float4*>(x);
  float4* y4 = reinterpret_cast<float4*>(y);
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n4; i += 2 * blockDim.x * gridDim.x) {
    float4 v = x4[i];
    y4[i] = make_float4(v.x + 1.0f, v.y + 1.0f, v.z + 1.0f, v.w + 1.0f);
  }
}

// Kept as vectors: a swizzle, a constant per component, the index as a value, a value per block.
// CHECK-LABEL: kernel @swizzle
// CHECK-NOT: %scalars
// CHECK: func.return
__global__ void swizzle(const float* x, float* y, int n4) {
  const float4* x4 = reinterpret_cast<const float4*>(x);
  float4* y4 = reinterpret_cast<float4*>(y);
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n4; i += blockDim.x * gridDim.x) {
    float4 v = x4[i];
    y4[i] = make_float4(v.y, v.x, v.w, v.z);
  }
}

// CHECK-LABEL: kernel @scales
// CHECK-NOT: %scalars
// CHECK: func.return
__global__ void scales(const float* x, float* y, int n4) {
  const float4* x4 = reinterpret_cast<const float4*>(x);
  float4* y4 = reinterpret_cast<float4*>(y);
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n4; i += blockDim.x * gridDim.x) {
    float4 v = x4[i];
    y4[i] = make_float4(v.x * 2.0f, v.y * 3.0f, v.z * 4.0f, v.w * 5.0f);
  }
}

// CHECK-LABEL: kernel @indexed
// CHECK-NOT: %scalars
// CHECK: func.return
__global__ void indexed(const float* x, float* y, int n4) {
  const float4* x4 = reinterpret_cast<const float4*>(x);
  float4* y4 = reinterpret_cast<float4*>(y);
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n4; i += blockDim.x * gridDim.x) {
    float4 v = x4[i];
    y4[i] = make_float4(v.x + i, v.y + i, v.z + i, v.w + i);
  }
}

// CHECK-LABEL: kernel @per_block
// CHECK-NOT: %scalars
// CHECK: func.return
__global__ void per_block(const float* x, float* y, int n4) {
  const float4* x4 = reinterpret_cast<const float4*>(x);
  float4* y4 = reinterpret_cast<float4*>(y);
  float b = (float)blockIdx.x;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n4; i += blockDim.x * gridDim.x) {
    float4 v = x4[i];
    y4[i] = make_float4(v.x + b, v.y + b, v.z + b, v.w + b);
  }
}

// The stored view is the loaded array one vector (sh4) or one stride (shift) further on: a
// thread's later vectors read what it wrote, which tiles loaded ahead would miss (found by
// review). The loops keep their vectors and stay untiled.
// CHECK-LABEL: kernel @sh4
// CHECK-NOT: %scalars
// CHECK: func.return
__global__ void sh4(float* x, int n4) {
  const float4* x4 = reinterpret_cast<const float4*>(x);
  float4* y4 = reinterpret_cast<float4*>(x + 4);
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n4; i += blockDim.x * gridDim.x) {
    float4 v = x4[i];
    y4[i] = make_float4(v.x + 1.f, v.y + 1.f, v.z + 1.f, v.w + 1.f);
  }
}

__global__ void shift(float* x, int n4, int off) {
  const float4* x4 = reinterpret_cast<const float4*>(x);
  float4* y4 = reinterpret_cast<float4*>(x + 4 * off);
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n4; i += blockDim.x * gridDim.x) {
    float4 v = x4[i];
    y4[i] = make_float4(v.x + 1.f, v.y + 1.f, v.z + 1.f, v.w + 1.f);
  }
}

// VERIFY: launch saxpy4: saxpy4 {{.*}}: equal
// VERIFY: launch haxpy: haxpy {{.*}}: equal
// VERIFY: launch copy: copy4 {{.*}}: equal
// VERIFY: launch rows: copy4 {{.*}}: equal
// VERIFY: launch sparse: sparse {{.*}}: equal
// VERIFY: launch sh4: sh4 {{.*}}: equal
// VERIFY: launch shift: shift {{.*}}: equal
// VERIFY: launch swizzle: swizzle {{.*}}: equal
// VERIFY: launch scales: scales {{.*}}: equal
// VERIFY: launch indexed: indexed {{.*}}: equal
// VERIFY: launch per_block: per_block {{.*}}: equal

// REMARK: flatten-vector-elements.cu:51:20: remark: flattened: the loop over vectors of 4 elements of x, y runs over their elements, the same work on each (as it was where the stride is not the launch's thread count or the indices would overflow) [KP3020]
// REMARK: flatten-vector-elements.cu:74:61: remark: flattened: the loop over vectors of 2 elements of x, y runs over their elements, the same work on each (as it was where the stride is not the launch's thread count or the indices would overflow) [KP3020]
// REMARK: flatten-vector-elements.cu:86:95: remark: flattened: the loop over vectors of 4 elements of x, y runs over their elements, the same work on each (as it was where the stride is not the launch's thread count or the indices would overflow) [KP3020]
// REMARK: flatten-vector-elements.cu:98:19: remark: flattened: the loop over vectors of 4 elements of x, y runs over their elements, the same work on each (as it was where the stride is not the launch's thread count or the indices would overflow) [KP3020]
// REMARK: flatten-vector-elements.cu:111:19: remark: kept as vectors: the work is not the same scalar work on every component of its vectors, or depends on its block, thread or index [KP3021]
// REMARK: flatten-vector-elements.cu:123:19: remark: kept as vectors: the work is not the same scalar work on every component of its vectors, or depends on its block, thread or index [KP3021]
// REMARK: flatten-vector-elements.cu:135:19: remark: kept as vectors: the work is not the same scalar work on every component of its vectors, or depends on its block, thread or index [KP3021]
// REMARK: flatten-vector-elements.cu:148:19: remark: kept as vectors: the work is not the same scalar work on every component of its vectors, or depends on its block, thread or index [KP3021]
// REMARK: flatten-vector-elements.cu:55:11: remark: split: the work after the grid-stride loop runs in a thread loop of its own, so that the loop can be tiled [KP3020]
// REMARK: flatten-vector-elements.cu:75:7: remark: split: the work after the grid-stride loop runs in a thread loop of its own, so that the loop can be tiled [KP3020]
