// RUN: %verify kport ir %s --no-host
// A file-scope __shared__ array used from a device function is refused, not silently split.
__shared__ float tile[32];

__device__ float first() {
  return tile[0]; // expected-error {{file-scope __shared__ 'tile' used in a device function}}
}

__global__ void k(float* out) {
  tile[threadIdx.x] = 1.0f;
  __syncthreads();
  out[threadIdx.x] = first(); // expected-error {{kernel 'k' is not translated: it calls 'first'}}
}
