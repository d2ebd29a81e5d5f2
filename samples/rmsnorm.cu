// kport-launch rmsnorm: --kernel rmsnorm_fwd --grid 40 --block 128
// kport-launch rmsnorm: --arg x=f32[rows*cols]:randn(1) --arg weight=f32[cols]:rand(2,0.5,1.5)
// kport-launch rmsnorm: --arg y=f32[rows*cols]:zeros --arg rows=40 --arg cols=1000 --arg eps=1e-6
//
// RMSNorm (as in LLaMA-style transformers), one block per row:
//   y = x / sqrt(mean(x^2) + eps) * weight
// The sum of squares is reduced with a __shfl_xor_sync butterfly inside each
// warp, then across warps through shared memory.
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

#define MAX_WARPS 32

__global__ void rmsnorm_fwd(const float* __restrict__ x, const float* __restrict__ weight,
                            float* __restrict__ y, int rows, int cols, float eps)
{
    __shared__ float warp_sums[MAX_WARPS];
    __shared__ float s_inv_rms;

    int row = blockIdx.x;
    if (row >= rows) return;
    const float* xr = x + (size_t)row * cols;
    float* yr = y + (size_t)row * cols;
    int lane = threadIdx.x % 32;
    int warp = threadIdx.x / 32;

    float sq = 0.0f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) sq += xr[c] * xr[c];

    // Butterfly within the warp: afterwards every lane holds the warp sum.
    for (int mask = 16; mask > 0; mask >>= 1) sq += __shfl_xor_sync(0xffffffffu, sq, mask);
    if (lane == 0) warp_sums[warp] = sq;
    __syncthreads();

    if (threadIdx.x == 0) {
        float total = 0.0f;
        int num_warps = (blockDim.x + 31) / 32;
        for (int w = 0; w < num_warps; ++w) total += warp_sums[w];
        s_inv_rms = rsqrtf(total / cols + eps);
    }
    __syncthreads();

    float inv_rms = s_inv_rms;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) {
        yr[c] = xr[c] * inv_rms * weight[c];
    }
}

int main()
{
    const int rows = 1024, cols = 4096;
    const float eps = 1e-6f;
    const size_t elems = (size_t)rows * cols;
    std::vector<float> h_x(elems), h_w(cols), h_y(elems);
    for (size_t i = 0; i < elems; ++i) h_x[i] = (static_cast<float>(i % 9) - 4.0f) * 0.5f;
    for (int c = 0; c < cols; ++c) h_w[c] = 1.0f + 0.001f * c;

    float *d_x, *d_w, *d_y;
    CUDA_CHECK(cudaMalloc(&d_x, elems * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_w, cols * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_y, elems * sizeof(float)));
    CUDA_CHECK(cudaMemcpy(d_x, h_x.data(), elems * sizeof(float), cudaMemcpyHostToDevice));
    CUDA_CHECK(cudaMemcpy(d_w, h_w.data(), cols * sizeof(float), cudaMemcpyHostToDevice));

    rmsnorm_fwd<<<rows, 256>>>(d_x, d_w, d_y, rows, cols, eps);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaMemcpy(h_y.data(), d_y, elems * sizeof(float), cudaMemcpyDeviceToHost));

    double max_err = 0.0;
    for (int r = 0; r < rows; r += 97) {
        double ss = 0.0;
        for (int c = 0; c < cols; ++c) ss += (double)h_x[(size_t)r * cols + c] * h_x[(size_t)r * cols + c];
        double inv = 1.0 / sqrt(ss / cols + eps);
        for (int c = 0; c < cols; ++c) {
            double ref = h_x[(size_t)r * cols + c] * inv * h_w[c];
            max_err = fmax(max_err, fabs(ref - h_y[(size_t)r * cols + c]));
        }
    }
    printf("rmsnorm: %d x %d, max abs error (sampled rows) = %g\n", rows, cols, max_err);

    CUDA_CHECK(cudaFree(d_x));
    CUDA_CHECK(cudaFree(d_w));
    CUDA_CHECK(cudaFree(d_y));
    return max_err < 1e-4 ? EXIT_SUCCESS : EXIT_FAILURE;
}
