// kport-launch to_half: --kernel float_to_half --grid 391 --block 256
// kport-launch to_half: --arg in=f32[n]:randn(1) --arg out=f16[n]:zeros --arg n=100001
// kport-launch haxpy: --kernel haxpy --grid 100 --block 256
// kport-launch haxpy: --arg n=100001 --arg a=0.5 --arg x=f16[n]:rand(2) --arg y=f16[n]:rand(3)
// kport-launch scale_bias: --kernel half_scale_bias --grid 391 --block 256
// kport-launch scale_bias: --arg data=f16[n]:rand(4) --arg n=100001 --arg scale=1.75 --arg bias=-0.125
// kport-launch to_float: --kernel half_to_float --grid 391 --block 256
// kport-launch to_float: --arg in=f16[n]:rand(5) --arg out=f32[n]:zeros --arg n=100001
//
// Half-precision arithmetic with cuda_fp16.h:
//  - float_to_half / half_to_float: __float2half (round to nearest even) and __half2float;
//  - haxpy: y = a*x + y on packed half2 pairs with __hfma2, plus a scalar
//    __hfma for the odd last element;
//  - half_scale_bias: __half operator* and operator+ (each rounds to half).
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <vector>
#include <cuda_fp16.h>

#define CUDA_CHECK(call)                                                      \
    do {                                                                      \
        cudaError_t err_ = (call);                                            \
        if (err_ != cudaSuccess) {                                            \
            fprintf(stderr, "CUDA error %s at %s:%d\n",                       \
                    cudaGetErrorString(err_), __FILE__, __LINE__);            \
            exit(EXIT_FAILURE);                                               \
        }                                                                     \
    } while (0)

__global__ void float_to_half(const float* __restrict__ in, __half* __restrict__ out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = __float2half(in[i]);
}

__global__ void half_to_float(const __half* __restrict__ in, float* __restrict__ out, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) out[i] = __half2float(in[i]);
}

__global__ void haxpy(int n, float a, const __half* __restrict__ x, __half* __restrict__ y)
{
    int gid = blockIdx.x * blockDim.x + threadIdx.x;
    int n2 = n / 2;
    const half2* x2 = reinterpret_cast<const half2*>(x);
    half2* y2 = reinterpret_cast<half2*>(y);
    half2 a2 = __float2half2_rn(a);

    for (int i = gid; i < n2; i += blockDim.x * gridDim.x) {
        y2[i] = __hfma2(a2, x2[i], y2[i]);
    }
    if (gid == 0 && (n & 1)) {
        y[n - 1] = __hfma(__float2half(a), x[n - 1], y[n - 1]);
    }
}

__global__ void half_scale_bias(__half* data, int n, float scale, float bias)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        __half s = __float2half(scale);
        __half b = __float2half(bias);
        data[i] = data[i] * s + b;
    }
}

int main()
{
    const int n = 1 << 20 | 1;  // odd, to exercise the scalar tail of haxpy
    std::vector<float> h_x(n), h_y(n), h_out(n);
    for (int i = 0; i < n; ++i) {
        h_x[i] = static_cast<float>(i % 64) / 64.0f;    // exactly representable in half
        h_y[i] = static_cast<float>(i % 8) - 4.0f;
    }

    float *d_xf, *d_yf;
    __half *d_xh, *d_yh;
    CUDA_CHECK(cudaMalloc(&d_xf, n * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_yf, n * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_xh, n * sizeof(__half)));
    CUDA_CHECK(cudaMalloc(&d_yh, n * sizeof(__half)));
    CUDA_CHECK(cudaMemcpy(d_xf, h_x.data(), n * sizeof(float), cudaMemcpyHostToDevice));
    CUDA_CHECK(cudaMemcpy(d_yf, h_y.data(), n * sizeof(float), cudaMemcpyHostToDevice));

    const int threads = 256, blocks = (n + threads - 1) / threads;
    float_to_half<<<blocks, threads>>>(d_xf, d_xh, n);
    float_to_half<<<blocks, threads>>>(d_yf, d_yh, n);
    haxpy<<<1024, threads>>>(n, 0.5f, d_xh, d_yh);
    half_scale_bias<<<blocks, threads>>>(d_yh, n, 2.0f, 1.0f);
    half_to_float<<<blocks, threads>>>(d_yh, d_yf, n);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaMemcpy(h_out.data(), d_yf, n * sizeof(float), cudaMemcpyDeviceToHost));

    // All intermediate values are small dyadic rationals, so half is exact here.
    int bad = 0;
    for (int i = 0; i < n; ++i) {
        float expect = (0.5f * h_x[i] + h_y[i]) * 2.0f + 1.0f;
        if (h_out[i] != expect) ++bad;
    }
    printf("half_precision: n=%d, %d mismatches, out[n-1]=%f\n", n, bad, h_out[n - 1]);

    CUDA_CHECK(cudaFree(d_xf));
    CUDA_CHECK(cudaFree(d_yf));
    CUDA_CHECK(cudaFree(d_xh));
    CUDA_CHECK(cudaFree(d_yh));
    return bad == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
