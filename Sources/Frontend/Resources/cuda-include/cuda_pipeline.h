/* kport's declaration-only stand-in for the CUDA header "cuda_pipeline.h".
 * Only the primitive interface (__pipeline_memcpy_async etc.) is provided. Written for kport; no
 * NVIDIA code is copied. */
#ifndef __KPORT_FWD_CUDA_PIPELINE_H__
#define __KPORT_FWD_CUDA_PIPELINE_H__
#include "cuda_pipeline_primitives.h"
#endif
