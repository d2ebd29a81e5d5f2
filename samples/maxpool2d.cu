// kport-launch pool: --kernel maxpool2x2_nchw --grid 2,1,6 --block 16,16
// kport-launch pool: --arg in=f32[planes*H*W]:rand(1) --arg out=f32[planes*(H/2)*(W/2)]:zeros
// kport-launch pool: --arg argmax=i32[planes*(H/2)*(W/2)]:zeros --arg planes=6 --arg H=33 --arg W=47
//
// 2x2 max pooling with stride 2 over N*C planes of an NCHW tensor. The output
// is floor(H/2) x floor(W/2): an odd last row/column is dropped, as in
// PyTorch's default. argmax records the flat in-plane index of the winner
// (first one on ties), which a backward pass would scatter gradients to.
// 2D blocks tile the output plane; blockIdx.z selects the plane.
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

__global__ void maxpool2x2_nchw(const float* __restrict__ in, float* __restrict__ out,
                                int* __restrict__ argmax, int planes, int H, int W)
{
    int OH = H / 2, OW = W / 2;
    int ox = blockIdx.x * blockDim.x + threadIdx.x;
    int oy = blockIdx.y * blockDim.y + threadIdx.y;
    int plane = blockIdx.z;
    if (ox >= OW || oy >= OH || plane >= planes) return;

    const float* src = in + (size_t)plane * H * W;
    int best_idx = (2 * oy) * W + 2 * ox;
    float best = src[best_idx];
    for (int dy = 0; dy < 2; ++dy) {
        for (int dx = 0; dx < 2; ++dx) {
            int idx = (2 * oy + dy) * W + (2 * ox + dx);
            float v = src[idx];
            if (v > best) {
                best = v;
                best_idx = idx;
            }
        }
    }
    size_t o = ((size_t)plane * OH + oy) * OW + ox;
    out[o] = best;
    argmax[o] = best_idx;
}

int main()
{
    const int N = 8, C = 64, H = 57, W = 57;
    const int planes = N * C, OH = H / 2, OW = W / 2;
    const size_t in_elems = (size_t)planes * H * W, out_elems = (size_t)planes * OH * OW;

    std::vector<float> h_in(in_elems), h_out(out_elems);
    std::vector<int> h_arg(out_elems);
    for (size_t i = 0; i < in_elems; ++i) h_in[i] = static_cast<float>((i * 7919) % 1009);

    float *d_in, *d_out;
    int* d_arg;
    CUDA_CHECK(cudaMalloc(&d_in, in_elems * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_out, out_elems * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_arg, out_elems * sizeof(int)));
    CUDA_CHECK(cudaMemcpy(d_in, h_in.data(), in_elems * sizeof(float), cudaMemcpyHostToDevice));

    dim3 block(16, 16);
    dim3 grid((OW + block.x - 1) / block.x, (OH + block.y - 1) / block.y, planes);
    maxpool2x2_nchw<<<grid, block>>>(d_in, d_out, d_arg, planes, H, W);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaMemcpy(h_out.data(), d_out, out_elems * sizeof(float), cudaMemcpyDeviceToHost));
    CUDA_CHECK(cudaMemcpy(h_arg.data(), d_arg, out_elems * sizeof(int), cudaMemcpyDeviceToHost));

    int bad = 0;
    for (int p = 0; p < planes; ++p)
        for (int y = 0; y < OH; ++y)
            for (int x = 0; x < OW; ++x) {
                const float* s = &h_in[(size_t)p * H * W];
                float m = s[2 * y * W + 2 * x];
                for (int dy = 0; dy < 2; ++dy)
                    for (int dx = 0; dx < 2; ++dx) m = m > s[(2 * y + dy) * W + 2 * x + dx] ? m : s[(2 * y + dy) * W + 2 * x + dx];
                size_t o = ((size_t)p * OH + y) * OW + x;
                if (h_out[o] != m || s[h_arg[o]] != m) ++bad;
            }
    printf("maxpool2d: %d planes %dx%d -> %dx%d, %d mismatches\n", planes, H, W, OH, OW, bad);

    CUDA_CHECK(cudaFree(d_in));
    CUDA_CHECK(cudaFree(d_out));
    CUDA_CHECK(cudaFree(d_arg));
    return bad == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
