/* Memory: device allocations live in the interpreter's device memory (the Swift half), at
 * addresses the host cannot dereference; managed allocations are interpreter buffers the host
 * reaches directly; pinned host memory is ordinary host memory. Copies and sets run at once,
 * whatever the stream. Symbols are found from their host shadows (__cudaRegisterVar). */
#include <stdlib.h>
#include <string.h>
#include "cuda_runtime_api.h"
#include "kport_cuda_bridge.h"

#define KPORT_RETURN(status) return (cudaError_t)kport_status(status)

cudaError_t cudaMalloc(void **pointer, size_t size) {
  if (!pointer) KPORT_RETURN(cudaErrorInvalidValue);
  KPORT_RETURN(kport_rt_malloc(pointer, size, 0));
}

cudaError_t cudaMallocManaged(void **pointer, size_t size, unsigned int flags) {
  (void)flags;
  if (!pointer) KPORT_RETURN(cudaErrorInvalidValue);
  KPORT_RETURN(kport_rt_malloc(pointer, size, 1));
}

cudaError_t cudaMallocAsync(void **pointer, size_t size, cudaStream_t stream) {
  (void)stream;
  return cudaMalloc(pointer, size);
}

cudaError_t cudaMallocPitch(void **pointer, size_t *pitch, size_t width, size_t height) {
  if (!pitch) KPORT_RETURN(cudaErrorInvalidValue);
  *pitch = (width + 255) / 256 * 256;
  return cudaMalloc(pointer, *pitch * height);
}

cudaError_t cudaFree(void *pointer) { KPORT_RETURN(kport_rt_free(pointer)); }

cudaError_t cudaFreeAsync(void *pointer, cudaStream_t stream) {
  (void)stream;
  return cudaFree(pointer);
}

cudaError_t cudaMallocHost(void **pointer, size_t size) {
  if (!pointer) KPORT_RETURN(cudaErrorInvalidValue);
  if (posix_memalign(pointer, 256, size ? size : 1) != 0) KPORT_RETURN(cudaErrorMemoryAllocation);
  return cudaSuccess;
}

cudaError_t cudaHostAlloc(void **pointer, size_t size, unsigned int flags) {
  (void)flags;
  return cudaMallocHost(pointer, size);
}

cudaError_t cudaFreeHost(void *pointer) {
  free(pointer);
  return cudaSuccess;
}

cudaError_t cudaHostRegister(void *pointer, size_t size, unsigned int flags) {
  (void)pointer, (void)size, (void)flags;
  return cudaSuccess;
}

cudaError_t cudaHostUnregister(void *pointer) {
  (void)pointer;
  return cudaSuccess;
}

static int kport_valid_kind(enum cudaMemcpyKind kind) {
  return kind >= cudaMemcpyHostToHost && kind <= cudaMemcpyDefault;
}

cudaError_t cudaMemcpy(void *dst, const void *src, size_t count, enum cudaMemcpyKind kind) {
  if (!kport_valid_kind(kind)) KPORT_RETURN(cudaErrorInvalidMemcpyDirection);
  KPORT_RETURN(kport_rt_memcpy(dst, src, count));
}

cudaError_t cudaMemcpyAsync(void *dst, const void *src, size_t count, enum cudaMemcpyKind kind,
                            cudaStream_t stream) {
  (void)stream;
  return cudaMemcpy(dst, src, count, kind);
}

cudaError_t cudaMemcpy2D(void *dst, size_t dpitch, const void *src, size_t spitch, size_t width,
                         size_t height, enum cudaMemcpyKind kind) {
  if (!kport_valid_kind(kind)) KPORT_RETURN(cudaErrorInvalidMemcpyDirection);
  if (width > dpitch || width > spitch) KPORT_RETURN(cudaErrorInvalidPitchValue);
  for (size_t row = 0; row < height; row++) {
    int status = kport_rt_memcpy((char *)dst + row * dpitch, (const char *)src + row * spitch, width);
    if (status != cudaSuccess) KPORT_RETURN(status);
  }
  return cudaSuccess;
}

cudaError_t cudaMemcpy2DAsync(void *dst, size_t dpitch, const void *src, size_t spitch, size_t width,
                              size_t height, enum cudaMemcpyKind kind, cudaStream_t stream) {
  (void)stream;
  return cudaMemcpy2D(dst, dpitch, src, spitch, width, height, kind);
}

cudaError_t cudaMemcpyPeer(void *dst, int dst_device, const void *src, int src_device, size_t count) {
  if (dst_device != 0 || src_device != 0) KPORT_RETURN(cudaErrorInvalidDevice);
  KPORT_RETURN(kport_rt_memcpy(dst, src, count));
}

cudaError_t cudaMemset(void *pointer, int value, size_t count) {
  KPORT_RETURN(kport_rt_memset(pointer, value, count));
}

cudaError_t cudaMemsetAsync(void *pointer, int value, size_t count, cudaStream_t stream) {
  (void)stream;
  return cudaMemset(pointer, value, count);
}

cudaError_t cudaMemset2D(void *pointer, size_t pitch, int value, size_t width, size_t height) {
  for (size_t row = 0; row < height; row++) {
    int status = kport_rt_memset((char *)pointer + row * pitch, value, width);
    if (status != cudaSuccess) KPORT_RETURN(status);
  }
  return cudaSuccess;
}

/* The device address of `offset` bytes into `symbol`, checking that `count` bytes fit. */
static int kport_symbol_range(const void *symbol, size_t count, size_t offset, void **address) {
  uint64_t size = 0;
  int status = kport_rt_symbol(symbol, address, &size);
  if (status != cudaSuccess) return status;
  if (offset > size || count > size - offset) return cudaErrorInvalidValue;
  *address = (char *)*address + offset;
  return cudaSuccess;
}

cudaError_t cudaMemcpyToSymbol(const void *symbol, const void *src, size_t count, size_t offset,
                               enum cudaMemcpyKind kind) {
  if (!kport_valid_kind(kind)) KPORT_RETURN(cudaErrorInvalidMemcpyDirection);
  void *address = NULL;
  int status = kport_symbol_range(symbol, count, offset, &address);
  if (status != cudaSuccess) KPORT_RETURN(status);
  KPORT_RETURN(kport_rt_memcpy(address, src, count));
}

cudaError_t cudaMemcpyFromSymbol(void *dst, const void *symbol, size_t count, size_t offset,
                                 enum cudaMemcpyKind kind) {
  if (!kport_valid_kind(kind)) KPORT_RETURN(cudaErrorInvalidMemcpyDirection);
  void *address = NULL;
  int status = kport_symbol_range(symbol, count, offset, &address);
  if (status != cudaSuccess) KPORT_RETURN(status);
  KPORT_RETURN(kport_rt_memcpy(dst, address, count));
}

cudaError_t cudaMemcpyToSymbolAsync(const void *symbol, const void *src, size_t count, size_t offset,
                                    enum cudaMemcpyKind kind, cudaStream_t stream) {
  (void)stream;
  return cudaMemcpyToSymbol(symbol, src, count, offset, kind);
}

cudaError_t cudaMemcpyFromSymbolAsync(void *dst, const void *symbol, size_t count, size_t offset,
                                      enum cudaMemcpyKind kind, cudaStream_t stream) {
  (void)stream;
  return cudaMemcpyFromSymbol(dst, symbol, count, offset, kind);
}

cudaError_t cudaGetSymbolAddress(void **pointer, const void *symbol) {
  uint64_t size = 0;
  if (!pointer) KPORT_RETURN(cudaErrorInvalidValue);
  KPORT_RETURN(kport_rt_symbol(symbol, pointer, &size));
}

cudaError_t cudaGetSymbolSize(size_t *size, const void *symbol) {
  void *address = NULL;
  uint64_t bytes = 0;
  if (!size) KPORT_RETURN(cudaErrorInvalidValue);
  int status = kport_rt_symbol(symbol, &address, &bytes);
  *size = (size_t)bytes;
  KPORT_RETURN(status);
}

cudaError_t cudaMemGetInfo(size_t *free_bytes, size_t *total_bytes) {
  if (free_bytes) *free_bytes = (size_t)38 << 30;
  if (total_bytes) *total_bytes = (size_t)40 << 30;
  return cudaSuccess;
}

cudaError_t cudaPointerGetAttributes(struct cudaPointerAttributes *attributes, const void *pointer) {
  if (!attributes) KPORT_RETURN(cudaErrorInvalidValue);
  memset(attributes, 0, sizeof *attributes);
  switch (kport_rt_pointer_kind(pointer)) {
  case 1:
    attributes->type = cudaMemoryTypeDevice;
    attributes->devicePointer = (void *)pointer;
    break;
  case 2:
    attributes->type = cudaMemoryTypeManaged;
    attributes->devicePointer = (void *)pointer;
    attributes->hostPointer = (void *)pointer;
    break;
  default:
    attributes->type = cudaMemoryTypeUnregistered;
    attributes->hostPointer = (void *)pointer;
    break;
  }
  return cudaSuccess;
}

cudaError_t cudaMemPrefetchAsync(const void *pointer, size_t count, int device, cudaStream_t stream) {
  (void)pointer, (void)count, (void)device, (void)stream;
  return cudaSuccess;
}

cudaError_t cudaMemAdvise(const void *pointer, size_t count, enum cudaMemoryAdvise advice, int device) {
  (void)pointer, (void)count, (void)advice, (void)device;
  return cudaSuccess;
}
