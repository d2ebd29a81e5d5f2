// scalar_kernel.cpp — hand-written example of the Ascend C kport emits when a CUDA kernel is not
// vectorized: each core loops over the CUDA blocks it owns and over each block's threads, with
// scalar GM access through GlobalTensor::GetValue/SetValue (PIPE_S) and a LocalTensor from a
// TBuf standing for __shared__. Checked by ../../check.sh ascendc. The CUDA source:
//
//   __global__ void reverse_scale(float* out, const float* in, const float* scale, int n) {
//     __shared__ float tile[256];
//     int i = blockIdx.x * blockDim.x + threadIdx.x;
//     tile[threadIdx.x] = i < n ? in[i] : 0.0f;
//     __syncthreads();
//     if (i < n) out[i] = tile[blockDim.x - 1 - threadIdx.x] * scale[0];
//   }
#include "kernel_operator.h"
#include "acl/acl.h"

#include <stdio.h>

constexpr int32_t BLOCK_DIM_X = 256;

__aicore__ inline int32_t MinInt(int32_t a, int32_t b) { return a < b ? a : b; }

extern "C" __global__ __aicore__ void reverse_scale(GM_ADDR out, GM_ADDR in, GM_ADDR scale,
                                                    int32_t n, int32_t gridDimX) {
  KERNEL_TASK_TYPE_DEFAULT(KERNEL_TYPE_AIV_ONLY);
  AscendC::GlobalTensor<float> outGm, inGm, scaleGm;
  outGm.SetGlobalBuffer((__gm__ float *)out, n);
  inGm.SetGlobalBuffer((__gm__ float *)in, n);
  scaleGm.SetGlobalBuffer((__gm__ float *)scale, 1);

  AscendC::TPipe pipe;
  AscendC::TBuf<AscendC::TPosition::VECCALC> tileBuf;  // __shared__ float tile[256]
  pipe.InitBuffer(tileBuf, BLOCK_DIM_X * sizeof(float));
  AscendC::LocalTensor<float> tile = tileBuf.Get<float>();

  const float factor = scaleGm.GetValue(0);  // scalar GM load on PIPE_S
  for (int32_t block = AscendC::GetBlockIdx(); block < gridDimX;
       block += AscendC::GetBlockNum()) {
    const int32_t base = block * BLOCK_DIM_X;
    const int32_t valid = MinInt(BLOCK_DIM_X, n - base);
    // Phase 1 (tile[t] = in[i]): one DMA GM->UB for the block, padded to 32 B in UB.
    AscendC::DataCopyPad(tile, inGm[base],
                         {1, static_cast<uint32_t>(valid * sizeof(float)), 0, 0, 0},
                         {false, 0, 0, 0.0f});
    // The scalar reads below must wait for the MTE2 copy.
    const AscendC::TEventID copied =
        AscendC::GetTPipePtr()->FetchEventID(AscendC::HardEvent::MTE2_S);
    AscendC::SetFlag<AscendC::HardEvent::MTE2_S>(copied);
    AscendC::WaitFlag<AscendC::HardEvent::MTE2_S>(copied);
    for (int32_t t = valid; t < BLOCK_DIM_X; ++t) tile.SetValue(t, 0.0f);
    // __syncthreads(): a phase boundary; one core is one instruction stream.
    // Phase 2: scalar loop over the block's threads, scalar GM stores.
    for (int32_t t = 0; t < valid; ++t) {
      outGm.SetValue(base + t, tile.GetValue(BLOCK_DIM_X - 1 - t) * factor);
    }
    // The next block's DMA overwrites the tile: order the scalar reads before it.
    AscendC::TQueSync<PIPE_S, PIPE_MTE2> reuse;
    reuse.SetFlag(0);
    reuse.WaitFlag(0);
  }
  AscendC::PipeBarrier<PIPE_ALL>();
}

int main() {
  const int32_t n = 100000;
  const int32_t gridDimX = (n + BLOCK_DIM_X - 1) / BLOCK_DIM_X;
  const size_t bytes = n * sizeof(float);
  float *hostIn = nullptr, *hostOut = nullptr;
  uint8_t *devIn = nullptr, *devOut = nullptr, *devScale = nullptr;
  const float scale = 0.5f;

  if (aclInit(nullptr) != ACL_SUCCESS || aclrtSetDevice(0) != ACL_SUCCESS) return 1;
  aclrtStream stream = nullptr;
  aclrtCreateStream(&stream);
  aclrtMallocHost((void **)&hostIn, bytes);
  aclrtMallocHost((void **)&hostOut, bytes);
  for (int32_t i = 0; i < n; ++i) hostIn[i] = (float)i;
  aclrtMalloc((void **)&devIn, bytes, ACL_MEM_MALLOC_HUGE_FIRST);
  aclrtMalloc((void **)&devOut, bytes, ACL_MEM_MALLOC_HUGE_FIRST);
  aclrtMalloc((void **)&devScale, sizeof(float), ACL_MEM_MALLOC_NORMAL_ONLY);
  aclrtMemcpy(devIn, bytes, hostIn, bytes, ACL_MEMCPY_HOST_TO_DEVICE);
  aclrtMemcpy(devScale, sizeof(float), &scale, sizeof(float), ACL_MEMCPY_HOST_TO_DEVICE);
  aclrtMemset(devOut, bytes, 0, bytes);

  const uint32_t numBlocks = 40;  // 910B: vector-only kernels use up to the AIV count (40/48)
  reverse_scale<<<numBlocks, nullptr, stream>>>(devOut, devIn, devScale, n, gridDimX);
  aclError ret = aclrtSynchronizeStream(stream);
  if (ret != ACL_SUCCESS) {
    fprintf(stderr, "reverse_scale failed (%d): %s\n", ret, aclGetRecentErrMsg());
    return 1;
  }
  aclrtMemcpy(hostOut, bytes, devOut, bytes, ACL_MEMCPY_DEVICE_TO_HOST);
  printf("out[0] = %f\n", hostOut[0]);

  aclrtFree(devIn);
  aclrtFree(devOut);
  aclrtFree(devScale);
  aclrtFreeHost(hostIn);
  aclrtFreeHost(hostOut);
  aclrtDestroyStream(stream);
  aclrtResetDevice(0);
  aclFinalize();
  return 0;
}
