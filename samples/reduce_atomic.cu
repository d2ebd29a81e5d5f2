// kport-launch sum: --kernel sum_atomic --grid 64 --block 256
// kport-launch sum: --arg in=f32[n]:rand(1) --arg out=f32[1]:zeros --arg n=999983
// kport-launch count: --kernel count_above --grid 64 --block 256
// kport-launch count: --arg in=f32[n]:rand(2) --arg threshold=0.25 --arg count=i32[1]:zeros --arg n=999983
//
// Single-pass reductions: each block reduces its grid-stride slice in shared
// memory, then one thread per block folds the block's partial into the global
// result with atomicAdd. count_above also shows an atomic on a __shared__ counter.
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <vector>

#define CUDA_CHECK(call)                                                      \
    do {                                                                      \
        cudaError_t err_ = (call);                                            \
        if (err_ != cudaSuccess) {                                            \
            fprintf(stderr, "CUDA error %s at %s:%d\n",                       \
                    cudaGetErrorString(err_), __FILE__, __LINE__);            \
            exit(EXIT_FAILURE);                                               \
        }                                                                     \
    } while (0)

#define BLOCK_SIZE 256

// out must be zeroed before the launch: blocks accumulate into it.
__global__ void sum_atomic(const float* __restrict__ in, float* out, int n)
{
    __shared__ float partial[BLOCK_SIZE];
    int tid = threadIdx.x;

    float v = 0.0f;
    for (int i = blockIdx.x * blockDim.x + tid; i < n; i += blockDim.x * gridDim.x) {
        v += in[i];
    }
    partial[tid] = v;
    __syncthreads();

    for (int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (tid < s) partial[tid] += partial[tid + s];
        __syncthreads();
    }
    if (tid == 0) atomicAdd(out, partial[0]);
}

// Counts elements strictly greater than threshold.
__global__ void count_above(const float* __restrict__ in, float threshold, int* count, int n)
{
    __shared__ int block_count;
    if (threadIdx.x == 0) block_count = 0;
    __syncthreads();

    int local = 0;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
        if (in[i] > threshold) ++local;
    }
    if (local > 0) atomicAdd(&block_count, local);
    __syncthreads();

    if (threadIdx.x == 0) atomicAdd(count, block_count);
}

int main()
{
    const int n = 5000011;
    std::vector<float> h_in(n);
    double expected_sum = 0.0;
    int expected_count = 0;
    for (int i = 0; i < n; ++i) {
        h_in[i] = static_cast<float>((i * 37) % 101) / 100.0f - 0.5f;
        expected_sum += h_in[i];
        if (h_in[i] > 0.25f) ++expected_count;
    }

    float *d_in, *d_sum;
    int* d_count;
    CUDA_CHECK(cudaMalloc(&d_in, n * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_sum, sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_count, sizeof(int)));
    CUDA_CHECK(cudaMemcpy(d_in, h_in.data(), n * sizeof(float), cudaMemcpyHostToDevice));
    CUDA_CHECK(cudaMemset(d_sum, 0, sizeof(float)));
    CUDA_CHECK(cudaMemset(d_count, 0, sizeof(int)));

    const int blocks = 256;
    sum_atomic<<<blocks, BLOCK_SIZE>>>(d_in, d_sum, n);
    CUDA_CHECK(cudaGetLastError());
    count_above<<<blocks, BLOCK_SIZE>>>(d_in, 0.25f, d_count, n);
    CUDA_CHECK(cudaGetLastError());

    float h_sum = 0.0f;
    int h_count = 0;
    CUDA_CHECK(cudaMemcpy(&h_sum, d_sum, sizeof(float), cudaMemcpyDeviceToHost));
    CUDA_CHECK(cudaMemcpy(&h_count, d_count, sizeof(int), cudaMemcpyDeviceToHost));

    printf("reduce_atomic: sum=%f (expected %f), count=%d (expected %d)\n",
           h_sum, expected_sum, h_count, expected_count);
    bool ok = fabs(h_sum - expected_sum) < 1e-2 * fmax(1.0, fabs(expected_sum)) && h_count == expected_count;

    CUDA_CHECK(cudaFree(d_in));
    CUDA_CHECK(cudaFree(d_sum));
    CUDA_CHECK(cudaFree(d_count));
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
