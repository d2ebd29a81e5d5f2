// RUN: not kport run %s --max-steps 1000000 2>&1 | FileCheck %s
// RUN-EXIT: 3
// An infinite loop: the step limit stops it with a clear message instead of hanging CI.
// kport-launch main: --kernel spin --grid 1 --block 32 --arg x=i32[32]:zeros

__global__ void spin(int* x) {
  int i = 0;
  while (x[threadIdx.x] == 0) { i++; }
  x[threadIdx.x] = i;
}
// CHECK: error: {{.*}}[KP4010]
