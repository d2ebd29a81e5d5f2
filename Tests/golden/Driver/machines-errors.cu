// kport machines: an unknown machine is a usage error (exit 2) with the known names.
// RUN: kport machines --machine mlu380 2>&1 | FileCheck %s
// RUN-EXIT: 2
// CHECK: error: unknown machine 'mlu380'{{.*}}known machines: a100, ascend310p, ascend910b2, ascend910b3, mlu290, mlu370-x8 [KP8009]
__global__ void unused() {}
