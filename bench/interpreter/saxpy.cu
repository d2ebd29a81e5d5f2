// kport-launch bench: --kernel saxpy --grid 65536 --block 256
// kport-launch bench: --arg n=16777216 --arg a=2.0 --arg x=f32[n]:rand(1) --arg y=f32[n]:rand(2)
__global__ void saxpy(int n, float a, const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) y[i] = a * x[i] + y[i];
}
