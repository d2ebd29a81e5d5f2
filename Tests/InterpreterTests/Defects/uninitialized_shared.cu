// Defect: the tile is filled only for in-range threads, but every thread reads it.
// kport-launch bug: --kernel shift_left --grid 1 --block 64
// kport-launch bug: --arg in=f32[n]:iota --arg out=f32[64]:zeros --arg n=48
__global__ void shift_left(const float* in, float* out, int n) {
  __shared__ float tile[64];
  int t = threadIdx.x;
  if (t < n) tile[t] = in[t];
  __syncthreads();
  out[t] = tile[63 - t];  // expect-finding: uninitialized-read
}
