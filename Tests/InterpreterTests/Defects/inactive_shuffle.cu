// Defect: a warp reduction inside a branch half the warp skips still shuffles with the full
// mask, so lanes read values from lanes that are not executing the shuffle.
// kport-launch bug: --kernel warp_sum --grid 1 --block 32
// kport-launch bug: --arg in=f32[32]:ones --arg out=f32[1]:zeros
__global__ void warp_sum(const float* in, float* out) {
  float v = in[threadIdx.x];
  if (threadIdx.x < 16) {
    for (int offset = 16; offset > 0; offset /= 2) {
      v += __shfl_down_sync(0xffffffff, v, offset);  // expect-finding: inactive-lane-shuffle
    }
    if (threadIdx.x == 0) *out = v;
  }
}
