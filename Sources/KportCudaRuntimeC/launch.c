/* Kernel launches: clang lowers kernel<<<grid, block, shmem, stream>>>(args) to
 * __cudaPushCallConfiguration, then the kernel's host stub pops the configuration and calls
 * cudaLaunchKernel with its own address and the argument array. The legacy sequence
 * (cudaConfigureCall, cudaSetupArgument, cudaLaunch) is accepted too. Every launch runs to
 * completion in the interpreter before the call returns. */
#include <stdint.h>
#include <string.h>
#include "cuda_runtime_api.h"
#include "kport_cuda_bridge.h"

struct kport_configuration {
  dim3 grid;
  dim3 block;
  size_t shared_bytes;
  void *stream;
};

enum { kport_configuration_depth = 16, kport_argument_bytes = 4096, kport_argument_count = 256 };

static _Thread_local struct kport_configuration kport_configurations[kport_configuration_depth];
static _Thread_local int kport_configuration_count = 0;

unsigned __cudaPushCallConfiguration(dim3 grid, dim3 block, size_t shared_bytes, void *stream) {
  if (kport_configuration_count == kport_configuration_depth) return 1;
  struct kport_configuration *slot = &kport_configurations[kport_configuration_count++];
  slot->grid = grid;
  slot->block = block;
  slot->shared_bytes = shared_bytes;
  slot->stream = stream;
  return 0;
}

cudaError_t __cudaPopCallConfiguration(dim3 *grid, dim3 *block, size_t *shared_bytes, void *stream) {
  if (kport_configuration_count == 0) return (cudaError_t)kport_status(cudaErrorMissingConfiguration);
  struct kport_configuration *slot = &kport_configurations[--kport_configuration_count];
  if (grid) *grid = slot->grid;
  if (block) *block = slot->block;
  if (shared_bytes) *shared_bytes = slot->shared_bytes;
  if (stream) *(void **)stream = slot->stream;
  return cudaSuccess;
}

cudaError_t cudaLaunchKernel(const void *func, dim3 grid, dim3 block, void **args, size_t shared_bytes,
                             cudaStream_t stream) {
  (void)stream;
  return (cudaError_t)kport_status(kport_rt_launch(func, grid.x, grid.y, grid.z, block.x, block.y,
                                                   block.z, shared_bytes, args));
}

cudaError_t cudaLaunchCooperativeKernel(const void *func, dim3 grid, dim3 block, void **args,
                                        size_t shared_bytes, cudaStream_t stream) {
  return cudaLaunchKernel(func, grid, block, args, shared_bytes, stream);
}

/* ---- the legacy launch sequence ---- */

static _Thread_local unsigned char kport_argument_buffer[kport_argument_bytes];
static _Thread_local size_t kport_argument_offsets[kport_argument_count];
static _Thread_local int kport_arguments_set = 0;

cudaError_t cudaConfigureCall(dim3 grid, dim3 block, size_t shared_bytes, cudaStream_t stream) {
  kport_arguments_set = 0;
  if (__cudaPushCallConfiguration(grid, block, shared_bytes, stream) != 0)
    return (cudaError_t)kport_status(cudaErrorInvalidConfiguration);
  return cudaSuccess;
}

cudaError_t cudaSetupArgument(const void *arg, size_t size, size_t offset) {
  if (offset + size > kport_argument_bytes || kport_arguments_set == kport_argument_count)
    return (cudaError_t)kport_status(cudaErrorInvalidValue);
  memcpy(kport_argument_buffer + offset, arg, size);
  kport_argument_offsets[kport_arguments_set++] = offset;
  return cudaSuccess;
}

cudaError_t cudaLaunch(const void *func) {
  void *args[kport_argument_count];
  for (int i = 0; i < kport_arguments_set; i++) args[i] = kport_argument_buffer + kport_argument_offsets[i];
  kport_arguments_set = 0;
  dim3 grid, block;
  size_t shared_bytes;
  void *stream;
  cudaError_t popped = __cudaPopCallConfiguration(&grid, &block, &shared_bytes, &stream);
  if (popped != cudaSuccess) return popped;
  return cudaLaunchKernel(func, grid, block, args, shared_bytes, (cudaStream_t)stream);
}
