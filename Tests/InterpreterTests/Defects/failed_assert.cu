// Defect: an assertion on the input that some element violates.
// kport-launch bug: --kernel check_positive --grid 1 --block 32
// kport-launch bug: --arg data=f32[32]:iota
#include <cassert>
__global__ void check_positive(const float* data) {
  assert(data[threadIdx.x] > 0.0f);  // expect-finding: trap
}
