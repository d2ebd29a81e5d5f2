// kport-launch laplace: --kernel stencil7_3d --grid 5,5,8 --block 8,8,4
// kport-launch laplace: --arg in=f32[nx*ny*nz]:rand(1) --arg out=f32[nx*ny*nz]:zeros
// kport-launch laplace: --arg nx=40 --arg ny=36 --arg nz=30 --arg c0=-0.5 --arg c1=0.125
//
// 7-point 3D stencil over an nx x ny x nz volume (x fastest), one thread per
// cell with a 3D grid of 3D blocks:
//   out = c0 * in[c] + c1 * (sum of the 6 face neighbours)
// Boundary cells are copied unchanged.
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

__global__ void stencil7_3d(const float* __restrict__ in, float* __restrict__ out,
                            int nx, int ny, int nz, float c0, float c1)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    int z = blockIdx.z * blockDim.z + threadIdx.z;
    if (x >= nx || y >= ny || z >= nz) return;

    const int sy = nx;       // stride between rows
    const int sz = nx * ny;  // stride between planes
    int idx = z * sz + y * sy + x;

    bool boundary = x == 0 || y == 0 || z == 0 || x == nx - 1 || y == ny - 1 || z == nz - 1;
    if (boundary) {
        out[idx] = in[idx];
        return;
    }
    float neighbours = in[idx - 1] + in[idx + 1]
                     + in[idx - sy] + in[idx + sy]
                     + in[idx - sz] + in[idx + sz];
    out[idx] = c0 * in[idx] + c1 * neighbours;
}

int main()
{
    const int nx = 64, ny = 48, nz = 37;
    const size_t cells = (size_t)nx * ny * nz;
    std::vector<float> h_in(cells), h_out(cells);
    for (size_t i = 0; i < cells; ++i) h_in[i] = 1.0f;  // constant field

    float *d_in, *d_out;
    CUDA_CHECK(cudaMalloc(&d_in, cells * sizeof(float)));
    CUDA_CHECK(cudaMalloc(&d_out, cells * sizeof(float)));
    CUDA_CHECK(cudaMemcpy(d_in, h_in.data(), cells * sizeof(float), cudaMemcpyHostToDevice));

    // With c0 = -6 and c1 = 1 this is the discrete Laplacian: zero on a constant field.
    dim3 block(8, 8, 4);
    dim3 grid((nx + block.x - 1) / block.x, (ny + block.y - 1) / block.y, (nz + block.z - 1) / block.z);
    stencil7_3d<<<grid, block>>>(d_in, d_out, nx, ny, nz, -6.0f, 1.0f);
    CUDA_CHECK(cudaGetLastError());
    CUDA_CHECK(cudaMemcpy(h_out.data(), d_out, cells * sizeof(float), cudaMemcpyDeviceToHost));

    int bad = 0;
    for (int z = 0; z < nz; ++z)
        for (int y = 0; y < ny; ++y)
            for (int x = 0; x < nx; ++x) {
                bool interior = x > 0 && y > 0 && z > 0 && x < nx - 1 && y < ny - 1 && z < nz - 1;
                float expected = interior ? 0.0f : 1.0f;
                if (fabsf(h_out[((size_t)z * ny + y) * nx + x] - expected) > 1e-6f) ++bad;
            }
    printf("stencil3d: %dx%dx%d, %d mismatches\n", nx, ny, nz, bad);

    CUDA_CHECK(cudaFree(d_in));
    CUDA_CHECK(cudaFree(d_out));
    return bad == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
