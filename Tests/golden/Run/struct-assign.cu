// RUN: kport run %s | FileCheck %s
// Struct assignment executes as one whole-struct copy.
// kport-launch main: --kernel fill --grid 1 --block 4 --arg pairs=f32[8]:zeros

struct Pair { float a; float b; };

__global__ void fill(Pair* pairs) {
  Pair p;
  p.a = threadIdx.x;
  p.b = 10.0f * threadIdx.x;
  pairs[threadIdx.x] = p;
}
// CHECK: pairs  f32[8]  {{.*}} first [0, 0, 1, 10, ...]
