// Usage errors of kport batch and kport merge-reports exit with status 2 and write nothing.
// RUN: kport batch %s --out %S/never-written --shard 3/2 2>&1 | FileCheck %s --check-prefix=SHARD
// RUN: kport batch %s --out %S/never-written --target cuda 2>&1 | FileCheck %s --check-prefix=TARGET
// RUN: kport batch --out %S/never-written 2>&1 | FileCheck %s --check-prefix=INPUTS
// RUN: kport batch %s --out %S/never-written -j 0 2>&1 | FileCheck %s --check-prefix=JOBS
// RUN: kport batch %S --root %S --out %S 2>&1 | FileCheck %s --check-prefix=OUT
// RUN: kport batch --files-from %S/no-such-list.txt --out %S/never-written 2>&1 | FileCheck %s --check-prefix=LIST
// RUN: kport merge-reports %s -o %S/never-written.json 2>&1 | FileCheck %s --check-prefix=MERGE
// RUN-EXIT: 2
// SHARD: Error: --shard takes I/N with 1 <= I <= N, not '3/2'
// TARGET: Error: unknown target 'cuda' (targets: bang, ascendc)
// INPUTS: Error: give input files or directories, --files-from FILE or -p compile_commands.json
// JOBS: Error: -j must be at least 1
// OUT: error: --out '{{.*}}Driver' is or contains the input directory '{{.*}}Driver'; choose an output directory apart from the sources (inside them is fine) [KP9005]
// LIST: error: cannot read the file list '{{.*}}no-such-list.txt' [KP9004]
// MERGE: error: '{{.*}}batch-usage-errors.cu' is not a kport-batch/1 summary: {{.*}} [KP9007]
__global__ void fill(float* p) { p[threadIdx.x] = 1.0f; }
