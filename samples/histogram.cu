// kport-launch hist: --kernel histogram256 --grid 100 --block 256
// kport-launch hist: --arg data=u8[n]:rand(9,0,256) --arg hist=u32[256]:zeros --arg n=1000000
//
// 256-bin byte histogram. Each block builds a private histogram in shared
// memory with shared-memory atomics (cheap, low contention), then merges it
// into the global histogram with one atomicAdd per non-empty bin.
#include <cstdio>
#include <cstdlib>
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

#define NUM_BINS 256

// hist must be zeroed before the launch.
__global__ void histogram256(const unsigned char* __restrict__ data, unsigned int* hist, int n)
{
    __shared__ unsigned int s_hist[NUM_BINS];

    for (int b = threadIdx.x; b < NUM_BINS; b += blockDim.x) {
        s_hist[b] = 0;
    }
    __syncthreads();

    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
        atomicAdd(&s_hist[data[i]], 1u);
    }
    __syncthreads();

    for (int b = threadIdx.x; b < NUM_BINS; b += blockDim.x) {
        unsigned int count = s_hist[b];
        if (count > 0) {
            atomicAdd(&hist[b], count);
        }
    }
}

int main()
{
    const int n = 10000019;
    std::vector<unsigned char> h_data(n);
    unsigned int seed = 12345u;
    for (int i = 0; i < n; ++i) {
        seed = seed * 1664525u + 1013904223u;  // LCG
        h_data[i] = static_cast<unsigned char>(seed >> 24);
    }

    unsigned char* d_data;
    unsigned int* d_hist;
    CUDA_CHECK(cudaMalloc(&d_data, n));
    CUDA_CHECK(cudaMalloc(&d_hist, NUM_BINS * sizeof(unsigned int)));
    CUDA_CHECK(cudaMemcpy(d_data, h_data.data(), n, cudaMemcpyHostToDevice));
    CUDA_CHECK(cudaMemset(d_hist, 0, NUM_BINS * sizeof(unsigned int)));

    const int threads = 256;
    const int blocks = 240;
    histogram256<<<blocks, threads>>>(d_data, d_hist, n);
    CUDA_CHECK(cudaGetLastError());

    std::vector<unsigned int> h_hist(NUM_BINS);
    CUDA_CHECK(cudaMemcpy(h_hist.data(), d_hist, NUM_BINS * sizeof(unsigned int), cudaMemcpyDeviceToHost));

    std::vector<unsigned int> expected(NUM_BINS, 0);
    for (int i = 0; i < n; ++i) ++expected[h_data[i]];
    int bad = 0;
    unsigned long long total = 0;
    for (int b = 0; b < NUM_BINS; ++b) {
        total += h_hist[b];
        if (h_hist[b] != expected[b]) ++bad;
    }
    printf("histogram: n=%d total=%llu, %d bins wrong\n", n, total, bad);

    CUDA_CHECK(cudaFree(d_data));
    CUDA_CHECK(cudaFree(d_hist));
    return bad == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
