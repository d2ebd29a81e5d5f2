// RUN: kport ir %s --no-host | FileCheck %s
// Shared memory (static, multi-dimensional, dynamic), __constant__ and __device__ globals.

// CHECK: global @coeff : constant array<4 x f32> = [1.0, 2.0, 3.0, 4.0]
// CHECK: global @counter : global u32
__constant__ float coeff[4] = {1.0f, 2.0f, 3.0f, 4.0f};
__device__ unsigned counter;

// Shared arrays are hoisted to the entry; 2-D subscripts become nested mem.element.
// CHECK-LABEL: kernel @tiles
// CHECK-NEXT: %tile = mem.shared : ptr<shared, array<16 x array<17 x f32>>>
// CHECK: %[[ROW:[0-9]+]] = mem.element %tile, {{.*}} : ptr<shared, array<17 x f32>>
// CHECK-NEXT: mem.element %[[ROW]], {{.*}} : ptr<shared, f32>
// CHECK: cuda.syncthreads
// CHECK: mem.global_address @coeff : ptr<constant, array<4 x f32>>
// CHECK: cuda.atomic add {{.*}} : u32
__global__ void tiles(const float* in, float* out) {
  __shared__ float tile[16][17];
  tile[threadIdx.y][threadIdx.x] = in[threadIdx.y * 16 + threadIdx.x];
  __syncthreads();
  out[threadIdx.x] = tile[threadIdx.x][threadIdx.y] * coeff[threadIdx.x % 4];
  atomicAdd(&counter, 1u);
}

// extern __shared__ is the launch's dynamic shared memory.
// CHECK-LABEL: kernel @dynamic
// CHECK-NEXT: %buffer = mem.dynamic_shared : ptr<shared, array<? x f32>>
__global__ void dynamic(float* out) {
  extern __shared__ float buffer[];
  buffer[threadIdx.x] = threadIdx.x;
  __syncthreads();
  out[threadIdx.x] = buffer[blockDim.x - 1 - threadIdx.x];
}

// A local array with an initializer list is zero-filled past the list, as in C.
// CHECK-LABEL: kernel @local_array
// CHECK: %weights = mem.alloca : ptr<local, array<3 x f32>>
// CHECK: arith.constant 0.5 : f32
// CHECK: arith.constant 0.0 : f32
__global__ void local_array(float* out) {
  float weights[3] = {0.5f};
  out[0] = weights[0] + weights[2];
}
