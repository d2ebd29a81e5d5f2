/* Device management: one device, described as the A100 the cost model prices CUDA kernels on
 * (named after the machine the estimates are for), and the calls that set preferences kport
 * has no use for (cache configuration, limits, function attributes), which succeed. */
#include <stdio.h>
#include <string.h>
#include "cuda_runtime_api.h"
#include "kport_cuda_bridge.h"

#define KPORT_RETURN(status) return (cudaError_t)kport_status(status)

static int kport_device = 0;

cudaError_t cudaGetDeviceCount(int *count) {
  if (!count) KPORT_RETURN(cudaErrorInvalidValue);
  *count = 1;
  return cudaSuccess;
}

cudaError_t cudaSetDevice(int device) {
  if (device != 0) KPORT_RETURN(cudaErrorInvalidDevice);
  kport_device = device;
  return cudaSuccess;
}

cudaError_t cudaGetDevice(int *device) {
  if (!device) KPORT_RETURN(cudaErrorInvalidValue);
  *device = kport_device;
  return cudaSuccess;
}

cudaError_t cudaChooseDevice(int *device, const struct cudaDeviceProp *prop) {
  (void)prop;
  return cudaGetDevice(device);
}

cudaError_t cudaInitDevice(int device, unsigned int device_flags, unsigned int flags) {
  (void)device_flags, (void)flags;
  return device == 0 ? cudaSuccess : (cudaError_t)kport_status(cudaErrorInvalidDevice);
}

cudaError_t cudaSetDeviceFlags(unsigned int flags) {
  (void)flags;
  return cudaSuccess;
}

cudaError_t cudaGetDeviceFlags(unsigned int *flags) {
  if (flags) *flags = 0;
  return cudaSuccess;
}

cudaError_t cudaGetDeviceProperties(struct cudaDeviceProp *prop, int device) {
  if (!prop) KPORT_RETURN(cudaErrorInvalidValue);
  if (device != 0) KPORT_RETURN(cudaErrorInvalidDevice);
  memset(prop, 0, sizeof *prop);
  snprintf(prop->name, sizeof prop->name, "kport interpreter (%s model)", kport_rt_machine_name());
  prop->totalGlobalMem = (size_t)40 << 30;
  prop->sharedMemPerBlock = 48 << 10;
  prop->regsPerBlock = 65536;
  prop->warpSize = 32;
  prop->memPitch = (size_t)1 << 31;
  prop->maxThreadsPerBlock = 1024;
  prop->maxThreadsDim[0] = 1024, prop->maxThreadsDim[1] = 1024, prop->maxThreadsDim[2] = 64;
  prop->maxGridSize[0] = 2147483647, prop->maxGridSize[1] = 65535, prop->maxGridSize[2] = 65535;
  prop->clockRate = 1410000;
  prop->totalConstMem = 65536;
  prop->major = 8;
  prop->minor = 0;
  prop->textureAlignment = 512;
  prop->texturePitchAlignment = 32;
  prop->deviceOverlap = 1;
  prop->multiProcessorCount = 108;
  prop->concurrentKernels = 1;
  prop->asyncEngineCount = 2;
  prop->unifiedAddressing = 1;
  prop->memoryClockRate = 1215000;
  prop->memoryBusWidth = 5120;
  prop->l2CacheSize = 40 << 20;
  prop->maxThreadsPerMultiProcessor = 2048;
  prop->globalL1CacheSupported = 1;
  prop->localL1CacheSupported = 1;
  prop->sharedMemPerMultiprocessor = 164 << 10;
  prop->regsPerMultiprocessor = 65536;
  prop->managedMemory = 1;
  prop->concurrentManagedAccess = 1;
  prop->cooperativeLaunch = 1;
  prop->sharedMemPerBlockOptin = 163 << 10;
  return cudaSuccess;
}

cudaError_t cudaDeviceGetAttribute(int *value, enum cudaDeviceAttr attr, int device) {
  if (!value) KPORT_RETURN(cudaErrorInvalidValue);
  struct cudaDeviceProp prop;
  cudaError_t status = cudaGetDeviceProperties(&prop, device);
  if (status != cudaSuccess) return status;
  switch (attr) {
  case cudaDevAttrMaxThreadsPerBlock: *value = prop.maxThreadsPerBlock; break;
  case cudaDevAttrMaxBlockDimX: *value = prop.maxThreadsDim[0]; break;
  case cudaDevAttrMaxBlockDimY: *value = prop.maxThreadsDim[1]; break;
  case cudaDevAttrMaxBlockDimZ: *value = prop.maxThreadsDim[2]; break;
  case cudaDevAttrMaxGridDimX: *value = prop.maxGridSize[0]; break;
  case cudaDevAttrMaxGridDimY: *value = prop.maxGridSize[1]; break;
  case cudaDevAttrMaxGridDimZ: *value = prop.maxGridSize[2]; break;
  case cudaDevAttrMaxSharedMemoryPerBlock: *value = (int)prop.sharedMemPerBlock; break;
  case cudaDevAttrTotalConstantMemory: *value = (int)prop.totalConstMem; break;
  case cudaDevAttrWarpSize: *value = prop.warpSize; break;
  case cudaDevAttrMaxRegistersPerBlock: *value = prop.regsPerBlock; break;
  case cudaDevAttrClockRate: *value = prop.clockRate; break;
  case cudaDevAttrMultiProcessorCount: *value = prop.multiProcessorCount; break;
  case cudaDevAttrMemoryClockRate: *value = prop.memoryClockRate; break;
  case cudaDevAttrGlobalMemoryBusWidth: *value = prop.memoryBusWidth; break;
  case cudaDevAttrL2CacheSize: *value = prop.l2CacheSize; break;
  case cudaDevAttrMaxThreadsPerMultiProcessor: *value = prop.maxThreadsPerMultiProcessor; break;
  case cudaDevAttrUnifiedAddressing: *value = 1; break;
  case cudaDevAttrComputeCapabilityMajor: *value = prop.major; break;
  case cudaDevAttrComputeCapabilityMinor: *value = prop.minor; break;
  case cudaDevAttrMaxSharedMemoryPerMultiprocessor: *value = (int)prop.sharedMemPerMultiprocessor; break;
  case cudaDevAttrManagedMemory: *value = 1; break;
  case cudaDevAttrConcurrentManagedAccess: *value = 1; break;
  case cudaDevAttrCooperativeLaunch: *value = 1; break;
  case cudaDevAttrMaxSharedMemoryPerBlockOptin: *value = (int)prop.sharedMemPerBlockOptin; break;
  default: *value = 0; break;
  }
  return cudaSuccess;
}

cudaError_t cudaDeviceSynchronize(void) { return cudaSuccess; }
cudaError_t cudaThreadSynchronize(void) { return cudaSuccess; }
cudaError_t cudaDeviceReset(void) { return cudaSuccess; }
cudaError_t cudaThreadExit(void) { return cudaSuccess; }

cudaError_t cudaDriverGetVersion(int *version) {
  if (!version) KPORT_RETURN(cudaErrorInvalidValue);
  *version = CUDART_VERSION;
  return cudaSuccess;
}

cudaError_t cudaRuntimeGetVersion(int *version) { return cudaDriverGetVersion(version); }

cudaError_t cudaDeviceSetLimit(enum cudaLimit limit, size_t value) {
  (void)limit, (void)value;
  return cudaSuccess;
}

cudaError_t cudaDeviceGetLimit(size_t *value, enum cudaLimit limit) {
  (void)limit;
  if (!value) KPORT_RETURN(cudaErrorInvalidValue);
  *value = 1 << 20;
  return cudaSuccess;
}

cudaError_t cudaDeviceSetCacheConfig(enum cudaFuncCache config) {
  (void)config;
  return cudaSuccess;
}

cudaError_t cudaDeviceGetCacheConfig(enum cudaFuncCache *config) {
  if (config) *config = cudaFuncCachePreferNone;
  return cudaSuccess;
}

cudaError_t cudaDeviceSetSharedMemConfig(enum cudaSharedMemConfig config) {
  (void)config;
  return cudaSuccess;
}

cudaError_t cudaDeviceGetStreamPriorityRange(int *least, int *greatest) {
  if (least) *least = 0;
  if (greatest) *greatest = -5;
  return cudaSuccess;
}

cudaError_t cudaDeviceCanAccessPeer(int *can_access, int device, int peer) {
  (void)device, (void)peer;
  if (can_access) *can_access = 0;
  return cudaSuccess;
}

cudaError_t cudaFuncSetAttribute(const void *func, enum cudaFuncAttribute attr, int value) {
  (void)func, (void)attr, (void)value;
  return cudaSuccess;
}

cudaError_t cudaFuncSetCacheConfig(const void *func, enum cudaFuncCache config) {
  (void)func, (void)config;
  return cudaSuccess;
}

cudaError_t cudaFuncSetSharedMemConfig(const void *func, enum cudaSharedMemConfig config) {
  (void)func, (void)config;
  return cudaSuccess;
}

cudaError_t cudaFuncGetAttributes(struct cudaFuncAttributes *attributes, const void *func) {
  (void)func;
  if (!attributes) KPORT_RETURN(cudaErrorInvalidValue);
  memset(attributes, 0, sizeof *attributes);
  attributes->maxThreadsPerBlock = 1024;
  attributes->numRegs = 32;
  attributes->ptxVersion = 80;
  attributes->binaryVersion = 80;
  attributes->maxDynamicSharedSizeBytes = 48 << 10;
  return cudaSuccess;
}

/* Occupancy as the A100 would give it for a kernel of 32 registers per thread and no more
 * shared memory than asked: threads per SM over the block size, at most 32 blocks. */
cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessor(int *blocks, const void *func, int block_size,
                                                          size_t shared_bytes) {
  (void)func;
  if (!blocks || block_size <= 0) KPORT_RETURN(cudaErrorInvalidValue);
  int by_threads = 2048 / block_size;
  int by_shared = shared_bytes ? (int)((164u << 10) / shared_bytes) : 32;
  int found = by_threads < by_shared ? by_threads : by_shared;
  *blocks = found > 32 ? 32 : found;
  return cudaSuccess;
}

cudaError_t cudaOccupancyMaxActiveBlocksPerMultiprocessorWithFlags(int *blocks, const void *func,
                                                                   int block_size, size_t shared_bytes,
                                                                   unsigned int flags) {
  (void)flags;
  return cudaOccupancyMaxActiveBlocksPerMultiprocessor(blocks, func, block_size, shared_bytes);
}

cudaError_t cudaProfilerStart(void) { return cudaSuccess; }
cudaError_t cudaProfilerStop(void) { return cudaSuccess; }
