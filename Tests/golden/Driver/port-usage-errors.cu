// Usage errors of kport convert and kport verify exit with status 2.
// RUN: kport convert %s --target mlu 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: kport convert %s 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: kport convert %s --target bang --kernel nope 2>&1 | FileCheck %s --check-prefix=KERNEL
// RUN: kport convert %s --target ascendc --pipeline=simt-to-spdm 2>&1 | FileCheck %s --check-prefix=PIPELINE
// RUN: kport verify %s --target npu --kernel fill --grid 1 --block 4 --arg p=f32[4]:zeros 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: kport verify %s --target bang --kernel fill --grid 1 --block 4 --arg p=f32[4]:zeros --tasks 0 2>&1 | FileCheck %s --check-prefix=TASKS
// RUN-EXIT: 2
// TARGET: Error: The value '{{mlu|npu}}' is invalid for '--target <target>'
// MISSING: Error: Missing expected argument '--target <target>'
// KERNEL: error: no kernel 'nope' in {{.*}}port-usage-errors.cu; kernels: fill [KP0006]
// PIPELINE: <pipeline>:1:1: error: unknown pass 'simt-to-spdm'; did you mean 'simt-to-spmd'? [KP3001]
// TASKS: Error: --tasks must be at least 1
__global__ void fill(float* p) { p[threadIdx.x] = 1.0f; }
