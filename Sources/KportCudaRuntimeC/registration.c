/* What clang's host-side CUDA code calls before main: the device image of each translation unit
 * (clang embeds the file given by -fcuda-include-gpubinary behind a fat-binary wrapper) and the
 * kernels and variables it holds, keyed by their host stubs and host shadows. */
#include <stdint.h>
#include "cuda_runtime_api.h"
#include "kport_cuda_bridge.h"

/* The wrapper clang emits (__cuda_fatbin_wrapper): magic, version, the embedded file, unused. */
struct kport_fatbin_wrapper {
  int magic;
  int version;
  const void *data;
  const void *unused;
};

/* Handles are module numbers + 1 (0: an image that could not be registered). */
static int32_t kport_module_of(void **handle) { return (int32_t)((intptr_t)handle - 1); }

void **__cudaRegisterFatBinary(void *fat_cubin) {
  const struct kport_fatbin_wrapper *wrapper = (const struct kport_fatbin_wrapper *)fat_cubin;
  int32_t module = kport_rt_register_image(wrapper ? wrapper->data : NULL);
  return (void **)(intptr_t)(module + 1);
}

void __cudaRegisterFatBinaryEnd(void **handle) { (void)handle; }

void __cudaUnregisterFatBinary(void **handle) { (void)handle; }

void __cudaRegisterFunction(void **handle, const char *host_function, char *device_function,
                            const char *device_name, int thread_limit, void *tid, void *bid,
                            void *block_dim, void *grid_dim, int *warp_size) {
  (void)device_function, (void)thread_limit, (void)tid, (void)bid, (void)block_dim, (void)grid_dim;
  (void)warp_size;
  if (handle) kport_rt_register_function(kport_module_of(handle), host_function, device_name);
}

void __cudaRegisterVar(void **handle, char *host_var, char *device_address, const char *device_name,
                       int external, size_t size, int constant, int global) {
  (void)device_address, (void)external, (void)constant, (void)global;
  if (handle) kport_rt_register_var(kport_module_of(handle), host_var, device_name, size);
}

void __cudaRegisterManagedVar(void **handle, void **host_var_address, char *device_address,
                              const char *device_name, int external, size_t size, int constant,
                              int global) {
  (void)handle, (void)host_var_address, (void)device_address, (void)device_name, (void)external;
  (void)size, (void)constant, (void)global;
  kport_unsupported("__managed__ variables");
}

void __cudaRegisterTexture(void **handle, const void *host_var, const void **device_address,
                           const char *device_name, int dim, int normalized, int external) {
  (void)handle, (void)host_var, (void)device_address, (void)device_name, (void)dim;
  (void)normalized, (void)external;
  kport_unsupported("texture references");
}

void __cudaRegisterSurface(void **handle, const void *host_var, const void **device_address,
                           const char *device_name, int dim, int external) {
  (void)handle, (void)host_var, (void)device_address, (void)device_name, (void)dim, (void)external;
  kport_unsupported("surface references");
}
