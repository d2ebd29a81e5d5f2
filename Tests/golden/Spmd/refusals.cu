// What simt-to-spmd refuses: barriers (and block votes) under thread-dependent control (KP3010),
// votes under a thread-dependent condition, shuffles in loops whose trip count depends on the thread (KP3012), and on Ascend C an
// atomic whose old value is used (KP7004). Each is located; convert and verify exit with 1.
// RUN: kport convert %s --target bang 2>&1 | FileCheck %s
// RUN: kport convert %s --target ascendc --kernel ticket 2>&1 | FileCheck %s --check-prefix=ATOMIC
// RUN: kport verify %s --target bang --kernel thread_return_then_barrier --grid 1 --block 32 --arg p=f32[32]:ones --arg n=32 2>&1 | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --launch vote 2>&1 | FileCheck %s --check-prefix=VOTE
// RUN-EXIT: 1
// CHECK: refusals.cu:24:25: {{e}}rror: 'cuda.syncthreads' is reached under control flow that depends on the thread; the block's threads cannot be split into loops here [KP3010]
// CHECK: refusals.cu:24:3: note: the thread-dependent construct is here
// CHECK: refusals.cu:32:5: {{e}}rror: 'cuda.syncthreads' is reached under control flow {{.*}}[KP3010]
// CHECK: refusals.cu:30:3: note: the thread-dependent construct is here
// CHECK: refusals.cu:41:3: {{e}}rror: 'cuda.syncthreads' is reached under control flow {{.*}}[KP3010]
// CHECK: refusals.cu:39:3: note: the thread-dependent construct is here
// CHECK: refusals.cu:49:29: {{e}}rror: cannot lower 'cuda.ballot' under a thread-dependent condition yet [KP3012]
// CHECK: refusals.cu:56:29: {{e}}rror: 'cuda.syncthreads_count' is reached under control flow that depends on the thread{{.*}}[KP3010]
// CHECK: refusals.cu:63:3: {{e}}rror: a warp operation inside a loop or early exit that differs between threads is not supported yet [KP3012]
// ATOMIC: {{e}}rror: the old value of this atomic is used, but on Ascend C the rule lowers it to a statement without one [KP7004]
// VERIFY: {{e}}rror: 'cuda.syncthreads' is reached under control flow that depends on the thread{{.*}}[KP3010]
// VOTE: refusals.cu:49:29: {{e}}rror: cannot lower 'cuda.ballot' under a thread-dependent condition yet [KP3012]
// kport-launch vote: --kernel votes --grid 1 --block 64 --arg in=i32[64]:iota --arg out=u32[64]:zeros
// A barrier under if (threadIdx.x < 16).
__global__ void divergent_if(float* p) {
  if (threadIdx.x < 16) __syncthreads();
  p[threadIdx.x] = 1.0f;
}

// A barrier in a loop whose trip count depends on the thread.
__global__ void divergent_loop(float* p) {
  for (unsigned i = 0; i < threadIdx.x; ++i) {
    p[threadIdx.x] += 1.0f;
    __syncthreads();
  }
}

// Some threads return, then the others meet at a barrier.
__global__ void thread_return_then_barrier(float* p, int n) {
  __shared__ float s[64];
  if (threadIdx.x >= n) return;
  s[threadIdx.x] = p[threadIdx.x];
  __syncthreads();
  p[threadIdx.x] = s[0];
}

// A ballot under a thread-dependent condition (votes outside one are lowered: votes.cu).
__global__ void votes(const int* in, unsigned* out) {
  int v = in[threadIdx.x];
  unsigned b = 0;
  if (threadIdx.x < 40) b = __ballot_sync(0xffffffffu, v & 1);
  out[threadIdx.x] = b;
}

// A block vote under a thread-dependent condition: a barrier some threads do not reach.
__global__ void block_votes(const int* in, int* out) {
  int c = 0;
  if (threadIdx.x < 16) c = __syncthreads_count(in[threadIdx.x] > 3);
  out[threadIdx.x] = c;
}

// A shuffle in a loop whose trip count depends on the thread.
__global__ void shuffle_in_thread_loop(const float* in, float* out) {
  float v = in[threadIdx.x];
  for (unsigned i = 0; i < (threadIdx.x & 3); ++i) v += __shfl_xor_sync(0xffffffffu, v, 1);
  out[threadIdx.x] = v;
}

// An atomic whose old value is used (Ascend C has no scalar global atomic returning it).
__global__ void ticket(unsigned* counter, unsigned* out) {
  unsigned mine = atomicAdd(&counter[blockIdx.x], 1u);
  out[blockIdx.x * 32 + threadIdx.x] = mine;
}
