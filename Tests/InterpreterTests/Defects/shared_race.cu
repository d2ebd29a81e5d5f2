// Defect: every thread accumulates into one shared slot with a plain read-modify-write
// instead of an atomic.
// kport-launch bug: --kernel count_positive --grid 2 --block 64
// kport-launch bug: --arg in=f32[n]:rand(1) --arg out=i32[2]:zeros --arg n=128
__global__ void count_positive(const float* in, int* out, int n) {
  __shared__ int count;
  if (threadIdx.x == 0) count = 0;
  __syncthreads();
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n && in[i] > 0.0f) {
    count = count + 1;  // expect-finding: shared-race
  }
  __syncthreads();
  if (threadIdx.x == 0) out[blockIdx.x] = count;
}
