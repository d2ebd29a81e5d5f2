// --report FILE on convert and verify: the report is made from the runs (verify prices the runs
// it compared), and a report that cannot be written is an error (exit 1) after the rest of the
// command's output. --pipeline on verify runs the port through another pipeline.
// RUN: kport verify %s --target bang --report /nonexistent-kport-dir/r.html 2>&1 | FileCheck %s --check-prefix=VERIFY
// RUN: kport convert %s --target ascendc --report /nonexistent-kport-dir/r.txt 2>&1 | FileCheck %s --check-prefix=CONVERT
// RUN: kport verify %s --target bang --pipeline bang-scalar --report /nonexistent-kport-dir/r.json 2>&1 | FileCheck %s --check-prefix=VERIFY
// RUN-EXIT: 1
// kport-launch twice: --kernel twice --grid 2 --block 32 --arg x=f32[50]:iota --arg n=50
// VERIFY: launch twice: twice CUDA vs BANG C: equal
// VERIFY: {{^}}kport: error: cannot write '/nonexistent-kport-dir/r.{{html|json}}'{{.*}}[KP
// CONVERT: {{^}}extern "C" __global__ __aicore__ void twice
// CONVERT: {{^}}kport: error: cannot write '/nonexistent-kport-dir/r.txt'{{.*}}[KP
__global__ void twice(float* x, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] = 2.0f * x[i];
}
