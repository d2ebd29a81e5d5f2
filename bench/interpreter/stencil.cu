// kport-launch bench: --kernel stencil --grid 128,128 --block 16,16
// kport-launch bench: --arg in=f32[n*n]:rand(1) --arg out=f32[n*n]:zeros --arg n=2048
__global__ void stencil(const float* in, float* out, int n) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x > 0 && y > 0 && x < n - 1 && y < n - 1) {
    out[y * n + x] = 0.2f * (in[y * n + x] + in[y * n + x - 1] + in[y * n + x + 1] + in[(y - 1) * n + x] + in[(y + 1) * n + x]);
  }
}
