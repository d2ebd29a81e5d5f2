// kport-launch softmax: --kernel softmax_rows --grid 64 --block 128
// kport-launch softmax: --arg in=f32[rows*cols]:randn(1) --arg out=f32[rows*cols]:zeros --arg rows=64 --arg cols=1000
//
// Numerically stable row-wise softmax, one thread block per row:
//   pass 1: block max reduction, pass 2: block sum of exp(x - max),
//   pass 3: write exp(x - max) / sum.
// cols need not be a multiple of the block size; threads stride over the row.
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

#define BLOCK_SIZE 128

// Tree reductions over a BLOCK_SIZE-entry shared buffer. Every thread gets the
// result; the trailing barrier lets the caller reuse the buffer straight away.
__device__ float block_reduce_max(float v, float* red)
{
    red[threadIdx.x] = v;
    __syncthreads();
    for (unsigned int s = BLOCK_SIZE / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) red[threadIdx.x] = fmaxf(red[threadIdx.x], red[threadIdx.x + s]);
        __syncthreads();
    }
    float result = red[0];
    __syncthreads();
    return result;
}

__device__ float block_reduce_sum(float v, float* red)
{
    red[threadIdx.x] = v;
    __syncthreads();
    for (unsigned int s = BLOCK_SIZE / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) red[threadIdx.x] += red[threadIdx.x + s];
        __syncthreads();
    }
    float result = red[0];
    __syncthreads();
    return result;
}

__global__ void softmax_rows(const float* __restrict__ in, float* __restrict__ out, int rows, int cols)
{
    __shared__ float red[BLOCK_SIZE];
    int row = blockIdx.x;
    if (row >= rows) return;  // uniform across the block

    const float* x = in + (size_t)row * cols;
    float* y = out + (size_t)row * cols;

    float local_max = -INFINITY;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) local_max = fmaxf(local_max, x[c]);
    float row_max = block_reduce_max(local_max, red);

    float local_sum = 0.0f;
    for (int c = threadIdx.x; c < cols; c += blockDim.x) local_sum += __expf(x[c] - row_max);
    float inv_sum = 1.0f / block_reduce_sum(local_sum, red);

    for (int c = threadIdx.x; c < cols; c += blockDim.x) {
        y[c] = __expf(x[c] - row_max) * inv_sum;
    }
}

int main()
{
    const int rows = 512, cols = 1000;
    const size_t elems = (size_t)rows * cols;
    std::vector<float> h_in(elems), h_out(elems);
    for (size_t i = 0; i < elems; ++i) h_in[i] = static_cast<float>((i * 31) % 97) * 0.1f;

    float *d_in, *d_out;
    CUDA_CHECK(cudaMalloc(&d_in, elems * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_out, elems * sizeof(float)));
    CUDA_CHECK(cudaMemcpy(d_in, h_in.data(), elems * sizeof(float), cudaMemcpyHostToDevice));

    softmax_rows<<<rows, BLOCK_SIZE>>>(d_in, d_out, rows, cols);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaMemcpy(h_out.data(), d_out, elems * sizeof(float), cudaMemcpyDeviceToHost));

    double worst = 0.0;
    for (int r = 0; r < rows; ++r) {
        double s = 0.0;
        for (int c = 0; c < cols; ++c) s += h_out[(size_t)r * cols + c];
        worst = fmax(worst, fabs(s - 1.0));
    }
    printf("softmax: %d x %d, worst |row sum - 1| = %g\n", rows, cols, worst);

    CUDA_CHECK(cudaFree(d_in));
    CUDA_CHECK(cudaFree(d_out));
    return worst < 1e-4 ? EXIT_SUCCESS : EXIT_FAILURE;
}
