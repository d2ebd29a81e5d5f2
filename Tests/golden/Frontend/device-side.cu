// RUN: kport ir %s --no-host --print-locations | FileCheck %s
// kport translates the device side: code under __CUDA_ARCH__ is what it sees.
#include <cuda_bf16.h>
#include <assert.h>

// CHECK-LABEL: kernel @arch
// CHECK: arith.constant 800 : i32 loc("{{.*}}device-side.cu":[[@LINE+4]]:{{[0-9]+}})
// CHECK-NOT: arith.constant -1
__global__ void arch(int* out) {
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ >= 700
  out[0] = __CUDA_ARCH__;
#else
  out[0] = -1;
#endif
}

// bfloat16 conversions, device printf and assert.
// CHECK-LABEL: kernel @bf16_print
// CHECK: arith.cast {{.*}} : bf16
// CHECK: cuda.printf {{.*}} {format = "value %f\n"}
// CHECK: cuda.trap {message = "assertion failed"}
__global__ void bf16_print(const float* in, __nv_bfloat16* out) {
  __nv_bfloat16 b = __float2bfloat16(in[threadIdx.x]);
  out[threadIdx.x] = b;
  printf("value %f\n", __bfloat162float(b));
  assert(in[0] >= 0.0f);
}
