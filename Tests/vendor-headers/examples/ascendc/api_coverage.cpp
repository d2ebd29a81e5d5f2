// api_coverage.cpp — one call of each declared Ascend C API family, with the argument types an
// emitter would pass (a header regression test, not a meaningful kernel). Checked by
// ../../check.sh ascendc.
#include "kernel_operator.h"
#include "acl/acl.h"

constexpr uint32_t LEN = 256;

extern "C" __global__ __aicore__ void api_coverage(GM_ADDR x, GM_ADDR y, GM_ADDR sync) {
  KERNEL_TASK_TYPE_DEFAULT(KERNEL_TYPE_AIV_ONLY);
  AscendC::TPipe pipe;
  AscendC::TQue<AscendC::QuePosition::VECIN, 1> inQueue;
  AscendC::TQue<AscendC::TPosition::VECOUT, 1> outQueue;
  AscendC::TBuf<AscendC::TPosition::VECCALC> tmpBuf, maskBuf, syncBuf;
  pipe.InitBuffer(inQueue, 2, LEN * sizeof(float));
  pipe.InitBuffer(outQueue, 2, LEN * sizeof(float));
  pipe.InitBuffer(tmpBuf, LEN * sizeof(float));
  pipe.InitBuffer(maskBuf, LEN / 8);
  pipe.InitBuffer(syncBuf, 32);

  AscendC::GlobalTensor<float> xGm, yGm;
  AscendC::GlobalTensor<int32_t> syncGm;
  xGm.SetGlobalBuffer((__gm__ float *)x + AscendC::GetBlockIdx() * LEN, LEN);
  yGm.SetGlobalBuffer((__gm__ float *)y, LEN * AscendC::GetBlockNum());
  syncGm.SetGlobalBuffer((__gm__ int32_t *)sync);

  // B7 DMA: count, strided and padded forms.
  AscendC::LocalTensor<float> in = inQueue.AllocTensor<float>();
  AscendC::DataCopy(in, xGm, LEN);
  AscendC::DataCopy(in, xGm, AscendC::DataCopyParams(1, LEN * sizeof(float) / 32, 0, 0));
  AscendC::DataCopyPad(in, xGm[3], AscendC::DataCopyExtParams(1, 13 * sizeof(float), 0, 0, 0),
                       AscendC::DataCopyPadExtParams<float>(true, 0, 3, 0.0f));
  inQueue.EnQue(in);
  in = inQueue.DeQue<float>();

  // B8 vector compute.
  AscendC::LocalTensor<float> out = outQueue.AllocTensor<float>();
  AscendC::LocalTensor<float> tmp = tmpBuf.Get<float>();
  AscendC::LocalTensor<uint8_t> mask = maskBuf.Get<uint8_t>();
  AscendC::Add(out, in, in, LEN);
  AscendC::Mul(out, out, in, 64, 4, {1, 1, 1, 8, 8, 8});
  AscendC::Div(out, out, in, LEN);
  AscendC::Max(out, out, in, LEN);
  AscendC::Adds(out, out, 1.0f, LEN);
  AscendC::Muls(out, out, 0.5f, LEN);
  AscendC::Exp(out, out, LEN);
  AscendC::Ln(out, out, LEN);
  AscendC::Sqrt(out, out, LEN);
  AscendC::Rsqrt(out, out, LEN);
  AscendC::Reciprocal(out, out, LEN);
  AscendC::Abs(out, out, LEN);
  AscendC::Relu(out, out, LEN);
  AscendC::Duplicate(tmp, 0.0f, LEN);
  AscendC::Compare(mask, in, out, AscendC::CMPMODE::LT, LEN);
  AscendC::Compares(mask, in, 0.0f, AscendC::CMPMODE::GE, LEN);
  AscendC::Select(out, mask, in, out, AscendC::SELMODE::VSEL_TENSOR_TENSOR_MODE, LEN);
  AscendC::Select(out, mask, in, 0.0f, AscendC::SELMODE::VSEL_TENSOR_SCALAR_MODE, LEN);
  AscendC::ReduceSum(out, in, tmp, LEN);
  AscendC::ReduceMax(out, in, tmp, LEN, true);
  AscendC::WholeReduceSum(out, in, 64, LEN / 64, 1, 1, 8);
  AscendC::LocalTensor<half> halves = tmpBuf.Get<half>(LEN);
  AscendC::Cast(halves, in, AscendC::RoundMode::CAST_RINT, LEN);
  AscendC::Cast(out, halves, AscendC::RoundMode::CAST_NONE, LEN);
  AscendC::Adds(halves, halves, (half)1.0f, LEN);
  AscendC::PipeBarrier<PIPE_V>();

  // B6/B9 scalar access with its synchronization.
  const AscendC::TEventID vToS = AscendC::GetTPipePtr()->FetchEventID(AscendC::HardEvent::V_S);
  AscendC::SetFlag<AscendC::HardEvent::V_S>(vToS);
  AscendC::WaitFlag<AscendC::HardEvent::V_S>(vToS);
  out.SetValue(0, out.GetValue(1) + xGm.GetValue(0));
  AscendC::TQueSync<PIPE_S, PIPE_MTE3> sToMte3;
  sToMte3.SetFlag(0);
  sToMte3.WaitFlag(0);
  outQueue.EnQue(out);
  inQueue.FreeTensor(in);

  // B10 DMA atomics, then B9 cross-core barriers.
  out = outQueue.DeQue<float>();
  AscendC::SetAtomicAdd<float>();
  AscendC::DataCopy(yGm[AscendC::GetBlockIdx() * LEN], out, LEN);
  AscendC::DataCopyPad(yGm, out, AscendC::DataCopyExtParams(1, 4, 0, 0, 0));
  AscendC::DisableDmaAtomic();
  AscendC::SetAtomicNone();
  outQueue.FreeTensor(out);
  AscendC::SyncAll();
  AscendC::SyncAll(syncGm, syncBuf.Get<int32_t>());
  AscendC::PipeBarrier<PIPE_ALL>();
  yGm.SetValue(0, 1.0f);
  AscendC::DataCacheCleanAndInvalid<float, AscendC::CacheLine::SINGLE_CACHE_LINE,
                                    AscendC::DcciDst::CACHELINE_OUT>(yGm);
  AscendC::printf("block %d\n", (int32_t)AscendC::GetBlockIdx());
  if (AscendC::GetBlockNum() == 0) AscendC::Trap();
}

int main() {
  aclInit(nullptr);
  aclrtSetDevice(0);
  aclrtStream stream = nullptr;
  aclrtCreateStream(&stream);
  uint8_t *x = nullptr, *y = nullptr, *sync = nullptr;
  aclrtMalloc((void **)&x, LEN * sizeof(float) * 8, ACL_MEM_MALLOC_HUGE_FIRST);
  aclrtMemset(x, LEN * sizeof(float) * 8, 0, LEN * sizeof(float) * 8);
  api_coverage<<<8, nullptr, stream>>>(x, y, sync);
  aclrtSynchronizeStream(stream);
  aclrtFree(x);
  aclrtDestroyStream(stream);
  aclrtResetDevice(0);
  aclFinalize();
  return 0;
}
