// kport-launch saxpy: --kernel saxpy --grid 3907 --block 256
// kport-launch saxpy: --arg n=1000000 --arg a=2.5 --arg x=f32[n]:rand(1) --arg y=f32[n]:rand(2)
//
// saxpy: y = a * x + y, one thread per element.
// n is deliberately not a multiple of the block size, so the last block has idle threads.
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

__global__ void saxpy(int n, float a, const float* __restrict__ x, float* __restrict__ y)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        y[i] = a * x[i] + y[i];
    }
}

int main()
{
    const int n = 1000000;
    const float a = 2.5f;
    const size_t bytes = n * sizeof(float);

    std::vector<float> h_x(n), h_y(n), h_expected(n);
    for (int i = 0; i < n; ++i) {
        h_x[i] = static_cast<float>(i % 1000) * 0.001f;
        h_y[i] = 1.0f - static_cast<float>(i % 7);
        h_expected[i] = a * h_x[i] + h_y[i];
    }

    float *d_x = nullptr, *d_y = nullptr;
    CUDA_CHECK(cudaMalloc(&d_x, bytes));
    CUDA_CHECK(cudaMalloc(&d_y, bytes));
    CUDA_CHECK(cudaMemcpy(d_x, h_x.data(), bytes, cudaMemcpyHostToDevice));
    CUDA_CHECK(cudaMemcpy(d_y, h_y.data(), bytes, cudaMemcpyHostToDevice));

    const int threads = 256;
    const int blocks = (n + threads - 1) / threads;
    saxpy<<<blocks, threads>>>(n, a, d_x, d_y);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaDeviceSynchronize());

    CUDA_CHECK(cudaMemcpy(h_y.data(), d_y, bytes, cudaMemcpyDeviceToHost));

    float max_err = 0.0f;
    for (int i = 0; i < n; ++i) {
        max_err = fmaxf(max_err, fabsf(h_y[i] - h_expected[i]));
    }
    printf("saxpy: n=%d max abs error = %g\n", n, max_err);

    CUDA_CHECK(cudaFree(d_x));
    CUDA_CHECK(cudaFree(d_y));
    return max_err < 1e-5f ? EXIT_SUCCESS : EXIT_FAILURE;
}
