// stage-accumulators: a grid-stride loop that accumulates into the thread's own locals keeps
// them in per-thread on-chip slots (`spmd.buffer {role = "slots"}`) and runs in a thread loop of
// its own, between one that stores the locals' initial values and one that runs the rest;
// tile-global-access then tiles it per block and vectorize adds each tile into the slots, in
// every thread's own order: exact (verified with no tolerance). A local the kernel keeps across
// a barrier (a per-thread array) moves on chip. Two accumulators share the loop (moments). The
// split loops stay scalar where the stride is less than a block (short_stride) or the block is
// not one-dimensional (rows); a loop whose rest reads its index, or that reads a local it did not
// start (carried), is left whole. An `if` updating only the accumulators is if-converted
// (count_above); one that loads global memory is not (guarded_load).
// RUN: kport ir %s --pipeline=cleanup,simt-to-spmd,stage-accumulators{target=bang} | FileCheck %s
// RUN: kport verify %s --target bang --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport ir %s --pipeline=ascendc --remarks 2>&1 | FileCheck %s --check-prefix=REMARK
// kport-launch sum: --kernel block_sums --grid 6 --block 64 --arg x=f32[n]:randn(1) --arg y=f32[6]:zeros --arg n=2000
// kport-launch few: --kernel block_sums --grid 4 --block 64 --arg x=f32[n]:randn(2) --arg y=f32[4]:zeros --arg n=100
// kport-launch rows: --kernel block_sums --grid 3 --block 16,4 --arg x=f32[n]:randn(3) --arg y=f32[3]:zeros --arg n=1000
// kport-launch moments: --kernel moments --grid 5 --block 32 --arg x=f32[n]:randn(4) --arg y=f32[320]:zeros --arg n=1234
// kport-launch short: --kernel short_stride --grid 3 --block 64 --arg x=f32[n]:randn(5) --arg y=f32[192]:zeros --arg n=700
// kport-launch count: --kernel count_above --grid 4 --block 32 --arg x=f32[n]:randn(7) --arg y=i32[128]:zeros --arg t=0.3 --arg n=999
// kport-launch guarded: --kernel guarded_load --grid 2 --block 32 --arg x=f32[m]:randn(8) --arg y=f32[64]:zeros --arg m=300 --arg n=500
// kport-launch kept: --kernel kept --grid 2 --block 32 --arg x=f32[n]:randn(6) --arg y=f32[64]:zeros --arg z=i32[64]:zeros --arg n=500

// Thread 0 reads its sum after the barrier: simt-to-spmd keeps it in a per-thread array, which
// moves on chip.
// CHECK-LABEL: kernel @block_sums
// CHECK: %v{{[.0-9]*}} = spmd.buffer {role = "slots"} : ptr<shared, array<1024 x f32>>
// CHECK: scf.loop {thread_loop = true}
// CHECK: mem.element %v{{[.0-9]*}}, %{{[a-z_0-9.]+}} : ptr<shared, f32>
// CHECK: mem.store
// CHECK: scf.loop {thread_loop = true}
// CHECK: scf.loop {
// CHECK: mem.load %{{[0-9]+}} : f32
// CHECK: arith.add
__global__ void block_sums(const float* x, float* y, int n) {
  __shared__ float partial[64];
  float v = 0.0f;
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) v += x[i];
  int t = threadIdx.y * blockDim.x + threadIdx.x;
  partial[t] = v;
  __syncthreads();
  if (t == 0) {
    float s = 0.0f;
    for (int k = 0; k < blockDim.x * blockDim.y; ++k) s += partial[k];
    y[blockIdx.x] = s - v;
  }
}

// Two scalar locals, each in slots of its own.
// CHECK-LABEL: kernel @moments
// CHECK-DAG: %sum_slots = spmd.buffer {role = "slots"}
// CHECK-DAG: %squares_slots = spmd.buffer {role = "slots"}
__global__ void moments(const float* x, float* y, int n) {
  int gid = blockIdx.x * blockDim.x + threadIdx.x;
  float sum = 0.0f, squares = 0.0f;
  for (int i = gid; i < n; i += blockDim.x * gridDim.x) {
    float value = x[i];
    sum += value;
    squares += value * value;
  }
  y[2 * gid] = sum;
  y[2 * gid + 1] = squares;
}

// A stride of half a block: tile-global-access keeps the loop scalar (tiles would overlap).
// CHECK-LABEL: kernel @short_stride
// CHECK: spmd.buffer {role = "slots"}
__global__ void short_stride(const float* x, float* y, int n) {
  int gid = blockIdx.x * blockDim.x + threadIdx.x;
  float v = 1.0f;
  for (int i = gid; i < n; i += blockDim.x / 2) v *= 1.0f + x[i] * 0.001f;
  y[gid] = v;
}

// The rest reads the loop's index; the second loop's accumulator carries a local it did not
// start (w): both stay whole.
// CHECK-LABEL: kernel @kept
// CHECK-NOT: slots
// CHECK: func.return
__global__ void kept(const float* x, float* y, int* z, int n) {
  int gid = blockIdx.x * blockDim.x + threadIdx.x;
  float v = 0.0f;
  int i = gid;
  for (; i < n; i += blockDim.x * gridDim.x) v += x[i];
  z[gid] = i;
  float w = v;
  float u = 0.0f;
  for (int j = gid; j < n; j += blockDim.x * gridDim.x) {
    u += w * x[j];
    w = x[j];
  }
  y[gid] = v + u;
}

// An `if` that only updates the accumulators runs always, the update chosen by its condition
// (`count = x > t ? count + 1 : count`): the loop is straight-line and tiled.
// CHECK-LABEL: kernel @count_above
// CHECK: %count_slots = spmd.buffer {role = "slots"}
// CHECK: arith.select
__global__ void count_above(const float* x, int* y, float t, int n) {
  int gid = blockIdx.x * blockDim.x + threadIdx.x;
  int count = 0;
  for (int i = gid; i < n; i += blockDim.x * gridDim.x) {
    if (x[i] > t) ++count;
  }
  y[gid] = count;
}

// An `if` that loads global memory keeps its branch (the loads it skips are out of bounds here:
// x holds m < n floats): the loop stays in one piece.
// CHECK-LABEL: kernel @guarded_load
// CHECK-NOT: slots
// CHECK: func.return
__global__ void guarded_load(const float* x, float* y, int m, int n) {
  int gid = blockIdx.x * blockDim.x + threadIdx.x;
  float v = 0.0f;
  for (int i = gid; i < n; i += blockDim.x * gridDim.x) {
    if (i < m) v += x[i];
  }
  y[gid] = v;
}

// VERIFY: launch sum: block_sums {{.*}}: equal
// VERIFY: launch few: block_sums {{.*}}: equal
// VERIFY: launch rows: block_sums {{.*}}: equal
// VERIFY: launch moments: moments {{.*}}: equal
// VERIFY: launch short: short_stride {{.*}}: equal
// VERIFY: launch count: count_above {{.*}}: equal
// VERIFY: launch guarded: guarded_load {{.*}}: equal
// VERIFY: launch kept: kept {{.*}}: equal

// REMARK: stage-accumulators.cu:38:3: remark: accumulators in on-chip slots: v kept per thread on chip, so that the grid-stride loop can be tiled [KP3020]
// REMARK: stage-accumulators.cu:56:3: remark: accumulators in on-chip slots: sum, squares kept per thread on chip, so that the grid-stride loop can be tiled [KP3020]
// REMARK: stage-accumulators.cu:71:3: remark: accumulators in on-chip slots: v kept per thread on chip, so that the grid-stride loop can be tiled [KP3020]
// REMARK: stage-accumulators.cu:103:3: remark: accumulators in on-chip slots: count kept per thread on chip, so that the grid-stride loop can be tiled [KP3020]
// REMARK: stage-accumulators.cu:38:98: remark: tiled (grid-stride): global data moves by DMA of whole tiles, in: x; out: none (the threads' on-chip slots) [KP3020]
// REMARK: stage-accumulators.cu:57:21: remark: tiled (grid-stride): global data moves by DMA of whole tiles, in: x; out: none (the threads' on-chip slots) [KP3020]
// REMARK: stage-accumulators.cu:71:63: remark: tiled (grid-stride): global data moves by DMA of whole tiles, in: x; out: none (the threads' on-chip slots) [KP3020]
// REMARK: stage-accumulators.cu:104:11: remark: tiled (grid-stride): global data moves by DMA of whole tiles, in: x; out: none (the threads' on-chip slots) [KP3020]
