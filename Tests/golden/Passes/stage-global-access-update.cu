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
// kport-launch guarded: --kernel guarded_address --grid 2 --block 64 --arg data=f32[100]:rand(7) --arg n=100
// kport-launch overlap: --kernel overlapping_blocks --grid 3 --block 64 --arg data=f32[128]:rand(8)
// kport-launch alias: --kernel through_alias --grid 2 --block 64 --arg data=f32[128]:rand(9) --arg z=0
// kport-launch rowuniform: --kernel row_uniform --grid 1,2 --block 64,4 --arg out=f32[512]:zeros --arg in=f32[512]:rand(10) --arg b=f32[512]:rand(11) --arg nx=64
// kport-launch divide: --kernel divide --grid 3 --block 64 --arg y=f32[192]:zeros --arg b=f32[128]:rand(12) --arg n=100

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

// Found by review: the address computed before the `if` that uses it. The threads that update
// it are those past the `if`, whose window ends at n (the block past n read past the array).
__global__ void guarded_address(float* data, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float* p = &data[i];
  if (i < n) *p += 1.0f;
}

// Blocks overlap by half: each updates only its first 32 elements, so its window is those
// (written back whole over 64, it raced with the next block's update).
__global__ void overlapping_blocks(float* data) {
  int i = blockIdx.x * 32 + threadIdx.x;
  float* p = &data[i];
  if (threadIdx.x < 32) *p += 1.0f;
}

// Two pointers into one array, both written: neither is staged (the DMA in of `alias` missed
// the store through `data`).
// REMARK: stage-global-access-update.cu:[[@LINE+4]]:3: remark: kept scalar: 'data' in this thread loop: 'alias' may point into the same array, and one of them is written in the loop
__global__ void through_alias(float* data, int z) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float* alias = data + z;
  data[i] += 1.0f;
  alias[i] += 2.0f;
}

// A block-uniform element per row of a 2-D block moves by row, not by the plane's strided DMA
// (which moved the threads' columns: past the end of b).
__global__ void row_uniform(float* out, const float* in, const float* b, int nx) {
  int x = threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x >= 10) out[y * nx + x] = in[y * nx + x] * b[y * nx + 5];
}

// n / blockIdx.x, computed before the loop for the window, would divide by 0 in block 0, where
// no thread computes it.
// REMARK: stage-global-access-update.cu:[[@LINE+3]]:30: remark: kept scalar: this access of 'b' stays in global memory: its window needs a division by a value that may be 0, which the thread computes only under a condition
__global__ void divide(float* y, const float* b, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (blockIdx.x > 0) y[i] = b[n / blockIdx.x];
}

// VERIFY: launch offsets: add_offsets {{.*}}: equal
// VERIFY: launch scale: scale_by_block {{.*}}: equal
// VERIFY: launch apart: apart {{.*}}: equal
// VERIFY: launch twice: twice {{.*}}: equal
// VERIFY: launch guarded: guarded_address {{.*}}: equal
// VERIFY: launch overlap: overlapping_blocks {{.*}}: equal
// VERIFY: launch alias: through_alias {{.*}}: equal
// VERIFY: launch rowuniform: row_uniform {{.*}}: equal
// VERIFY: launch divide: divide {{.*}}: equal
