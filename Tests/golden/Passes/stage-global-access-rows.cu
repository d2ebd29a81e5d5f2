// stage-global-access over the rows of 2-D and 3-D blocks: a thread loop whose threads index
// global memory by their row runs as a loop over the block's rows around a thread loop over one
// row, where `y * nx + x` is a block offset plus threadIdx.x. A read-only array gets one window
// per block offset (`idx - nx`, `idx ± 1`, `idx + nx`: three); its accesses that cannot be
// staged stay in global memory. `==` and `!=` guards bound the window (`!=` only at its ends;
// a written array under one stays scalar). When a window's start is affine in threadIdx.y and
// its rows are a range (RowStrides.swift), the rows of a plane move by one strided DMA at the
// plane's first row (a write at its last), laid out one after the other in the buffer; a plane
// whose rows do not fit the buffer moves by row. Every form verifies, with one task and with two.
// RUN: kport ir %s --pipeline=bang | FileCheck %s
// RUN: kport ir %s --pipeline=ascendc | FileCheck %s --check-prefix=ASCEND
// RUN: kport verify %s --target bang | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target bang --tasks 2 | FileCheck %s --check-prefix=VERIFY
// RUN: kport ir %s --pipeline=bang --remarks 2>&1 | FileCheck %s --check-prefix=REMARK
// kport-launch heat: --kernel heat --grid 3,3 --block 8,4 --arg u=f32[nx*ny]:rand(1) --arg v=f32[nx*ny]:zeros --arg nx=20 --arg ny=11
// kport-launch heat3: --kernel heat --grid 2,2 --block 16,4,2 --arg u=f32[nx*ny]:rand(2) --arg v=f32[nx*ny]:zeros --arg nx=30 --arg ny=13
// kport-launch tile: --kernel tile_sum --grid 2,3 --block 16,8 --arg a=f32[m*k]:rand(3) --arg out=f32[m*k]:zeros --arg m=20 --arg k=30
// kport-launch edges: --kernel edges --grid 2,2 --block 16,4 --arg u=f32[nx*ny]:rand(4) --arg v=f32[nx*ny]:zeros --arg nx=24 --arg ny=7
// kport-launch late: --kernel late_read --grid 2 --block 32 --arg u=f32[65]:rand(6) --arg v=f32[64]:zeros --arg w=f32[64]:zeros --arg n=64
// kport-launch flat: --kernel flat --grid 2 --block 32 --arg x=f32[64]:rand(5) --arg y=f32[64]:zeros
// kport-launch thin: --kernel heat --grid 20,2 --block 1,1024 --arg u=f32[nx*ny]:rand(7) --arg v=f32[nx*ny]:zeros --arg nx=20 --arg ny=1500
// kport-launch lower: --kernel lower --grid 2,2 --block 16,8 --arg a=f32[n*n]:rand(8) --arg out=f32[n*n]:zeros --arg n=20
// kport-launch skip: --kernel skip_row --grid 2,2 --block 16,8 --arg a=f32[n*n]:rand(9) --arg out=f32[n*n]:zeros --arg n=20

// The interior of a 5-point stencil: three windows of `u` per row (above, the row, below), each
// moved per plane by one strided DMA (segments of the window's bytes, the destination's stride
// the same, the source's nx floats), or per row when the plane does not fit; the boundary copy's
// read of `u` in global memory; `v`, stored on both branches, written back at the plane's last
// row. The `thin` launch (one column, 1024 rows) does not fit the middle window: it moves by row.
// CHECK-LABEL: kernel @heat
// CHECK: %u_plane_fits = mem.alloca : ptr<local, i1>
// CHECK: %row = mem.alloca : ptr<local, u32>
// CHECK: scf.loop {row_loop = true}
// CHECK: %thread_y = arith.rem %row.{{[0-9]+}}, %block_dim_y : u32
// CHECK: [[TY:%[0-9]+]] = arith.cast %thread_y : i64
// CHECK-NEXT: [[FIRST:%[0-9]+]] = arith.cmp eq [[TY]], {{%[0-9]+}} : i1
// CHECK-NEXT: scf.if [[FIRST]] {
// CHECK: mem.store {{%[0-9]+}}, %u_plane_fits
// CHECK: bang.memcpy GDRAM2NRAM %u_stage, {{%[0-9]+}}, [[BYTES:%[0-9]+]], [[BYTES]], {{%[0-9]+}}, {{%[0-9]+}}
// CHECK: mem.load %u_plane_fits : i1
// CHECK: bang.memcpy GDRAM2NRAM %u_stage, {{%[0-9]+}}, {{%[0-9]+}}{{$}}
// CHECK: bang.memcpy GDRAM2NRAM %u_stage.1, {{%[0-9]+}}, [[BYTES1:%[0-9]+]], [[BYTES1]], {{%[0-9]+}}, {{%[0-9]+}}
// CHECK: bang.memcpy GDRAM2NRAM %u_stage.2, {{%[0-9]+}}, [[BYTES2:%[0-9]+]], [[BYTES2]], {{%[0-9]+}}, {{%[0-9]+}}
// CHECK: scf.loop {thread_loop = true}
// CHECK: mem.offset %u,
// CHECK: mem.element %u_stage
// CHECK: bang.memcpy NRAM2GDRAM {{%[0-9]+}}, %v_stage, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}}
// CHECK: bang.memcpy NRAM2GDRAM {{%[0-9]+}}, %v_stage, {{%[0-9]+}}{{$}}
// CHECK: func.return
// ASCEND-LABEL: kernel @heat
// ASCEND: scf.loop {row_loop = true}
// ASCEND: ascend.data_copy %u_stage, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}} {pad = true}
// ASCEND: ascend.data_copy %u_stage, {{%[0-9]+}}, {{%[0-9]+}} {pad = true}
// ASCEND: ascend.pipe_barrier
// ASCEND: scf.loop {thread_loop = true}
// ASCEND: ascend.data_copy {{%[0-9]+}}, %v_stage, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}} {pad = true}
__global__ void heat(const float* u, float* v, int nx, int ny) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  // A 3-D block's planes are more rows.
  int y = blockIdx.y * blockDim.y * blockDim.z + threadIdx.z * blockDim.y + threadIdx.y;
  if (x >= nx || y >= ny) return;
  int idx = y * nx + x;
  if (x == 0 || y == 0 || x == nx - 1 || y == ny - 1) {
    v[idx] = u[idx];
  } else {
    v[idx] = u[idx] + 0.25f * (u[idx - 1] + u[idx + 1] + u[idx - nx] + u[idx + nx] - 4.0f * u[idx]);
  }
}

// A tile row read and written once per thread: the block's rows move in, and back, by one
// strided DMA each.
// CHECK-LABEL: kernel @tile_sum
// CHECK: scf.loop {row_loop = true}
// CHECK: bang.memcpy GDRAM2NRAM %a_stage, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}}
// CHECK: scf.loop {thread_loop = true}
// CHECK: bang.memcpy NRAM2GDRAM {{%[0-9]+}}, %out_stage, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}}
__global__ void tile_sum(const float* a, float* out, int m, int k) {
  int row = blockIdx.y * blockDim.y + threadIdx.y;
  int col = blockIdx.x * blockDim.x + threadIdx.x;
  if (row < m && col < k) out[row * k + col] = a[row * k + col] * 2.0f;
}

// `!=` guards: the read window loses its ends; the written one would have holes, so `v` stays
// in global memory.
// CHECK-LABEL: kernel @edges
// CHECK: bang.memcpy GDRAM2NRAM %u_stage
// CHECK-NOT: NRAM2GDRAM
// CHECK: func.return
__global__ void edges(const float* u, float* v, int nx, int ny) {
  int x = blockIdx.x * blockDim.x + threadIdx.x;
  int y = blockIdx.y * blockDim.y + threadIdx.y;
  if (x < nx && y < ny && x != 0 && x != nx - 1) v[y * nx + x] = u[y * nx + x - 1] - u[y * nx + x + 1];
}

// A global load after the store on one branch: `v` stays in global memory.
// CHECK-LABEL: kernel @late_read
// CHECK-NOT: NRAM2GDRAM
// CHECK: func.return
__global__ void late_read(const float* u, float* v, float* w, int n) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  if (u[i] > 0.0f) {
    v[i] = 1.0f;
  } else {
    v[i] = 2.0f;
    w[i] = u[i + 1];
  }
}

// A 1-D kernel whose row is never used is not split.
// CHECK-LABEL: kernel @flat
// CHECK-NOT: row_loop
// CHECK: func.return
__global__ void flat(const float* x, float* y) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  y[i] = x[i] + 1.0f;
}

// A row's window that depends on its row (`col <= row`): no strided form, one DMA per row.
// CHECK-LABEL: kernel @lower
// CHECK-NOT: plane
// CHECK: scf.loop {row_loop = true}
// CHECK: func.return
__global__ void lower(const float* a, float* out, int n) {
  int row = blockIdx.y * blockDim.y + threadIdx.y;
  int col = blockIdx.x * blockDim.x + threadIdx.x;
  if (row < n && col <= row) out[row * n + col] = a[row * n + col];
}

// A row left out by `!=`: the read's rows are its hull (row 3 read and not used), strided; the
// write's rows must be exact, so `out` moves by row.
// CHECK-LABEL: kernel @skip_row
// CHECK: %a_plane_fits
// CHECK-NOT: %out_plane
// CHECK: scf.loop {row_loop = true}
// CHECK: bang.memcpy GDRAM2NRAM %a_stage, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}}, {{%[0-9]+}}
// CHECK: bang.memcpy NRAM2GDRAM {{%[0-9]+}}, %out_stage, {{%[0-9]+}}{{$}}
__global__ void skip_row(const float* a, float* out, int n) {
  int row = blockIdx.y * blockDim.y + threadIdx.y;
  int col = blockIdx.x * blockDim.x + threadIdx.x;
  if (row < n && col < n && row != 3) out[row * n + col] = a[row * n + col] + 1.0f;
}

// VERIFY: launch heat: heat CUDA vs {{.*}}: equal
// VERIFY: launch heat3: heat CUDA vs {{.*}}: equal
// VERIFY: launch tile: tile_sum CUDA vs {{.*}}: equal
// VERIFY: launch edges: edges CUDA vs {{.*}}: equal
// VERIFY: launch late: late_read CUDA vs {{.*}}: equal
// VERIFY: launch flat: flat CUDA vs {{.*}}: equal
// VERIFY: launch thin: heat CUDA vs {{.*}}: equal
// VERIFY: launch lower: lower CUDA vs {{.*}}: equal
// VERIFY: launch skip: skip_row CUDA vs {{.*}}: equal

// REMARK: remark: kept scalar: this access of 'u' stays in global memory: an access is under a condition other than bounds on its index or threadIdx.x, or in a loop [KP3021]
// REMARK: remark: staged: 'u' moves by 3 DMAs (one per block offset) per block (per plane of a 3-D block), strided over its rows into an on-chip buffer and the threads read it there [KP3020]
// REMARK: remark: staged: 'v' is written back from an on-chip buffer by one DMA per block (per plane of a 3-D block), strided over its rows [KP3020]
// REMARK: remark: staged: 'a' moves by one DMA per block (per plane of a 3-D block), strided over its rows into an on-chip buffer and the threads read it there [KP3020]
// REMARK: remark: staged: 'out' is written back from an on-chip buffer by one DMA per block (per plane of a 3-D block), strided over its rows [KP3020]
// REMARK: remark: staged: 'u' moves by one DMA per block (per plane of a 3-D block), strided over its rows
// REMARK: remark: kept scalar: 'v' in this thread loop: a `!=` guard on a store leaves elements of its window unwritten [KP3021]
// REMARK: remark: kept scalar: 'v' in this thread loop: a global load follows its store in the loop [KP3021]
// REMARK: remark: staged: 'a' moves by one DMA per row of the block into an on-chip buffer and the threads read it there [KP3020]
// REMARK: remark: staged: 'out' is written back from an on-chip buffer by one DMA per row of the block [KP3020]
// REMARK: remark: staged: 'a' moves by one DMA per block (per plane of a 3-D block), strided over its rows into an on-chip buffer and the threads read it there [KP3020]
// REMARK: remark: staged: 'out' is written back from an on-chip buffer by one DMA per row of the block [KP3020]
