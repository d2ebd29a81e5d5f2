// Per-thread values live across barriers: scalars, local arrays indexed by a loop counter, pointers, mixed types.
// RUN: kport verify %s --target bang | FileCheck %s
// RUN: kport verify %s --target ascendc | FileCheck %s --check-prefix=ASCEND
// CHECK: launch scalars: scalars CUDA vs BANG C: equal
// CHECK: launch arrays: local_array CUDA vs BANG C: equal
// CHECK: launch pointers: pointer_live CUDA vs BANG C: equal
// CHECK: launch mixed: mixed_types CUDA vs BANG C: equal
// CHECK: launch v4: vec4 CUDA vs BANG C: equal
// CHECK: launch ll: shfl64 CUDA vs BANG C: equal
// CHECK: launch flags: bool_flags CUDA vs BANG C: equal
// ASCEND: launch scalars: scalars CUDA vs Ascend C: equal
// ASCEND: launch arrays: local_array CUDA vs Ascend C: equal
// ASCEND: launch pointers: pointer_live CUDA vs Ascend C: equal
// ASCEND: launch mixed: mixed_types CUDA vs Ascend C: equal
// ASCEND: launch v4: vec4 CUDA vs Ascend C: equal
// ASCEND: launch ll: shfl64 CUDA vs Ascend C: equal
// ASCEND: launch flags: bool_flags CUDA vs Ascend C: equal
// kport-launch scalars: --kernel scalars --grid 2 --block 32 --arg in=f32[64]:rand(1) --arg out=f32[64]:zeros
// kport-launch arrays: --kernel local_array --grid 2 --block 32 --arg in=f32[256]:rand(2) --arg out=f32[256]:zeros
// kport-launch pointers: --kernel pointer_live --grid 2 --block 32 --arg a=f32[64]:rand(4) --arg b=f32[64]:rand(5) --arg out=f32[64]:zeros
// kport-launch mixed: --kernel mixed_types --grid 2 --block 32 --arg in=i32[64]:rand(6,-100,100) --arg out=i64[64]:zeros --arg outd=f64[64]:zeros
// kport-launch v4: --kernel vec4 --grid 2 --block 32 --arg in=f32[256]:rand(1) --arg out=f32[256]:zeros
// kport-launch ll: --kernel shfl64 --grid 1 --block 32 --arg in=i64[32]:rand(2,-1000000,1000000) --arg out=i64[32]:zeros
// kport-launch flags: --kernel bool_flags --grid 2 --block 32 --arg in=f32[64]:rand(3) --arg out=i32[64]:zeros
// Scalars of several kinds computed before barriers and used after several of them.
__global__ void scalars(const float* in, float* out) {
  __shared__ float s[32];
  unsigned t = threadIdx.x;
  float a = in[blockIdx.x * 32 + t];
  float b = a * a;
  int c = (int)(a * 10.0f);
  s[t] = a;
  __syncthreads();
  float d = s[(t + 1) % 32];
  __syncthreads();
  s[t] = b + d;
  __syncthreads();
  float e = s[(t + 2) % 32];
  __syncthreads();
  out[blockIdx.x * 32 + t] = a + b + (float)c + d + e;
}

// A per-thread array indexed by a loop counter, live across barriers.
__global__ void local_array(const float* in, float* out) {
  __shared__ float s[32];
  float acc[4];
  for (int j = 0; j < 4; ++j) acc[j] = in[(blockIdx.x * 4 + j) * 32 + threadIdx.x];
  for (int j = 0; j < 4; ++j) {
    s[threadIdx.x] = acc[j];
    __syncthreads();
    acc[(j + 1) % 4] += s[(threadIdx.x + 3) % 32];
    __syncthreads();
  }
  for (int j = 0; j < 4; ++j) out[(blockIdx.x * 4 + j) * 32 + threadIdx.x] = acc[j];
}

// Pointers (global and shared) chosen per thread, live across barriers.
__global__ void pointer_live(float* a, float* b, float* out) {
  __shared__ float s[32];
  float* src = (threadIdx.x & 1) ? a : b;
  src += blockIdx.x * 32;
  float* dst = out + blockIdx.x * 32 + threadIdx.x;
  float* mine = &s[threadIdx.x];
  *mine = src[threadIdx.x];
  __syncthreads();
  float v = s[(threadIdx.x + 1) % 32];
  __syncthreads();
  *mine = v + src[(threadIdx.x + 2) % 32];
  __syncthreads();
  *dst = *mine + s[(threadIdx.x + 3) % 32];
}

// 64-bit, double, short, char and bool values live across a barrier.
__global__ void mixed_types(const int* in, long long* out, double* outd) {
  __shared__ long long s[32];
  int i = blockIdx.x * 32 + threadIdx.x;
  long long big = (long long)in[i] * 100000007LL;
  double d = (double)in[i] / 3.0;
  short sh = (short)(in[i] * 300);
  unsigned char uc = (unsigned char)in[i];
  bool neg = in[i] < 0;
  s[threadIdx.x] = big;
  __syncthreads();
  big += s[(threadIdx.x + 1) % 32];
  __syncthreads();
  out[i] = big + sh + uc + (neg ? 1 : 0);
  outd[i] = d;
}
// A float4 value live across two barriers.
__global__ void vec4(const float* in, float* out) {
  __shared__ float s[32];
  float4 v = reinterpret_cast<const float4*>(in)[blockIdx.x * 32 + threadIdx.x];
  s[threadIdx.x] = v.x + v.y;
  __syncthreads();
  float n = s[(threadIdx.x + 1) % 32];
  __syncthreads();
  float4 r = make_float4(v.x + n, v.y * n, v.z - n, v.w);
  reinterpret_cast<float4*>(out)[blockIdx.x * 32 + threadIdx.x] = r;
}

// A shuffle of a 64-bit integer.
__global__ void shfl64(const long long* in, long long* out) {
  long long v = in[threadIdx.x];
  out[threadIdx.x] = __shfl_xor_sync(0xffffffffu, v, 3) * 2 - v;
}

// bool and unsigned char values live across barriers.
__global__ void bool_flags(const float* in, int* out) {
  __shared__ int s[32];
  bool pos = in[blockIdx.x * 32 + threadIdx.x] > 0.0f;
  unsigned char small = (unsigned char)(threadIdx.x * 7);
  s[threadIdx.x] = pos ? 1 : 0;
  __syncthreads();
  int neighbours = s[(threadIdx.x + 1) % 32] + s[(threadIdx.x + 31) % 32];
  __syncthreads();
  out[blockIdx.x * 32 + threadIdx.x] = (pos ? 100 : 0) + neighbours + small;
}
