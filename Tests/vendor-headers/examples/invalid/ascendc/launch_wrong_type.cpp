// expect-error: cannot initialize a parameter of type 'uint32_t' (aka 'unsigned int') with an lvalue of type 'aclrtStream' (aka 'void *')
// Launch configuration is <<<numBlocks, l2ctrl, stream>>> (B3); here the stream comes first.
#include "kernel_operator.h"
#include "acl/acl.h"

extern "C" __global__ __aicore__ void kernel(GM_ADDR x) {
  AscendC::GlobalTensor<float> xGm;
  xGm.SetGlobalBuffer((__gm__ float *)x, 8);
  xGm.SetValue(AscendC::GetBlockIdx(), 0.0f);
}

int main() {
  aclrtStream stream = nullptr;
  aclrtCreateStream(&stream);
  uint8_t *x = nullptr;
  kernel<<<stream, nullptr, 8>>>(x);
  return aclrtSynchronizeStream(stream);
}
