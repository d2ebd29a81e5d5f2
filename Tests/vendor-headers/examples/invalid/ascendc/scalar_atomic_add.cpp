// expect-error: no member named 'AtomicAdd' in namespace 'AscendC'
// Scalar GM atomics exist only on Ascend 950 (B10); on 910B use SetAtomicAdd<T>() + DataCopy.
#include "kernel_operator.h"

extern "C" __global__ __aicore__ void scatter_add(GM_ADDR out, GM_ADDR index) {
  __gm__ float *target = (__gm__ float *)out;
  AscendC::AtomicAdd(target + ((__gm__ int32_t *)index)[0], 1.0f);
}
