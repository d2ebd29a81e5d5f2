// kport-launch bench: --kernel reduce --grid 65536 --block 256
// kport-launch bench: --arg in=f32[n]:rand(1) --arg out=f32[65536]:zeros --arg n=16777216
__global__ void reduce(const float* in, float* out, int n) {
  __shared__ float s[256];
  int tid = threadIdx.x;
  int i = blockIdx.x * blockDim.x + tid;
  s[tid] = i < n ? in[i] : 0.0f;
  __syncthreads();
  for (int stride = blockDim.x / 2; stride > 0; stride >>= 1) {
    if (tid < stride) s[tid] += s[tid + stride];
    __syncthreads();
  }
  if (tid == 0) out[blockIdx.x] = s[0];
}
