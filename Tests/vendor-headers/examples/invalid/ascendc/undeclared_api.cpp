// expect-error: no member named 'ReduceRepeat' in namespace 'AscendC'
// ReduceRepeat is the CANN 9.1 name; the headers model CANN 8.0, where it is WholeReduceSum (B1).
#include "kernel_operator.h"

extern "C" __global__ __aicore__ void row_sum(GM_ADDR x) {
  AscendC::TPipe pipe;
  AscendC::TBuf<AscendC::TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 1024);
  AscendC::LocalTensor<float> t = buf.Get<float>();
  AscendC::ReduceRepeat(t, t, 64, 1, 1, 1, 8);
}
