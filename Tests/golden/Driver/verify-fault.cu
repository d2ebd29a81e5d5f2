// A side that faults (a sanitizer error) makes kport verify exit with 3; nothing is compared.
// RUN: kport verify %s --target ascendc --kernel oob --grid 2 --block 8 --arg p=f32[8]:zeros 2>&1 | FileCheck %s
// RUN-EXIT: 3
// CHECK: error: out-of-bounds store to 'p'
// CHECK: note: the CUDA side did not run cleanly; nothing was compared
__global__ void oob(float* p) { p[blockIdx.x * blockDim.x + threadIdx.x] = 1.0f; }
