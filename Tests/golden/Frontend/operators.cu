// RUN: kport ir %s --no-host | FileCheck %s
// C/C++ operators.

// Compound assignment, ++/--, shifts, casts, sizeof, comma, unary ops.
// CHECK-LABEL: kernel @ops
// CHECK: %i = arith.cast {{%[0-9]+}} : i32
// CHECK: arith.shl
// CHECK: arith.shr {{.*}} : u32
// CHECK: arith.constant 4 : u64
// CHECK: arith.neg
// CHECK: arith.not
// CHECK: arith.cast {{.*}} : f32
// CHECK: arith.rem
__global__ void ops(float* x, unsigned* u, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int a = i << 2;
  unsigned b = u[0] >> 3;
  size_t s = sizeof(float);
  a = -a;
  b = ~b;
  float f = (float)a;
  a %= 7;
  a++, --b;
  x[0] = f + s + a + b;
}

// Short circuit: a load on the right of && stays behind scf.if; a trivial one becomes arith.and.
// CHECK-LABEL: kernel @logic
// CHECK: arith.and
// CHECK: scf.if {{%[0-9]+}} : i1 {
// CHECK: mem.load
// CHECK: scf.yield
// CHECK: } else {
// CHECK: arith.constant false
// CHECK: scf.yield
__global__ void logic(const float* x, int* out, int n) {
  int i = threadIdx.x;
  bool inside = i >= 0 && i < n;
  if (i < n && x[i] > 0.0f) out[i] = inside;
}

// The conditional operator: select when both arms are trivial, scf.if otherwise.
// CHECK-LABEL: kernel @ternary
// CHECK: arith.select
// CHECK: scf.if {{%[0-9]+}} : f32 {
__global__ void ternary(const float* x, float* y, int n) {
  int i = threadIdx.x;
  int j = i < n ? i : n - 1;
  y[j] = i < n ? x[i] : 0.0f;
}

// Pointer arithmetic and reinterpret_cast between pointer types.
// CHECK-LABEL: kernel @pointers
// CHECK: mem.offset %x
// CHECK: mem.pointer_cast {{.*}} : ptr<global, vec<4 x f32>>
// CHECK: mem.pointer_diff
__global__ void pointers(float* x, long* out) {
  float* p = x + 4;
  float4 v = reinterpret_cast<float4*>(p)[1];
  out[0] = p - x;
  x[0] = v.x + v.w;
}
