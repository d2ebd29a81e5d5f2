// kport-launch matmul: --kernel matmul_tiled --grid 6,7 --block 16,16
// kport-launch matmul: --arg A=f32[M*K]:rand(1) --arg B=f32[K*N]:rand(2) --arg C=f32[M*N]:zeros
// kport-launch matmul: --arg M=100 --arg N=90 --arg K=75
//
// C = A * B with 16x16 shared-memory tiles. A is MxK, B is KxN, C is MxN, all
// row-major. M, N and K need not be multiples of TILE: partial tiles are
// padded with zeros when loaded.
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <vector>
#include <helper_cuda.h>

#define TILE 16

__global__ void matmul_tiled(const float* __restrict__ A, const float* __restrict__ B,
                             float* __restrict__ C, int M, int N, int K)
{
    __shared__ float As[TILE][TILE];
    __shared__ float Bs[TILE][TILE];

    int tx = threadIdx.x, ty = threadIdx.y;
    int row = blockIdx.y * TILE + ty;
    int col = blockIdx.x * TILE + tx;

    float acc = 0.0f;
    int num_tiles = (K + TILE - 1) / TILE;
    for (int t = 0; t < num_tiles; ++t) {
        int a_col = t * TILE + tx;
        int b_row = t * TILE + ty;
        As[ty][tx] = (row < M && a_col < K) ? A[row * K + a_col] : 0.0f;
        Bs[ty][tx] = (b_row < K && col < N) ? B[b_row * N + col] : 0.0f;
        __syncthreads();

#pragma unroll
        for (int k = 0; k < TILE; ++k) {
            acc += As[ty][k] * Bs[k][tx];
        }
        __syncthreads();
    }

    if (row < M && col < N) {
        C[row * N + col] = acc;
    }
}

int main()
{
    const int M = 300, N = 200, K = 129;
    std::vector<float> h_A(M * K), h_B(K * N), h_C(M * N);
    for (int i = 0; i < M * K; ++i) h_A[i] = static_cast<float>((i * 7) % 13) / 13.0f - 0.5f;
    for (int i = 0; i < K * N; ++i) h_B[i] = static_cast<float>((i * 5) % 11) / 11.0f - 0.5f;

    float *d_A, *d_B, *d_C;
    checkCudaErrors(cudaMalloc(&d_A, M * K * sizeof(float)));
    checkCudaErrors(cudaMalloc(&d_B, K * N * sizeof(float)));
    checkCudaErrors(cudaMalloc(&d_C, M * N * sizeof(float)));
    checkCudaErrors(cudaMemcpy(d_A, h_A.data(), M * K * sizeof(float), cudaMemcpyHostToDevice));
    checkCudaErrors(cudaMemcpy(d_B, h_B.data(), K * N * sizeof(float), cudaMemcpyHostToDevice));

    dim3 block(TILE, TILE);
    dim3 grid((N + TILE - 1) / TILE, (M + TILE - 1) / TILE);
    matmul_tiled<<<grid, block>>>(d_A, d_B, d_C, M, N, K);
    checkCudaErrors(cudaGetLastError());
    checkCudaErrors(cudaDeviceSynchronize());

    checkCudaErrors(cudaMemcpy(h_C.data(), d_C, M * N * sizeof(float), cudaMemcpyDeviceToHost));

    double max_err = 0.0;
    for (int i = 0; i < M; i += 7) {
        for (int j = 0; j < N; ++j) {
            double ref = 0.0;
            for (int k = 0; k < K; ++k) ref += (double)h_A[i * K + k] * h_B[k * N + j];
            max_err = fmax(max_err, fabs(ref - h_C[i * N + j]));
        }
    }
    printf("matmul_tiled: %dx%dx%d max abs error (sampled rows) = %g\n", M, N, K, max_err);

    checkCudaErrors(cudaFree(d_A));
    checkCudaErrors(cudaFree(d_B));
    checkCudaErrors(cudaFree(d_C));
    return max_err < 1e-3 ? EXIT_SUCCESS : EXIT_FAILURE;
}
