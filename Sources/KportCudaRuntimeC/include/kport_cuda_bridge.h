/* The bridge between kport's CUDA runtime API (C, this target) and its Swift half
 * (KportCudaRuntime): the functions the Swift half exports with @_cdecl, and the helpers the C
 * files share. Statuses are cudaError_t values. Addresses returned for device memory lie in a
 * reserved range the host cannot dereference; managed memory is the interpreter buffer itself.
 * docs/exec.md describes the whole runtime. */
#ifndef KPORT_CUDA_BRIDGE_H
#define KPORT_CUDA_BRIDGE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- implemented in Swift (Sources/KportCudaRuntime/Exports.swift) ---- */

/* Registers the device image clang embedded for one translation unit (docs/exec.md, "Device
 * images"); returns its module number, or -1 when the image is unusable (reported). */
int32_t kport_rt_register_image(const void *image);
/* Maps a kernel's host stub to its device (mangled) name in module `module`. */
void kport_rt_register_function(int32_t module, const void *stub, const char *device_name);
/* Maps a __device__ / __constant__ variable's host shadow to its device name. */
void kport_rt_register_var(int32_t module, const void *host_var, const char *device_name, uint64_t size);
/* Allocates `size` bytes of device memory (managed: host-accessible) at *out. */
int32_t kport_rt_malloc(void **out, uint64_t size, int32_t managed);
int32_t kport_rt_free(void *pointer);
/* Copies `count` bytes; either side may be device or host memory (the direction is found from
 * the addresses, as with cudaMemcpyDefault). */
int32_t kport_rt_memcpy(void *dst, const void *src, uint64_t count);
int32_t kport_rt_memset(void *pointer, int32_t value, uint64_t count);
/* The device address and size of a registered variable, from its host shadow's address. */
int32_t kport_rt_symbol(const void *host_var, void **address, uint64_t *size);
/* Runs the kernel whose host stub is `stub` over the grid, with the argument array of
 * cudaLaunchKernel. Returns after the kernel finished. */
int32_t kport_rt_launch(const void *stub, uint32_t grid_x, uint32_t grid_y, uint32_t grid_z,
                        uint32_t block_x, uint32_t block_y, uint32_t block_z, uint64_t shared_bytes,
                        void **args);
/* The cost model's estimate of the device time spent so far, in seconds. */
double kport_rt_device_seconds(void);
/* 1 when `pointer` is device memory, 2 managed memory, 0 host memory. */
int32_t kport_rt_pointer_kind(const void *pointer);
/* The name of the machine the estimates are for (static storage). */
const char *kport_rt_machine_name(void);

/* ---- implemented in C for the Swift half (output.c) ---- */

/* Writes to the program's stdout (after what the host printed, through the same buffer). */
void kport_write_output(const char *text);
/* Writes to stderr after flushing stdout, so that messages follow the output they explain. */
void kport_write_error(const char *text);
/* Flushes every stream and ends the program with `status` (a kernel faulted). */
void kport_stop(int status);

/* ---- shared by the C files ---- */

/* Sets the calling thread's last error (not for cudaSuccess) and returns `status`. */
int kport_status(int status);
/* Reports a call kport does not implement (once per name) and returns cudaErrorNotSupported. */
int kport_unsupported(const char *name);

#ifdef __cplusplus
}
#endif

#endif /* KPORT_CUDA_BRIDGE_H */
