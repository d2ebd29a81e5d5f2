// Defect: the loop variable is never advanced, so the loop never ends.
// kport-launch bug: --kernel spin --grid 1 --block 32
// kport-launch bug: --arg out=i32[32]:zeros --arg n=10
__global__ void spin(int* out, int n) {
  int i = 0;
  int total = 0;
  while (i < n) {  // expect-finding: step-limit
    total += i;
  }
  out[threadIdx.x] = total;
}
