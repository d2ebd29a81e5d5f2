// kport-launch sum: --kernel sum_cg --grid 48 --block 256
// kport-launch sum: --arg in=f32[n]:rand(1) --arg out=f32[1]:zeros --arg n=300007
//
// Block-wide sum with cooperative groups instead of raw warp intrinsics:
//  - cg::this_thread_block() and cg::tiled_partition<32> give the block and
//    its warp-sized tiles;
//  - cg::reduce(tile, v, cg::plus<float>()) reduces inside each tile;
//  - the first tile combines the per-tile sums with tile.shfl_down;
//  - one atomicAdd per block accumulates into *out (zero it first).
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <vector>
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>

namespace cg = cooperative_groups;

#define CUDA_CHECK(call)                                                      \
    do {                                                                      \
        cudaError_t err_ = (call);                                            \
        if (err_ != cudaSuccess) {                                            \
            fprintf(stderr, "CUDA error %s at %s:%d\n",                       \
                    cudaGetErrorString(err_), __FILE__, __LINE__);            \
            exit(EXIT_FAILURE);                                               \
        }                                                                     \
    } while (0)

// Shuffle-down tree over a 32-thread tile; the result is valid in rank 0.
__device__ float tile_sum(const cg::thread_block_tile<32>& tile, float v)
{
    for (int offset = 16; offset > 0; offset /= 2) {
        v += tile.shfl_down(v, offset);
    }
    return v;
}

__global__ void sum_cg(const float* __restrict__ in, float* out, int n)
{
    __shared__ float tile_sums[32];
    cg::thread_block block = cg::this_thread_block();
    cg::thread_block_tile<32> tile = cg::tiled_partition<32>(block);

    float v = 0.0f;
    for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) {
        v += in[i];
    }

    v = cg::reduce(tile, v, cg::plus<float>());  // every rank gets the tile's sum
    if (tile.thread_rank() == 0) {
        tile_sums[tile.meta_group_rank()] = v;
    }
    block.sync();

    if (tile.meta_group_rank() == 0) {
        float t = tile.thread_rank() < tile.meta_group_size() ? tile_sums[tile.thread_rank()] : 0.0f;
        t = tile_sum(tile, t);
        if (tile.thread_rank() == 0) {
            atomicAdd(out, t);
        }
    }
}

int main()
{
    const int n = 3000017;
    std::vector<float> h_in(n);
    double expected = 0.0;
    for (int i = 0; i < n; ++i) {
        h_in[i] = static_cast<float>(i % 3) * 0.5f;  // 0, 0.5, 1.0, ...
        expected += h_in[i];
    }

    float *d_in, *d_out;
    CUDA_CHECK(cudaMalloc(&d_in, n * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_out, sizeof(float)));
    CUDA_CHECK(cudaMemcpy(d_in, h_in.data(), n * sizeof(float), cudaMemcpyHostToDevice));
    CUDA_CHECK(cudaMemset(d_out, 0, sizeof(float)));

    const int threads = 256, blocks = 160;
    sum_cg<<<blocks, threads>>>(d_in, d_out, n);
    CUDA_CHECK(cudaGetLastError());

    float h_out = 0.0f;
    CUDA_CHECK(cudaMemcpy(&h_out, d_out, sizeof(float), cudaMemcpyDeviceToHost));
    double rel = fabs(h_out - expected) / expected;
    printf("coop_groups_reduce: sum=%f expected=%f rel.err=%g\n", h_out, expected, rel);

    CUDA_CHECK(cudaFree(d_in));
    CUDA_CHECK(cudaFree(d_out));
    return rel < 1e-5 ? EXIT_SUCCESS : EXIT_FAILURE;
}
