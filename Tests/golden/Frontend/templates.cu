// RUN: kport ir %s --no-host | FileCheck %s
// Template kernels: instantiated by launches (also through host templates) and explicitly.

template <typename T> __device__ T twice(T v) { return v + v; }

template <typename T, int N>
__global__ void scale(T* x) {
  if (threadIdx.x < N) x[threadIdx.x] = twice(x[threadIdx.x]) * N;
}

template __global__ void scale<double, 8>(double*);

template <typename T> void launch(T* x) { scale<T, 64><<<1, 64>>>(x); }

void host(float* f, int* i) {
  scale<float, 32><<<1, 32>>>(f);
  launch(i);
}

// CHECK-DAG: kernel @"scale<double, 8>"(%x: ptr<global, f64>) attributes {source_name = "scale"}
// CHECK-DAG: kernel @"scale<float, 32>"(%x: ptr<global, f32>)
// CHECK-DAG: kernel @"scale<int, 64>"(%x: ptr<global, i32>)
// CHECK-DAG: device @"twice<float>"(%v: f32) -> f32
// CHECK-DAG: arith.constant 32 : i32
