/* kport's declaration-only stand-in for the CUDA header "cuda_pipeline_primitives.h" (also
 * standing in for cuda_pipeline.h's primitive interface). Written for kport from the documented
 * __pipeline_* primitives (CUDA C++ Programming Guide, "Pipeline Primitives Interface"); no NVIDIA
 * code is copied. */
#ifndef __KPORT_CUDA_PIPELINE_PRIMITIVES_H__
#define __KPORT_CUDA_PIPELINE_PRIMITIVES_H__

#include "host_defines.h"

#if defined(__cplusplus) && defined(__CUDA__)
__device__ void __pipeline_memcpy_async(void *dst_shared, const void *src_global, size_t size_and_align, size_t zfill = 0);
__device__ void __pipeline_commit();
__device__ void __pipeline_wait_prior(size_t prior);
__device__ void __pipeline_arrive_on(unsigned long long *bar);
#endif

#endif /* __KPORT_CUDA_PIPELINE_PRIMITIVES_H__ */
