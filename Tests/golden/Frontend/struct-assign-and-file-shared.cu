// RUN: kport ir %s --no-host | FileCheck %s
// Struct assignment (the implicit operator=) and file-scope __shared__ arrays.

struct Pair { float a; int b; };
extern __shared__ float smem[];
__shared__ int counter[4];

// CHECK-LABEL: kernel @k
// CHECK-DAG: %smem = mem.dynamic_shared : ptr<shared, array<? x f32>>
// CHECK-DAG: %counter = mem.shared : ptr<shared, array<4 x i32>>
// CHECK: %[[V:[0-9]+]] = mem.load %p : struct<Pair>
// CHECK-NEXT: mem.store %[[V]], {{%[0-9]+}}
__global__ void k(Pair* pairs, float* out) {
  Pair p;
  p.a = 1.0f;
  p.b = 2;
  pairs[threadIdx.x] = p;
  smem[threadIdx.x] = 1.0f;
  if (threadIdx.x < 4) counter[threadIdx.x] = 0;
  __syncthreads();
  out[threadIdx.x] = smem[threadIdx.x] + counter[0];
}
