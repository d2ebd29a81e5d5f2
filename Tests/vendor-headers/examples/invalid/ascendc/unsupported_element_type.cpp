// expect-error: no matching function for call to 'Add'
// Add supports int16, half, int32 and float on 910B (B8), not uint8_t.
#include "kernel_operator.h"

extern "C" __global__ __aicore__ void add_bytes(GM_ADDR x) {
  AscendC::TPipe pipe;
  AscendC::TBuf<AscendC::TPosition::VECCALC> buf;
  pipe.InitBuffer(buf, 1024);
  AscendC::LocalTensor<uint8_t> t = buf.Get<uint8_t>();
  AscendC::Add(t, t, t, 256);
}
