// kport-launch row_sum: --kernel row_sum --grid 251 --block 128
// kport-launch row_sum: --arg A=f32[rows*cols]:rand(1) --arg sums=f32[rows]:zeros --arg rows=1001 --arg cols=777
// kport-launch row_normalize: --kernel row_normalize --grid 251 --block 128
// kport-launch row_normalize: --arg A=f32[rows*cols]:rand(2) --arg out=f32[rows*cols]:zeros --arg rows=1001 --arg cols=777
//
// Warp-per-row reductions with register shuffles, no shared memory:
//  - row_sum: __shfl_down_sync tree, lane 0 holds the row sum.
//  - row_normalize: __shfl_xor_sync butterfly, every lane gets the row's L2 norm
//    and the warp rescales the row to unit length.
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

#define WARP_SIZE 32
#define FULL_MASK 0xffffffffu

__device__ __forceinline__ float warp_reduce_sum(float v)
{
    for (int offset = WARP_SIZE / 2; offset > 0; offset >>= 1) {
        v += __shfl_down_sync(FULL_MASK, v, offset);
    }
    return v;  // total is valid in lane 0 only
}

__device__ __forceinline__ float warp_allreduce_sum(float v)
{
    for (int mask = WARP_SIZE / 2; mask > 0; mask >>= 1) {
        v += __shfl_xor_sync(FULL_MASK, v, mask);
    }
    return v;  // every lane holds the total
}

__global__ void row_sum(const float* __restrict__ A, float* __restrict__ sums, int rows, int cols)
{
    int warp = (blockIdx.x * blockDim.x + threadIdx.x) / WARP_SIZE;
    int lane = threadIdx.x % WARP_SIZE;
    if (warp >= rows) return;  // the whole warp leaves together

    const float* row = A + (size_t)warp * cols;
    float v = 0.0f;
    for (int c = lane; c < cols; c += WARP_SIZE) {
        v += row[c];
    }
    v = warp_reduce_sum(v);
    if (lane == 0) {
        sums[warp] = v;
    }
}

__global__ void row_normalize(const float* __restrict__ A, float* __restrict__ out, int rows, int cols)
{
    int warp = (blockIdx.x * blockDim.x + threadIdx.x) / WARP_SIZE;
    int lane = threadIdx.x % WARP_SIZE;
    if (warp >= rows) return;

    const float* row = A + (size_t)warp * cols;
    float sq = 0.0f;
    for (int c = lane; c < cols; c += WARP_SIZE) {
        sq += row[c] * row[c];
    }
    float norm = sqrtf(warp_allreduce_sum(sq));
    float inv = norm > 0.0f ? 1.0f / norm : 0.0f;
    for (int c = lane; c < cols; c += WARP_SIZE) {
        out[(size_t)warp * cols + c] = row[c] * inv;
    }
}

int main()
{
    const int rows = 4099, cols = 300;
    const size_t elems = (size_t)rows * cols;
    std::vector<float> h_A(elems), h_sums(rows), h_out(elems);
    for (size_t i = 0; i < elems; ++i) h_A[i] = static_cast<float>(i % 5) - 2.0f;

    float *d_A, *d_sums, *d_out;
    CUDA_CHECK(cudaMalloc(&d_A, elems * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_sums, rows * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_out, elems * sizeof(float)));
    CUDA_CHECK(cudaMemcpy(d_A, h_A.data(), elems * sizeof(float), cudaMemcpyHostToDevice));

    const int threads = 128;  // 4 warps per block, one row per warp
    const int warps_per_block = threads / WARP_SIZE;
    const int blocks = (rows + warps_per_block - 1) / warps_per_block;
    row_sum<<<blocks, threads>>>(d_A, d_sums, rows, cols);
    CUDA_CHECK(cudaGetLastError());
    row_normalize<<<blocks, threads>>>(d_A, d_out, rows, cols);
    CUDA_CHECK(cudaGetLastError());

    CUDA_CHECK(cudaMemcpy(h_sums.data(), d_sums, rows * sizeof(float), cudaMemcpyDeviceToHost));
    CUDA_CHECK(cudaMemcpy(h_out.data(), d_out, elems * sizeof(float), cudaMemcpyDeviceToHost));

    int bad = 0;
    for (int r = 0; r < rows; ++r) {
        double s = 0.0, sq = 0.0;
        for (int c = 0; c < cols; ++c) {
            s += h_A[(size_t)r * cols + c];
            sq += (double)h_out[(size_t)r * cols + c] * h_out[(size_t)r * cols + c];
        }
        if (fabs(s - h_sums[r]) > 1e-3 || fabs(sq - 1.0) > 1e-4) ++bad;
    }
    printf("reduce_warp: %d rows, %d mismatches\n", rows, bad);

    CUDA_CHECK(cudaFree(d_A));
    CUDA_CHECK(cudaFree(d_sums));
    CUDA_CHECK(cudaFree(d_out));
    return bad == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
