// kport-launch heat: --kernel heat_step_2d --grid 13,10 --block 16,16
// kport-launch heat: --arg u=f32[nx*ny]:rand(1,0,1) --arg u_new=f32[nx*ny]:zeros
// kport-launch heat: --arg nx=200 --arg ny=150 --arg alpha=0.2
//
// One explicit time step of the 2D heat equation with a 5-point Laplacian on
// an nx x ny grid (x fastest). Boundary cells are held fixed (Dirichlet).
// The host ping-pongs between two buffers for a number of steps.
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <vector>
#include <utility>

#define CUDA_CHECK(call)                                                      \
    do {                                                                      \
        cudaError_t err_ = (call);                                            \
        if (err_ != cudaSuccess) {                                            \
            fprintf(stderr, "CUDA error %s at %s:%d\n",                       \
                    cudaGetErrorString(err_), __FILE__, __LINE__);            \
            exit(EXIT_FAILURE);                                               \
        }                                                                     \
    } while (0)

__global__ void heat_step_2d(const float* __restrict__ u, float* __restrict__ u_new,
                             int nx, int ny, float alpha)
{
    int x = blockIdx.x * blockDim.x + threadIdx.x;
    int y = blockIdx.y * blockDim.y + threadIdx.y;
    if (x >= nx || y >= ny) return;

    int idx = y * nx + x;
    if (x == 0 || y == 0 || x == nx - 1 || y == ny - 1) {
        u_new[idx] = u[idx];
        return;
    }
    float center = u[idx];
    float lap = u[idx - 1] + u[idx + 1] + u[idx - nx] + u[idx + nx] - 4.0f * center;
    u_new[idx] = center + alpha * lap;
}

int main()
{
    const int nx = 513, ny = 257, steps = 200;
    const float alpha = 0.2f;  // stable for alpha <= 0.25
    const size_t bytes = (size_t)nx * ny * sizeof(float);

    // Hot left edge, everything else cold.
    std::vector<float> h_u(nx * ny, 0.0f);
    for (int y = 0; y < ny; ++y) h_u[y * nx] = 100.0f;

    float *d_a, *d_b;
    CUDA_CHECK(cudaMalloc(&d_a, bytes));
    CUDA_CHECK(cudaMalloc(&d_b, bytes));
    CUDA_CHECK(cudaMemcpy(d_a, h_u.data(), bytes, cudaMemcpyHostToDevice));

    dim3 block(16, 16);
    dim3 grid((nx + block.x - 1) / block.x, (ny + block.y - 1) / block.y);
    for (int s = 0; s < steps; ++s) {
        heat_step_2d<<<grid, block>>>(d_a, d_b, nx, ny, alpha);
        CUDA_CHECK(cudaGetLastError());
        std::swap(d_a, d_b);
    }
    CUDA_CHECK(cudaDeviceSynchronize());
    CUDA_CHECK(cudaMemcpy(h_u.data(), d_a, bytes, cudaMemcpyDeviceToHost));

    // Heat diffuses inwards: temperature falls monotonically along the middle row.
    int mid = (ny / 2) * nx;
    bool monotone = true;
    for (int x = 1; x < 40; ++x) monotone = monotone && h_u[mid + x] <= h_u[mid + x - 1];
    printf("stencil2d: u(1)=%f u(5)=%f u(20)=%f monotone=%d\n",
           h_u[mid + 1], h_u[mid + 5], h_u[mid + 20], (int)monotone);

    CUDA_CHECK(cudaFree(d_a));
    CUDA_CHECK(cudaFree(d_b));
    return monotone ? EXIT_SUCCESS : EXIT_FAILURE;
}
