// kport-launch gather: --kernel gather_rows --grid 256 --block 256
// kport-launch gather: --arg table=f32[num_rows*dim]:rand(1) --arg num_rows=1000 --arg dim=64
// kport-launch gather: --arg idx=i32[num_idx]:rand(2,-1,1000) --arg num_idx=5000 --arg out=f32[num_idx*dim]:zeros
// kport-launch scatter_add: --kernel scatter_add_rows --grid 256 --block 256
// kport-launch scatter_add: --arg grad=f32[num_idx*dim]:rand(3) --arg idx=i32[num_idx]:rand(4,-1,1000) --arg num_idx=5000
// kport-launch scatter_add: --arg dim=64 --arg table_grad=f32[num_rows*dim]:zeros --arg num_rows=1000
//
// Embedding-style indexed memory access:
//  - gather_rows:      out[i, :] = table[idx[i], :]          (index -1 = padding -> zeros)
//  - scatter_add_rows: table_grad[idx[i], :] += grad[i, :]    (indices repeat, so atomicAdd)
// Both kernels walk the flattened (i, d) space with a grid-stride loop, d fastest,
// so consecutive threads touch consecutive floats of a row.
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

__global__ void gather_rows(const float* __restrict__ table, int num_rows, int dim,
                            const int* __restrict__ idx, int num_idx, float* __restrict__ out)
{
    int total = num_idx * dim;
    for (int t = blockIdx.x * blockDim.x + threadIdx.x; t < total; t += blockDim.x * gridDim.x) {
        int i = t / dim;
        int d = t % dim;
        int row = idx[i];
        out[t] = (row >= 0 && row < num_rows) ? table[row * dim + d] : 0.0f;
    }
}

// table_grad must be zeroed (or hold the gradient accumulated so far).
__global__ void scatter_add_rows(const float* __restrict__ grad, const int* __restrict__ idx, int num_idx,
                                 int dim, float* table_grad, int num_rows)
{
    int total = num_idx * dim;
    for (int t = blockIdx.x * blockDim.x + threadIdx.x; t < total; t += blockDim.x * gridDim.x) {
        int i = t / dim;
        int d = t % dim;
        int row = idx[i];
        if (row >= 0 && row < num_rows) {
            atomicAdd(&table_grad[row * dim + d], grad[t]);
        }
    }
}

int main()
{
    const int num_rows = 5000, dim = 128, num_idx = 20000;
    std::vector<float> h_table((size_t)num_rows * dim), h_out((size_t)num_idx * dim), h_tg((size_t)num_rows * dim);
    std::vector<int> h_idx(num_idx);
    for (size_t i = 0; i < h_table.size(); ++i) h_table[i] = static_cast<float>(i % 1024) * 0.5f;
    for (int i = 0; i < num_idx; ++i) h_idx[i] = (i % 50 == 0) ? -1 : (i * 7) % num_rows;

    float *d_table, *d_out, *d_tg;
    int* d_idx;
    CUDA_CHECK(cudaMalloc(&d_table, h_table.size() * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_out, h_out.size() * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_tg, h_tg.size() * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_idx, num_idx * sizeof(int)));
    CUDA_CHECK(cudaMemcpy(d_table, h_table.data(), h_table.size() * sizeof(float), cudaMemcpyHostToDevice));
    CUDA_CHECK(cudaMemcpy(d_idx, h_idx.data(), num_idx * sizeof(int), cudaMemcpyHostToDevice));
    CUDA_CHECK(cudaMemset(d_tg, 0, h_tg.size() * sizeof(float)));

    const int threads = 256, blocks = 1024;
    gather_rows<<<blocks, threads>>>(d_table, num_rows, dim, d_idx, num_idx, d_out);
    CUDA_CHECK(cudaGetLastError());
    // Backward of the gather: scatter the gathered rows back (grad = out).
    scatter_add_rows<<<blocks, threads>>>(d_out, d_idx, num_idx, dim, d_tg, num_rows);
    CUDA_CHECK(cudaGetLastError());

    CUDA_CHECK(cudaMemcpy(h_out.data(), d_out, h_out.size() * sizeof(float), cudaMemcpyDeviceToHost));
    CUDA_CHECK(cudaMemcpy(h_tg.data(), d_tg, h_tg.size() * sizeof(float), cudaMemcpyDeviceToHost));

    // Each table row r is hit count[r] times, so table_grad[r] = count[r] * table[r].
    std::vector<int> count(num_rows, 0);
    for (int i = 0; i < num_idx; ++i) if (h_idx[i] >= 0) ++count[h_idx[i]];
    int bad = 0;
    for (int i = 0; i < num_idx; ++i) {
        float expect = h_idx[i] >= 0 ? h_table[(size_t)h_idx[i] * dim + 5] : 0.0f;
        if (h_out[(size_t)i * dim + 5] != expect) ++bad;
    }
    for (int r = 0; r < num_rows; ++r) {
        float expect = count[r] * h_table[(size_t)r * dim + 3];
        if (fabsf(h_tg[(size_t)r * dim + 3] - expect) > 1e-3f * fmaxf(1.0f, expect)) ++bad;
    }
    printf("gather_scatter: %d lookups into %d x %d table, %d mismatches\n", num_idx, num_rows, dim, bad);

    CUDA_CHECK(cudaFree(d_table));
    CUDA_CHECK(cudaFree(d_out));
    CUDA_CHECK(cudaFree(d_tg));
    CUDA_CHECK(cudaFree(d_idx));
    return bad == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
