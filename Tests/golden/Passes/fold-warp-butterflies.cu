// fold-warp-butterflies: `for (m = M; m > 0; m >>= 1) v += __shfl_xor_sync(full, v, m)` leaves
// every lane of a group of 2M lanes with the same sum, the halving tree of the group's values;
// the port computes it once per group (2M - 1 adds) and stores it to every lane, where
// simt-to-spmd's form runs two loops over the block's threads per level. It needs the block's
// threads to be a multiple of 2M (else the loop runs as it was: a block whose last warp is
// partial reads inactive lanes, which CUDA does not define, unless the groups are smaller than a
// warp, as in the 48-thread launch of half_sum), and the shuffle's source lane
// must be the xor partner for every thread and level (checked by evaluating simt-to-spmd's lane
// arithmetic); a shuffle down is not a butterfly. Every lane's result is stored, so the
// broadcast is checked too; the sums are exact (verified with no tolerance).
// RUN: kport ir %s --pipeline=bang | FileCheck %s
// RUN: kport verify %s --target bang --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport ir %s --pipeline=ascendc --remarks 2>&1 | FileCheck %s --check-prefix=REMARK
// kport-launch warps: --kernel all_sum --grid 2 --block 64 --arg x=f32[128]:randn(1) --arg y=f32[128]:zeros
// kport-launch wide: --kernel all_sum --grid 1 --block 256 --arg x=f32[256]:randn(2) --arg y=f32[256]:zeros
// kport-launch halves: --kernel half_sum --grid 2 --block 64 --arg x=f32[128]:randn(4) --arg y=f32[128]:zeros
// kport-launch ragged: --kernel half_sum --grid 2 --block 48 --arg x=f32[96]:randn(3) --arg y=f32[96]:zeros
// kport-launch down: --kernel down_sum --grid 1 --block 64 --arg x=f32[64]:randn(5) --arg y=f32[64]:zeros

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

// A shuffle down gives each lane a different value: not folded.
// CHECK-LABEL: kernel @down_sum
// CHECK-NOT: arith.rem %threads
__global__ void down_sum(const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  float v = x[i];
  for (int m = 16; m > 0; m >>= 1) v += __shfl_down_sync(0xffffffffu, v, m);
  y[i] = v;
}

// VERIFY: launch warps: all_sum CUDA vs {{.*}}: equal
// VERIFY: launch wide: all_sum CUDA vs {{.*}}: equal
// VERIFY: launch halves: half_sum CUDA vs {{.*}}: equal
// VERIFY: launch ragged: half_sum CUDA vs {{.*}}: equal
// VERIFY: launch down: down_sum CUDA vs {{.*}}: equal

// REMARK: fold-warp-butterflies.cu:32:3: remark: warp butterfly over groups of 32 lanes computed once per group (31 adds) and broadcast [KP3020]
// REMARK: fold-warp-butterflies.cu:42:3: remark: warp butterfly over groups of 16 lanes computed once per group (15 adds) and broadcast [KP3020]
// REMARK-NOT: groups of
