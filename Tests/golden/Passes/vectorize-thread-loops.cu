// vectorize-thread-loops: a thread loop whose one effect is storing a ⊕ b to an on-chip buffer at
// threadIdx.x-affine indices (a reduction tree's level) becomes one vector instruction over the
// threads' range, when at run time the operands are aligned (64 bytes on BANG, 32 on Ascend)
// and no read window overlaps the written one other than exactly; otherwise the loop runs as it
// was. Every form verifies.
// RUN: kport ir %s --pipeline=bang | FileCheck %s
// RUN: kport ir %s --pipeline=ascendc | FileCheck %s --check-prefix=ASCEND
// RUN: kport verify %s --target bang | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=VERIFY
// RUN: kport ir %s --pipeline=bang --remarks 2>&1 | FileCheck %s --check-prefix=REMARK
// kport-launch tree: --kernel tree_sum --grid 3 --block 128 --arg in=f32[384]:rand(1) --arg out=f32[3]:zeros
// kport-launch shift: --kernel shift_add --grid 1 --block 64 --arg x=f32[64]:rand(2) --arg out=f32[64]:zeros
// kport-launch scale: --kernel scale_shared --grid 2 --block 64 --arg x=f32[128]:rand(3) --arg out=f32[128]:zeros --arg k=40 --arg f=1.5
// kport-launch rows: --kernel row_scale --grid 2 --block 64 --arg x=f32[200]:rand(4) --arg out=f32[200]:zeros --arg cols=100 --arg f=0.5

// Each level of the tree: `sdata[0, s) += sdata[s, 2s)` as __bang_add / Add while s floats are
// aligned; the last levels run as the loop.
// CHECK-LABEL: kernel @tree_sum
// CHECK: scf.if
// CHECK: bang.vector add {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}}
// CHECK: } else {
// CHECK: scf.loop {thread_loop = true}
// ASCEND-LABEL: kernel @tree_sum
// ASCEND: ascend.vector Add
// ASCEND-NEXT: ascend.pipe_barrier
__global__ void tree_sum(const float* in, float* out) {
  __shared__ float s[128];
  s[threadIdx.x] = in[blockIdx.x * 128 + threadIdx.x];
  __syncthreads();
  for (int stride = 64; stride > 0; stride >>= 1) {
    if (threadIdx.x < stride) s[threadIdx.x] += s[threadIdx.x + stride];
    __syncthreads();
  }
  if (threadIdx.x == 0) out[blockIdx.x] = s[0];
}

// s[2t]: not one element per thread in a row, so the loop stays as it was. (A read window that
// overlaps the written one, not exactly, would be a race in CUDA; the run-time check sends
// such a launch to the loop all the same.)
// CHECK-LABEL: kernel @shift_add
// CHECK-NOT: bang.vector
// CHECK: kernel @scale_shared
__global__ void shift_add(const float* x, float* out) {
  __shared__ float s[65];
  s[threadIdx.x] = x[threadIdx.x];
  if (threadIdx.x == 0) s[64] = 0.0f;
  __syncthreads();
  if (threadIdx.x < 32) s[threadIdx.x * 2] = s[threadIdx.x * 2] + 1.0f;
  __syncthreads();
  out[threadIdx.x] = s[threadIdx.x];
}

// A scalar operand, the same for every thread: tile × scalar.
// CHECK: bang.vector mul_scalar
// ASCEND-LABEL: kernel @scale_shared
// ASCEND: ascend.vector Muls
__global__ void scale_shared(const float* x, float* out, int k, float f) {
  __shared__ float s[64];
  s[threadIdx.x] = x[blockIdx.x * 64 + threadIdx.x];
  __syncthreads();
  if (threadIdx.x < k) s[threadIdx.x] = s[threadIdx.x] * f;
  __syncthreads();
  out[blockIdx.x * 64 + threadIdx.x] = s[threadIdx.x];
}

// A loop over a row by the block's stride, the whole of each thread's work, is an element loop
// over the row (Tests/golden/Passes/vectorize-row-loops.cu has more): `s[c] = s[c] * f` scales
// the row in place. The copies into and out of s stay scalar.
// CHECK-LABEL: kernel @row_scale
// CHECK: bang.vector mul_scalar [[ROW:%[0-9]+]], [[ROW]], %f, %cols
// CHECK-NOT: bang.vector
__global__ void row_scale(const float* x, float* out, int cols, float f) {
  __shared__ float s[100];
  for (int c = threadIdx.x; c < cols; c += blockDim.x) s[c] = x[blockIdx.x * cols + c];
  __syncthreads();
  for (int c = threadIdx.x; c < cols; c += blockDim.x) s[c] = s[c] * f;
  __syncthreads();
  for (int c = threadIdx.x; c < cols; c += blockDim.x) out[blockIdx.x * cols + c] = s[c];
}

// VERIFY: launch tree: tree_sum CUDA vs {{.*}}: equal
// VERIFY: launch shift: shift_add CUDA vs {{.*}}: equal
// VERIFY: launch scale: scale_shared CUDA vs {{.*}}: equal
// VERIFY: launch rows: row_scale CUDA vs {{.*}}: equal

// REMARK: remark: vectorised across the block's threads: one vector instruction where the threads' ranges allow [KP3020]
// REMARK: vectorize-thread-loops.cu:45:32: remark: kept scalar across the block's threads: each thread stores 2 values; one store per thread is vectorised [KP3021]
// REMARK: vectorize-thread-loops.cu:48:7: remark: kept scalar across the block's threads: the store is not to an on-chip buffer at threadIdx.x plus an offset fixed for the block [KP3021]
// REMARK: vectorize-thread-loops.cu:76:26: remark: vectorised across the block's row: mul_scalar [KP3020]
// REMARK: vectorize-thread-loops.cu:78:26: remark: kept scalar across the block's threads: a store copies a value with no arithmetic, or stores a value used elsewhere too [KP3021]
