// kport-launch layernorm: --kernel layernorm_fwd --grid 48 --block 256
// kport-launch layernorm: --arg x=f32[rows*cols]:randn(1) --arg gamma=f32[cols]:rand(2,0.5,1.5)
// kport-launch layernorm: --arg beta=f32[cols]:rand(3) --arg y=f32[rows*cols]:zeros
// kport-launch layernorm: --arg rows=48 --arg cols=777 --arg eps=1e-5
//
// LayerNorm forward, one thread block per row:
//   y = (x - mean) / sqrt(var + eps) * gamma + beta
// Block reductions use warp shuffles plus a 32-entry shared buffer for the
// per-warp partials. The variance is computed in a second pass over the row
// (two-pass, better conditioned than E[x^2] - E[x]^2). Runs on a stream.
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

__device__ __forceinline__ float warp_reduce_sum(float v)
{
    for (int offset = 16; offset > 0; offset >>= 1) v += __shfl_down_sync(0xffffffffu, v, offset);
    return v;
}

// Sum over the whole block; every thread receives the result. `scratch` needs 32 floats.
__device__ float block_reduce_sum(float v, float* scratch)
{
    int lane = threadIdx.x & 31;
    int warp = threadIdx.x >> 5;
    unsigned int num_warps = (blockDim.x + 31) >> 5;

    v = warp_reduce_sum(v);
    if (lane == 0) scratch[warp] = v;
    __syncthreads();

    v = (threadIdx.x < num_warps) ? scratch[lane] : 0.0f;
    if (warp == 0) v = warp_reduce_sum(v);
    if (threadIdx.x == 0) scratch[0] = v;
    __syncthreads();
    float total = scratch[0];
    __syncthreads();  // scratch may be reused by the next call
    return total;
}

__global__ void layernorm_fwd(const float* __restrict__ x, const float* __restrict__ gamma,
                              const float* __restrict__ beta, float* __restrict__ y,
                              int rows, int cols, float eps)
{
    __shared__ float scratch[32];
    int row = blockIdx.x;
    if (row >= rows) return;
    const float* xr = x + (size_t)row * cols;
    float* yr = y + (size_t)row * cols;

    float sum = 0.0f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) sum += xr[c];
    float mean = block_reduce_sum(sum, scratch) / cols;

    float sq = 0.0f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) {
        float d = xr[c] - mean;
        sq += d * d;
    }
    float var = block_reduce_sum(sq, scratch) / cols;
    float rstd = rsqrtf(var + eps);

    for (int c = threadIdx.x; c < cols; c += blockDim.x) {
        yr[c] = (xr[c] - mean) * rstd * gamma[c] + beta[c];
    }
}

int main()
{
    const int rows = 256, cols = 1536;
    const float eps = 1e-5f;
    const size_t elems = (size_t)rows * cols;
    std::vector<float> h_x(elems), h_y(elems), h_gamma(cols, 1.0f), h_beta(cols, 0.0f);
    for (size_t i = 0; i < elems; ++i) h_x[i] = static_cast<float>((i * 17) % 23) - 11.0f;

    float *d_x, *d_y, *d_gamma, *d_beta;
    CUDA_CHECK(cudaMalloc(&d_x, elems * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_y, elems * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_gamma, cols * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_beta, cols * sizeof(float)));

    cudaStream_t stream;
    CUDA_CHECK(cudaStreamCreate(&stream));
    CUDA_CHECK(cudaMemcpyAsync(d_x, h_x.data(), elems * sizeof(float), cudaMemcpyHostToDevice, stream));
    CUDA_CHECK(cudaMemcpyAsync(d_gamma, h_gamma.data(), cols * sizeof(float), cudaMemcpyHostToDevice, stream));
    CUDA_CHECK(cudaMemcpyAsync(d_beta, h_beta.data(), cols * sizeof(float), cudaMemcpyHostToDevice, stream));

    layernorm_fwd<<<rows, 256, 0, stream>>>(d_x, d_gamma, d_beta, d_y, rows, cols, eps);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaMemcpyAsync(h_y.data(), d_y, elems * sizeof(float), cudaMemcpyDeviceToHost, stream));
    CUDA_CHECK(cudaStreamSynchronize(stream));

    // With gamma = 1 and beta = 0 every output row has mean 0 and variance ~1.
    double worst = 0.0;
    for (int r = 0; r < rows; ++r) {
        double m = 0.0, v = 0.0;
        for (int c = 0; c < cols; ++c) m += h_y[(size_t)r * cols + c];
        m /= cols;
        for (int c = 0; c < cols; ++c) v += (h_y[(size_t)r * cols + c] - m) * (h_y[(size_t)r * cols + c] - m);
        v /= cols;
        worst = fmax(worst, fmax(fabs(m), fabs(v - 1.0)));
    }
    printf("layernorm: %d x %d, worst deviation from mean 0 / var 1 = %g\n", rows, cols, worst);

    CUDA_CHECK(cudaStreamDestroy(stream));
    CUDA_CHECK(cudaFree(d_x));
    CUDA_CHECK(cudaFree(d_y));
    CUDA_CHECK(cudaFree(d_gamma));
    CUDA_CHECK(cudaFree(d_beta));
    return worst < 1e-3 ? EXIT_SUCCESS : EXIT_FAILURE;
}
