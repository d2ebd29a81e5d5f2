// expect-error: requires 5 arguments, but 4 were provided
// aclrtMemcpy takes destMax (capacity of dst) before src: (dst, destMax, src, count, kind) (B3).
#include "acl/acl.h"

int main() {
  void *device = nullptr;
  float host[16] = {0};
  aclrtMalloc(&device, sizeof(host), ACL_MEM_MALLOC_HUGE_FIRST);
  aclrtMemcpy(device, host, sizeof(host), ACL_MEMCPY_HOST_TO_DEVICE);
  return 0;
}
