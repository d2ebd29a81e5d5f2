// narrow-thread-loops on conditions whose arithmetic wraps or truncates (found by review): a
// cast to signed char, an unsigned sum that wraps, and (int)(blockIdx.x * 1000000000u +
// threadIdx.x), which is negative for block 3. ThreadRange's 64-bit arithmetic does not model
// them, so the loops keep their whole range where the checks of AffineExactness.swift fail at
// run time (the cast's value in [-128, 128); the unsigned sum below 2^32; U + block_dim_x ≤
// 2^31). Verified with the pipeline up to narrow-thread-loops and with the full pipelines, whose
// stage-global-access checks the same ranges (it took them as exact before).
// RUN: kport verify %s --target bang --atol 0 --rtol 0 --max-ulp 0 --pipeline "cleanup,infer-address-spaces,scalarize-vector-math,globals-to-parameters,simt-to-spmd{target=bang},narrow-thread-loops" | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --atol 0 --rtol 0 --max-ulp 0 --pipeline "cleanup,infer-address-spaces,scalarize-vector-math,globals-to-parameters,simt-to-spmd{target=ascendc},narrow-thread-loops" | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target bang --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// RUN: kport verify %s --target ascendc --atol 0 --rtol 0 --max-ulp 0 | FileCheck %s --check-prefix=VERIFY
// kport-launch chr: --kernel chr --grid 1 --block 512 --arg y=f32[512]:zeros
// kport-launch uneg: --kernel uneg --grid 2 --block 64 --arg y=f32[128]:zeros --arg n=-100
// kport-launch bigb: --kernel bigb --grid 4 --block 64 --arg y=f32[256]:zeros --arg n=100

// (signed char)tid < 10 holds for tid 0..9, 128..265 and 384..511.
__global__ void chr(float* y) {
  if ((signed char)threadIdx.x < 10) y[threadIdx.x] = 5.0f;
}

// g + 0xFFFFFF9C < 100 (unsigned) holds for g in [100, 200).
__global__ void uneg(float* y, int n) {
  unsigned g = blockIdx.x * blockDim.x + threadIdx.x;
  if (g + (unsigned)n < 100u) y[g] = 12.0f;
}

// blockIdx.x * 1000000000 is unsigned: 3e9 for block 3, negative as an int, so every thread of
// that block passes.
__global__ void bigb(float* y, int n) {
  int i = blockIdx.x * 1000000000 + threadIdx.x;
  if (i < n) y[blockIdx.x * blockDim.x + threadIdx.x] = 11.0f;
}

// VERIFY: launch chr: chr {{.*}}: equal
// VERIFY: launch uneg: uneg {{.*}}: equal
// VERIFY: launch bigb: bigb {{.*}}: equal
