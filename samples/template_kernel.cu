// kport-launch sum_f32: --kernel 'block_reduce<float, 256>' --grid 40 --block 256
// kport-launch sum_f32: --arg in=f32[n]:rand(1) --arg out=f32[40]:zeros --arg n=10000
// kport-launch sum_i32: --kernel 'block_reduce<int, 128>' --grid 79 --block 128
// kport-launch sum_i32: --arg in=i32[n]:rand(2,-50,50) --arg out=i32[79]:zeros --arg n=10000
// kport-launch sum_f64: --kernel 'block_reduce<double, 64>' --grid 157 --block 64
// kport-launch sum_f64: --arg in=f64[n]:rand(3) --arg out=f64[157]:zeros --arg n=10000
//
// A kernel templated on element type and block size: each block sums its
// BLOCK consecutive elements into out[blockIdx.x]. The shared buffer size and
// the (fully unrolled) tree depth come from the template parameter. Launched
// with two implicit instantiations plus one explicit instantiation.
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

template <typename T>
__device__ __forceinline__ T load_or_zero(const T* p, int i, int n)
{
    return i < n ? p[i] : T(0);
}

template <typename T, int BLOCK>
__global__ void block_reduce(const T* __restrict__ in, T* __restrict__ out, int n)
{
    static_assert((BLOCK & (BLOCK - 1)) == 0, "BLOCK must be a power of two");
    __shared__ T s[BLOCK];

    int tid = threadIdx.x;
    s[tid] = load_or_zero(in, blockIdx.x * BLOCK + tid, n);
    __syncthreads();

#pragma unroll
    for (int stride = BLOCK / 2; stride > 0; stride >>= 1) {
        if (tid < stride) s[tid] += s[tid + stride];
        __syncthreads();
    }
    if (tid == 0) out[blockIdx.x] = s[0];
}

// Explicit instantiation, as a library does for callers in other translation
// units; reduce_on_device<double, 64> below then uses this instance.
template __global__ void block_reduce<double, 64>(const double* __restrict__, double* __restrict__, int);

template <typename T, int BLOCK>
T reduce_on_device(const std::vector<T>& h_in)
{
    const int n = static_cast<int>(h_in.size());
    const int blocks = (n + BLOCK - 1) / BLOCK;
    T *d_in, *d_out;
    CUDA_CHECK(cudaMalloc(&d_in, n * sizeof(T)));
    CUDA_CHECK(cudaMalloc(&d_out, blocks * sizeof(T)));
    CUDA_CHECK(cudaMemcpy(d_in, h_in.data(), n * sizeof(T), cudaMemcpyHostToDevice));

    block_reduce<T, BLOCK><<<blocks, BLOCK>>>(d_in, d_out, n);
    CUDA_CHECK(cudaGetLastError());

    std::vector<T> partial(blocks);
    CUDA_CHECK(cudaMemcpy(partial.data(), d_out, blocks * sizeof(T), cudaMemcpyDeviceToHost));
    CUDA_CHECK(cudaFree(d_in));
    CUDA_CHECK(cudaFree(d_out));

    T total = T(0);
    for (T p : partial) total += p;
    return total;
}

int main()
{
    const int n = 100003;
    std::vector<float> hf(n);
    std::vector<int> hi(n);
    std::vector<double> hd(n);
    for (int i = 0; i < n; ++i) {
        hi[i] = (i % 11) - 5;
        hf[i] = static_cast<float>(hi[i]) * 0.5f;
        hd[i] = static_cast<double>(hi[i]) * 0.25;
    }
    long long expect_i = 0;
    for (int v : hi) expect_i += v;

    float sf = reduce_on_device<float, 256>(hf);
    int si = reduce_on_device<int, 128>(hi);
    double sd = reduce_on_device<double, 64>(hd);

    printf("template_kernel: float=%g int=%d double=%g (int expected %lld)\n", sf, si, sd, expect_i);
    bool ok = si == expect_i && sf == 0.5f * expect_i && sd == 0.25 * expect_i;
    return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
