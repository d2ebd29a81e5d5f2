// kport-launch partials: --kernel reduce_sum --grid 196 --block 256
// kport-launch partials: --arg in=f32[n]:rand(1) --arg out=f32[196]:zeros --arg n=100000
// kport-launch final: --kernel reduce_sum --grid 1 --block 256
// kport-launch final: --arg in=f32[n]:rand(2) --arg out=f32[1]:zeros --arg n=196
//
// Classic shared-memory tree reduction ("first add during load" variant):
// each block sums a contiguous chunk of 2 * BLOCK_SIZE elements into out[blockIdx.x].
// The host runs the kernel twice: once over the input, once over the partial sums.
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

#define BLOCK_SIZE 256

__global__ void reduce_sum(const float* __restrict__ in, float* __restrict__ out, int n)
{
    __shared__ float sdata[BLOCK_SIZE];

    int tid = threadIdx.x;
    int i = blockIdx.x * (BLOCK_SIZE * 2) + threadIdx.x;

    // Each thread adds two elements while loading; out-of-range lanes contribute 0.
    float sum = 0.0f;
    if (i < n) sum = in[i];
    if (i + BLOCK_SIZE < n) sum += in[i + BLOCK_SIZE];
    sdata[tid] = sum;
    __syncthreads();

    for (int s = BLOCK_SIZE / 2; s > 0; s >>= 1) {
        if (tid < s) {
            sdata[tid] += sdata[tid + s];
        }
        __syncthreads();
    }

    if (tid == 0) {
        out[blockIdx.x] = sdata[0];
    }
}

int main()
{
    const int n = 1 << 22;
    const int per_block = 2 * BLOCK_SIZE;
    const int blocks = (n + per_block - 1) / per_block;  // 8192 partial sums

    std::vector<float> h_in(n);
    double expected = 0.0;
    for (int i = 0; i < n; ++i) {
        h_in[i] = static_cast<float>((i % 17) - 8) * 0.25f;
        expected += h_in[i];
    }

    float *d_in, *d_partial, *d_partial2, *d_out;
    const int blocks2 = (blocks + per_block - 1) / per_block;  // 16
    CUDA_CHECK(cudaMalloc(&d_in, n * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_partial, blocks * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_partial2, blocks2 * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_out, sizeof(float)));
    CUDA_CHECK(cudaMemcpy(d_in, h_in.data(), n * sizeof(float), cudaMemcpyHostToDevice));

    // Three passes: n -> 8192 -> 16 -> 1.
    reduce_sum<<<blocks, BLOCK_SIZE>>>(d_in, d_partial, n);
    CUDA_CHECK(cudaGetLastError());
    reduce_sum<<<blocks2, BLOCK_SIZE>>>(d_partial, d_partial2, blocks);
    CUDA_CHECK(cudaGetLastError());
    reduce_sum<<<1, BLOCK_SIZE>>>(d_partial2, d_out, blocks2);
    CUDA_CHECK(cudaGetLastError());

    float h_out = 0.0f;
    CUDA_CHECK(cudaMemcpy(&h_out, d_out, sizeof(float), cudaMemcpyDeviceToHost));

    double rel = fabs(h_out - expected) / fmax(1.0, fabs(expected));
    printf("reduce_shared: sum=%f expected=%f rel.err=%g\n", h_out, expected, rel);

    CUDA_CHECK(cudaFree(d_in));
    CUDA_CHECK(cudaFree(d_partial));
    CUDA_CHECK(cudaFree(d_partial2));
    CUDA_CHECK(cudaFree(d_out));
    return rel < 1e-5 ? EXIT_SUCCESS : EXIT_FAILURE;
}
