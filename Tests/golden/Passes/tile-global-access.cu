// tile-global-access and vectorize: an elementwise kernel's global accesses become tile DMA and
// its arithmetic vector instructions; what has no vector form stays a scalar loop over the
// tiles; other block shapes and other index shapes keep the thread loop. A one-dimensional
// launch is tiled as one range shared by the tasks in large chunks; 2-D blocks or grids get one
// tile per block. Every form verifies, with one task per core and with two tasks (several
// chunks per task, a tail chunk).
// RUN: kport ir %s --pipeline=ascendc | FileCheck %s
// RUN: kport ir %s --pipeline=bang | FileCheck %s --check-prefix=BANG
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target bang | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target bang --tasks 2 | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --tasks 2 | FileCheck %s --check-prefix=VERIFY
// RUN: kport ir %s --pipeline=bang --remarks 2>&1 | FileCheck %s --check-prefix=REMARK
// RUN: kport ir %s --pipeline=bang 2>&1 | FileCheck %s --check-prefix=QUIET
// kport-launch tail: --kernel scale_shift --grid 4 --block 100 --arg in=f32[250]:rand(1) --arg bias=f32[250]:rand(2) --arg out=f32[250]:zeros --arg n=250 --arg s=2.5 --arg t=-1
// kport-launch blocks2d: --kernel scale_shift --grid 2 --block 16,4 --arg in=f32[100]:rand(1) --arg bias=f32[100]:rand(2) --arg out=f32[100]:zeros --arg n=100 --arg s=2.5 --arg t=-1
// kport-launch reversed: --kernel reverse_sub --grid 2 --block 64 --arg x=f32[100]:rand(3) --arg n=100 --arg s=4
// kport-launch strided: --kernel every_other --grid 1 --block 32 --arg x=f32[64]:rand(4) --arg n=64
// kport-launch gridstride: --kernel scale_grid_stride --grid 3 --block 64 --arg in=f32[1000]:rand(5) --arg out=f32[1000]:zeros --arg n=1000 --arg s=3
// kport-launch gridstride2d: --kernel scale_grid_stride --grid 3 --block 16,4 --arg in=f32[1000]:rand(5) --arg out=f32[1000]:zeros --arg n=1000 --arg s=3
// kport-launch wide: --kernel scale_shift --grid 274 --block 256 --arg in=f32[70001]:rand(6) --arg bias=f32[70001]:rand(7) --arg out=f32[70001]:zeros --arg n=70001 --arg s=2.5 --arg t=-1
// kport-launch short: --kernel scale_shift --grid 2 --block 64 --arg in=f32[250]:rand(1) --arg bias=f32[250]:rand(2) --arg out=f32[250]:zeros --arg n=250 --arg s=2.5 --arg t=-1
// kport-launch empty: --kernel scale_shift --grid 2 --block 64 --arg in=f32[8]:rand(1) --arg bias=f32[8]:rand(2) --arg out=f32[8]:zeros --arg n=-3 --arg s=2.5 --arg t=-1
// kport-launch grid2d: --kernel scale_shift --grid 2,2 --block 64 --arg in=f32[250]:rand(1) --arg bias=f32[250]:rand(2) --arg out=f32[250]:zeros --arg n=250 --arg s=2.5 --arg t=-1
// kport-launch convert: --kernel scale_to_half --grid 3 --block 100 --arg in=f32[250]:rand(9) --arg out=f16[250]:zeros --arg n=250 --arg s=3.3 --arg b=0.1
// kport-launch stride: --kernel scale_all --grid 5 --block 128 --arg x=f32[40000]:rand(8) --arg n=40000 --arg s=-2

// CHECK-LABEL: kernel @scale_shift({{.*}}) attributes {level = target
// CHECK: %in_tile = spmd.buffer {role = "tile"} : ptr<shared, array<4096 x f32>>
// The launch-wide form: 1-D blocks and grid, grid_dim_x * block_dim_x fits an int.
// CHECK: [[BLOCK1D:%[0-9]+]] = arith.cmp eq {{%[0-9]+}}, %1
// CHECK: [[TOTAL:%[0-9]+]] = arith.mul %grid_dim_x, %block_dim_x : u32
// CHECK: %end = arith.select
// CHECK: scf.if
// Chunks of ceil(end / tasks) rounded up to 512 bytes, at most a tile.
// CHECK: arith.constant 128 : i64
// CHECK: arith.constant 4096 : i64
// CHECK: %chunk = arith.select
// CHECK: scf.loop {tile_loop = true}
// CHECK: %chunk_base = arith.cast
// CHECK: %count = arith.select
// CHECK: ascend.data_copy %in_tile, {{%[0-9]+}}, %count {pad = true}
// CHECK: ascend.vector Sub %out_tile, %out_tile, %bias_tile, %count
// CHECK: ascend.data_copy {{%[0-9]+}}, %out_tile, %count {pad = true}
// Otherwise one tile per block, in the same tiles.
// CHECK: } else {
// CHECK: scf.loop {block_loop = true}
// CHECK: scf.if [[BLOCK1D]] {
// A block past the bound moves nothing: the tile sits under i0 < bound.
// CHECK: [[PAST:%[0-9]+]] = arith.cmp lt %i, %n : i1
// CHECK: %count.1 = arith.select
// CHECK-NEXT: scf.if [[PAST]] {
// CHECK-NEXT: mem.offset %in, %i
// CHECK-NEXT: ascend.data_copy %in_tile, {{%[0-9]+}}, %count.1 {pad = true}
// CHECK: ascend.data_copy %bias_tile, {{%[0-9]+}}, %count.1 {pad = true}
// CHECK-NEXT: ascend.pipe_barrier
// CHECK-NEXT: ascend.vector Muls %out_tile, %in_tile, %s, %count.1
// CHECK-NEXT: ascend.vector Adds %out_tile, %out_tile, %t, %count.1
// CHECK-NEXT: ascend.vector Sub %out_tile, %out_tile, %bias_tile, %count.1
// CHECK-NEXT: ascend.pipe_barrier
// CHECK: ascend.data_copy {{%[0-9]+}}, %out_tile, %count.1 {pad = true}
// CHECK: } else {
// CHECK: scf.loop {thread_loop = true}
// BANG-LABEL: kernel @scale_shift
// BANG: bang.memcpy GDRAM2NRAM %in_tile, {{%[0-9]+}}, {{%[0-9]+}}
// BANG: bang.vector mul_scalar
// BANG-NEXT: bang.vector add_scalar
// BANG-NEXT: bang.vector sub %out_tile
// BANG: bang.memcpy NRAM2GDRAM
#include <cuda_fp16.h>

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
// CHECK: ascend.vector Muls %out_tile, %in_tile, %s, %count
// CHECK: ascend.vector Adds %out_tile, %out_tile, {{%[0-9]+}}, %count
// CHECK: ascend.data_copy {{%[0-9]+}}, %out_tile
// CHECK: } else {
// CHECK: scf.loop {thread_loop = true}
__global__ void scale_grid_stride(const float* in, float* out, int n, float s) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += 2 * blockDim.x * gridDim.x) out[i] = in[i] * s + 0.5f;
}

// The usual grid stride (the launch's thread count): the whole range [0, n) in chunks, when the
// stride, run once from 0, equals grid_dim_x * block_dim_x.
// CHECK-LABEL: kernel @scale_all({{.*}}) attributes {level = target
// CHECK: mem.store {{%[0-9]+}}, %stride_probe
// CHECK: mem.store {{%[0-9]+}}, %stride_probe
// CHECK-NEXT: [[STRIDE:%[0-9]+]] = mem.load %stride_probe
// CHECK: arith.cmp eq [[STRIDE]]
// CHECK: scf.loop {tile_loop = true}
// CHECK: %chunk_base = arith.cast
// CHECK: ascend.vector Muls %x_tile, %x_tile, %s, %count
// CHECK: } else {
// CHECK: scf.loop {block_loop = true}
__global__ void scale_all(float* x, int n, float s) {
  for (int i = blockIdx.x * blockDim.x + threadIdx.x; i < n; i += blockDim.x * gridDim.x) x[i] = x[i] * s;
}

// f32 -> f16 conversions are vector instructions too; __float2half(b), the same for every
// element, is computed once as a scalar before them.
// CHECK-LABEL: kernel @scale_to_half
// CHECK: ascend.vector Muls [[F32:%vector_tile[.0-9]*]], %in_tile, %s, %count
// CHECK-NEXT: ascend.vector_unary Cast %out_tile, [[F32]], %count {round = CAST_RINT}
// CHECK-NEXT: [[B:%[0-9]+]] = arith.cast %b : f16
// CHECK-NEXT: ascend.vector Adds %out_tile, %out_tile, [[B]], %count
// BANG-LABEL: kernel @scale_to_half
// BANG: bang.vector_unary float2half_rn
__global__ void scale_to_half(const float* in, __half* out, int n, float s, float b) {
  int i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = __float2half(in[i] * s) + __float2half(b);
}

// VERIFY: launch tail: scale_shift CUDA vs {{.*}}: equal
// VERIFY: launch blocks2d: scale_shift CUDA vs {{.*}}: equal
// VERIFY: launch reversed: reverse_sub CUDA vs {{.*}}: equal
// VERIFY: launch strided: every_other CUDA vs {{.*}}: equal
// VERIFY: launch gridstride: scale_grid_stride CUDA vs {{.*}}: equal
// VERIFY: launch gridstride2d: scale_grid_stride CUDA vs {{.*}}: equal
// VERIFY: launch wide: scale_shift CUDA vs {{.*}}: equal
// VERIFY: launch short: scale_shift CUDA vs {{.*}}: equal
// VERIFY: launch empty: scale_shift CUDA vs {{.*}}: equal
// VERIFY: launch grid2d: scale_shift CUDA vs {{.*}}: equal
// VERIFY: launch convert: scale_to_half CUDA vs {{.*}}: equal
// VERIFY: launch stride: scale_all CUDA vs {{.*}}: equal

// What each pass did with each loop, shown with --remarks only.
// REMARK: tile-global-access.cu:{{[0-9]+}}:{{[0-9]+}}: remark: tiled across the launch (one element per thread): the tasks share the launch's elements in chunks of up to 16384, moved by DMA, in: in, bias; out: out; one tile per block otherwise (2-D or 3-D blocks or grids) [KP3020]
// REMARK: remark: tiled across the launch (one element per thread): {{.*}} in: x; out: x;
// REMARK: remark: kept scalar: index not affine in threadIdx.x with unit stride {{.*}}[KP3021]
// REMARK: remark: tiled across the launch (grid-stride, when the stride is the launch's thread count): {{.*}} in: in; out: out;
// REMARK: remark: tiled across the launch (grid-stride, when the stride is the launch's thread count): {{.*}} in: x; out: x;
// REMARK: remark: tiled across the launch (one element per thread): {{.*}} in: in; out: out;
// REMARK: remark: vectorised: mul_scalar, add_scalar, sub [KP3020]
// REMARK: remark: kept scalar: 'arith.sub' of these operands has no vector form on the target {{.*}}[KP3021]
// REMARK: remark: vectorised: mul_scalar, add_scalar [KP3020]
// REMARK: remark: vectorised: mul_scalar [KP3020]
// REMARK: remark: vectorised: mul_scalar, float2half_rn, add_scalar [KP3020]
// QUIET-NOT: remark
