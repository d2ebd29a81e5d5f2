// RUN: kport ir %s --no-host | FileCheck %s
// CUDA intrinsics: warp operations, atomics, math, barriers with results, fences.

// CHECK-LABEL: kernel @warp
// CHECK: cuda.shuffle down {{.*}} : f32
// CHECK: cuda.shuffle xor {{.*}} : f32
// CHECK: cuda.ballot
// CHECK: cuda.vote any
// CHECK: cuda.activemask
// CHECK: math.call __popc
__global__ void warp(float* x, unsigned* out) {
  float v = x[threadIdx.x];
  for (int offset = 16; offset > 0; offset /= 2) v += __shfl_down_sync(0xffffffff, v, offset);
  v += __shfl_xor_sync(0xffffffff, v, 1, 16);
  unsigned b = __ballot_sync(0xffffffff, v > 0.0f);
  int any = __any_sync(0xffffffff, v < 0.0f);
  out[threadIdx.x] = __popc(b & __activemask()) + any;
}

// CHECK-LABEL: kernel @atomics
// CHECK: cuda.atomic add {{.*}} : f32
// CHECK: cuda.atomic cas {{.*}} : i32
// CHECK: cuda.atomic max {{.*}} {scope = block} : i32
// CHECK: cuda.atomic exch
__global__ void atomics(float* f, int* i) {
  atomicAdd(f, 1.0f);
  atomicCAS(i, 0, 1);
  atomicMax_block(i + 1, 7);
  atomicExch(i + 2, 3);
}

// CHECK-LABEL: kernel @math
// CHECK: math.call expf
// CHECK: math.call __expf
// CHECK: math.call rsqrtf
// CHECK: math.call __fdividef
// CHECK: math.call sqrt {{.*}} : f64
// CHECK: math.call fmaf
// CHECK: %[[C:[0-9]+]] = cuda.syncthreads_count
// CHECK: cuda.threadfence block
__global__ void math(float* x, double* d, int* n) {
  float a = x[0];
  x[1] = expf(a) + __expf(a) + rsqrtf(a) + __fdividef(a, 3.0f);
  d[0] = sqrt(d[1]);
  x[2] = fmaf(a, a, a);
  n[0] = __syncthreads_count(a > 0.0f);
  __threadfence_block();
}
