// tile-global-access and vectorize: an elementwise kernel's global accesses become tile DMA and
// its arithmetic vector instructions; what has no vector form stays a scalar loop over the
// tiles; other block shapes and other index shapes keep the thread loop. Every form verifies.
// RUN: kport ir %s --pipeline=ascendc | FileCheck %s
// RUN: kport ir %s --pipeline=bang | FileCheck %s --check-prefix=BANG
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target bang | FileCheck %s --check-prefix=VERIFY
// RUN: kport ir %s --pipeline=bang --remarks 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: kport ir %s --pipeline=bang 2>&1 | FileCheck %s --check-prefix=QUIET
// kport-launch tail: --kernel scale_shift --grid 4 --block 100 --arg in=f32[250]:rand(1) --arg bias=f32[250]:rand(2) --arg out=f32[250]:zeros --arg n=250 --arg s=2.5 --arg t=-1
// kport-launch blocks2d: --kernel scale_shift --grid 2 --block 16,4 --arg in=f32[100]:rand(1) --arg bias=f32[100]:rand(2) --arg out=f32[100]:zeros --arg n=100 --arg s=2.5 --arg t=-1
// kport-launch reversed: --kernel reverse_sub --grid 2 --block 64 --arg x=f32[100]:rand(3) --arg n=100 --arg s=4
// kport-launch strided: --kernel every_other --grid 1 --block 32 --arg x=f32[64]:rand(4) --arg n=64
// kport-launch gridstride: --kernel scale_grid_stride --grid 3 --block 64 --arg in=f32[1000]:rand(5) --arg out=f32[1000]:zeros --arg n=1000 --arg s=3
// kport-launch gridstride2d: --kernel scale_grid_stride --grid 3 --block 16,4 --arg in=f32[1000]:rand(5) --arg out=f32[1000]:zeros --arg n=1000 --arg s=3

// CHECK-LABEL: kernel @scale_shift({{.*}}) attributes {level = target
// CHECK: %in_tile = spmd.buffer {role = "tile"} : ptr<shared, array<1024 x f32>>
// CHECK: scf.if
// A block past the bound moves nothing: the tile sits under i0 < bound.
// CHECK: [[PAST:%[0-9]+]] = arith.cmp lt %i, %n : i1
// CHECK: %count = arith.select
// CHECK-NEXT: scf.if [[PAST]] {
// CHECK-NEXT: mem.offset %in, %i
// CHECK-NEXT: ascend.data_copy %in_tile, {{%[0-9]+}}, %count {pad = true}
// CHECK: ascend.data_copy %bias_tile, {{%[0-9]+}}, %count {pad = true}
// CHECK-NEXT: ascend.pipe_barrier
// CHECK-NEXT: ascend.vector Muls %vector_tile, %in_tile, %s, %count
// CHECK-NEXT: ascend.vector Adds %vector_tile, %vector_tile, %t, %count
// CHECK-NEXT: ascend.vector Sub %out_tile, %vector_tile, %bias_tile, %count
// CHECK-NEXT: ascend.pipe_barrier
// CHECK: ascend.data_copy {{%[0-9]+}}, %out_tile, %count {pad = true}
// CHECK: } else {
// CHECK: scf.loop {thread_loop = true}
// BANG-LABEL: kernel @scale_shift
// BANG: bang.memcpy GDRAM2NRAM %in_tile, {{%[0-9]+}}, {{%[0-9]+}}
// BANG: bang.vector mul_scalar
// BANG-NEXT: bang.vector add_scalar
// BANG-NEXT: bang.vector sub %out_tile
// BANG: bang.memcpy NRAM2GDRAM
__global__ void scale_shift(const float* in, const float* bias, float* out, int n, float s, float t) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = in[i] * s + t - bias[i];
}

// s - x has no vector form: the tiles stay, the work is a scalar loop over them.
// CHECK-LABEL: kernel @reverse_sub
// CHECK: ascend.data_copy %x_tile
// CHECK: scf.loop {element_loop = true}
// CHECK: arith.sub %s
// CHECK: ascend.data_copy {{%[0-9]+}}, %x_tile
__global__ void reverse_sub(float* x, int n, float s) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) x[i] = s - x[i];
}

// A stride of two is not a tile of consecutive elements: the thread loop stays.
// CHECK-LABEL: kernel @every_other({{.*}}) attributes {level = spmd
// CHECK-NOT: ascend.data_copy
// CHECK: scf.loop {thread_loop = true}
__global__ void every_other(float* x, int n) {
  int i = 2 * (blockIdx.x * blockDim.x + threadIdx.x);
  if (i < n) x[i] = x[i] * 2.0f;
}

// A grid-stride loop (its stride skips every other block's worth here): one tile of the block
// per step of the stride, when the stride is at least a block; the thread loop otherwise.
// CHECK-LABEL: kernel @scale_grid_stride({{.*}}) attributes {level = target
// CHECK: arith.cmp ge
// CHECK: scf.loop {tile_loop = true}
// CHECK: ascend.data_copy %in_tile
// CHECK: ascend.vector Muls %vector_tile, %in_tile, %s, %count
// CHECK: ascend.vector Adds %out_tile, %vector_tile, {{%[0-9]+}}, %count
// CHECK: ascend.data_copy {{%[0-9]+}}, %out_tile
// CHECK: } else {
// CHECK: scf.loop {thread_loop = true}
__global__ void scale_grid_stride(const float* in, float* out, int n, float s) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += 2 * blockDim.x * gridDim.x) out[i] = in[i] * s + 0.5f;
}

// VERIFY: launch tail: scale_shift CUDA vs {{.*}}: equal
// VERIFY: launch blocks2d: scale_shift CUDA vs {{.*}}: equal
// VERIFY: launch reversed: reverse_sub CUDA vs {{.*}}: equal
// VERIFY: launch strided: every_other CUDA vs {{.*}}: equal
// VERIFY: launch gridstride: scale_grid_stride CUDA vs {{.*}}: equal
// VERIFY: launch gridstride2d: scale_grid_stride CUDA vs {{.*}}: equal

// What each pass did with each loop, shown with --remarks only.
// REMARK: tile-global-access.cu:{{[0-9]+}}:{{[0-9]+}}: remark: tiled (one element per thread): global data moves by DMA of whole tiles, in: in, bias; out: out [KP3020]
// REMARK: remark: tiled (one element per thread): global data moves by DMA of whole tiles, in: x; out: x [KP3020]
// REMARK: remark: kept scalar: index not affine in threadIdx.x with unit stride {{.*}}[KP3021]
// REMARK: remark: tiled (grid-stride): global data moves by DMA of whole tiles, in: in; out: out [KP3020]
// REMARK: remark: vectorised: mul_scalar, add_scalar, sub [KP3020]
// REMARK: remark: kept scalar: 'arith.sub' of these operands has no vector form on the target {{.*}}[KP3021]
// REMARK: remark: vectorised: mul_scalar, add_scalar [KP3020]
// QUIET-NOT: remark
