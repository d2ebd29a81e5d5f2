// Defect: a 1-D stencil reads its neighbours' shared values without waiting for them to be
// written (the __syncthreads between the two phases is missing).
// kport-launch bug: --kernel smooth --grid 4 --block 128
// kport-launch bug: --arg in=f32[n]:rand(1) --arg out=f32[n]:zeros --arg n=512
#define BLOCK 128
__global__ void smooth(const float* in, float* out, int n) {
  __shared__ float tile[BLOCK];
  int i = blockIdx.x * BLOCK + threadIdx.x;
  tile[threadIdx.x] = in[i];
  // __syncthreads();  (missing)
  float left = threadIdx.x > 0 ? tile[threadIdx.x - 1] : 0.0f;  // expect-finding: shared-race
  out[i] = 0.5f * (left + tile[threadIdx.x]);
}
