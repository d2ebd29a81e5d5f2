// A planted bug: the bounds check is `i <= n`, so the thread with i == n reads and writes one
// element past the end of each array. On a GPU this often passes silently; under kport exec
// the sanitizer reports the out-of-bounds access with its source line, block and thread, and
// the program stops with exit status 3 before it can print PASS.
#include <cstdio>
#include <cstdlib>

#include <cuda_runtime.h>

__global__ void scale(float *data, int n, float factor) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i <= n) data[i] = data[i] * factor;
}

int main() {
  const int n = 1000;
  float *h_data = (float *)malloc(n * sizeof(float));
  for (int i = 0; i < n; i++) h_data[i] = (float)i;
  float *d_data;
  cudaMalloc(&d_data, n * sizeof(float));
  cudaMemcpy(d_data, h_data, n * sizeof(float), cudaMemcpyHostToDevice);
  scale<<<(n + 255) / 256, 256>>>(d_data, n, 3.0f);
  cudaMemcpy(h_data, d_data, n * sizeof(float), cudaMemcpyDeviceToHost);
  int errors = 0;
  for (int i = 0; i < n; i++)
    if (h_data[i] != 3.0f * i) errors++;
  cudaFree(d_data);
  free(h_data);
  printf(errors == 0 ? "PASS\n" : "FAIL\n");
  return errors == 0 ? 0 : 1;
}
