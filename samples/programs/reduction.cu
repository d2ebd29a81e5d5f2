// Parallel reduction in the style of the CUDA samples' reduction: each block sums its part of
// the input in shared memory (dynamic shared memory, sequential addressing), a second launch
// sums the block results, and the host checks the total. Prints PASS when it matches.
#include <cstdio>
#include <cstdlib>

#include <cuda_runtime.h>

__global__ void reduceSum(const int *in, int *out, int n) {
  extern __shared__ int sdata[];
  unsigned int tid = threadIdx.x;
  unsigned int i = blockIdx.x * (blockDim.x * 2) + threadIdx.x;
  int sum = 0;
  if (i < n) sum += in[i];
  if (i + blockDim.x < n) sum += in[i + blockDim.x];
  sdata[tid] = sum;
  __syncthreads();
  for (unsigned int s = blockDim.x / 2; s > 0; s >>= 1) {
    if (tid < s) sdata[tid] += sdata[tid + s];
    __syncthreads();
  }
  if (tid == 0) out[blockIdx.x] = sdata[0];
}

int main() {
  const int n = 1 << 16;
  const int threads = 256;
  const int blocks = (n + threads * 2 - 1) / (threads * 2);
  int *h_in = (int *)malloc(n * sizeof(int));
  long long expected = 0;
  for (int i = 0; i < n; i++) {
    h_in[i] = rand() % 100;
    expected += h_in[i];
  }
  int *d_in, *d_partial, *d_total;
  cudaMalloc(&d_in, n * sizeof(int));
  cudaMalloc(&d_partial, blocks * sizeof(int));
  cudaMalloc(&d_total, sizeof(int));
  cudaMemcpy(d_in, h_in, n * sizeof(int), cudaMemcpyHostToDevice);

  reduceSum<<<blocks, threads, threads * sizeof(int)>>>(d_in, d_partial, n);
  reduceSum<<<1, threads, threads * sizeof(int)>>>(d_partial, d_total, blocks);
  cudaError_t err = cudaDeviceSynchronize();
  if (err != cudaSuccess) {
    printf("kernel failed: %s\n", cudaGetErrorString(err));
    return 1;
  }
  int total = 0;
  cudaMemcpy(&total, d_total, sizeof(int), cudaMemcpyDeviceToHost);
  printf("sum of %d elements: %d (expected %lld)\n", n, total, expected);
  cudaFree(d_in);
  cudaFree(d_partial);
  cudaFree(d_total);
  free(h_in);
  if (total != expected) {
    printf("FAIL\n");
    return 1;
  }
  printf("PASS\n");
  return 0;
}
