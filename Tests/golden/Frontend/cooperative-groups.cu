// RUN: kport ir %s --no-host | FileCheck %s
// Cooperative groups become the ops they stand for; cg::reduce becomes a butterfly.
#include <cooperative_groups.h>
#include <cooperative_groups/reduce.h>
namespace cg = cooperative_groups;

// CHECK-LABEL: kernel @cg_sum
// CHECK: cuda.syncthreads
// CHECK: cuda.shuffle xor {{.*}} : f32
// CHECK: cuda.shuffle xor {{.*}} : f32
// CHECK: cuda.shuffle xor {{.*}} : f32
// CHECK: cuda.shuffle xor {{.*}} : f32
// CHECK: cuda.shuffle xor {{.*}} : f32
// CHECK-NOT: cuda.shuffle
// CHECK: arith.rem {{.*}} : u32
// CHECK: cuda.atomic add
// CHECK: func.return
__global__ void cg_sum(const float* in, float* out) {
  cg::thread_block block = cg::this_thread_block();
  cg::thread_block_tile<32> tile = cg::tiled_partition<32>(block);
  block.sync();
  float v = in[block.thread_rank()];
  float total = cg::reduce(tile, v, cg::plus<float>());
  if (tile.thread_rank() == 0) atomicAdd(out, total);
}
