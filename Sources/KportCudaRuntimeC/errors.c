/* cudaGetErrorName / cudaGetErrorString and the last-error state of kport's CUDA runtime. The
 * names follow the bundled driver_types.h (enum cudaError); the strings are CUDA's wording for
 * the errors programs commonly print, the name otherwise. */
#include "cuda_runtime_api.h"
#include "kport_cuda_bridge.h"

struct kport_error_text { int code; const char *name; const char *text; };

static const struct kport_error_text kport_errors[] = {
  {0, "cudaSuccess", "no error"},
  {1, "cudaErrorInvalidValue", "invalid argument"},
  {2, "cudaErrorMemoryAllocation", "out of memory"},
  {3, "cudaErrorInitializationError", "initialization error"},
  {4, "cudaErrorCudartUnloading", NULL},
  {5, "cudaErrorProfilerDisabled", NULL},
  {6, "cudaErrorProfilerNotInitialized", NULL},
  {7, "cudaErrorProfilerAlreadyStarted", NULL},
  {8, "cudaErrorProfilerAlreadyStopped", NULL},
  {9, "cudaErrorInvalidConfiguration", "invalid configuration argument"},
  {12, "cudaErrorInvalidPitchValue", NULL},
  {13, "cudaErrorInvalidSymbol", "invalid device symbol"},
  {16, "cudaErrorInvalidHostPointer", NULL},
  {17, "cudaErrorInvalidDevicePointer", "invalid device pointer"},
  {18, "cudaErrorInvalidTexture", NULL},
  {19, "cudaErrorInvalidTextureBinding", NULL},
  {20, "cudaErrorInvalidChannelDescriptor", NULL},
  {21, "cudaErrorInvalidMemcpyDirection", "invalid copy direction for memcpy"},
  {22, "cudaErrorAddressOfConstant", NULL},
  {23, "cudaErrorTextureFetchFailed", NULL},
  {24, "cudaErrorTextureNotBound", NULL},
  {25, "cudaErrorSynchronizationError", NULL},
  {26, "cudaErrorInvalidFilterSetting", NULL},
  {27, "cudaErrorInvalidNormSetting", NULL},
  {28, "cudaErrorMixedDeviceExecution", NULL},
  {31, "cudaErrorNotYetImplemented", "function not yet implemented"},
  {32, "cudaErrorMemoryValueTooLarge", NULL},
  {34, "cudaErrorStubLibrary", NULL},
  {35, "cudaErrorInsufficientDriver", NULL},
  {36, "cudaErrorCallRequiresNewerDriver", NULL},
  {37, "cudaErrorInvalidSurface", NULL},
  {43, "cudaErrorDuplicateVariableName", NULL},
  {44, "cudaErrorDuplicateTextureName", NULL},
  {45, "cudaErrorDuplicateSurfaceName", NULL},
  {46, "cudaErrorDevicesUnavailable", NULL},
  {49, "cudaErrorIncompatibleDriverContext", NULL},
  {52, "cudaErrorMissingConfiguration", "__global__ function call is not configured"},
  {53, "cudaErrorPriorLaunchFailure", NULL},
  {65, "cudaErrorLaunchMaxDepthExceeded", NULL},
  {66, "cudaErrorLaunchFileScopedTex", NULL},
  {67, "cudaErrorLaunchFileScopedSurf", NULL},
  {68, "cudaErrorSyncDepthExceeded", NULL},
  {69, "cudaErrorLaunchPendingCountExceeded", NULL},
  {98, "cudaErrorInvalidDeviceFunction", "invalid device function"},
  {100, "cudaErrorNoDevice", "no CUDA-capable device is detected"},
  {101, "cudaErrorInvalidDevice", "invalid device ordinal"},
  {102, "cudaErrorDeviceNotLicensed", NULL},
  {103, "cudaErrorSoftwareValidityNotEstablished", NULL},
  {127, "cudaErrorStartupFailure", NULL},
  {200, "cudaErrorInvalidKernelImage", NULL},
  {201, "cudaErrorDeviceUninitialized", NULL},
  {205, "cudaErrorMapBufferObjectFailed", NULL},
  {206, "cudaErrorUnmapBufferObjectFailed", NULL},
  {207, "cudaErrorArrayIsMapped", NULL},
  {208, "cudaErrorAlreadyMapped", NULL},
  {209, "cudaErrorNoKernelImageForDevice", NULL},
  {210, "cudaErrorAlreadyAcquired", NULL},
  {211, "cudaErrorNotMapped", NULL},
  {212, "cudaErrorNotMappedAsArray", NULL},
  {213, "cudaErrorNotMappedAsPointer", NULL},
  {214, "cudaErrorECCUncorrectable", NULL},
  {215, "cudaErrorUnsupportedLimit", NULL},
  {216, "cudaErrorDeviceAlreadyInUse", NULL},
  {217, "cudaErrorPeerAccessUnsupported", NULL},
  {218, "cudaErrorInvalidPtx", NULL},
  {219, "cudaErrorInvalidGraphicsContext", NULL},
  {220, "cudaErrorNvlinkUncorrectable", NULL},
  {221, "cudaErrorJitCompilerNotFound", NULL},
  {222, "cudaErrorUnsupportedPtxVersion", NULL},
  {223, "cudaErrorJitCompilationDisabled", NULL},
  {224, "cudaErrorUnsupportedExecAffinity", NULL},
  {225, "cudaErrorUnsupportedDevSideSync", NULL},
  {300, "cudaErrorInvalidSource", NULL},
  {301, "cudaErrorFileNotFound", NULL},
  {302, "cudaErrorSharedObjectSymbolNotFound", NULL},
  {303, "cudaErrorSharedObjectInitFailed", NULL},
  {304, "cudaErrorOperatingSystem", NULL},
  {400, "cudaErrorInvalidResourceHandle", "invalid resource handle"},
  {401, "cudaErrorIllegalState", NULL},
  {402, "cudaErrorLossyQuery", NULL},
  {500, "cudaErrorSymbolNotFound", NULL},
  {600, "cudaErrorNotReady", "device not ready"},
  {700, "cudaErrorIllegalAddress", "an illegal memory access was encountered"},
  {701, "cudaErrorLaunchOutOfResources", "too many resources requested for launch"},
  {702, "cudaErrorLaunchTimeout", NULL},
  {703, "cudaErrorLaunchIncompatibleTexturing", NULL},
  {704, "cudaErrorPeerAccessAlreadyEnabled", NULL},
  {705, "cudaErrorPeerAccessNotEnabled", NULL},
  {708, "cudaErrorSetOnActiveProcess", NULL},
  {709, "cudaErrorContextIsDestroyed", NULL},
  {710, "cudaErrorAssert", "device-side assert triggered"},
  {711, "cudaErrorTooManyPeers", NULL},
  {712, "cudaErrorHostMemoryAlreadyRegistered", NULL},
  {713, "cudaErrorHostMemoryNotRegistered", NULL},
  {714, "cudaErrorHardwareStackError", NULL},
  {715, "cudaErrorIllegalInstruction", "an illegal instruction was encountered"},
  {716, "cudaErrorMisalignedAddress", "misaligned address"},
  {717, "cudaErrorInvalidAddressSpace", NULL},
  {718, "cudaErrorInvalidPc", NULL},
  {719, "cudaErrorLaunchFailure", "unspecified launch failure"},
  {720, "cudaErrorCooperativeLaunchTooLarge", NULL},
  {800, "cudaErrorNotPermitted", NULL},
  {801, "cudaErrorNotSupported", "operation not supported"},
  {802, "cudaErrorSystemNotReady", NULL},
  {803, "cudaErrorSystemDriverMismatch", NULL},
  {804, "cudaErrorCompatNotSupportedOnDevice", NULL},
  {805, "cudaErrorMpsConnectionFailed", NULL},
  {806, "cudaErrorMpsRpcFailure", NULL},
  {807, "cudaErrorMpsServerNotReady", NULL},
  {808, "cudaErrorMpsMaxClientsReached", NULL},
  {809, "cudaErrorMpsMaxConnectionsReached", NULL},
  {810, "cudaErrorMpsClientTerminated", NULL},
  {811, "cudaErrorCdpNotSupported", NULL},
  {812, "cudaErrorCdpVersionMismatch", NULL},
  {900, "cudaErrorStreamCaptureUnsupported", NULL},
  {901, "cudaErrorStreamCaptureInvalidated", NULL},
  {902, "cudaErrorStreamCaptureMerge", NULL},
  {903, "cudaErrorStreamCaptureUnmatched", NULL},
  {904, "cudaErrorStreamCaptureUnjoined", NULL},
  {905, "cudaErrorStreamCaptureIsolation", NULL},
  {906, "cudaErrorStreamCaptureImplicit", NULL},
  {907, "cudaErrorCapturedEvent", NULL},
  {908, "cudaErrorStreamCaptureWrongThread", NULL},
  {909, "cudaErrorTimeout", NULL},
  {910, "cudaErrorGraphExecUpdateFailure", NULL},
  {911, "cudaErrorExternalDevice", NULL},
  {912, "cudaErrorInvalidClusterSize", NULL},
  {999, "cudaErrorUnknown", "unknown error"},
  {10000, "cudaErrorApiFailureBase", NULL},
};

static _Thread_local cudaError_t kport_last_error = cudaSuccess;

int kport_status(int status) {
  if (status != cudaSuccess) kport_last_error = (cudaError_t)status;
  return status;
}

static const struct kport_error_text *kport_find_error(cudaError_t error) {
  for (size_t i = 0; i < sizeof kport_errors / sizeof kport_errors[0]; i++)
    if (kport_errors[i].code == (int)error) return &kport_errors[i];
  return NULL;
}

const char *cudaGetErrorName(cudaError_t error) {
  const struct kport_error_text *found = kport_find_error(error);
  return found ? found->name : "cudaErrorUnknown";
}

const char *cudaGetErrorString(cudaError_t error) {
  const struct kport_error_text *found = kport_find_error(error);
  if (!found) return "unknown error";
  return found->text ? found->text : found->name;
}

cudaError_t cudaGetLastError(void) {
  cudaError_t error = kport_last_error;
  kport_last_error = cudaSuccess;
  return error;
}

cudaError_t cudaPeekAtLastError(void) { return kport_last_error; }
