// RUN: kport ir %s --no-host | FileCheck %s
// A mutable pointer local points into the space of its initial value; the initializer is
// lowered once (no hoisted temporaries or duplicate loads left over from a probe).

// CHECK-LABEL: kernel @walk
// CHECK: %p = mem.alloca : ptr<local, ptr<shared, f32>>
// CHECK-NOT: mem.alloca
// CHECK: cuda.syncthreads
// CHECK-NEXT: %[[ZERO:[0-9]+]] = arith.constant 0 : i64
// CHECK-NEXT: %[[BASE:[0-9]+]] = mem.element %s, %[[ZERO]] : ptr<shared, f32>
// CHECK-NEXT: mem.store %[[BASE]], %p
// CHECK: mem.offset {{%[0-9]+}}, {{%[0-9]+}} : ptr<shared, f32>
__global__ void walk(float* out) {
  __shared__ float s[64];
  s[threadIdx.x] = threadIdx.x;
  __syncthreads();
  float* p = s;
  p += threadIdx.x;
  out[threadIdx.x] = *p;
}
