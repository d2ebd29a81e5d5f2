// --report on convert and verify: usage errors stop before anything runs or is written (exit 2).
// convert needs a launch in the file to measure; an unknown machine is refused up front.
// RUN: kport convert %s --target bang --report /nonexistent-kport-dir/r.json 2>&1 | FileCheck %s --check-prefix=NOSPEC
// RUN: kport verify %s --target ascendc --kernel k --grid 1 --block 1 --arg p=f32[1]:zeros --report /nonexistent-kport-dir/r.json --machine mlu999 2>&1 | FileCheck %s --check-prefix=MACHINE
// RUN-EXIT: 2
// NOSPEC: {{^}}kport: error: --report needs a launch to measure: add '// kport-launch NAME: ...' lines to the file, or a sidecar report-flag-usage.launch [KP4020]
// MACHINE: {{^}}kport: error: unknown machine 'mlu999'{{.*}}[KP8009]
// MACHINE-NOT: CUDA vs
__global__ void k(float* p) { p[0] = 1.0f; }
