// split-thread-loops: a thread loop whose grid-stride elementwise loop is followed by more work
// becomes two thread loops, the loop ending the first (the thread's pure values before the loop
// copied into the second), so that tile-global-access tiles the loop (across the launch where the
// rest reaches no global memory). Work after the loop that reads the loop's index stays in one
// thread loop. Both verify with no tolerance.
// RUN: kport ir %s --pipeline=cleanup,simt-to-spmd,split-thread-loops | FileCheck %s
// RUN: kport verify %s --target bang --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport ir %s --pipeline=bang --remarks 2>&1 | FileCheck %s --check-prefix=REMARK
// kport-launch tail: --kernel tail --grid 3 --block 32 --arg x=f32[300]:randn(1) --arg y=f32[301]:zeros --arg n=300
// kport-launch own: --kernel own --grid 3 --block 32 --arg x=f32[300]:randn(3) --arg y=f32[300]:zeros --arg z=f32[96]:zeros --arg n=300
// kport-launch wr: --kernel wr --grid 3 --block 32 --arg x=f32[300]:randn(4) --arg y=f32[300]:zeros --arg n=300
// kport-launch index: --kernel reads_index --grid 3 --block 32 --arg x=f32[300]:randn(2) --arg y=f32[300]:zeros --arg z=i32[96]:zeros --arg n=300

// CHECK-LABEL: kernel @tail
// CHECK: scf.loop {thread_loop = true}
// CHECK: arith.mul %{{[0-9a-z_.]+}}, %{{[0-9a-z_.]+}} : f32
// CHECK: mem.store %{{[0-9]+}}, %thread
// CHECK: scf.loop {thread_loop = true}
// CHECK: %gid{{.*}} = arith.cast
// CHECK: arith.cmp eq %gid
__global__ void tail(const float* x, float* y, int n) {
  int gid = blockIdx.x * blockDim.x + threadIdx.x;
  for (int i = gid; i < n; i += blockDim.x * gridDim.x) y[i] = 2.0f * x[i];
  if (gid == 0) y[n] = 1.0f;
}

// CHECK-LABEL: kernel @reads_index
// CHECK: scf.loop {thread_loop = true}
// CHECK-NOT: scf.loop {thread_loop = true}
// CHECK: func.return
__global__ void reads_index(const float* x, float* y, int* z, int n) {
  int gid = blockIdx.x * blockDim.x + threadIdx.x;
  int i = gid;
  for (; i < n; i += blockDim.x * gridDim.x) y[i] = 2.0f * x[i];
  z[gid] = i;
}

// The tail reaches an array the loop wrote (own reads y[gid], wr writes x[gid]): split, but
// not tiled across the launch, where other tasks' chunks would move those elements with nothing
// ordering them before this block's tail (found by review: a race in the port).
__global__ void own(const float* x, float* y, float* z, int n) {
  int gid = blockIdx.x * blockDim.x + threadIdx.x;
  for (int i = gid; i < n; i += blockDim.x * gridDim.x) y[i] = 2.0f * x[i];
  z[gid] = y[gid] + 1.0f;
}

__global__ void wr(float* x, float* y, int n) {
  int gid = blockIdx.x * blockDim.x + threadIdx.x;
  for (int i = gid; i < n; i += blockDim.x * gridDim.x) y[i] = 2.0f * x[i];
  if (gid < n) x[gid] = 5.0f;
}

// VERIFY: launch tail: tail {{.*}}: equal
// VERIFY: launch own: own {{.*}}: equal
// VERIFY: launch wr: wr {{.*}}: equal
// VERIFY: launch index: reads_index {{.*}}: equal

// REMARK: split-thread-loops.cu:25:7: remark: split: the work after the grid-stride loop runs in a thread loop of its own, so that the loop can be tiled [KP3020]
// REMARK: split-thread-loops.cu:45:12: remark: split: the work after the grid-stride loop runs in a thread loop of its own, so that the loop can be tiled [KP3020]
// REMARK: split-thread-loops.cu:51:7: remark: split: the work after the grid-stride loop runs in a thread loop of its own, so that the loop can be tiled [KP3020]
