// Matrix multiplication in the style of the CUDA samples' matrixMul: C = A * B with 16 x 16
// tiles staged in shared memory, a two-dimensional grid, and a host check of every element.
// Prints PASS when all are within tolerance.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <cuda_runtime.h>

#define TILE 16

__global__ void matrixMul(float *C, const float *A, const float *B, int wA, int wB) {
  __shared__ float As[TILE][TILE];
  __shared__ float Bs[TILE][TILE];
  int bx = blockIdx.x, by = blockIdx.y;
  int tx = threadIdx.x, ty = threadIdx.y;
  int row = by * TILE + ty;
  int col = bx * TILE + tx;
  float sum = 0.0f;
  for (int t = 0; t < wA / TILE; ++t) {
    As[ty][tx] = A[row * wA + t * TILE + tx];
    Bs[ty][tx] = B[(t * TILE + ty) * wB + col];
    __syncthreads();
    for (int k = 0; k < TILE; ++k) sum += As[ty][k] * Bs[k][tx];
    __syncthreads();
  }
  C[row * wB + col] = sum;
}

int main() {
  const int hA = 64, wA = 96, wB = 80;
  float *h_A = (float *)malloc(hA * wA * sizeof(float));
  float *h_B = (float *)malloc(wA * wB * sizeof(float));
  float *h_C = (float *)malloc(hA * wB * sizeof(float));
  for (int i = 0; i < hA * wA; i++) h_A[i] = (rand() % 17) / 8.0f - 1.0f;
  for (int i = 0; i < wA * wB; i++) h_B[i] = (rand() % 13) / 4.0f - 1.5f;

  float *d_A, *d_B, *d_C;
  cudaMalloc(&d_A, hA * wA * sizeof(float));
  cudaMalloc(&d_B, wA * wB * sizeof(float));
  cudaMalloc(&d_C, hA * wB * sizeof(float));
  cudaMemcpy(d_A, h_A, hA * wA * sizeof(float), cudaMemcpyHostToDevice);
  cudaMemcpy(d_B, h_B, wA * wB * sizeof(float), cudaMemcpyHostToDevice);

  dim3 threads(TILE, TILE);
  dim3 grid(wB / threads.x, hA / threads.y);
  matrixMul<<<grid, threads>>>(d_C, d_A, d_B, wA, wB);
  cudaMemcpy(h_C, d_C, hA * wB * sizeof(float), cudaMemcpyDeviceToHost);

  int errors = 0;
  for (int i = 0; i < hA; i++) {
    for (int j = 0; j < wB; j++) {
      double ref = 0.0;
      for (int k = 0; k < wA; k++) ref += (double)h_A[i * wA + k] * h_B[k * wB + j];
      if (fabs(h_C[i * wB + j] - ref) > 1e-3 * (1.0 + fabs(ref))) errors++;
    }
  }
  printf("C = A * B, A %dx%d, B %dx%d: %d mismatches\n", hA, wA, wA, wB, errors);
  cudaFree(d_A);
  cudaFree(d_B);
  cudaFree(d_C);
  free(h_A);
  free(h_B);
  free(h_C);
  printf(errors == 0 ? "PASS\n" : "FAIL\n");
  return errors == 0 ? 0 : 1;
}
