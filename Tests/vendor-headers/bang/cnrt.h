// cnrt.h — kport's declaration-only model of the Cambricon CNRT host runtime.
//
// What it is: declarations only, written by kport from the facts in /work/shared/docs/targets.md
// (PART A; cited sections below), not vendor code. It exists so that tests can syntax-check
// emitted BANG C host code with clang on a machine without the Cambricon SDK; it cannot link or
// run anything. Models: CNToolkit 3.x / CNRT 6.x spelling (cnrtQueueCreate, cnrtFuncTypeUnion1,
// cnrtMemcpyHostToDev), target MLU370 (--bang-mlu-arch=mtp_372). The CNRT 4.x spellings
// (cnrtCreateQueue, CNRT_FUNC_TYPE_UNION1, CNRT_MEM_TRANS_DIR_HOST2DEV) are deliberately absent,
// so emitting them fails the check.
//
// Usable from plain C/C++ too; in clang CUDA mode (the check mode) it also declares the launch
// configuration for `kernel<<<cnrtDim3_t, cnrtFunctionType_t, cnrtQueue_t>>>(args)`.
#ifndef KPORT_VENDOR_CNRT_H
#define KPORT_VENDOR_CNRT_H

#include <stddef.h>
#include <stdint.h>

#if defined(__CUDA__)
#include "../common/kport_check_prelude.h"
#endif

#define CNRT_MAJOR_VERSION 6
#define CNRT_MINOR_VERSION 0
#define CNRT_PATCH_VERSION 0
#define CNRT_VERSION (CNRT_MAJOR_VERSION * 10000 + CNRT_MINOR_VERSION * 100 + CNRT_PATCH_VERSION)

#if defined(__cplusplus)
extern "C" {
#endif

// A4 Host runtime: return codes. Only the codes kport may test for; the numeric values follow a
// CNRT 6.x cnrt.h [src: targets.md A4 source list, "CNRT 6.x-style cnrt.h"].
typedef enum {
  cnrtSuccess = 0,
  cnrtErrorNotReady = 1,
  cnrtErrorInit = 100002,
  cnrtErrorNoDevice = 100004,
  cnrtErrorDeviceInvalid = 100005,
  cnrtErrorArgsInvalid = 100006,
  cnrtErrorSys = 100007,
  cnrtErrorSysNoMem = 100010,
  cnrtErrorNotSupport = 100050,
  cnrtErrorQueue = 100060,
  cnrtErrorNoMem = 100100,
  cnrtErrorNoKernel = 101312,
  cnrtErrorMemcpyDirectionInvalid = 632013,
  cnrtErrorCndrvFuncCall = 632015,
  cnrtErrorNoCnrtContext = 632019,
  cnrtErrorUnknown = 999991,
} cnrtRet_t;

// A3 Task model: launch dimension (struct { unsigned int x, y, z; }) [src].
typedef struct cnrtDim3 {
  unsigned int x;
  unsigned int y;
  unsigned int z;
} cnrtDim3_t;

// A3 Task model: function (task) types, CNRT >= 5/6 spelling. Emit the enumerator name, never a
// literal number: an int does not convert to this enum in C++, so `<<<dim, 4, q>>>` fails [src].
typedef enum {
  cnrtFuncTypeBlock = 1,
  cnrtFuncTypeUnion1 = 4,
  cnrtFuncTypeUnion2 = 8,
  cnrtFuncTypeUnion4 = 16,
  cnrtFuncTypeUnion8 = 32,
  cnrtFuncTypeUnion16 = 64,
} cnrtFunctionType_t;

// A4 Host runtime: copy directions [src].
typedef enum {
  cnrtMemcpyHostToDev = 0,
  cnrtMemcpyDevToDev,
  cnrtMemcpyDevToHost,
  cnrtMemcpyHostToHost,
  cnrtMemcpyPeerToPeer,
  cnrtMemcpyNoDirection,
} cnrtMemTransDir_t;

// A4 Host runtime: opaque handles (pointers to incomplete structs, as in CNRT).
struct cnrtQueue;
typedef struct cnrtQueue *cnrtQueue_t;
struct cnrtNotifier;
typedef struct cnrtNotifier *cnrtNotifier_t;

// A4 Host runtime: device attributes for cnrtDeviceGetAttribute. Not in targets.md; from a CNRT
// 6.x cnrt.h [uncertain: only the two attributes kport may query].
typedef enum {
  cnrtAttrClusterCount = 0x205,
  cnrtAttrMcorePerCluster = 0x206,
} cnrtDeviceAttr_t;

// A4 Host runtime: device management [src: guide sample; cnrt.h].
cnrtRet_t cnrtSetDevice(int device);
cnrtRet_t cnrtGetDevice(int *pDevice);
cnrtRet_t cnrtGetDeviceCount(unsigned int *pCount);  // [uncertain: not in targets.md; CNRT 6.x cnrt.h]
cnrtRet_t cnrtSyncDevice(void);                      // [uncertain: not in targets.md; CNRT 6.x cnrt.h]
cnrtRet_t cnrtDeviceGetAttribute(int *pValue, cnrtDeviceAttr_t attr, int device);  // [uncertain]

// A4 Host runtime: queues [src]. The launch is asynchronous; wait with cnrtQueueSync.
cnrtRet_t cnrtQueueCreate(cnrtQueue_t *pQueue);
cnrtRet_t cnrtQueueSync(cnrtQueue_t queue);
cnrtRet_t cnrtQueueDestroy(cnrtQueue_t queue);

// A4 Host runtime: memory [src]. Sizes are in bytes.
cnrtRet_t cnrtMalloc(void **pPtr, size_t bytes);
cnrtRet_t cnrtFree(void *ptr);
cnrtRet_t cnrtHostMalloc(void **pPtr, size_t bytes);  // [uncertain: not in targets.md; CNRT 6.x cnrt.h]
cnrtRet_t cnrtFreeHost(void *ptr);                    // [uncertain: not in targets.md; CNRT 6.x cnrt.h]
cnrtRet_t cnrtMemcpy(void *dst, void *src, size_t bytes, cnrtMemTransDir_t dir);
cnrtRet_t cnrtMemset(void *ptr, int value, size_t bytes);  // [uncertain: not in targets.md; CNRT 6.x cnrt.h]
// A4: "cnrtMemcpyAsync (exact parameter list not verified)" [uncertain]; this order (queue before
// dir) is the CNRT 6.x cnrt.h one.
cnrtRet_t cnrtMemcpyAsync(void *dst, void *src, size_t bytes, cnrtQueue_t queue, cnrtMemTransDir_t dir);

// A4 Host runtime: timing with notifiers [src: guide]. The duration is in microseconds.
cnrtRet_t cnrtNotifierCreate(cnrtNotifier_t *pNotifier);
cnrtRet_t cnrtNotifierDestroy(cnrtNotifier_t notifier);
cnrtRet_t cnrtPlaceNotifier(cnrtNotifier_t notifier, cnrtQueue_t queue);
cnrtRet_t cnrtNotifierDuration(cnrtNotifier_t start, cnrtNotifier_t end, float *us);
// Waits for a placed notifier (cudaEventSynchronize). [uncertain: not in targets.md; CNRT 6.x cnrt.h]
cnrtRet_t cnrtWaitNotifier(cnrtNotifier_t notifier);

// A4 Host runtime: errors. Not in targets.md; cnrtGetErrorStr is in every CNRT cnrt.h seen and
// cnrtGetLastError is used with CNRT 6.x (torch_mlu, DIPU) [uncertain: exact declaration].
const char *cnrtGetErrorStr(cnrtRet_t error);
cnrtRet_t cnrtGetLastError(void);

#if defined(__cplusplus)
}  // extern "C"
#endif

// A3 Task model: launch `kernel<<<cnrtDim3_t dim, cnrtFunctionType_t type, cnrtQueue_t queue>>>`.
// (Check mode only; see common/kport_check_prelude.h.)
#if defined(__CUDA__)
KPORT_DECLARE_LAUNCH_CONFIG(cnrtDim3_t dim, cnrtFunctionType_t type, cnrtQueue_t queue)
#endif

#endif  // KPORT_VENDOR_CNRT_H
