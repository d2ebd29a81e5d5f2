// stage-global-access: global arrays a thread loop reads (or writes) at blockIdx-based +
// threadIdx.x + constant indices (or at the variable of a loop striding by the block) move by one
// DMA per block through an on-chip buffer; guards on the index or on threadIdx.x narrow the
// window to the elements CUDA touches. Arrays read and
// written in one loop (other than one load and then one store of each thread's element),
// data-dependent guards, other index shapes and unsigned indices that may wrap stay scalar. A loop whose indices compute in types that could wrap (`int g = blockIdx.x *
// BLOCK + threadIdx.x` is an unsigned sum) is staged where run-time checks say they do not, and
// runs as it was (`fallback`) elsewhere (stage-global-access-wrap.cu). Every form verifies, with
// one task per core and with two.
// RUN: kport ir %s --pipeline=bang | FileCheck %s
// RUN: kport ir %s --pipeline=ascendc | FileCheck %s --check-prefix=ASCEND
// RUN: kport verify %s --target bang | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target bang --tasks 2 | FileCheck %s --check-prefix=VERIFY
// RUN: kport ir %s --pipeline=bang --remarks 2>&1 | FileCheck %s --check-prefix=REMARK
// kport-launch halo: --kernel halo_sum --grid 4 --block 64 --arg in=f32[250]:rand(1) --arg out=f32[250]:zeros --arg n=250
// kport-launch pairs: --kernel pair_sum --grid 3 --block 64 --arg in=f32[300]:rand(2) --arg out=f32[3]:zeros --arg n=300
// kport-launch kept: --kernel kept_scalar --grid 2 --block 64 --arg x=f32[128]:rand(3) --arg y=f32[128]:rand(4) --arg n=128
// kport-launch early: --kernel early_exit --grid 3 --block 100 --arg in=f32[250]:rand(6) --arg out=f32[250]:zeros --arg n=250
// kport-launch rows: --kernel row_scale --grid 5 --block 32 --arg in=f32[400]:rand(7) --arg out=f32[400]:zeros --arg rows=4 --arg cols=100
// kport-launch wide_rows: --kernel row_scale --grid 2 --block 32 --arg in=f32[40000]:rand(8) --arg out=f32[40000]:zeros --arg rows=2 --arg cols=20000
// kport-launch first: --kernel first_negative --grid 2 --block 32 --arg in=f32[200]:rand(9) --arg out=i32[2]:const(1000) --arg cols=100
// kport-launch wrap: --kernel unsigned_left --grid 2 --block 64 --arg x=f32[128]:rand(5) --arg y=f32[128]:zeros
// kport-launch ends: --kernel excluded_ends --grid 4 --block 64 --arg in=f32[250]:rand(10) --arg out=f32[250]:zeros --arg n=250

#define BLOCK 64

// The halo loads (threadIdx.x < 2, offsets -2 and +64) and the body load share one window of
// `in`; the result goes back through the same buffer, free again after the first thread loop.
// CHECK-LABEL: kernel @halo_sum
// CHECK: %in_stage = spmd.buffer {role = "stage"} : ptr<shared, array<1090 x f32>>
// CHECK-NOT: spmd.buffer {role = "stage"}
// CHECK: bang.memcpy GDRAM2NRAM %in_stage
// CHECK: scf.loop {thread_loop = true}
// CHECK: mem.element %in_stage
// CHECK: mem.element %in_stage
// CHECK: mem.element %in_stage
// CHECK: scf.loop {thread_loop = true}
// CHECK: mem.element %in_stage
// CHECK: bang.memcpy NRAM2GDRAM {{%[0-9]+}}, %in_stage
// ASCEND-LABEL: kernel @halo_sum
// ASCEND: ascend.data_copy %in_stage, {{%[0-9]+}}, {{%[0-9]+}} {pad = true}
// ASCEND-NEXT: }
// ASCEND-NEXT: ascend.pipe_barrier
// ASCEND: scf.loop {fallback = true, thread_loop = true}
// ASCEND: ascend.pipe_barrier
// ASCEND-NEXT: {{%[0-9]+}} = arith.cmp gt
// ASCEND-NEXT: scf.if
// ASCEND: ascend.data_copy {{%[0-9]+}}, %in_stage, {{%[0-9]+}} {pad = true}
__global__ void halo_sum(const float* in, float* out, int n) {
  __shared__ float t[BLOCK + 4];
  int g = blockIdx.x * BLOCK + threadIdx.x;
  t[threadIdx.x + 2] = g < n ? in[g] : 0.0f;
  if (threadIdx.x < 2) {
    t[threadIdx.x] = (g - 2 >= 0 && g - 2 < n) ? in[g - 2] : 0.0f;
    t[threadIdx.x + BLOCK + 2] = g + BLOCK < n ? in[g + BLOCK] : 0.0f;
  }
  __syncthreads();
  if (g < n) out[g] = t[threadIdx.x] + t[threadIdx.x + 2] + t[threadIdx.x + 4];
}

// Two loads per thread, the second a block further on (a reduction's first step).
// CHECK-LABEL: kernel @pair_sum
// CHECK: bang.memcpy GDRAM2NRAM %in_stage
__global__ void pair_sum(const float* in, float* out, int n) {
  __shared__ float s[BLOCK];
  int i = blockIdx.x * (BLOCK * 2) + threadIdx.x;
  float v = 0.0f;
  if (i < n) v = in[i];
  if (i + BLOCK < n) v += in[i + BLOCK];
  s[threadIdx.x] = v;
  __syncthreads();
  if (threadIdx.x == 0) {
    float total = 0.0f;
    for (int k = 0; k < BLOCK; ++k) total += s[k];
    out[blockIdx.x] = total;
  }
}

// x is read and then written at each thread's element: updated in place on chip
// (stage-global-access-update.cu); y's load depends on data; y[2 * i] is not unit stride.
// CHECK-LABEL: kernel @kept_scalar
// CHECK-NOT: %y_stage
// CHECK: %x_stage = spmd.buffer
// CHECK-NOT: %y_stage
// CHECK: func.return
__global__ void kept_scalar(float* x, const float* y, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] = x[i] > 0.0f ? y[i] : y[(2 * i) % n];
}

// An early return: the rest of the thread's code is the else branch of `if (i >= n)`, which
// bounds i below n there.
// CHECK-LABEL: kernel @early_exit
// CHECK: %in_stage = spmd.buffer
// CHECK: %out_stage = spmd.buffer
__global__ void early_exit(const float* in, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  out[i] = in[i] * 2.0f;
}

// Rows: a loop striding by the block visits [0, cols) of the block's row; the block past the last
// row (an early return the same for every thread) moves nothing. A row longer than the buffer
// (wide_rows: 20000 floats) keeps its accesses in global memory, decided per block.
// CHECK-LABEL: kernel @row_scale
// CHECK: %x_stage = spmd.buffer {role = "stage"} : ptr<shared, array<16384 x f32>>
// CHECK: %x_fits = arith.cmp le {{%[0-9]+}}, {{%[0-9]+}} : i1
// CHECK: scf.if %x_fits
// CHECK: mem.element %x_stage
// CHECK: } else {
// CHECK: mem.offset %x
__global__ void row_scale(const float* in, float* out, int rows, int cols) {
  int row = blockIdx.x;
  if (row >= rows) return;
  const float* x = in + row * cols;
  float* y = out + row * cols;
  for (int c = threadIdx.x; c < cols; c += blockDim.x) y[c] = x[c] * 0.5f;
}

// A loop that can leave early does not read its whole range: not staged.
// CHECK-LABEL: kernel @first_negative
// CHECK-NOT: _stage
// CHECK: func.return
__global__ void first_negative(const float* in, int* out, int cols) {
  const float* x = in + blockIdx.x * cols;
  int found = cols;
  for (int c = threadIdx.x; c < cols; c += blockDim.x) {
    if (x[c] < 0.0f) {
      found = c;
      break;
    }
  }
  atomicMin(&out[blockIdx.x], found);
}

// An unsigned index one to the left may wrap around below zero: x is not staged. y is, with the
// window of the threads past the first.
// CHECK-LABEL: kernel @unsigned_left
// CHECK-NOT: %x_stage
// CHECK: %y_stage = spmd.buffer
// CHECK-NOT: %x_stage
// CHECK: func.return
__global__ void unsigned_left(const float* x, float* y) {
  unsigned j = blockIdx.x * blockDim.x + threadIdx.x;
  if (threadIdx.x > 0) y[j] = x[j - 1u];
}

// `!=` guards at the ends of the threads' range, in the order that takes two passes to narrow
// it (`i != 1 && i != 0` from 0, `i != n - 2 && i != n - 1` from n): the window of `in` is
// in[0, n), not one element past either end (narrowed once, block 0 read in[-1]). The
// exclusion inside the range (`i != 7`) leaves the window as it is.
// CHECK-LABEL: kernel @excluded_ends
// CHECK: %in_stage = spmd.buffer {role = "stage"}
// CHECK: func.return
__global__ void excluded_ends(const float* in, float* out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = 0.0f;
  if (i < n && i != 1 && i != 0 && i != 7) v += in[i - 2];
  if (i < n && i != n - 2 && i != n - 1) v += in[i + 2];
  if (i < n) out[i] = v;
}

// VERIFY: launch halo: halo_sum CUDA vs {{.*}}: equal
// VERIFY: launch pairs: pair_sum CUDA vs {{.*}}: equal
// VERIFY: launch kept: kept_scalar CUDA vs {{.*}}: equal
// VERIFY: launch early: early_exit CUDA vs {{.*}}: equal
// VERIFY: launch rows: row_scale CUDA vs {{.*}}: equal
// VERIFY: launch wide_rows: row_scale CUDA vs {{.*}}: equal
// VERIFY: launch first: first_negative CUDA vs {{.*}}: equal
// VERIFY: launch wrap: unsigned_left CUDA vs {{.*}}: equal
// VERIFY: launch ends: excluded_ends CUDA vs {{.*}}: equal

// REMARK: remark: staged: 'in' moves by one DMA per block into an on-chip buffer and the threads read it there [KP3020]
// REMARK: remark: staged: 'out' is written back from an on-chip buffer by one DMA per block [KP3020]
// REMARK: remark: staged: 'in' moves by one DMA per block
// REMARK: remark: kept scalar: 'out' in this thread loop: a store's index is the same for every thread of the block [KP3021]
// REMARK: remark: staged: 'x' moves by one DMA per block into an on-chip buffer, the threads update it there, and it is written back [KP3020]
// REMARK: remark: kept scalar: this access of 'y' stays in global memory: an access is under a condition other than bounds on its index or threadIdx.x, or in a loop [KP3021]
// REMARK: remark: kept scalar: this access of 'y' stays in global memory: an index is not blockIdx-based + threadIdx.x + a constant [KP3021]
// REMARK: remark: staged: 'in' moves by one DMA per block
// REMARK: remark: staged: 'out' is written back
// REMARK: remark: staged: 'x' moves by one DMA per block
// REMARK: remark: staged: 'y' is written back
// REMARK: remark: kept scalar: this access of 'x' stays in global memory: an index is not blockIdx-based + threadIdx.x + a constant [KP3021]
// REMARK: remark: kept scalar: this access of 'x' stays in global memory: an index is not blockIdx-based + threadIdx.x + a constant [KP3021]
// REMARK: remark: staged: 'y' is written back from an on-chip buffer by one DMA per block [KP3020]
