// stage-global-access on arrays each thread reads and then writes at its own element (`data[i]
// += x`), and on loads at an index the same for every thread of the block (`sums[blockIdx.x -
// 1]`). The updated window moves in before the thread loop and back after it; the uniform
// element is a window of one, moved only where some thread reads it.
// RUN: kport ir %s --pipeline=bang --remarks 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: kport ir %s --pipeline=bang | FileCheck %s
// RUN: kport verify %s --target bang --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --tasks 2 --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// kport-launch offsets: --kernel add_offsets --grid 4 --block 64 --arg data=i32[250]:rand(1,0,100) --arg sums=i32[3]:rand(2,0,1000) --arg n=250
// kport-launch scale: --kernel scale_by_block --grid 3 --block 64 --arg y=f32[128]:zeros --arg x=f32[128]:rand(3) --arg b=f32[2]:rand(4) --arg n=128
// kport-launch apart: --kernel apart --grid 2 --block 64 --arg x=f32[128]:rand(5) --arg y=f32[128]:zeros
// kport-launch twice: --kernel twice --grid 2 --block 64 --arg x=f32[128]:rand(6)

// Block 0 reads no sum: `blockIdx.x - 1` wraps there, which the exactness checks send to the
// loop as it was (where the guard skips every thread).
// CHECK-LABEL: kernel @add_offsets
// CHECK: bang.memcpy GDRAM2NRAM %sums_stage
// CHECK: bang.memcpy GDRAM2NRAM %data_stage
// CHECK: scf.loop {thread_loop = true}
// CHECK: bang.memcpy NRAM2GDRAM {{%[0-9]+}}, %data_stage
// CHECK: scf.loop {fallback = true, thread_loop = true}
// REMARK: stage-global-access-update.cu:[[@LINE+4]]:47: remark: staged: 'sums' moves by one DMA per block into an on-chip buffer and the threads read it there
// REMARK: stage-global-access-update.cu:[[@LINE+3]]:34: remark: staged: 'data' moves by one DMA per block into an on-chip buffer, the threads update it there, and it is written back
__global__ void add_offsets(int* data, const int* sums, int n) {
  int gid = blockIdx.x * 64 + threadIdx.x;
  if (blockIdx.x > 0 && gid < n) data[gid] += sums[blockIdx.x - 1];
}

// Block 2 has no thread below n: it may not read b[2], past the end of b.
// REMARK: stage-global-access-update.cu:[[@LINE+3]]:28: remark: staged: 'b' moves by one DMA per block into an on-chip buffer and the threads read it there
__global__ void scale_by_block(float* y, const float* x, const float* b, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = x[i] * b[blockIdx.x];
}

// A load and a store of x[i] under different guards: threads 10..19 touch nothing, and the
// window would be written back over elements no thread of the block read.
// REMARK: stage-global-access-update.cu:[[@LINE+3]]:15: remark: kept scalar: 'x' in this thread loop: the loop both reads and writes it, other than one load and then one store of each thread's element
__global__ void apart(float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float* p = &x[i];
  float v = 0.0f;
  if (threadIdx.x < 10) v = *p;
  if (threadIdx.x >= 20) *p = 1.0f;
  y[i] = v;
}

// Two loads and two stores of one element: kept.
// REMARK: stage-global-access-update.cu:[[@LINE+3]]:10: remark: kept scalar: 'x' in this thread loop: the loop both reads and writes it, other than one load and then one store of each thread's element
__global__ void twice(float* x) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  x[i] = x[i] + 1.0f;
  x[i] = 2.0f * x[i];
}

// VERIFY: launch offsets: add_offsets {{.*}}: equal
// VERIFY: launch scale: scale_by_block {{.*}}: equal
// VERIFY: launch apart: apart {{.*}}: equal
// VERIFY: launch twice: twice {{.*}}: equal
