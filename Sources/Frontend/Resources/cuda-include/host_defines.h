/* kport's declaration-only stand-in for the CUDA header "host_defines.h".
 * Written for kport from the documented CUDA C++ language extensions; no NVIDIA code is copied.
 * It maps the CUDA execution-space and memory-space keywords onto clang's attributes, and
 * defines the version macros nvcc would. It includes no system header (parse speed matters). */
#ifndef __KPORT_HOST_DEFINES_H__
#define __KPORT_HOST_DEFINES_H__
#define __HOST_DEFINES_H__ /* the real header's guard, which some code tests */

/* nvcc defines __CUDACC__ for every CUDA translation unit; clang only defines __CUDA__. */
#if defined(__CUDA__) && !defined(__CUDACC__)
#define __CUDACC__ 1
#endif
#ifndef __CUDACC_VER_MAJOR__
#define __CUDACC_VER_MAJOR__ 12
#define __CUDACC_VER_MINOR__ 4
#define __CUDACC_VER_BUILD__ 131
#endif
#ifndef CUDART_VERSION
#define CUDART_VERSION 12040
#endif
#ifndef __CUDART_API_VERSION
#define __CUDART_API_VERSION CUDART_VERSION
#endif

#if defined(__CUDA__)
#define __host__     __attribute__((host))
#define __device__   __attribute__((device))
#define __global__   __attribute__((global))
#define __shared__   __attribute__((shared))
#define __constant__ __attribute__((constant))
/* clang's "managed" attribute is HIP-only; a managed variable is a __device__ variable. */
#define __managed__  __attribute__((device, annotate("__managed__")))
#define __launch_bounds__(...) \
  __attribute__((launch_bounds(__VA_ARGS__), annotate("__launch_bounds__(" #__VA_ARGS__ ")")))
#if __has_attribute(grid_constant)
#define __grid_constant__ __attribute__((grid_constant))
#else
#define __grid_constant__ __attribute__((annotate("__grid_constant__")))
#endif
#else /* plain C/C++ parse of a header that includes CUDA headers */
#define __host__
#define __device__
#define __global__
#define __shared__
#define __constant__
#define __managed__
#define __launch_bounds__(...)
#define __grid_constant__
#endif

/* Regions of declarations that all get __device__ (or __host__ __device__). The pragma applies
 * the same attributes as writing them on every declaration, but parses measurably faster
 * (about 12 K fewer instructions per __host__ __device__ declaration). */
#if defined(__CUDA__)
#define __KPORT_BEGIN_DEVICE _Pragma("clang attribute push(__attribute__((device)), apply_to = function)")
#define __KPORT_END_DEVICE _Pragma("clang attribute pop")
#define __KPORT_BEGIN_HOST_DEVICE \
  _Pragma("clang attribute push(__attribute__((host)), apply_to = function)") \
  _Pragma("clang attribute push(__attribute__((device)), apply_to = function)")
#define __KPORT_END_HOST_DEVICE _Pragma("clang attribute pop") _Pragma("clang attribute pop")
#else
#define __KPORT_BEGIN_DEVICE
#define __KPORT_END_DEVICE
#define __KPORT_BEGIN_HOST_DEVICE
#define __KPORT_END_HOST_DEVICE
#endif

#define __forceinline__ __inline__ __attribute__((always_inline, annotate("__forceinline__")))
/* __noinline__ is a keyword of clang >= 15 in CUDA mode; a macro would break
 * __attribute__((__noinline__)) in libstdc++. Define it only for older parsers. */
#if !defined(__clang__) || (__clang_major__ < 15) || !defined(__CUDA__)
#ifndef __noinline__
#define __noinline__ __attribute__((noinline))
#endif
#endif
/* __restrict__ is already a keyword in clang (GNU spelling of restrict). */
#define __align__(n)          __attribute__((aligned(n)))
#define __builtin_align__(n)  __attribute__((aligned(n)))
#define __maxnreg__(n)        __attribute__((annotate("__maxnreg__(" #n ")")))
#define __cluster_dims__(...) __attribute__((annotate("__cluster_dims__(" #__VA_ARGS__ ")")))
#define __device_builtin__
#define __device_builtin_texture_type__
#define __device_builtin_surface_type__
#define __cudart_builtin__
#define __location__(a)
#define __CUDA_ALIGN__(n) __attribute__((aligned(n)))
#ifndef CUDARTAPI
#define CUDARTAPI
#endif
#ifndef CUDAAPI
#define CUDAAPI
#endif

/* C++ default arguments, dropped in C (as the real headers do). */
#ifndef __dv
#ifdef __cplusplus
#define __dv(v) = v
#else
#define __dv(v)
#endif
#endif

#ifdef __cplusplus
#define __KPORT_EXTERN_C_BEGIN extern "C" {
#define __KPORT_EXTERN_C_END }
#else
#define __KPORT_EXTERN_C_BEGIN
#define __KPORT_EXTERN_C_END
#endif

/* Types the CUDA headers need, without <stddef.h>/<time.h>. The typedefs are the same types the
 * C library uses, so a later #include <stddef.h> or <time.h> redeclares them compatibly. */
typedef __SIZE_TYPE__ size_t;
#ifndef __KPORT_CLOCK_T
#define __KPORT_CLOCK_T
typedef long clock_t;
#endif

#endif /* __KPORT_HOST_DEFINES_H__ */
