// RUN: not kport run %s 2>&1 | FileCheck %s
// RUN-EXIT: 3
// An integer division by zero for some threads.
// kport-launch main: --kernel ratio --grid 1 --block 16 --arg a=i32[16]:iota --arg b=i32[16]:iota --arg out=i32[16]:zeros

__global__ void ratio(const int* a, const int* b, int* out) {
  int t = threadIdx.x;
  out[t] = a[t] / b[t];
}
// CHECK: division-by-zero.cu:[[@LINE-2]]:{{[0-9]+}}: error: {{.*}} [KP4008]
