// kport-launch conv_same: --kernel conv2d_nchw --grid 40 --block 256
// kport-launch conv_same: --arg input=f32[N*C*H*W]:rand(1) --arg weight=f32[K*C*R*S]:rand(2) --arg bias=f32[K]:rand(3)
// kport-launch conv_same: --arg output=f32[N*K*H*W]:zeros
// kport-launch conv_same: --arg N=2 --arg C=3 --arg H=32 --arg W=32 --arg K=8 --arg R=3 --arg S=3 --arg pad=1 --arg stride=1
// kport-launch conv_strided: --kernel conv2d_nchw --grid 16 --block 128
// kport-launch conv_strided: --arg input=f32[N*C*H*W]:rand(4) --arg weight=f32[K*C*R*S]:rand(5) --arg bias=f32[K]:rand(6)
// kport-launch conv_strided: --arg output=f32[N*K*16*16]:zeros
// kport-launch conv_strided: --arg N=1 --arg C=4 --arg H=31 --arg W=31 --arg K=6 --arg R=3 --arg S=3 --arg pad=1 --arg stride=2
//
// Direct 2D convolution (cross-correlation, as in deep-learning frameworks)
// on NCHW tensors with zero padding and a stride. One thread computes one
// output element; a grid-stride loop covers all N*K*P*Q outputs.
//   input  N x C x H x W,  weight K x C x R x S,  bias K,  output N x K x P x Q
//   P = (H + 2*pad - R) / stride + 1,  Q = (W + 2*pad - S) / stride + 1
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

__global__ void conv2d_nchw(const float* __restrict__ input, const float* __restrict__ weight,
                            const float* __restrict__ bias, float* __restrict__ output,
                            int N, int C, int H, int W, int K, int R, int S, int pad, int stride)
{
    int P = (H + 2 * pad - R) / stride + 1;
    int Q = (W + 2 * pad - S) / stride + 1;
    int total = N * K * P * Q;

    for (int idx = blockIdx.x * blockDim.x + threadIdx.x; idx < total; idx += blockDim.x * gridDim.x) {
        // Decompose the flat NKPQ index, q fastest.
        int q = idx % Q;
        int p = (idx / Q) % P;
        int k = (idx / (P * Q)) % K;
        int n = idx / (K * P * Q);

        float acc = bias[k];
        for (int c = 0; c < C; ++c) {
            for (int r = 0; r < R; ++r) {
                int h = p * stride - pad + r;
                if (h < 0 || h >= H) continue;
                for (int s = 0; s < S; ++s) {
                    int w = q * stride - pad + s;
                    if (w < 0 || w >= W) continue;
                    acc += input[((n * C + c) * H + h) * W + w] * weight[((k * C + c) * R + r) * S + s];
                }
            }
        }
        output[idx] = acc;
    }
}

int main()
{
    const int N = 4, C = 16, H = 56, W = 56, K = 32, R = 3, S = 3, pad = 1, stride = 1;
    const int P = (H + 2 * pad - R) / stride + 1, Q = (W + 2 * pad - S) / stride + 1;
    const size_t in_elems = (size_t)N * C * H * W, w_elems = (size_t)K * C * R * S;
    const size_t out_elems = (size_t)N * K * P * Q;

    // All-ones input and weights, zero bias: an output equals the number of
    // taps that fall inside the image (C*R*S = 144 in the interior).
    std::vector<float> h_in(in_elems, 1.0f), h_w(w_elems, 1.0f), h_b(K, 0.0f), h_out(out_elems);

    float *d_in, *d_w, *d_b, *d_out;
    CUDA_CHECK(cudaMalloc(&d_in, in_elems * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_w, w_elems * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_b, K * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_out, out_elems * sizeof(float)));
    CUDA_CHECK(cudaMemcpy(d_in, h_in.data(), in_elems * sizeof(float), cudaMemcpyHostToDevice));
    CUDA_CHECK(cudaMemcpy(d_w, h_w.data(), w_elems * sizeof(float), cudaMemcpyHostToDevice));
    CUDA_CHECK(cudaMemcpy(d_b, h_b.data(), K * sizeof(float), cudaMemcpyHostToDevice));

    const int threads = 256;
    const int blocks = 512;
    conv2d_nchw<<<blocks, threads>>>(d_in, d_w, d_b, d_out, N, C, H, W, K, R, S, pad, stride);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaMemcpy(h_out.data(), d_out, out_elems * sizeof(float), cudaMemcpyDeviceToHost));

    float interior = h_out[(size_t)(1 * K + 3) * P * Q + 10 * Q + 10];
    float corner = h_out[0];  // 2x2 taps in range per channel
    printf("conv2d: out %dx%dx%dx%d, interior=%g (expect %d), corner=%g (expect %d)\n",
           N, K, P, Q, interior, C * R * S, corner, C * 4);

    CUDA_CHECK(cudaFree(d_in));
    CUDA_CHECK(cudaFree(d_w));
    CUDA_CHECK(cudaFree(d_b));
    CUDA_CHECK(cudaFree(d_out));
    return (interior == C * R * S && corner == C * 4) ? EXIT_SUCCESS : EXIT_FAILURE;
}
