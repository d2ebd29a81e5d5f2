// kport-launch integrate: --kernel integrate_particles --grid 8 --block 128
// kport-launch integrate: --arg particles=f32[4*n]:rand(1,0,1) --arg n=1000
// kport-launch integrate: --arg params={0.01,9.81,0.99,1.0}
// kport-launch energy: --kernel kinetic_energy --grid 8 --block 128
// kport-launch energy: --arg particles=f32[4*n]:rand(2) --arg mass=0.5 --arg energy=f32[n]:zeros --arg n=1000
//
// Structs in kernel interfaces:
//  - SimParams is passed by value (kernel parameter space), with a small
//    __host__ __device__ member function;
//  - Particle is an array-of-structs in global memory, accessed through a
//    pointer with both '.' and '->'.
// Launch-spec note: a Particle is four consecutive f32 (x, y, vx, vy), so the
// array is described as f32[4*n]; params is given as a brace list in field
// order (dt, gravity, damping, box).
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

struct Particle {
    float x, y;    // position
    float vx, vy;  // velocity

    __host__ __device__ float speed2() const { return vx * vx + vy * vy; }
};

struct SimParams {
    float dt;
    float gravity;
    float damping;
    float box;  // particles live in [0, box] x [0, box]; walls are elastic

    // Reflect a coordinate that left [0, box] back inside, reversing its velocity.
    __host__ __device__ void bounce(float& pos, float& vel) const
    {
        if (pos < 0.0f) {
            pos = -pos;
            vel = -vel;
        } else if (pos > box) {
            pos = 2.0f * box - pos;
            vel = -vel;
        }
    }
};

__global__ void integrate_particles(Particle* particles, int n, SimParams params)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i >= n) return;

    Particle* p = &particles[i];
    p->vy -= params.gravity * params.dt;
    p->vx *= params.damping;
    p->vy *= params.damping;
    p->x += p->vx * params.dt;
    p->y += p->vy * params.dt;
    params.bounce(p->x, p->vx);
    params.bounce(p->y, p->vy);
}

__global__ void kinetic_energy(const Particle* __restrict__ particles, float mass,
                               float* __restrict__ energy, int n)
{
    int i = blockIdx.x * blockDim.x + threadIdx.x;
    if (i < n) {
        Particle p = particles[i];  // struct copy from global memory
        energy[i] = 0.5f * mass * p.speed2();
    }
}

int main()
{
    const int n = 10000, steps = 100;
    std::vector<Particle> h_p(n);
    for (int i = 0; i < n; ++i) {
        h_p[i].x = static_cast<float>(i % 100) / 100.0f;
        h_p[i].y = 0.5f + static_cast<float>(i % 50) / 100.0f;
        h_p[i].vx = 0.1f * static_cast<float>((i % 7) - 3);
        h_p[i].vy = 0.0f;
    }
    SimParams params;
    params.dt = 0.01f;
    params.gravity = 9.81f;
    params.damping = 0.999f;
    params.box = 1.0f;

    Particle* d_p;
    float* d_e;
    CUDA_CHECK(cudaMalloc(&d_p, n * sizeof(Particle)));
    CUDA_CHECK(cudaMalloc(&d_e, n * sizeof(float)));
    CUDA_CHECK(cudaMemcpy(d_p, h_p.data(), n * sizeof(Particle), cudaMemcpyHostToDevice));

    const int threads = 128, blocks = (n + threads - 1) / threads;
    for (int s = 0; s < steps; ++s) {
        integrate_particles<<<blocks, threads>>>(d_p, n, params);
        CUDA_CHECK(cudaGetLastError());
    }
    kinetic_energy<<<blocks, threads>>>(d_p, 1.0f, d_e, n);
    CUDA_CHECK(cudaGetLastError());

    std::vector<float> h_e(n);
    CUDA_CHECK(cudaMemcpy(h_p.data(), d_p, n * sizeof(Particle), cudaMemcpyDeviceToHost));
    CUDA_CHECK(cudaMemcpy(h_e.data(), d_e, n * sizeof(float), cudaMemcpyDeviceToHost));

    int outside = 0;
    double total_e = 0.0;
    for (int i = 0; i < n; ++i) {
        if (h_p[i].x < 0.0f || h_p[i].x > 1.0f || h_p[i].y < 0.0f || h_p[i].y > 1.0f) ++outside;
        total_e += h_e[i];
    }
    printf("struct_args: %d particles after %d steps, %d outside box, total KE = %f\n",
           n, steps, outside, total_e);

    CUDA_CHECK(cudaFree(d_p));
    CUDA_CHECK(cudaFree(d_e));
    return outside == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
