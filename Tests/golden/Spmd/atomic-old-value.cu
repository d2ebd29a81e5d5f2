// An atomic whose old value is used after a barrier (BANG C only: Ascend C refuses it, see refusals.cu).
// RUN: kport verify %s --target bang | FileCheck %s
// CHECK: launch ticket: ticket CUDA vs BANG C: equal
// CHECK-NEXT: counter u32[2] ok max abs 0
// CHECK-NEXT: out u32[64] ok max abs 0
// kport-launch ticket: --kernel ticket --grid 2 --block 32 --arg counter=u32[2]:zeros --arg out=u32[64]:zeros
// Each thread takes a ticket, the tickets go through shared memory, and each keeps its own.
__global__ void ticket(unsigned* counter, unsigned* out) {
  __shared__ unsigned s[32];
  unsigned mine = atomicAdd(&counter[blockIdx.x], 1u);
  s[threadIdx.x] = mine;
  __syncthreads();
  out[blockIdx.x * 32 + threadIdx.x] = s[threadIdx.x] * 2u + mine;
}
