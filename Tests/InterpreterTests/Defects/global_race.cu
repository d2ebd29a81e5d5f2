// Defect: two threads of different blocks write different values to the same output
// element (the index ignores the block).
// kport-launch bug: --kernel scale --grid 2 --block 64
// kport-launch bug: --arg in=f32[128]:iota --arg out=f32[128]:zeros
__global__ void scale(const float* in, float* out) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  out[threadIdx.x] = 2.0f * in[i];  // expect-finding: global-race
}
