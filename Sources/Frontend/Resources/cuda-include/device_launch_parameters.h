/* kport's declaration-only stand-in for the CUDA header "device_launch_parameters.h".
 * Written for kport from the documented built-in variables (CUDA C++ Programming Guide,
 * "Built-in Variables"); no NVIDIA code is copied.
 * They are plain extern const __device__ variables of the plain structs uint3/dim3, NOT clang's
 * __clang_cuda_builtin_vars.h pseudo-objects: through libclang, threadIdx.x is then a
 * MemberRefExpr that names its field x. */
#ifndef __KPORT_DEVICE_LAUNCH_PARAMETERS_H__
#define __KPORT_DEVICE_LAUNCH_PARAMETERS_H__
#define __DEVICE_LAUNCH_PARAMETERS_H__ /* the real header's guard, which some code tests */

#include "host_defines.h"
#include "vector_types.h"

#if defined(__cplusplus) && defined(__CUDA__)
extern const __device__ uint3 threadIdx;
extern const __device__ uint3 blockIdx;
extern const __device__ dim3 blockDim;
extern const __device__ dim3 gridDim;
extern const __device__ int warpSize;
#endif

#endif /* __KPORT_DEVICE_LAUNCH_PARAMETERS_H__ */
