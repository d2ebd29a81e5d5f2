// What cannot be ported is a located error, and kport convert and kport verify exit with 1.
// (Patterns spell {{e}}rror so that they cannot match these lines, which the port echoes;
// the port is printed before the diagnostics.)
// RUN: kport convert %s --target bang 2>&1 | FileCheck %s --check-prefix=BALLOT
// RUN: kport convert %s --target ascendc --kernel big 2>&1 | FileCheck %s --check-prefix=CAPACITY
// RUN: kport convert %s --target bang --kernel big --rules %S/no-such.rules 2>&1 | FileCheck %s --check-prefix=RULES
// RUN: kport verify %s --target bang --kernel vote --grid 1 --block 32 --arg p=u32[32]:zeros 2>&1 | FileCheck %s --check-prefix=BALLOT
// RUN-EXIT: 1
// BALLOT: port-errors.cu:17:28: {{e}}rror: cannot lower 'cuda.ballot' under a thread-dependent condition yet [KP3012]
// BALLOT-NOT: KP7005
// CAPACITY: kport: kernel 'big' is not ported{{;}} see the diagnostics.
// CAPACITY: port-errors.cu:21:17: {{e}}rror: kernel 'big' needs 200000 bytes of on-chip memory (200000 of shared buffers, 0 of per-thread arrays for 1024 threads), more than the 188160 bytes of the UB of Ascend 910B
// RULES: {{e}}rror: cannot read rule file '{{.*}}no-such.rules' [KP5018]

__global__ void vote(unsigned* p) {
  unsigned b = 0;
  if (threadIdx.x < 8) b = __ballot_sync(0xffffffffu, threadIdx.x & 1);
  p[threadIdx.x] = b;
}

__global__ void big(float* p) {
  __shared__ float tile[50000];
  tile[threadIdx.x] = p[threadIdx.x];
  __syncthreads();
  p[threadIdx.x] = tile[threadIdx.x + 1];
}
