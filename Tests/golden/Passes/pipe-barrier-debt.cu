// The barriers the scalar unit owes DMA on Ascend (Sources/Passes/PipeBarrierDebt.swift): a
// loop's scalar reads of a stage buffer before the next DMA into it, scalar stores to global
// memory before a DMA that reads it, and the barrier after a DMA out only when one ran. Without
// them the interpreter's pipe hazard checker fails `kport verify` (KP4012); with one task per
// core and with two (several blocks per task, where a block's DMA follows the previous block's
// scalar work) every launch verifies.
// RUN: kport ir %s --pipeline=ascendc | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --tasks 2 | FileCheck %s --check-prefix=VERIFY
// kport-launch reuse: --kernel reuse --grid 5 --block 64 --arg x=f32[300]:rand(1) --arg out=f32[300]:zeros --arg n=300
// kport-launch scatter: --kernel scatter_then_stage --grid 5 --block 64 --arg tmp=f32[320]:zeros --arg y=f32[320]:zeros --arg n=320

#define BLOCK 64

// Both thread loops stage `x` through one buffer: the second loop's DMA in waits for the first
// loop's scalar reads; the write-back of `out` is followed by a barrier when it ran. Each staged
// loop runs where `blockIdx.x * BLOCK + threadIdx.x` stays below 2^31 (StageExactness.swift),
// the loop as it was (`fallback`) elsewhere, whose scalar stores to `out` are followed by a
// barrier too.
// CHECK-LABEL: kernel @reuse
// CHECK: ascend.data_copy %x_stage
// CHECK: scf.loop {thread_loop = true}
// CHECK: ascend.pipe_barrier
// CHECK-NEXT: } else {
// CHECK: scf.loop {fallback = true, thread_loop = true}
// CHECK: {{%[0-9]+}} = arith.cmp gt
// CHECK-NEXT: scf.if
// CHECK: ascend.data_copy %x_stage, {{%[0-9]+}}, {{%[0-9]+}} {pad = true}
// CHECK-NEXT: }
// CHECK-NEXT: ascend.pipe_barrier
// CHECK-NEXT: scf.loop {thread_loop = true}
// CHECK: ascend.pipe_barrier
// CHECK-NEXT: scf.if [[HAS:%[0-9]+]] {
// CHECK: ascend.data_copy {{%[0-9]+}}, %out_stage, {{%[0-9]+}} {pad = true}
// CHECK-NEXT: }
// CHECK-NEXT: scf.if [[HAS]] {
// CHECK-NEXT: ascend.pipe_barrier
// CHECK-NEXT: }
// CHECK-NEXT: } else {
// CHECK: scf.loop {fallback = true, thread_loop = true}
// CHECK: mem.store
// CHECK: } step {
// CHECK: ascend.pipe_barrier
// CHECK-NEXT: }
// CHECK-NEXT: } step {
__global__ void reuse(const float* x, float* out, int n) {
  __shared__ float s[BLOCK];
  int i = blockIdx.x * BLOCK + threadIdx.x;
  s[threadIdx.x] = i < n ? x[i] : 0.0f;
  __syncthreads();
  float v = s[BLOCK - 1 - threadIdx.x];
  if (i < n) out[i] = v + x[i];
}

// The first loop stores to `tmp` one scalar at a time (a reversed index is not staged); the
// second moves `tmp` in by DMA, after a barrier.
// CHECK-LABEL: kernel @scatter_then_stage
// CHECK: scf.loop {thread_loop = true}
// CHECK: ascend.pipe_barrier
// CHECK-NEXT: scf.if
// CHECK: ascend.data_copy %tmp_tile
__global__ void scatter_then_stage(float* tmp, float* y, int n) {
  int i = blockIdx.x * BLOCK + threadIdx.x;
  int j = blockIdx.x * BLOCK + (BLOCK - 1 - threadIdx.x);
  if (j < n) tmp[j] = (float)i;
  __syncthreads();
  if (i < n) y[i] = tmp[i] + 1.0f;
}

// VERIFY: launch reuse: reuse CUDA vs Ascend C: equal
// VERIFY: launch scatter: scatter_then_stage CUDA vs Ascend C: equal
