/* The CUDA runtime calls kport does not implement: each one a stub that names the call on
 * standard error (once) and returns cudaErrorNotSupported, never a crash. The list is every
 * function of the bundled cuda_runtime_api.h returning cudaError_t that the other files do not
 * define (ExecTests checks it). This file includes no CUDA header: a stub takes no
 * parameters, which the C calling convention allows whatever the caller passes. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "kport_cuda_bridge.h"

enum { kport_not_supported = 801, kport_reported_capacity = 64 };

static pthread_mutex_t kport_reported_lock = PTHREAD_MUTEX_INITIALIZER;
static const char *kport_reported[kport_reported_capacity];
static int kport_reported_count = 0;

int kport_unsupported(const char *name) {
  int first = 1;
  pthread_mutex_lock(&kport_reported_lock);
  for (int i = 0; i < kport_reported_count; i++)
    if (strcmp(kport_reported[i], name) == 0) first = 0;
  if (first && kport_reported_count < kport_reported_capacity) kport_reported[kport_reported_count++] = name;
  pthread_mutex_unlock(&kport_reported_lock);
  if (first) {
    fflush(stdout);
    fprintf(stderr, "kport: error: %s is not implemented by kport's CUDA runtime; it returns "
                    "cudaErrorNotSupported [KP9505]\n", name);
    /* `kport exec` fails the run even when the program ignores the error. */
    const char *report = getenv("KPORT_EXEC_REPORT");
    FILE *file = report && *report ? fopen(report, "a") : NULL;
    if (file) {
      fprintf(file, "unsupported %s\n", name);
      fclose(file);
    }
  }
  return kport_status(kport_not_supported);
}

#define KPORT_UNSUPPORTED(name) \
  int name(void);               \
  int name(void) { return kport_unsupported(#name); }

KPORT_UNSUPPORTED(cudaDeviceGetSharedMemConfig)
KPORT_UNSUPPORTED(cudaDeviceGetByPCIBusId)
KPORT_UNSUPPORTED(cudaDeviceGetPCIBusId)
KPORT_UNSUPPORTED(cudaDeviceGetP2PAttribute)
KPORT_UNSUPPORTED(cudaDeviceGetDefaultMemPool)
KPORT_UNSUPPORTED(cudaDeviceGetMemPool)
KPORT_UNSUPPORTED(cudaDeviceSetMemPool)
KPORT_UNSUPPORTED(cudaIpcGetEventHandle)
KPORT_UNSUPPORTED(cudaIpcOpenEventHandle)
KPORT_UNSUPPORTED(cudaIpcGetMemHandle)
KPORT_UNSUPPORTED(cudaIpcOpenMemHandle)
KPORT_UNSUPPORTED(cudaIpcCloseMemHandle)
KPORT_UNSUPPORTED(cudaThreadSetLimit)
KPORT_UNSUPPORTED(cudaThreadGetLimit)
KPORT_UNSUPPORTED(cudaThreadSetCacheConfig)
KPORT_UNSUPPORTED(cudaSetValidDevices)
KPORT_UNSUPPORTED(cudaDeviceEnablePeerAccess)
KPORT_UNSUPPORTED(cudaDeviceDisablePeerAccess)
KPORT_UNSUPPORTED(cudaStreamGetId)
KPORT_UNSUPPORTED(cudaCtxResetPersistingL2Cache)
KPORT_UNSUPPORTED(cudaStreamCopyAttributes)
KPORT_UNSUPPORTED(cudaStreamGetAttribute)
KPORT_UNSUPPORTED(cudaStreamSetAttribute)
KPORT_UNSUPPORTED(cudaStreamAttachMemAsync)
KPORT_UNSUPPORTED(cudaStreamBeginCapture)
KPORT_UNSUPPORTED(cudaThreadExchangeStreamCaptureMode)
KPORT_UNSUPPORTED(cudaStreamEndCapture)
KPORT_UNSUPPORTED(cudaStreamIsCapturing)
KPORT_UNSUPPORTED(cudaLaunchKernelExC)
KPORT_UNSUPPORTED(cudaLaunchCooperativeKernelMultiDevice)
KPORT_UNSUPPORTED(cudaFuncGetName)
KPORT_UNSUPPORTED(cudaSetDoubleForDevice)
KPORT_UNSUPPORTED(cudaSetDoubleForHost)
KPORT_UNSUPPORTED(cudaOccupancyAvailableDynamicSMemPerBlock)
KPORT_UNSUPPORTED(cudaOccupancyMaxPotentialClusterSize)
KPORT_UNSUPPORTED(cudaOccupancyMaxActiveClusters)
KPORT_UNSUPPORTED(cudaMallocArray)
KPORT_UNSUPPORTED(cudaFreeArray)
KPORT_UNSUPPORTED(cudaFreeMipmappedArray)
KPORT_UNSUPPORTED(cudaHostGetDevicePointer)
KPORT_UNSUPPORTED(cudaHostGetFlags)
KPORT_UNSUPPORTED(cudaMalloc3D)
KPORT_UNSUPPORTED(cudaMalloc3DArray)
KPORT_UNSUPPORTED(cudaMallocMipmappedArray)
KPORT_UNSUPPORTED(cudaArrayGetInfo)
KPORT_UNSUPPORTED(cudaMemcpy3D)
KPORT_UNSUPPORTED(cudaMemcpy3DAsync)
KPORT_UNSUPPORTED(cudaMemcpy2DToArray)
KPORT_UNSUPPORTED(cudaMemcpy2DFromArray)
KPORT_UNSUPPORTED(cudaMemcpy2DArrayToArray)
KPORT_UNSUPPORTED(cudaMemcpyToArray)
KPORT_UNSUPPORTED(cudaMemcpyFromArray)
KPORT_UNSUPPORTED(cudaMemcpyPeerAsync)
KPORT_UNSUPPORTED(cudaMemcpy2DToArrayAsync)
KPORT_UNSUPPORTED(cudaMemcpy2DFromArrayAsync)
KPORT_UNSUPPORTED(cudaMemcpyToArrayAsync)
KPORT_UNSUPPORTED(cudaMemcpyFromArrayAsync)
KPORT_UNSUPPORTED(cudaMemset3D)
KPORT_UNSUPPORTED(cudaMemset2DAsync)
KPORT_UNSUPPORTED(cudaMemset3DAsync)
KPORT_UNSUPPORTED(cudaMemRangeGetAttribute)
KPORT_UNSUPPORTED(cudaMallocFromPoolAsync)
KPORT_UNSUPPORTED(cudaMemPoolTrimTo)
KPORT_UNSUPPORTED(cudaMemPoolSetAttribute)
KPORT_UNSUPPORTED(cudaMemPoolGetAttribute)
KPORT_UNSUPPORTED(cudaGetChannelDesc)
KPORT_UNSUPPORTED(cudaCreateTextureObject)
KPORT_UNSUPPORTED(cudaDestroyTextureObject)
KPORT_UNSUPPORTED(cudaGetTextureObjectResourceDesc)
KPORT_UNSUPPORTED(cudaGetTextureObjectTextureDesc)
KPORT_UNSUPPORTED(cudaCreateSurfaceObject)
KPORT_UNSUPPORTED(cudaDestroySurfaceObject)
KPORT_UNSUPPORTED(cudaBindTexture)
KPORT_UNSUPPORTED(cudaBindTexture2D)
KPORT_UNSUPPORTED(cudaBindTextureToArray)
KPORT_UNSUPPORTED(cudaUnbindTexture)
KPORT_UNSUPPORTED(cudaGetTextureReference)
KPORT_UNSUPPORTED(cudaGraphCreate)
KPORT_UNSUPPORTED(cudaGraphInstantiate)
KPORT_UNSUPPORTED(cudaGraphInstantiateWithFlags)
KPORT_UNSUPPORTED(cudaGraphLaunch)
KPORT_UNSUPPORTED(cudaGraphUpload)
KPORT_UNSUPPORTED(cudaGraphExecDestroy)
KPORT_UNSUPPORTED(cudaGraphDestroy)
KPORT_UNSUPPORTED(cudaGraphGetNodes)
KPORT_UNSUPPORTED(cudaGraphAddKernelNode)
KPORT_UNSUPPORTED(cudaGraphAddMemcpyNode)
KPORT_UNSUPPORTED(cudaGraphAddMemsetNode)
KPORT_UNSUPPORTED(cudaGraphAddHostNode)
KPORT_UNSUPPORTED(cudaGraphAddEmptyNode)
KPORT_UNSUPPORTED(cudaGraphKernelNodeSetParams)
KPORT_UNSUPPORTED(cudaGraphExecKernelNodeSetParams)
