// vectorize-thread-loops, rows: a thread loop whose work is one loop over a row by the block's
// stride, `for (c = threadIdx.x; c < cols; c += blockDim.x) out[c] = f(in[c], ...)`, runs the
// work once for every c in [0, cols) across the block's threads: an element loop over the row,
// lowered to vector instructions over the on-chip buffers (stage-global-access's stages, shared
// arrays), with the values the same for every thread (a shared scalar, a value saved per thread
// across a barrier that every thread holds alike, rsqrtf of them) computed once before them.
// The form runs when the row fits its buffers, cols > 0 and every operand is aligned;
// otherwise the loop runs as it was. Every form verifies on both targets, exactly (no tolerance).
// RUN: kport ir %s --pipeline=bang | FileCheck %s
// RUN: kport ir %s --pipeline=ascendc | FileCheck %s --check-prefix=ASCEND
// RUN: kport verify %s --target bang --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport ir %s --pipeline=ascendc --remarks 2>&1 | FileCheck %s --check-prefix=REMARK
// kport-launch scale: --kernel row_norm --grid 3 --block 64 --arg x=f32[300]:randn(1) --arg w=f32[100]:rand(2) --arg y=f32[300]:zeros --arg cols=100
// kport-launch center: --kernel row_center --grid 2 --block 96 --arg x=f32[2000]:rand(3) --arg y=f32[2000]:zeros --arg cols=1000 --arg eps=0.001
// kport-launch short: --kernel row_center --grid 2 --block 96 --arg x=f32[6]:rand(4) --arg y=f32[6]:zeros --arg cols=3 --arg eps=0.001
// kport-launch empty: --kernel row_center --grid 2 --block 32 --arg x=f32[1]:rand(4) --arg y=f32[1]:ones --arg cols=0 --arg eps=0.001
// kport-launch shifted: --kernel row_shifted --grid 2 --block 64 --arg x=f32[256]:rand(5) --arg y=f32[256]:zeros --arg cols=128 --arg k=1
// kport-launch aligned: --kernel row_shifted --grid 2 --block 64 --arg x=f32[256]:rand(5) --arg y=f32[256]:zeros --arg cols=128 --arg k=16
// kport-launch lanes: --kernel row_per_thread --grid 2 --block 64 --arg x=f32[200]:rand(6) --arg y=f32[200]:zeros --arg cols=100
// kport-launch squares: --kernel row_sum_squares --grid 3 --block 64 --arg x=f32[600]:randn(7) --arg out=f32[3]:zeros --arg cols=200
// kport-launch narrow: --kernel row_sum_squares --grid 2 --block 64 --arg x=f32[100]:randn(8) --arg out=f32[2]:zeros --arg cols=50
// kport-launch odd: --kernel row_sum_squares --grid 2 --block 40 --arg x=f32[202]:randn(9) --arg out=f32[2]:zeros --arg cols=101
// kport-launch none: --kernel row_sum_squares --grid 2 --block 64 --arg x=f32[1]:randn(9) --arg out=f32[2]:zeros --arg cols=0
// kport-launch sums: --kernel row_sum --grid 2 --block 96 --arg x=f32[2000]:rand(10) --arg out=f32[2]:zeros --arg cols=1000

// rmsnorm's last loop: a shared scalar (the same for every thread: nothing in the loop writes
// it) times the row, times the weights; the first product goes straight into y's buffer, which
// the loop never reads, so no temporary tile is needed.
// CHECK-LABEL: kernel @row_norm
// CHECK: [[X:%[0-9]+]] = mem.element %xr_stage
// CHECK-NEXT: [[W:%[0-9]+]] = mem.element %w_stage
// CHECK-NEXT: [[Y:%[0-9]+]] = mem.element %yr_stage
// CHECK-NEXT: scf.if
// CHECK-NEXT: bang.vector mul_scalar [[Y]], [[X]], %scale, %cols
// CHECK-NEXT: bang.vector mul [[Y]], [[Y]], [[W]], %cols
// CHECK-NEXT: } else {
// CHECK-NEXT: scf.loop {thread_loop = true}
// ASCEND-LABEL: kernel @row_norm
// ASCEND: ascend.vector Muls [[Y:%[0-9]+]], {{%[0-9]+}}, %scale, %cols
// ASCEND-NEXT: ascend.vector Mul [[Y]], [[Y]], {{%[0-9]+}}, %cols
// ASCEND-NEXT: } else {
__global__ void row_norm(const float* x, const float* w, float* y, int cols) {
  __shared__ float s_scale;
  const float* xr = x + blockIdx.x * cols;
  float* yr = y + blockIdx.x * cols;
  if (threadIdx.x == 0) s_scale = 0.5f + blockIdx.x;
  __syncthreads();
  float scale = s_scale;
  for (int c = threadIdx.x; c < cols; c += blockDim.x) yr[c] = xr[c] * scale * w[c];
}

// layernorm's: `mean` crosses a barrier, so each thread keeps its copy in a per-thread array;
// every thread stored the same shared value there, so slot 0 stands for all. rsqrtf of it is
// computed once. A row shorter than a vector's alignment still runs (the count is exact), and
// an empty row runs the loop, which does nothing.
// CHECK-LABEL: kernel @row_center
// CHECK: %r = math.call rsqrtf
// CHECK: bang.vector sub_scalar [[Y:%[0-9]+]], {{%[0-9]+}}, %mean{{[.0-9]*}}, %cols
// CHECK-NEXT: bang.vector mul_scalar [[Y]], [[Y]], %r, %cols
// ASCEND-LABEL: kernel @row_center
// ASCEND: [[NEG:%[0-9]+]] = arith.neg %mean
// ASCEND-NEXT: ascend.vector Adds [[Y:%[0-9]+]], {{%[0-9]+}}, [[NEG]], %cols
// ASCEND-NEXT: ascend.vector Muls [[Y]], [[Y]], %r, %cols
__global__ void row_center(const float* x, float* y, int cols, float eps) {
  __shared__ float s_mean;
  const float* xr = x + blockIdx.x * cols;
  float* yr = y + blockIdx.x * cols;
  if (threadIdx.x == 0) {
    float sum = 0.0f;
    for (int c = 0; c < cols; ++c) sum += xr[c];
    s_mean = cols > 0 ? sum / cols : 0.0f;
  }
  __syncthreads();
  float mean = s_mean;
  __syncthreads();
  if (threadIdx.x == 0) s_mean = -1.0f;
  __syncthreads();
  float r = rsqrtf(mean * mean + eps);
  for (int c = threadIdx.x; c < cols; c += blockDim.x) yr[c] = (xr[c] - mean) * r;
}

// An operand k elements into a shared array: aligned only when k is a multiple of 16 floats on
// BANG (8 on Ascend); the launch with k = 1 runs the loop, the one with k = 16 the vector form.
// CHECK-LABEL: kernel @row_shifted
// CHECK: arith.rem
// CHECK: bang.vector add_scalar
// CHECK: } else {
// ASCEND-LABEL: kernel @row_shifted
// ASCEND: ascend.vector Adds
__global__ void row_shifted(const float* x, float* y, int cols, int k) {
  __shared__ float s[256];
  for (int c = threadIdx.x; c < 2 * cols; c += blockDim.x) s[c] = x[c];
  __syncthreads();
  for (int c = threadIdx.x; c < cols; c += blockDim.x) y[blockIdx.x * cols + c] = s[c + k] + 2.0f;
}

// A value that differs between the threads (threadIdx.x itself) keeps the loop scalar.
// CHECK-LABEL: kernel @row_per_thread
// CHECK-NOT: bang.vector
__global__ void row_per_thread(const float* x, float* y, int cols) {
  float t = threadIdx.x;
  for (int c = threadIdx.x; c < cols; c += blockDim.x) y[blockIdx.x * cols + c] = x[blockIdx.x * cols + c] * t;
}

// An accumulation over the row: thread t's partial sum is 0.5 + v(t) + v(t + W) + ... (W =
// blockDim.x), which crosses a barrier in a per-thread array. The block adds the row by chunks
// of W elements into a tile of partial sums, in each thread's own order (the sums are exact),
// and copies it into the array; threads past the row keep 0.5. With blocks of 40 floats (160
// bytes) the chunks are not 64-byte aligned on BANG: that launch runs the loop.
// CHECK-LABEL: kernel @row_sum_squares
// CHECK: scf.loop {
// CHECK: bang.vector mul %row_chunk
// CHECK: bang.vector add_scalar %row_partials, %row_chunk
// CHECK: bang.vector add %row_partials, %row_partials, %row_chunk
// ASCEND-LABEL: kernel @row_sum_squares
// ASCEND: ascend.vector Mul %row_chunk
// ASCEND: ascend.vector Adds %row_partials, %row_chunk
// ASCEND: ascend.vector Add %row_partials, %row_partials, %row_chunk
// ASCEND: ascend.pipe_barrier
// ASCEND: scf.loop {
// ASCEND: mem.element %row_partials
__global__ void row_sum_squares(const float* x, float* out, int cols) {
  __shared__ float part[64];
  const float* xr = x + blockIdx.x * cols;
  float s = 0.5f;
  for (int c = threadIdx.x; c < cols; c += blockDim.x) s += xr[c] * xr[c];
  __syncthreads();
  part[threadIdx.x] = s;
  __syncthreads();
  if (threadIdx.x == 0) {
    float total = 0.0f;
    for (int i = 0; i < blockDim.x; ++i) total += part[i];
    out[blockIdx.x] = total;
  }
}

// A plain sum: the chunks are the row's buffer itself, no vector op makes them.
// CHECK-LABEL: kernel @row_sum
// CHECK-NOT: %row_chunk =
// CHECK: bang.vector add_scalar %row_partials
// CHECK: bang.vector add %row_partials, %row_partials
__global__ void row_sum(const float* x, float* out, int cols) {
  __shared__ float part[96];
  float s = 0.0f;
  for (int c = threadIdx.x; c < cols; c += blockDim.x) s += x[blockIdx.x * cols + c];
  __syncthreads();
  part[threadIdx.x] = s;
  __syncthreads();
  if (threadIdx.x == 0) {
    float total = 0.0f;
    for (int i = 0; i < 96; ++i) total += part[i];
    out[blockIdx.x] = total;
  }
}

// VERIFY: launch scale: row_norm CUDA vs {{.*}}: equal
// VERIFY: launch center: row_center CUDA vs {{.*}}: equal
// VERIFY: launch short: row_center CUDA vs {{.*}}: equal
// VERIFY: launch empty: row_center CUDA vs {{.*}}: equal
// VERIFY: launch shifted: row_shifted CUDA vs {{.*}}: equal
// VERIFY: launch aligned: row_shifted CUDA vs {{.*}}: equal
// VERIFY: launch lanes: row_per_thread CUDA vs {{.*}}: equal
// VERIFY: launch squares: row_sum_squares CUDA vs {{.*}}: equal
// VERIFY: launch narrow: row_sum_squares CUDA vs {{.*}}: equal
// VERIFY: launch odd: row_sum_squares CUDA vs {{.*}}: equal
// VERIFY: launch none: row_sum_squares CUDA vs {{.*}}: equal
// VERIFY: launch sums: row_sum CUDA vs {{.*}}: equal

// REMARK: vectorize-row-loops.cu:49:{{[0-9]+}}: remark: vectorised across the block's row: Muls, Mul [KP3020]
// REMARK: remark: vectorised across the block's row: Adds, Muls [KP3020]
// REMARK: remark: vectorised across the block's row: Adds [KP3020]
// REMARK: remark: kept scalar across the block's threads: the loop over a row uses a value that differs between threads [KP3021]
// REMARK: remark: vectorised across the block's row: Mul, Adds, Add [KP3020]
// REMARK: remark: vectorised across the block's row: Adds, Add [KP3020]
