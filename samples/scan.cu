// kport-launch block_scan: --kernel scan_block --grid 235 --block 256
// kport-launch block_scan: --arg in=i32[n]:rand(4,0,100) --arg out=i32[n]:zeros --arg block_sums=i32[235]:zeros --arg n=60000
// kport-launch add_offsets: --kernel add_block_offsets --grid 235 --block 256
// kport-launch add_offsets: --arg data=i32[n]:rand(5,0,100) --arg scanned_sums=i32[235]:rand(6,0,1000) --arg n=60000
//
// Inclusive prefix sum of an int array in three launches:
//   1. scan_block: every block scans its BLOCK_SIZE-element segment in shared
//      memory (Hillis-Steele) and records the segment total in block_sums;
//   2. scan_block again, with a single block, over the block totals;
//   3. add_block_offsets: add the scanned total of all preceding segments.
// Handles n up to BLOCK_SIZE * BLOCK_SIZE.
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

#define BLOCK_SIZE 256

__global__ void scan_block(const int* __restrict__ in, int* __restrict__ out, int* block_sums, int n)
{
    __shared__ int s[BLOCK_SIZE];
    int tid = threadIdx.x;
    int gid = blockIdx.x * BLOCK_SIZE + tid;

    s[tid] = (gid < n) ? in[gid] : 0;
    __syncthreads();

    // Hillis-Steele: read the partner, barrier, then update, so no thread
    // overwrites a value another thread still has to read in this round.
    for (int offset = 1; offset < BLOCK_SIZE; offset <<= 1) {
        int addend = (tid >= offset) ? s[tid - offset] : 0;
        __syncthreads();
        s[tid] += addend;
        __syncthreads();
    }

    if (gid < n) out[gid] = s[tid];
    if (block_sums != nullptr && tid == BLOCK_SIZE - 1) {
        block_sums[blockIdx.x] = s[tid];
    }
}

__global__ void add_block_offsets(int* data, const int* __restrict__ scanned_sums, int n)
{
    int gid = blockIdx.x * BLOCK_SIZE + threadIdx.x;
    if (blockIdx.x > 0 && gid < n) {
        data[gid] += scanned_sums[blockIdx.x - 1];
    }
}

int main()
{
    const int n = 60000;
    const int blocks = (n + BLOCK_SIZE - 1) / BLOCK_SIZE;  // 235, fits one block
    std::vector<int> h_in(n), h_out(n);
    for (int i = 0; i < n; ++i) h_in[i] = (i * 13) % 7;

    int *d_in, *d_out, *d_sums, *d_sums_scanned;
    CUDA_CHECK(cudaMalloc(&d_in, n * sizeof(int)));
    CUDA_CHECK(cudaMalloc(&d_out, n * sizeof(int)));
    CUDA_CHECK(cudaMalloc(&d_sums, blocks * sizeof(int)));
    CUDA_CHECK(cudaMalloc(&d_sums_scanned, blocks * sizeof(int)));
    CUDA_CHECK(cudaMemcpy(d_in, h_in.data(), n * sizeof(int), cudaMemcpyHostToDevice));

    scan_block<<<blocks, BLOCK_SIZE>>>(d_in, d_out, d_sums, n);
    CUDA_CHECK(cudaGetLastError());
    scan_block<<<1, BLOCK_SIZE>>>(d_sums, d_sums_scanned, nullptr, blocks);
    CUDA_CHECK(cudaGetLastError());
    add_block_offsets<<<blocks, BLOCK_SIZE>>>(d_out, d_sums_scanned, n);
    CUDA_CHECK(cudaGetLastError());

    CUDA_CHECK(cudaMemcpy(h_out.data(), d_out, n * sizeof(int), cudaMemcpyDeviceToHost));

    int running = 0, bad = 0;
    for (int i = 0; i < n; ++i) {
        running += h_in[i];
        if (h_out[i] != running) ++bad;
    }
    printf("scan: n=%d total=%d, %d mismatches\n", n, h_out[n - 1], bad);

    CUDA_CHECK(cudaFree(d_in));
    CUDA_CHECK(cudaFree(d_out));
    CUDA_CHECK(cudaFree(d_sums));
    CUDA_CHECK(cudaFree(d_sums_scanned));
    return bad == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
