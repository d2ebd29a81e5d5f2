// RUN: kport ir %s | FileCheck %s
// Host code is recorded, not lowered: launches, calls, types, enums, macros, includes, device code.
#include <cuda_runtime.h>

__global__ void fill(float* x, float v, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] = v;
}

int main() {
  float* d = nullptr;
  int n = 1000;
  cudaStream_t stream;
  cudaStreamCreate(&stream);
  cudaMalloc(&d, n * sizeof(float));
  fill<<<(n + 255) / 256, 256, 0, stream>>>(d, 2.0f, n);
  cudaDeviceSynchronize();
  cudaMemcpy(&n, d, sizeof(int), cudaMemcpyDeviceToHost);
  cudaFree(d);
  return 0;
}

// CHECK: kernel @fill
// CHECK: host.include @cuda_runtime.h range("{{.*}}host-records.cu", 3:1+{{[0-9]+}}, 3:{{[0-9]+}}+{{[0-9]+}})
// CHECK-DAG: host.type @cudaStream_t range({{.*}}, 13:3+
// CHECK-DAG: host.runtime_call @cudaStreamCreate range({{.*}}, 14:3+{{.*}}) {args = ["&stream"]}
// CHECK-DAG: host.runtime_call @cudaMalloc range({{.*}}) {args = ["&d", "n * sizeof(float)"]}
// CHECK-DAG: host.launch @fill range({{.*}}, 16:3+{{[0-9]+}}, 16:56+{{[0-9]+}}) {args = ["d", "2.0f", "n"], block = "256", grid = "(n + 255) / 256", shared = "0", stream = "stream"}
// CHECK-DAG: host.runtime_call @cudaDeviceSynchronize
// CHECK-DAG: host.runtime_call @cudaFree
// CHECK-DAG: host.enum @cudaMemcpyDeviceToHost range({{.*}}, 18:34+
// CHECK-DAG: host.device_code @fill range({{.*}}, 5:1+{{[0-9]+}}, 8:2+{{[0-9]+}})
