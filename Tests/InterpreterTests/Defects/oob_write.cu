// Defect: an off-by-one bound writes one element past the end of `c`.
// kport-launch bug: --kernel add --grid 4 --block 256
// kport-launch bug: --arg a=f32[n]:ones --arg b=f32[n]:ones --arg c=f32[n]:zeros --arg n=1000
__global__ void add(const float* a, const float* b, float* c, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i <= n) {
    c[i] = a[i < n ? i : 0] + b[i < n ? i : 0];  // expect-finding: out-of-bounds
  }
}
