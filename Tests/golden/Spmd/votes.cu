// Warp votes, ballots, the active mask and block votes outside thread-dependent conditions:
// lowered to per-thread predicates read by the next thread loop (warp) or counted at block
// level (block), and equal to the CUDA kernel on both targets.
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// kport-launch warp: --kernel votes --grid 3 --block 80 --arg in=i32[240]:iota --arg out=u32[240]:zeros
// kport-launch block: --kernel block_votes --grid 2 --block 48 --arg in=i32[96]:iota --arg out=i32[96]:zeros
// CHECK: launch warp: votes CUDA vs BANG C: equal
// CHECK: launch block: block_votes CUDA vs BANG C: equal
// ASCEND: launch warp: votes CUDA vs Ascend C: equal
// ASCEND: launch block: block_votes CUDA vs Ascend C: equal

// Ballot, any, all, uni and the active mask (the last warp of each 80-thread block is partial).
__global__ void votes(const int* in, unsigned* out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int p = (in[i] % 3) != 0 && in[i] > 40;
  unsigned b = __ballot_sync(0xffffffffu, p);
  int any = __any_sync(0xffffffffu, p);
  int all = __all_sync(0xffffffffu, p);
  int uni = __uni_sync(0xffffffffu, p);
  unsigned m = __activemask();
  out[i] = b ^ (any << 1) ^ (all << 2) ^ (uni << 5) ^ m;
}

// __syncthreads_count/and/or: every thread gets the block's count; a loop bounded by it is uniform.
__global__ void block_votes(const int* in, int* out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  int c = __syncthreads_count(in[i] % 4 == 0);
  int a = __syncthreads_and(in[i] >= 0);
  int o = __syncthreads_or(in[i] > 90);
  int acc = 0;
  for (int k = 0; k < c; ++k) {
    acc += k;
    __syncthreads();
  }
  out[i] = c * 100 + a * 10 + o + acc;
}
