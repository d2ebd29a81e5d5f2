// A 256-bin histogram in the style of the CUDA samples' histogram: each block counts its part
// of the input in a shared-memory histogram with shared atomics, then adds it to the global
// one with global atomics. Prints PASS when it matches the host's count.
#include <cstdio>
#include <cstdlib>

#include <cuda_runtime.h>

#define BINS 256

__global__ void histogram256(const unsigned char *data, unsigned int *histogram, int n) {
  __shared__ unsigned int local[BINS];
  for (int b = threadIdx.x; b < BINS; b += blockDim.x) local[b] = 0;
  __syncthreads();
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
    atomicAdd(&local[data[i]], 1u);
  }
  __syncthreads();
  for (int b = threadIdx.x; b < BINS; b += blockDim.x) {
    if (local[b] != 0) atomicAdd(&histogram[b], local[b]);
  }
}

int main() {
  const int n = 1 << 16;
  unsigned char *h_data = (unsigned char *)malloc(n);
  unsigned int expected[BINS] = {0};
  for (int i = 0; i < n; i++) {
    h_data[i] = (unsigned char)((rand() % 200) + (i % 56));
    expected[h_data[i]]++;
  }
  unsigned char *d_data;
  unsigned int *d_histogram;
  cudaMalloc(&d_data, n);
  cudaMalloc(&d_histogram, BINS * sizeof(unsigned int));
  cudaMemcpy(d_data, h_data, n, cudaMemcpyHostToDevice);
  cudaMemset(d_histogram, 0, BINS * sizeof(unsigned int));

  histogram256<<<32, 256>>>(d_data, d_histogram, n);
  unsigned int h_histogram[BINS];
  cudaMemcpy(h_histogram, d_histogram, sizeof(h_histogram), cudaMemcpyDeviceToHost);

  int errors = 0;
  unsigned int total = 0;
  for (int b = 0; b < BINS; b++) {
    total += h_histogram[b];
    if (h_histogram[b] != expected[b]) errors++;
  }
  printf("histogram of %d bytes into %d bins: %u counted, %d bins differ\n", n, BINS, total, errors);
  cudaFree(d_data);
  cudaFree(d_histogram);
  free(h_data);
  printf(errors == 0 ? "PASS\n" : "FAIL\n");
  return errors == 0 ? 0 : 1;
}
