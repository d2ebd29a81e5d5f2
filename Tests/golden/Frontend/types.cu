// RUN: kport ir %s --no-host | FileCheck %s
// Scalar, vector, half and struct types.
#include <cuda_fp16.h>

// CHECK: struct @Params {
// CHECK-NEXT: scale: f32,
// CHECK-NEXT: count: i32
struct Params {
  float scale;
  int count;
  __device__ float apply(float v) const { return v * scale; }
};

// float4 loads and member access; make_float4.
// CHECK-LABEL: kernel @vectors
// CHECK: mem.load {{.*}} : vec<4 x f32>
// CHECK: agg.extract {{.*}} {index = 3} : f32
// CHECK: agg.make {{.*}} : vec<4 x f32>
__global__ void vectors(const float4* in, float4* out) {
  float4 v = in[threadIdx.x];
  out[threadIdx.x] = make_float4(v.w, v.z, v.y, v.x);
}

// Half precision arithmetic and conversions.
// CHECK-LABEL: kernel @halves
// CHECK: arith.cast {{.*}} : f16
// CHECK: arith.add {{.*}} : f16
// CHECK: arith.cast {{.*}} : f32
__global__ void halves(const __half* a, float* out) {
  __half h = __float2half(1.5f);
  __half s = __hadd(a[threadIdx.x], h);
  out[threadIdx.x] = __half2float(s);
}

// Struct by value and a member function call with `this`.
// CHECK-LABEL: kernel @structs
// CHECK: func.call @"Params::apply"
__global__ void structs(Params p, float* out) {
  out[threadIdx.x] = p.apply(p.scale) + p.count;
}

// Integer widths and signedness.
// CHECK-LABEL: kernel @integers
// CHECK-SAME: %a: i8, %b: u16, %c: i64, %d: u64
__global__ void integers(signed char a, unsigned short b, long long c, unsigned long long d, long long* out) {
  out[0] = a + b + c + (long long)d;
}

// The member function becomes a device function with `this` first.
// CHECK-LABEL: device @"Params::apply"(%this: ptr<generic, struct<Params>> {this = true}, %v: f32) -> f32
// CHECK: mem.field %this {index = 0} : ptr<generic, f32>
