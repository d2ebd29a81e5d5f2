// fold-warp-butterflies: `for (m = M; m > 0; m >>= 1) v += __shfl_xor_sync(full, v, m)` leaves
// every lane of a group of 2M lanes with the same sum, the halving tree of the group's values;
// the port computes it once per group (2M - 1 adds) and stores it to every lane, where
// simt-to-spmd's form runs two loops over the block's threads per level. It needs the block's
// threads to be a multiple of 2M (else the loop runs as it was: a block whose last warp is
// partial reads inactive lanes, which CUDA does not define, unless the groups are smaller than a
// warp, as in the 48-thread launch of half_sum), and the shuffle's source lane
// must be the xor partner for every thread and level (checked by evaluating simt-to-spmd's lane
// arithmetic). A shuffle down leaves the tree's sum in the group's first lane only; it is folded
// (the sum stored to that lane alone) where the other lanes' values are not read after it
// (block_sum reads them under `lane == 0` only), and computed lane by lane in place where they
// are (down_sum, lane_one, width16). Every lane's result is stored, so the broadcast is checked
// too; the sums are exact (verified with no tolerance).
// RUN: kport ir %s --pipeline=bang | FileCheck %s
// RUN: kport verify %s --target bang --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport ir %s --pipeline=ascendc --remarks 2>&1 | FileCheck %s --check-prefix=REMARK
// kport-launch warps: --kernel all_sum --grid 2 --block 64 --arg x=f32[128]:randn(1) --arg y=f32[128]:zeros
// kport-launch wide: --kernel all_sum --grid 1 --block 256 --arg x=f32[256]:randn(2) --arg y=f32[256]:zeros
// kport-launch halves: --kernel half_sum --grid 2 --block 64 --arg x=f32[128]:randn(4) --arg y=f32[128]:zeros
// kport-launch ragged: --kernel half_sum --grid 2 --block 48 --arg x=f32[96]:randn(3) --arg y=f32[96]:zeros
// kport-launch down: --kernel down_sum --grid 1 --block 64 --arg x=f32[64]:randn(5) --arg y=f32[64]:zeros
// kport-launch blocks: --kernel block_sum --grid 5 --block 128 --arg x=f32[640]:randn(6) --arg y=f32[5]:zeros
// kport-launch three: --kernel block_sum --grid 3 --block 96 --arg x=f32[288]:randn(7) --arg y=f32[3]:zeros
// kport-launch single: --kernel block_sum --grid 7 --block 32 --arg x=f32[224]:randn(8) --arg y=f32[7]:zeros
// kport-launch one: --kernel lane_one --grid 2 --block 64 --arg x=f32[128]:randn(9) --arg y=f32[4]:zeros
// kport-launch rows: --kernel warp_rows --grid 3 --block 128 --arg x=f32[320]:randn(10) --arg y=f32[10]:zeros --arg rows=10
// kport-launch upper: --kernel upper_half --grid 2 --block 64 --arg x=f32[128]:randn(11) --arg y=f32[128]:zeros
// kport-launch otherwise: --kernel leader_else --grid 2 --block 64 --arg x=f32[128]:randn(13) --arg y=f32[128]:zeros
// kport-launch hidden: --kernel hidden_mask --grid 4 --block 64 --arg x=f32[256]:randn(14) --arg y=f32[256]:zeros --arg half=1
// kport-launch comma: --kernel counted --grid 4 --block 64 --arg x=f32[256]:randn(15) --arg y=f32[256]:zeros
// kport-launch pointer: --kernel through_pointer --grid 2 --block 64 --arg x=f32[128]:randn(16) --arg y=f32[128]:zeros
// kport-launch sixteen: --kernel width16 --grid 2 --block 64 --arg x=f32[128]:randn(12) --arg y=f32[128]:zeros

// CHECK-LABEL: kernel @all_sum
// CHECK: [[GROUP:%[0-9]+]] = arith.constant 32 : u32
// CHECK: arith.rem %threads, [[GROUP]]
// CHECK: scf.if
// CHECK-NOT: thread_loop
// CHECK: arith.add %{{[0-9]+}}, [[GROUP]] : u32
// CHECK: } else {
// CHECK: scf.loop {thread_loop = true}
__global__ void all_sum(const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = x[i];
  for (int m = 16; m > 0; m >>= 1) v += __shfl_xor_sync(0xffffffffu, v, m);
  y[i] = v;
}

// Groups of 16 lanes: the butterfly from m = 8; 48 threads are three groups.
// CHECK-LABEL: kernel @half_sum
// CHECK: arith.constant 16 : u32
__global__ void half_sum(const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = x[i];
  for (int m = 8; m > 0; m >>= 1) v += __shfl_xor_sync(0xffffffffu, v, m);
  y[i] = v;
}

// A shuffle down gives each lane a different value, and every lane's is stored: the tree is
// computed lane by lane in place in 32-lane segments (no block-shape guard).
// CHECK-LABEL: kernel @down_sum
// CHECK: arith.rem %threads
// CHECK-NOT: %block_dim_x, %threads
// CHECK: } else {
__global__ void down_sum(const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = x[i];
  for (int m = 16; m > 0; m >>= 1) v += __shfl_down_sync(0xffffffffu, v, m);
  y[i] = v;
}

// A block's sum: each warp's tree into lane 0, then thread 0 adds the warps' sums. Folded: `v`
// is read under `lane == 0` only, and every thread writes it again in the next block (the
// launches run several blocks on a core).
// CHECK-LABEL: kernel @block_sum
// CHECK: arith.rem %threads
// CHECK: arith.cmp eq %block_dim_x, %threads
__global__ void block_sum(const float* x, float* y) {
  __shared__ float warps[32];
  int lane = threadIdx.x & 31;
  float v = x[blockIdx.x * blockDim.x + threadIdx.x];
  for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
  if (lane == 0) warps[threadIdx.x / 32] = v;
  __syncthreads();
  if (threadIdx.x == 0) {
    float total = 0.0f;
    for (int w = 0; w < (blockDim.x + 31) / 32; ++w) total += warps[w];
    y[blockIdx.x] = total;
  }
}

// Lane 1's partial sum is read: every lane's value is computed, not lane 0's alone.
// CHECK-LABEL: kernel @lane_one
// CHECK-NOT: arith.cmp eq %block_dim_x, %threads
__global__ void lane_one(const float* x, float* y) {
  float v = x[blockIdx.x * blockDim.x + threadIdx.x];
  for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
  if ((threadIdx.x & 31) == 1) y[(blockIdx.x * blockDim.x + threadIdx.x) / 32] = v;
}

// The warps past the last row leave: the trees run under a per-thread flag, once for each
// group whose first lane is active; the guard checks that the flags agree within each group.
// CHECK-LABEL: kernel @warp_rows
// CHECK: %groups_agree = mem.alloca : ptr<local, i1>
__global__ void warp_rows(const float* x, float* y, int rows) {
  int warp = (blockIdx.x * blockDim.x + threadIdx.x) / 32;
  int lane = threadIdx.x % 32;
  if (warp >= rows) return;
  float v = x[warp * 32 + lane];
  for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
  if (lane == 0) y[warp] = v;
}

// Only the upper 16 lanes of each warp shuffle (they read no other lane): the flags differ
// within a group, so the loop runs as it was.
__global__ void upper_half(const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = x[i];
  if ((threadIdx.x & 31) >= 16) {
    for (int offset = 8; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffff0000u, v, offset);
  }
  y[i] = v;
}

// A shuffle of width 16: every lane's value, in 16-lane segments.
// CHECK-LABEL: kernel @width16
// CHECK: arith.constant 16 : u32
__global__ void width16(const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = x[i];
  for (int offset = 8; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset, 16);
  y[i] = v;
}

// The other lanes read the value in the else branch of `lane == 0`: every lane's value.
// CHECK-LABEL: kernel @leader_else
// CHECK-NOT: %block_dim_x, %threads
// CHECK: } else {
__global__ void leader_else(const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = x[i];
  for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
  if ((threadIdx.x & 31) == 0) {
    y[i] = 1.0f;
  } else {
    y[i] = v;
  }
}

// The first mask is not the constant stored first (an `if` writes it before the loop), or the
// loop's condition has an effect of its own: not folded (both found by review).
// CHECK-LABEL: kernel @hidden_mask
// CHECK-NOT: arith.rem %threads
// CHECK-LABEL: kernel @counted
// CHECK-NOT: arith.rem %threads
// CHECK-LABEL: kernel @through_pointer
// CHECK-NOT: arith.cmp eq %block_dim_x, %threads
__global__ void hidden_mask(const float* x, float* y, int half) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = x[i];
  int m = 16;
  if (half) m = 8;
  for (; m > 0; m >>= 1) v += __shfl_xor_sync(0xffffffffu, v, m);
  y[i] = v;
}

__global__ void counted(const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = x[i];
  int count = 0;
  for (int m = 16; (count++, m > 0); m >>= 1) v += __shfl_xor_sync(0xffffffffu, v, m);
  y[i] = v + (float)count;
}

// A pointer to `v` taken before the tree (in a later segment: simt-to-spmd keeps it in a per-
// thread array) lets the other lanes read `v` through it: every lane's value, not lane 0's alone
// (found by review).
__global__ void through_pointer(const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = x[i];
  float w = 1.0f;
  __syncthreads();
  float* p = (x[i] > 100.0f) ? &w : &v;
  for (int m = 16; m > 0; m >>= 1) v += __shfl_down_sync(0xffffffffu, v, m);
  if ((threadIdx.x & 31) == 0) {
    y[i] = v;
  } else {
    y[i] = *p;
  }
}

// VERIFY: launch warps: all_sum CUDA vs {{.*}}: equal
// VERIFY: launch wide: all_sum CUDA vs {{.*}}: equal
// VERIFY: launch halves: half_sum CUDA vs {{.*}}: equal
// VERIFY: launch ragged: half_sum CUDA vs {{.*}}: equal
// VERIFY: launch down: down_sum CUDA vs {{.*}}: equal
// VERIFY: launch blocks: block_sum CUDA vs {{.*}}: equal
// VERIFY: launch three: block_sum CUDA vs {{.*}}: equal
// VERIFY: launch single: block_sum CUDA vs {{.*}}: equal
// VERIFY: launch one: lane_one CUDA vs {{.*}}: equal
// VERIFY: launch rows: warp_rows CUDA vs {{.*}}: equal
// VERIFY: launch upper: upper_half CUDA vs {{.*}}: equal
// VERIFY: launch otherwise: leader_else CUDA vs {{.*}}: equal
// VERIFY: launch hidden: hidden_mask CUDA vs {{.*}}: equal
// VERIFY: launch comma: counted CUDA vs {{.*}}: equal
// VERIFY: launch pointer: through_pointer CUDA vs {{.*}}: equal
// VERIFY: launch sixteen: width16 CUDA vs {{.*}}: equal

// REMARK: fold-warp-butterflies.cu:46:3: remark: warp butterfly over groups of 32 lanes computed once per group (31 adds) and broadcast [KP3020]
// REMARK: fold-warp-butterflies.cu:56:3: remark: warp butterfly over groups of 16 lanes computed once per group (15 adds) and broadcast [KP3020]
// REMARK: fold-warp-butterflies.cu:69:3: remark: warp shuffle-down tree over 32-lane segments computed lane by lane in place (160 adds a segment): lanes other than the first may be read after it [KP3020]
// REMARK: fold-warp-butterflies.cu:83:3: remark: warp shuffle-down tree over groups of 32 lanes computed once per group (31 adds) into lane 0, whose value alone is read after it [KP3020]
// REMARK: fold-warp-butterflies.cu:98:3: remark: warp shuffle-down tree over 32-lane segments computed lane by lane in place (160 adds a segment): lanes other than the first may be read after it [KP3020]
// REMARK: fold-warp-butterflies.cu:111:3: remark: warp shuffle-down tree over 32-lane segments computed lane by lane in place (160 adds a segment): lanes other than the first may be read after it [KP3020]
// REMARK: fold-warp-butterflies.cu:121:5: remark: warp shuffle-down tree over 32-lane segments computed lane by lane in place (128 adds a segment): lanes other than the first may be read after it [KP3020]
// REMARK: fold-warp-butterflies.cu:132:3: remark: warp shuffle-down tree over 16-lane segments computed lane by lane in place (64 adds a segment): lanes other than the first may be read after it [KP3020]
// REMARK: fold-warp-butterflies.cu:143:3: remark: warp shuffle-down tree over 32-lane segments computed lane by lane in place (160 adds a segment): lanes other than the first may be read after it [KP3020]
// REMARK: fold-warp-butterflies.cu:185:3: remark: warp shuffle-down tree over 32-lane segments computed lane by lane in place (160 adds a segment): lanes other than the first may be read after it [KP3020]
// REMARK-NOT: groups of
