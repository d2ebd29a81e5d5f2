// kport-launch normalize: --kernel normalize_tiles --grid 11 --block 128 --shared 4512
// kport-launch normalize: --arg in=f32[n]:randn(5) --arg out=f32[n]:zeros --arg n=10007 --arg tile=1000
//
// Dynamically sized shared memory: the tile length is a runtime argument, so
// the buffer is declared `extern __shared__` and its size is passed as the
// third launch parameter. One allocation is carved into two arrays:
//   s_tile[tile]        the block's slice of the input
//   s_red[blockDim.x]   scratch for the max reduction
// Each block scales its tile by 1 / max|x| over the tile (the last tile is short).
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

// blockDim.x must be a power of two; shared bytes = (tile + blockDim.x) * sizeof(float).
__global__ void normalize_tiles(const float* __restrict__ in, float* __restrict__ out, int n, int tile)
{
    extern __shared__ float smem[];
    float* s_tile = smem;
    float* s_red = smem + tile;

    int base = blockIdx.x * tile;
    int count = min(tile, n - base);

    float local_max = 0.0f;
    for (int i = threadIdx.x; i < count; i += blockDim.x) {
        float v = in[base + i];
        s_tile[i] = v;
        local_max = fmaxf(local_max, fabsf(v));
    }
    s_red[threadIdx.x] = local_max;
    __syncthreads();

    for (unsigned int s = blockDim.x / 2; s > 0; s >>= 1) {
        if (threadIdx.x < s) s_red[threadIdx.x] = fmaxf(s_red[threadIdx.x], s_red[threadIdx.x + s]);
        __syncthreads();
    }
    float m = s_red[0];
    float scale = m > 0.0f ? 1.0f / m : 0.0f;

    for (int i = threadIdx.x; i < count; i += blockDim.x) {
        out[base + i] = s_tile[i] * scale;
    }
}

int main(int argc, char** argv)
{
    const int n = 1000003;
    const int tile = argc > 1 ? atoi(argv[1]) : 2000;  // chosen at run time
    const int threads = 256;
    const int blocks = (n + tile - 1) / tile;
    const size_t shmem = (tile + threads) * sizeof(float);

    std::vector<float> h_in(n), h_out(n);
    for (int i = 0; i < n; ++i) h_in[i] = static_cast<float>((i * 29) % 101) - 50.0f;

    float *d_in, *d_out;
    CUDA_CHECK(cudaMalloc(&d_in, n * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_out, n * sizeof(float)));
    CUDA_CHECK(cudaMemcpy(d_in, h_in.data(), n * sizeof(float), cudaMemcpyHostToDevice));

    normalize_tiles<<<blocks, threads, shmem>>>(d_in, d_out, n, tile);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaMemcpy(h_out.data(), d_out, n * sizeof(float), cudaMemcpyDeviceToHost));

    int bad = 0;
    for (int b = 0; b < blocks; ++b) {
        int lo = b * tile, hi = lo + tile < n ? lo + tile : n;
        float m = 0.0f;
        for (int i = lo; i < hi; ++i) m = fmaxf(m, fabsf(h_in[i]));
        for (int i = lo; i < hi; ++i)
            if (fabsf(h_out[i] - h_in[i] * (1.0f / m)) > 1e-6f) ++bad;
    }
    printf("dynamic_shared: n=%d tile=%d shmem=%zu bytes, %d mismatches\n", n, tile, shmem, bad);

    CUDA_CHECK(cudaFree(d_in));
    CUDA_CHECK(cudaFree(d_out));
    return bad == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
