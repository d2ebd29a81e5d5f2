// kport-launch transpose: --kernel transpose_tiled --grid 7,10 --block 32,8
// kport-launch transpose: --arg odata=f32[rows*cols]:zeros --arg idata=f32[rows*cols]:iota
// kport-launch transpose: --arg rows=300 --arg cols=200
//
// Matrix transpose through a 32x33 shared-memory tile: reads and writes are
// both coalesced, and the extra column avoids shared-memory bank conflicts
// when the tile is read column-wise. Each 32x8 thread block moves a 32x32
// tile, every thread copying TILE_DIM / BLOCK_ROWS = 4 elements.
// idata is rows x cols, odata is cols x rows (both row-major).
#include <cstdio>
#include <cstdlib>
#include <vector>
#include <helper_cuda.h>

#define TILE_DIM 32
#define BLOCK_ROWS 8

__global__ void transpose_tiled(float* __restrict__ odata, const float* __restrict__ idata,
                                int rows, int cols)
{
    __shared__ float tile[TILE_DIM][TILE_DIM + 1];

    // Input coordinates for the load.
    int x = blockIdx.x * TILE_DIM + threadIdx.x;  // column of idata
    int y = blockIdx.y * TILE_DIM + threadIdx.y;  // row of idata
    for (int j = 0; j < TILE_DIM; j += BLOCK_ROWS) {
        if (x < cols && y + j < rows) {
            tile[threadIdx.y + j][threadIdx.x] = idata[(y + j) * cols + x];
        }
    }
    __syncthreads();

    // Output coordinates: swap the block indices, keep threadIdx.x fastest.
    x = blockIdx.y * TILE_DIM + threadIdx.x;  // column of odata (= row of idata)
    y = blockIdx.x * TILE_DIM + threadIdx.y;  // row of odata (= column of idata)
    for (int j = 0; j < TILE_DIM; j += BLOCK_ROWS) {
        if (x < rows && y + j < cols) {
            odata[(y + j) * rows + x] = tile[threadIdx.x][threadIdx.y + j];
        }
    }
}

int main()
{
    const int rows = 1000, cols = 777;
    const size_t bytes = (size_t)rows * cols * sizeof(float);
    std::vector<float> h_in(rows * cols), h_out(rows * cols);
    for (int i = 0; i < rows * cols; ++i) h_in[i] = static_cast<float>(i);

    float *d_in, *d_out;
    checkCudaErrors(cudaMalloc(&d_in, bytes));
    checkCudaErrors(cudaMalloc(&d_out, bytes));
    checkCudaErrors(cudaMemcpy(d_in, h_in.data(), bytes, cudaMemcpyHostToDevice));

    dim3 block(TILE_DIM, BLOCK_ROWS);
    dim3 grid((cols + TILE_DIM - 1) / TILE_DIM, (rows + TILE_DIM - 1) / TILE_DIM);
    transpose_tiled<<<grid, block>>>(d_out, d_in, rows, cols);
    getLastCudaError("transpose_tiled launch failed");
    checkCudaErrors(cudaMemcpy(h_out.data(), d_out, bytes, cudaMemcpyDeviceToHost));

    int bad = 0;
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            if (h_out[c * rows + r] != h_in[r * cols + c]) ++bad;
    printf("transpose_shared: %dx%d, %d mismatches\n", rows, cols, bad);

    checkCudaErrors(cudaFree(d_in));
    checkCudaErrors(cudaFree(d_out));
    return bad == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
