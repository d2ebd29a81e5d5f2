/* kport's declaration-only stand-in for the CUDA header "cuda_profiler_api.h".
 * cudaProfilerStart/Stop are declared in cuda_runtime_api.h here. Written for kport; no NVIDIA
 * code is copied. */
#ifndef __KPORT_FWD_CUDA_PROFILER_API_H__
#define __KPORT_FWD_CUDA_PROFILER_API_H__
#include "cuda_runtime_api.h"
#endif
