// Streams and events in the style of the CUDA samples' simpleStreams: the work is cut into
// chunks, each chunk's copy in, kernel and copy out issued on its own stream from pinned host
// memory, and events around the whole timed with cudaEventElapsedTime (under kport, the cost
// model's estimate for the target's chip). Prints PASS when every element is right.
#include <cstdio>
#include <cstdlib>

#include <cuda_runtime.h>

__global__ void scaleAndShift(float *data, int n, float scale, float shift) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) data[i] = data[i] * scale + shift;
}

#define CHECK(call)                                                               \
  do {                                                                            \
    cudaError_t err = (call);                                                     \
    if (err != cudaSuccess) {                                                     \
      fprintf(stderr, "%s: %s\n", #call, cudaGetErrorString(err));                \
      return 1;                                                                   \
    }                                                                             \
  } while (0)

int main() {
  const int streams = 4;
  const int n = 1 << 14;
  const int chunk = n / streams;
  float *h_data;
  CHECK(cudaMallocHost((void **)&h_data, n * sizeof(float)));
  for (int i = 0; i < n; i++) h_data[i] = (float)(i % 100);
  float *d_data;
  CHECK(cudaMalloc(&d_data, n * sizeof(float)));

  cudaStream_t stream[streams];
  for (int s = 0; s < streams; s++) CHECK(cudaStreamCreate(&stream[s]));
  cudaEvent_t start, stop;
  CHECK(cudaEventCreate(&start));
  CHECK(cudaEventCreate(&stop));

  CHECK(cudaEventRecord(start, 0));
  for (int s = 0; s < streams; s++) {
    int offset = s * chunk;
    CHECK(cudaMemcpyAsync(d_data + offset, h_data + offset, chunk * sizeof(float), cudaMemcpyHostToDevice, stream[s]));
    scaleAndShift<<<(chunk + 255) / 256, 256, 0, stream[s]>>>(d_data + offset, chunk, 2.0f, (float)s);
    CHECK(cudaMemcpyAsync(h_data + offset, d_data + offset, chunk * sizeof(float), cudaMemcpyDeviceToHost, stream[s]));
  }
  CHECK(cudaEventRecord(stop, 0));
  CHECK(cudaEventSynchronize(stop));
  for (int s = 0; s < streams; s++) CHECK(cudaStreamSynchronize(stream[s]));
  float ms = -1.0f;
  CHECK(cudaEventElapsedTime(&ms, start, stop));
  printf("%d streams, %d elements: %.4f ms between the events\n", streams, n, ms);

  int errors = 0;
  for (int i = 0; i < n; i++) {
    float expected = (float)(i % 100) * 2.0f + (float)(i / chunk);
    if (h_data[i] != expected) errors++;
  }
  for (int s = 0; s < streams; s++) CHECK(cudaStreamDestroy(stream[s]));
  CHECK(cudaEventDestroy(start));
  CHECK(cudaEventDestroy(stop));
  CHECK(cudaFree(d_data));
  CHECK(cudaFreeHost(h_data));
  bool ok = errors == 0 && ms > 0.0f;
  printf(ok ? "PASS\n" : "FAIL\n");
  return ok ? 0 : 1;
}
