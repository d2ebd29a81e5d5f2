// kport-launch saxpy4: --kernel saxpy_vec4 --grid 60 --block 256
// kport-launch saxpy4: --arg x=f32[n]:rand(1) --arg y=f32[n]:rand(2) --arg a=-1.5 --arg n=100003
//
// Vectorised saxpy: the bulk of the arrays is processed as float4 (one 16-byte
// load per operand per thread), results are packed with make_float4, and the
// n % 4 leftover elements are handled with scalar accesses. cudaMalloc
// returns 256-byte aligned memory, so reinterpreting the base pointer as
// float4* is legal.
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

__global__ void saxpy_vec4(const float* __restrict__ x, float* __restrict__ y, float a, int n)
{
    int gid = blockIdx.x * blockDim.x + threadIdx.x;
    int stride = blockDim.x * gridDim.x;
    int n4 = n / 4;

    const float4* x4 = reinterpret_cast<const float4*>(x);
    float4* y4 = reinterpret_cast<float4*>(y);
    for (int i = gid; i < n4; i += stride) {
        float4 xv = x4[i];
        float4 yv = y4[i];
        y4[i] = make_float4(a * xv.x + yv.x, a * xv.y + yv.y, a * xv.z + yv.z, a * xv.w + yv.w);
    }

    // Scalar tail: at most 3 elements, taken by the first threads of the grid.
    int t = n4 * 4 + gid;
    if (t < n) {
        y[t] = a * x[t] + y[t];
    }
}

int main()
{
    const int n = (1 << 22) + 3;
    const float a = -1.5f;
    std::vector<float> h_x(n), h_y(n), h_ref(n);
    for (int i = 0; i < n; ++i) {
        h_x[i] = static_cast<float>(i % 97) * 0.01f;
        h_y[i] = static_cast<float>(i % 13);
        h_ref[i] = a * h_x[i] + h_y[i];
    }

    float *d_x, *d_y;
    CUDA_CHECK(cudaMalloc(&d_x, n * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_y, n * sizeof(float)));
    CUDA_CHECK(cudaMemcpy(d_x, h_x.data(), n * sizeof(float), cudaMemcpyHostToDevice));
    CUDA_CHECK(cudaMemcpy(d_y, h_y.data(), n * sizeof(float), cudaMemcpyHostToDevice));

    const int threads = 256;
    const int blocks = ((n / 4) + threads - 1) / threads;
    saxpy_vec4<<<blocks, threads>>>(d_x, d_y, a, n);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaMemcpy(h_y.data(), d_y, n * sizeof(float), cudaMemcpyDeviceToHost));

    float max_err = 0.0f;
    for (int i = 0; i < n; ++i) max_err = fmaxf(max_err, fabsf(h_y[i] - h_ref[i]));
    printf("vector_float4: n=%d (tail %d), max abs error = %g\n", n, n % 4, max_err);

    CUDA_CHECK(cudaFree(d_x));
    CUDA_CHECK(cudaFree(d_y));
    return max_err < 1e-5f ? EXIT_SUCCESS : EXIT_FAILURE;
}
