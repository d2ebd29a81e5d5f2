// acl/acl.h — kport's declaration-only model of the AscendCL host runtime (the part kport emits).
//
// What it is: declarations only, written by kport from the facts in /work/shared/docs/targets.md
// (B3 Launch and host runtime, PART C), not vendor code. It exists so that tests can syntax-check
// emitted Ascend C host code with clang on a machine without CANN; it cannot link or run anything.
// Models: CANN 8.0 AscendCL for Ascend 910B (Atlas A2, dav-2201). Enum values follow public
// acl_rt.h copies [uncertain: the exact value lists of CANN 8.0].
//
// Usable from plain C/C++ too; in clang CUDA mode (the check mode) it also declares the launch
// configuration for `kernel<<<uint32_t numBlocks, void* l2ctrl, aclrtStream stream>>>(args)`.
#ifndef KPORT_VENDOR_ACL_H
#define KPORT_VENDOR_ACL_H

#include <stddef.h>
#include <stdint.h>

#if defined(__CUDA__)
#include "../../common/kport_check_prelude.h"
#endif

#if defined(__cplusplus)
extern "C" {
#endif

// B3 Host runtime: error codes and handles.
typedef int aclError;
static const int ACL_SUCCESS = 0;
static const int ACL_ERROR_NONE = 0;
typedef void *aclrtStream;
typedef void *aclrtEvent;
typedef void *aclrtContext;

// B3 Host runtime: allocation policy for aclrtMalloc [src: sample uses ACL_MEM_MALLOC_HUGE_FIRST].
typedef enum aclrtMemMallocPolicy {
  ACL_MEM_MALLOC_HUGE_FIRST,
  ACL_MEM_MALLOC_HUGE_ONLY,
  ACL_MEM_MALLOC_NORMAL_ONLY,
  ACL_MEM_MALLOC_HUGE_FIRST_P2P,
  ACL_MEM_MALLOC_HUGE_ONLY_P2P,
  ACL_MEM_MALLOC_NORMAL_ONLY_P2P,
} aclrtMemMallocPolicy;

// B3 Host runtime: copy kinds [src]. ACL_MEMCPY_DEFAULT (direction from the addresses) is
// [uncertain] for CANN 8.0.
typedef enum aclrtMemcpyKind {
  ACL_MEMCPY_HOST_TO_HOST,
  ACL_MEMCPY_HOST_TO_DEVICE,
  ACL_MEMCPY_DEVICE_TO_HOST,
  ACL_MEMCPY_DEVICE_TO_DEVICE,
  ACL_MEMCPY_DEFAULT,
} aclrtMemcpyKind;

// B3 Host runtime: init, device, stream [src: add_tpipe_tque.asc; Ascend/samples Add main.cpp].
aclError aclInit(const char *configPath);  // aclInit(nullptr) for the default configuration
aclError aclFinalize(void);
aclError aclrtSetDevice(int32_t deviceId);
aclError aclrtResetDevice(int32_t deviceId);
aclError aclrtGetDevice(int32_t *deviceId);         // [uncertain: not in targets.md]
aclError aclrtGetDeviceCount(uint32_t *count);      // [uncertain: not in targets.md]
aclError aclrtCreateStream(aclrtStream *stream);
aclError aclrtDestroyStream(aclrtStream stream);
aclError aclrtSynchronizeStream(aclrtStream stream);
aclError aclrtSynchronizeDevice(void);              // [uncertain: not in targets.md]

// B3 Host runtime: memory. Note the extra destMax (capacity of dst in bytes) of aclrtMemcpy and
// the maxCount of aclrtMemset [src; aclrtMemset/aclrtMemcpyAsync: public AscendCL docs].
aclError aclrtMalloc(void **devPtr, size_t size, aclrtMemMallocPolicy policy);
aclError aclrtMallocHost(void **hostPtr, size_t size);
aclError aclrtFree(void *devPtr);
aclError aclrtFreeHost(void *hostPtr);
aclError aclrtMemcpy(void *dst, size_t destMax, const void *src, size_t count, aclrtMemcpyKind kind);
aclError aclrtMemcpyAsync(void *dst, size_t destMax, const void *src, size_t count,
                          aclrtMemcpyKind kind, aclrtStream stream);
aclError aclrtMemset(void *devPtr, size_t maxCount, int32_t value, size_t count);

// B3 Host runtime: events for timing; aclrtEventElapsedTime gives milliseconds [public AscendCL
// docs; not in targets.md].
aclError aclrtCreateEvent(aclrtEvent *event);
aclError aclrtDestroyEvent(aclrtEvent event);
aclError aclrtRecordEvent(aclrtEvent event, aclrtStream stream);
aclError aclrtSynchronizeEvent(aclrtEvent event);
aclError aclrtEventElapsedTime(float *ms, aclrtEvent startEvent, aclrtEvent endEvent);

// B3 Host runtime: last error message of this thread [public AscendCL docs].
const char *aclGetRecentErrMsg(void);

#if defined(__cplusplus)
}  // extern "C"
#endif

// B3 Launch: `kernel<<<numBlocks, l2ctrl /*nullptr*/, stream>>>(args)`, numBlocks in [1, 65535].
// CANN 8.0 reads the second argument as l2ctrl (a pointer; pass nullptr); CANN 9.x reads it as
// dynUBufSize, where 0 is usual. Modelled as `void*`, so both nullptr and a literal 0 pass.
// (Check mode only; see common/kport_check_prelude.h.)
#if defined(__CUDA__)
KPORT_DECLARE_LAUNCH_CONFIG(uint32_t numBlocks, void *l2ctrl, aclrtStream stream)
#endif

#endif  // KPORT_VENDOR_ACL_H
