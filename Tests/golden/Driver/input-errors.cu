// Input errors exit with status 1 and a diagnostic naming the problem.
// RUN: not kport ir %S/does-not-exist.cu 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: error: no such file: '{{.*}}does-not-exist.cu' [KP0001]
// RUN: not kport ir %s --kernel nope 2>&1 | FileCheck %s --check-prefix=KERNEL
// KERNEL: error: no kernel named 'nope'; kernels: k [KP0006]
// RUN: not kport ir %s -DBROKEN 2>&1 | FileCheck %s --check-prefix=SYNTAX
// SYNTAX: input-errors.cu:[[@LINE+3]]:{{[0-9]+}}: error: {{.*}} [KP1001]
// SYNTAX: 1 error generated.
#ifdef BROKEN
int broken = ;
#endif
__global__ void k(float* x) { x[0] = 1.0f; }
