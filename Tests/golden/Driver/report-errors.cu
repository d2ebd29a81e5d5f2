// kport report: an unknown machine is a usage error (exit 2).
// RUN: kport report %s --target bang --machine mlu999 --kernel k --grid 1 --block 1 --arg p=f32[1]:zeros 2>&1 | FileCheck %s
// RUN-EXIT: 2
// CHECK: error: unknown machine 'mlu999'{{.*}}[KP8009]
__global__ void k(float* p) { p[0] = 1.0f; }
