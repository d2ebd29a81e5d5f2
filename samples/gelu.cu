// kport-launch gelu_tanh: --kernel gelu_tanh_kernel --grid 120 --block 256
// kport-launch gelu_tanh: --arg in=f32[n]:randn(3) --arg out=f32[n]:zeros --arg n=500001
// kport-launch gelu_erf: --kernel gelu_erf_kernel --grid 120 --block 256
// kport-launch gelu_erf: --arg in=f32[n]:randn(4) --arg out=f32[n]:zeros --arg n=500001
//
// GELU activation, two flavours: the tanh approximation (as used by GPT-2/BERT
// implementations) and the exact erf form. Both kernels use a grid-stride loop,
// so a fixed-size grid covers any n.
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

__device__ __forceinline__ float gelu_tanh_approx(float x)
{
    const float kSqrt2OverPi = 0.7978845608028654f;
    const float kCoeff = 0.044715f;
    float inner = kSqrt2OverPi * (x + kCoeff * x * x * x);
    return 0.5f * x * (1.0f + tanhf(inner));
}

__device__ __forceinline__ float gelu_exact(float x)
{
    const float kInvSqrt2 = 0.7071067811865475f;
    return 0.5f * x * (1.0f + erff(x * kInvSqrt2));
}

__global__ void gelu_tanh_kernel(const float* __restrict__ in, float* __restrict__ out, int n)
{
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
        out[i] = gelu_tanh_approx(in[i]);
    }
}

__global__ void gelu_erf_kernel(const float* __restrict__ in, float* __restrict__ out, int n)
{
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
        out[i] = gelu_exact(in[i]);
    }
}

int main()
{
    const int n = 1 << 20;
    const size_t bytes = n * sizeof(float);
    std::vector<float> h_in(n), h_tanh(n), h_erf(n);
    for (int i = 0; i < n; ++i) {
        h_in[i] = -6.0f + 12.0f * static_cast<float>(i) / static_cast<float>(n - 1);
    }

    float *d_in, *d_tanh, *d_erf;
    CUDA_CHECK(cudaMalloc(&d_in, bytes));
    CUDA_CHECK(cudaMalloc(&d_tanh, bytes));
    CUDA_CHECK(cudaMalloc(&d_erf, bytes));
    CUDA_CHECK(cudaMemcpy(d_in, h_in.data(), bytes, cudaMemcpyHostToDevice));

    const int threads = 256;
    const int blocks = 120;  // a few waves worth of blocks; the loop covers the rest
    gelu_tanh_kernel<<<blocks, threads>>>(d_in, d_tanh, n);
    CUDA_CHECK(cudaGetLastError());
    gelu_erf_kernel<<<blocks, threads>>>(d_in, d_erf, n);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaDeviceSynchronize());

    CUDA_CHECK(cudaMemcpy(h_tanh.data(), d_tanh, bytes, cudaMemcpyDeviceToHost));
    CUDA_CHECK(cudaMemcpy(h_erf.data(), d_erf, bytes, cudaMemcpyDeviceToHost));

    // The two formulations agree to within ~1e-3 over [-6, 6].
    float max_diff = 0.0f;
    for (int i = 0; i < n; ++i) {
        max_diff = fmaxf(max_diff, fabsf(h_tanh[i] - h_erf[i]));
    }
    const int k = (n * 7) / 12;
    printf("gelu: n=%d, gelu(%f)=%f, max |tanh - erf| = %g\n", n, h_in[k], h_erf[k], max_diff);

    CUDA_CHECK(cudaFree(d_in));
    CUDA_CHECK(cudaFree(d_tanh));
    CUDA_CHECK(cudaFree(d_erf));
    return max_diff < 1e-2f ? EXIT_SUCCESS : EXIT_FAILURE;
}
