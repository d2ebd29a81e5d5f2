// kport-launch stencil: --kernel stencil_1d --grid 391 --block 256
// kport-launch stencil: --arg in=f32[n]:rand(1) --arg out=f32[n]:zeros --arg n=100000
//
// 1D moving-average stencil of radius RADIUS. Each block stages its
// BLOCK_SIZE elements plus RADIUS halo cells on each side in shared memory;
// cells outside [0, n) read as zero.
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

#define RADIUS 3
#define BLOCK_SIZE 256

__global__ void stencil_1d(const float* __restrict__ in, float* __restrict__ out, int n)
{
    __shared__ float temp[BLOCK_SIZE + 2 * RADIUS];

    int gindex = blockIdx.x * BLOCK_SIZE + threadIdx.x;
    int lindex = threadIdx.x + RADIUS;

    // Body: one element per thread (zero past the end of the array).
    temp[lindex] = (gindex < n) ? in[gindex] : 0.0f;

    // Halo: the first RADIUS threads also fetch the left and right neighbours.
    if (threadIdx.x < RADIUS) {
        int left = gindex - RADIUS;
        int right = gindex + BLOCK_SIZE;
        temp[lindex - RADIUS] = (left >= 0 && left < n) ? in[left] : 0.0f;
        temp[lindex + BLOCK_SIZE] = (right < n) ? in[right] : 0.0f;
    }
    __syncthreads();

    if (gindex < n) {
        float result = 0.0f;
        for (int offset = -RADIUS; offset <= RADIUS; ++offset) {
            result += temp[lindex + offset];
        }
        out[gindex] = result * (1.0f / (2 * RADIUS + 1));
    }
}

int main()
{
    const int n = 1000003;
    std::vector<float> h_in(n), h_out(n);
    for (int i = 0; i < n; ++i) h_in[i] = static_cast<float>(i % 10);

    float *d_in, *d_out;
    CUDA_CHECK(cudaMalloc(&d_in, n * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_out, n * sizeof(float)));
    CUDA_CHECK(cudaMemcpy(d_in, h_in.data(), n * sizeof(float), cudaMemcpyHostToDevice));

    const int blocks = (n + BLOCK_SIZE - 1) / BLOCK_SIZE;
    stencil_1d<<<blocks, BLOCK_SIZE>>>(d_in, d_out, n);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaMemcpy(h_out.data(), d_out, n * sizeof(float), cudaMemcpyDeviceToHost));

    int bad = 0;
    for (int i = 0; i < n; ++i) {
        float s = 0.0f;
        for (int j = i - RADIUS; j <= i + RADIUS; ++j) {
            if (j >= 0 && j < n) s += h_in[j];
        }
        if (fabsf(s * (1.0f / (2 * RADIUS + 1)) - h_out[i]) > 1e-4f) ++bad;
    }
    printf("stencil1d: n=%d, %d mismatches\n", n, bad);

    CUDA_CHECK(cudaFree(d_in));
    CUDA_CHECK(cudaFree(d_out));
    return bad == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
