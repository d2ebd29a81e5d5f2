// kport-launch fir: --kernel fir_filter --grid 196 --block 256
// kport-launch fir: --arg in=f32[n]:rand(1) --arg out=f32[n]:zeros --arg n=50000 --arg num_taps=9
// kport-launch fir: --symbol c_taps=f32[32]:rand(2,0,1)
//
// Centred FIR filter whose taps live in __constant__ memory. All threads of a
// warp read the same tap in the same iteration, which is the broadcast access
// pattern constant memory is built for. The host computes normalised Gaussian
// taps and uploads them with cudaMemcpyToSymbol.
//   out[i] = sum_k taps[k] * in[i + k - num_taps/2]   (zero outside [0, n))
// Launch-spec note: --symbol initialises the __constant__ array directly, in
// place of the host's cudaMemcpyToSymbol.
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

#define MAX_TAPS 32

__constant__ float c_taps[MAX_TAPS];

__global__ void fir_filter(const float* __restrict__ in, float* __restrict__ out, int n, int num_taps)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;

    int half = num_taps / 2;
    float acc = 0.0f;
    for (int k = 0; k < num_taps; ++k) {
        int j = i + k - half;
        if (j >= 0 && j < n) {
            acc += c_taps[k] * in[j];
        }
    }
    out[i] = acc;
}

int main()
{
    const int n = 1 << 20, num_taps = 9;
    const float sigma = 1.5f;

    float h_taps[MAX_TAPS] = {0};
    float norm = 0.0f;
    for (int k = 0; k < num_taps; ++k) {
        float d = static_cast<float>(k - num_taps / 2);
        h_taps[k] = expf(-d * d / (2.0f * sigma * sigma));
        norm += h_taps[k];
    }
    for (int k = 0; k < num_taps; ++k) h_taps[k] /= norm;
    CUDA_CHECK(cudaMemcpyToSymbol(c_taps, h_taps, num_taps * sizeof(float)));

    // The same taps through a stream: uploaded and read back asynchronously, then compared.
    cudaStream_t stream;
    CUDA_CHECK(cudaStreamCreate(&stream));
    float echoed[MAX_TAPS] = {0};
    CUDA_CHECK(cudaMemcpyToSymbolAsync(c_taps, h_taps, num_taps * sizeof(float), 0, cudaMemcpyHostToDevice, stream));
    CUDA_CHECK(cudaMemcpyFromSymbolAsync(echoed, c_taps, num_taps * sizeof(float), 0, cudaMemcpyDeviceToHost, stream));
    CUDA_CHECK(cudaStreamSynchronize(stream));
    CUDA_CHECK(cudaStreamDestroy(stream));
    for (int k = 0; k < num_taps; ++k) {
        if (echoed[k] != h_taps[k]) {
            std::fprintf(stderr, "tap %d read back as %f, uploaded %f\n", k, echoed[k], h_taps[k]);
            return 1;
        }
    }

    std::vector<float> h_in(n, 1.0f), h_out(n);  // a constant signal
    float *d_in, *d_out;
    CUDA_CHECK(cudaMalloc(&d_in, n * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_out, n * sizeof(float)));
    CUDA_CHECK(cudaMemcpy(d_in, h_in.data(), n * sizeof(float), cudaMemcpyHostToDevice));

    const int threads = 256, blocks = (n + threads - 1) / threads;
    fir_filter<<<blocks, threads>>>(d_in, d_out, n, num_taps);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaMemcpy(h_out.data(), d_out, n * sizeof(float), cudaMemcpyDeviceToHost));

    // Normalised taps leave a constant signal unchanged away from the edges.
    float max_dev = 0.0f;
    for (int i = num_taps; i < n - num_taps; ++i) max_dev = fmaxf(max_dev, fabsf(h_out[i] - 1.0f));
    printf("constant_memory: %d taps, interior max |out - 1| = %g, out[0] = %f\n", num_taps, max_dev, h_out[0]);

    CUDA_CHECK(cudaFree(d_in));
    CUDA_CHECK(cudaFree(d_out));
    return max_dev < 1e-5f ? EXIT_SUCCESS : EXIT_FAILURE;
}
