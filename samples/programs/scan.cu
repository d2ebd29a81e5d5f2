// A prefix sum (inclusive scan) in the style of the CUDA samples' scan: each block scans its
// 256 elements in shared memory (Hillis-Steele, double-buffered), one block scans the block
// totals, and a third kernel adds each block's offset. Prints PASS when it matches the host.
#include <cstdio>
#include <cstdlib>

#include <cuda_runtime.h>

#define BLOCK 256

__global__ void scanBlocks(const int *in, int *out, int *blockSums, int n) {
  __shared__ int buffer[2][BLOCK];
  int i = blockIdx.x * BLOCK + threadIdx.x;
  int current = 0;
  buffer[0][threadIdx.x] = i < n ? in[i] : 0;
  __syncthreads();
  for (int offset = 1; offset < BLOCK; offset *= 2) {
    int value = buffer[current][threadIdx.x];
    if (threadIdx.x >= offset) value += buffer[current][threadIdx.x - offset];
    buffer[1 - current][threadIdx.x] = value;
    current = 1 - current;
    __syncthreads();
  }
  if (i < n) out[i] = buffer[current][threadIdx.x];
  if (blockSums != NULL && threadIdx.x == BLOCK - 1) blockSums[blockIdx.x] = buffer[current][threadIdx.x];
}

__global__ void addOffsets(int *data, const int *scannedSums, int n) {
  int i = blockIdx.x * BLOCK + threadIdx.x;
  if (blockIdx.x > 0 && i < n) data[i] += scannedSums[blockIdx.x - 1];
}

int main() {
  const int n = BLOCK * 48 - 17;
  const int blocks = (n + BLOCK - 1) / BLOCK;
  int *h_in = (int *)malloc(n * sizeof(int));
  int *h_out = (int *)malloc(n * sizeof(int));
  for (int i = 0; i < n; i++) h_in[i] = rand() % 10;
  int *d_in, *d_out, *d_sums, *d_scannedSums;
  cudaMalloc(&d_in, n * sizeof(int));
  cudaMalloc(&d_out, n * sizeof(int));
  cudaMalloc(&d_sums, blocks * sizeof(int));
  cudaMalloc(&d_scannedSums, blocks * sizeof(int));
  cudaMemcpy(d_in, h_in, n * sizeof(int), cudaMemcpyHostToDevice);

  scanBlocks<<<blocks, BLOCK>>>(d_in, d_out, d_sums, n);
  scanBlocks<<<1, BLOCK>>>(d_sums, d_scannedSums, NULL, blocks);
  addOffsets<<<blocks, BLOCK>>>(d_out, d_scannedSums, n);
  cudaMemcpy(h_out, d_out, n * sizeof(int), cudaMemcpyDeviceToHost);

  int errors = 0, running = 0;
  for (int i = 0; i < n; i++) {
    running += h_in[i];
    if (h_out[i] != running) errors++;
  }
  printf("inclusive scan of %d elements in %d blocks: %d mismatches (last %d)\n", n, blocks, errors, h_out[n - 1]);
  cudaFree(d_in);
  cudaFree(d_out);
  cudaFree(d_sums);
  cudaFree(d_scannedSums);
  free(h_in);
  free(h_out);
  printf(errors == 0 ? "PASS\n" : "FAIL\n");
  return errors == 0 ? 0 : 1;
}
