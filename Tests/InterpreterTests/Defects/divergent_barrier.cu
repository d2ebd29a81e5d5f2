// Defect: a barrier inside a branch only the first half of the block takes.
// kport-launch bug: --kernel half_sync --grid 1 --block 64
// kport-launch bug: --arg data=f32[64]:iota
__global__ void half_sync(float* data) {
  __shared__ float buffer[64];
  buffer[threadIdx.x] = data[threadIdx.x];
  if (threadIdx.x < 32) {
    __syncthreads();  // expect-finding: barrier-divergence
    data[threadIdx.x] = buffer[63 - threadIdx.x];
  }
}
