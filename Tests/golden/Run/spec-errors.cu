// RUN: not kport run %s --launch bad 2>&1 | FileCheck %s --check-prefix=PARAM
// RUN: not kport run %s --launch missing 2>&1 | FileCheck %s --check-prefix=MISSING
// A launch spec that does not fit the kernel is an input error (exit status 1).
// RUN-EXIT: 1

// kport-launch bad: --kernel k --grid 1 --block 1 --arg n=1 --arg x=f32[1]:zeros --arg extra=2
// kport-launch missing: --kernel k --grid 1 --block 1 --arg n=1

__global__ void k(int n, float* x) { x[0] = n; }

// PARAM: error: launch 'bad': 'k' has no parameter 'extra' (parameters: n, x) [KP4020]
// MISSING: error: launch 'missing': missing --arg x=... for parameter 'x' of type ptr<global, f32> [KP4020]
