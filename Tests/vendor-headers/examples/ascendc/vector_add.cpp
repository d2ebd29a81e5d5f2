// vector_add.cpp — hand-written example of the Ascend C kport emits for a CUDA vector add
// (z[i] = x[i] + y[i]), following targets.md PART D: the TPipe/TQue paradigm (CopyIn, Compute,
// CopyOut) with double buffering, and the AscendCL host. Checked by ../../check.sh ascendc.
#include "kernel_operator.h"
#include "acl/acl.h"

#include <stdio.h>
#include <stdlib.h>

constexpr uint32_t TOTAL_LENGTH = 8 * 2048;                    // elements
constexpr uint32_t USE_CORE_NUM = 8;                           // numBlocks
constexpr uint32_t BLOCK_LENGTH = TOTAL_LENGTH / USE_CORE_NUM;  // per core
constexpr uint32_t TILE_NUM = 8;
constexpr uint32_t BUFFER_NUM = 2;                             // double buffering
constexpr uint32_t TILE_LENGTH = BLOCK_LENGTH / TILE_NUM / BUFFER_NUM;  // 128 halves = 256 B

class KernelAdd {
 public:
  __aicore__ inline KernelAdd() {}
  __aicore__ inline void Init(GM_ADDR x, GM_ADDR y, GM_ADDR z) {
    xGm.SetGlobalBuffer((__gm__ half *)x + BLOCK_LENGTH * AscendC::GetBlockIdx(), BLOCK_LENGTH);
    yGm.SetGlobalBuffer((__gm__ half *)y + BLOCK_LENGTH * AscendC::GetBlockIdx(), BLOCK_LENGTH);
    zGm.SetGlobalBuffer((__gm__ half *)z + BLOCK_LENGTH * AscendC::GetBlockIdx(), BLOCK_LENGTH);
    pipe.InitBuffer(inQueueX, BUFFER_NUM, TILE_LENGTH * sizeof(half));
    pipe.InitBuffer(inQueueY, BUFFER_NUM, TILE_LENGTH * sizeof(half));
    pipe.InitBuffer(outQueueZ, BUFFER_NUM, TILE_LENGTH * sizeof(half));
  }
  __aicore__ inline void Process() {
    constexpr int32_t loopCount = TILE_NUM * BUFFER_NUM;
    for (int32_t i = 0; i < loopCount; i++) {
      CopyIn(i);
      Compute(i);
      CopyOut(i);
    }
  }

 private:
  __aicore__ inline void CopyIn(int32_t progress) {
    AscendC::LocalTensor<half> xLocal = inQueueX.AllocTensor<half>();
    AscendC::LocalTensor<half> yLocal = inQueueY.AllocTensor<half>();
    AscendC::DataCopy(xLocal, xGm[progress * TILE_LENGTH], TILE_LENGTH);
    AscendC::DataCopy(yLocal, yGm[progress * TILE_LENGTH], TILE_LENGTH);
    inQueueX.EnQue(xLocal);
    inQueueY.EnQue(yLocal);
  }
  __aicore__ inline void Compute(int32_t progress) {
    AscendC::LocalTensor<half> xLocal = inQueueX.DeQue<half>();
    AscendC::LocalTensor<half> yLocal = inQueueY.DeQue<half>();
    AscendC::LocalTensor<half> zLocal = outQueueZ.AllocTensor<half>();
    AscendC::Add(zLocal, xLocal, yLocal, TILE_LENGTH);
    outQueueZ.EnQue<half>(zLocal);
    inQueueX.FreeTensor(xLocal);
    inQueueY.FreeTensor(yLocal);
  }
  __aicore__ inline void CopyOut(int32_t progress) {
    AscendC::LocalTensor<half> zLocal = outQueueZ.DeQue<half>();
    AscendC::DataCopy(zGm[progress * TILE_LENGTH], zLocal, TILE_LENGTH);
    outQueueZ.FreeTensor(zLocal);
  }

  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::TPosition::VECIN, 1> inQueueX, inQueueY;
  AscendC::TQue<AscendC::TPosition::VECOUT, 1> outQueueZ;
  AscendC::GlobalTensor<half> xGm, yGm, zGm;
};

extern "C" __global__ __aicore__ void add_custom(GM_ADDR x, GM_ADDR y, GM_ADDR z) {
  KERNEL_TASK_TYPE_DEFAULT(KERNEL_TYPE_AIV_ONLY);
  KernelAdd op;
  op.Init(x, y, z);
  op.Process();
}

#define KPORT_ACL_CHECK(call)                                                          \
  do {                                                                                 \
    aclError kport_ret = (call);                                                       \
    if (kport_ret != ACL_SUCCESS) {                                                    \
      fprintf(stderr, "%s failed (%d): %s\n", #call, kport_ret, aclGetRecentErrMsg()); \
      exit(1);                                                                         \
    }                                                                                  \
  } while (0)

int main() {
  const size_t bytes = TOTAL_LENGTH * sizeof(uint16_t);  // half on the device
  uint8_t *xHost, *yHost, *zHost;
  uint8_t *xDevice, *yDevice, *zDevice;

  KPORT_ACL_CHECK(aclInit(nullptr));
  KPORT_ACL_CHECK(aclrtSetDevice(0));
  aclrtStream stream = nullptr;
  KPORT_ACL_CHECK(aclrtCreateStream(&stream));

  KPORT_ACL_CHECK(aclrtMallocHost((void **)&xHost, bytes));
  KPORT_ACL_CHECK(aclrtMallocHost((void **)&yHost, bytes));
  KPORT_ACL_CHECK(aclrtMallocHost((void **)&zHost, bytes));
  KPORT_ACL_CHECK(aclrtMalloc((void **)&xDevice, bytes, ACL_MEM_MALLOC_HUGE_FIRST));
  KPORT_ACL_CHECK(aclrtMalloc((void **)&yDevice, bytes, ACL_MEM_MALLOC_HUGE_FIRST));
  KPORT_ACL_CHECK(aclrtMalloc((void **)&zDevice, bytes, ACL_MEM_MALLOC_HUGE_FIRST));
  // aclrtMemcpy(dst, destMax, src, count, kind): destMax is the capacity of dst.
  KPORT_ACL_CHECK(aclrtMemcpy(xDevice, bytes, xHost, bytes, ACL_MEMCPY_HOST_TO_DEVICE));
  KPORT_ACL_CHECK(aclrtMemcpy(yDevice, bytes, yHost, bytes, ACL_MEMCPY_HOST_TO_DEVICE));

  aclrtEvent start, end;
  KPORT_ACL_CHECK(aclrtCreateEvent(&start));
  KPORT_ACL_CHECK(aclrtCreateEvent(&end));
  KPORT_ACL_CHECK(aclrtRecordEvent(start, stream));
  add_custom<<<USE_CORE_NUM, nullptr, stream>>>(xDevice, yDevice, zDevice);
  KPORT_ACL_CHECK(aclrtRecordEvent(end, stream));
  KPORT_ACL_CHECK(aclrtSynchronizeStream(stream));
  float elapsedMs = 0.0f;
  KPORT_ACL_CHECK(aclrtEventElapsedTime(&elapsedMs, start, end));

  KPORT_ACL_CHECK(aclrtMemcpy(zHost, bytes, zDevice, bytes, ACL_MEMCPY_DEVICE_TO_HOST));
  printf("add_custom: %.3f ms\n", elapsedMs);

  KPORT_ACL_CHECK(aclrtDestroyEvent(start));
  KPORT_ACL_CHECK(aclrtDestroyEvent(end));
  KPORT_ACL_CHECK(aclrtFree(xDevice));
  KPORT_ACL_CHECK(aclrtFree(yDevice));
  KPORT_ACL_CHECK(aclrtFree(zDevice));
  KPORT_ACL_CHECK(aclrtFreeHost(xHost));
  KPORT_ACL_CHECK(aclrtFreeHost(yHost));
  KPORT_ACL_CHECK(aclrtFreeHost(zHost));
  KPORT_ACL_CHECK(aclrtDestroyStream(stream));
  KPORT_ACL_CHECK(aclrtResetDevice(0));
  KPORT_ACL_CHECK(aclFinalize());
  return 0;
}
