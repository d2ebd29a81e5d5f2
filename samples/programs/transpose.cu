// Matrix transpose in the style of the CUDA samples' transpose: 32 x 32 tiles through shared
// memory padded by one column against bank conflicts, blocks of 32 x 8 threads each moving
// four rows. Prints PASS when the result is the exact transpose.
#include <cstdio>
#include <cstdlib>

#include <cuda_runtime.h>

#define TILE_DIM 32
#define BLOCK_ROWS 8

__global__ void transposeCoalesced(float *odata, const float *idata, int width, int height) {
  __shared__ float tile[TILE_DIM][TILE_DIM + 1];
  int x = blockIdx.x * TILE_DIM + threadIdx.x;
  int y = blockIdx.y * TILE_DIM + threadIdx.y;
  for (int j = 0; j < TILE_DIM; j += BLOCK_ROWS) {
    if (x < width && y + j < height) tile[threadIdx.y + j][threadIdx.x] = idata[(y + j) * width + x];
  }
  __syncthreads();
  x = blockIdx.y * TILE_DIM + threadIdx.x;
  y = blockIdx.x * TILE_DIM + threadIdx.y;
  for (int j = 0; j < TILE_DIM; j += BLOCK_ROWS) {
    if (x < height && y + j < width) odata[(y + j) * height + x] = tile[threadIdx.x][threadIdx.y + j];
  }
}

int main() {
  const int width = 160, height = 96;
  const size_t bytes = width * height * sizeof(float);
  float *h_in = (float *)malloc(bytes);
  float *h_out = (float *)malloc(bytes);
  for (int i = 0; i < width * height; i++) h_in[i] = (float)i;
  float *d_in, *d_out;
  cudaMalloc(&d_in, bytes);
  cudaMalloc(&d_out, bytes);
  cudaMemcpy(d_in, h_in, bytes, cudaMemcpyHostToDevice);

  dim3 grid(width / TILE_DIM, height / TILE_DIM);
  dim3 threads(TILE_DIM, BLOCK_ROWS);
  transposeCoalesced<<<grid, threads>>>(d_out, d_in, width, height);
  cudaMemcpy(h_out, d_out, bytes, cudaMemcpyDeviceToHost);

  int errors = 0;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (h_out[x * height + y] != h_in[y * width + x]) errors++;
  printf("transpose of a %d x %d matrix: %d mismatches\n", height, width, errors);
  cudaFree(d_in);
  cudaFree(d_out);
  free(h_in);
  free(h_out);
  printf(errors == 0 ? "PASS\n" : "FAIL\n");
  return errors == 0 ? 0 : 1;
}
