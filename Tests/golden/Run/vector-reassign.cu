// RUN: kport run %s | FileCheck %s
// A float4 local assigned after its initialisation (the implicit operator=, a member operator
// call) holds the assigned value: the front end gives it storage (found by review: the store
// went to a slot that nothing read, and y got the initial zeros).
// kport-launch main: --kernel reassign --grid 1 --block 1 --arg x=f32[4]:iota --arg y=f32[4]:zeros

__global__ void reassign(const float* x, float* y) {
  float4 p = make_float4(0.f, 0.f, 0.f, 0.f);
  p = reinterpret_cast<const float4*>(x)[0];
  reinterpret_cast<float4*>(y)[0] = p;
}
// CHECK: y  f32[4]  {{.*}} first [0, 1, 2, 3]
