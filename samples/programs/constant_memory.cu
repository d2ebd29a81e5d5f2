// __constant__ memory and cudaMemcpyToSymbol: a 1-D convolution whose taps the host copies into
// constant memory, and a __device__ counter the kernel bumps with atomicAdd and the host reads
// back with cudaMemcpyFromSymbol. Prints PASS when both match the host's computation.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <cuda_runtime.h>

#define RADIUS 4
#define TAPS (2 * RADIUS + 1)

__constant__ float c_taps[TAPS];
__device__ int d_nonzero;

__global__ void convolve(const float *in, float *out, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  float acc = 0.0f;
  for (int k = -RADIUS; k <= RADIUS; k++) {
    int j = i + k;
    if (j >= 0 && j < n) acc += c_taps[k + RADIUS] * in[j];
  }
  out[i] = acc;
  if (acc != 0.0f) atomicAdd(&d_nonzero, 1);
}

int main() {
  const int n = 4096;
  float h_taps[TAPS];
  for (int k = 0; k < TAPS; k++) h_taps[k] = 1.0f / (1 + abs(k - RADIUS));
  float *h_in = (float *)malloc(n * sizeof(float));
  float *h_out = (float *)malloc(n * sizeof(float));
  for (int i = 0; i < n; i++) h_in[i] = ((i / 64) % 3 == 0) ? 0.0f : (float)(1 + i % 5);

  float *d_in, *d_out;
  cudaMalloc(&d_in, n * sizeof(float));
  cudaMalloc(&d_out, n * sizeof(float));
  cudaMemcpy(d_in, h_in, n * sizeof(float), cudaMemcpyHostToDevice);
  cudaMemcpyToSymbol(c_taps, h_taps, sizeof(h_taps));
  int zero = 0;
  cudaMemcpyToSymbol(d_nonzero, &zero, sizeof(int));

  convolve<<<(n + 127) / 128, 128>>>(d_in, d_out, n);
  cudaMemcpy(h_out, d_out, n * sizeof(float), cudaMemcpyDeviceToHost);
  int nonzero = -1;
  cudaMemcpyFromSymbol(&nonzero, d_nonzero, sizeof(int));

  int errors = 0, expectedNonzero = 0;
  for (int i = 0; i < n; i++) {
    float acc = 0.0f;
    for (int k = -RADIUS; k <= RADIUS; k++) {
      int j = i + k;
      if (j >= 0 && j < n) acc += h_taps[k + RADIUS] * h_in[j];
    }
    if (acc != 0.0f) expectedNonzero++;
    if (fabsf(acc - h_out[i]) > 1e-4f) errors++;
  }
  printf("convolution of %d elements with %d constant taps: %d mismatches, %d nonzero (expected %d)\n", n, TAPS,
         errors, nonzero, expectedNonzero);
  cudaFree(d_in);
  cudaFree(d_out);
  free(h_in);
  free(h_out);
  bool ok = errors == 0 && nonzero == expectedNonzero;
  printf(ok ? "PASS\n" : "FAIL\n");
  return ok ? 0 : 1;
}
