// Usage errors exit with status 2 and never touch the input.
// RUN: kport ir %s --bogus-flag
// RUN: kport ir
// RUN: kport frobnicate %s
// RUN: kport ir %s -I
// RUN: kport ir %s --format yaml
// RUN: kport explain KP9999
// RUN-EXIT: 2
__global__ void k(float* x) { x[0] = 1.0f; }
