// Defect: the bucket width is computed from a range that is empty, then divided by.
// kport-launch bug: --kernel bucket --grid 1 --block 32
// kport-launch bug: --arg values=i32[32]:iota --arg out=i32[32]:zeros --arg low=5 --arg high=5
__global__ void bucket(const int* values, int* out, int low, int high) {
  int width = (high - low) / 4;
  int t = threadIdx.x;
  out[t] = (values[t] - low) / width;  // expect-finding: division-by-zero
}
