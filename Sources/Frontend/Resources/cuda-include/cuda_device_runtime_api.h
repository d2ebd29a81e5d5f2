/* kport's declaration-only stand-in for the CUDA header "cuda_device_runtime_api.h".
 * The device runtime functions are the __host__ __device__ ones of cuda_runtime_api.h here.
 * Written for kport; no NVIDIA code is copied. */
#ifndef __KPORT_FWD_CUDA_DEVICE_RUNTIME_API_H__
#define __KPORT_FWD_CUDA_DEVICE_RUNTIME_API_H__
#include "cuda_runtime_api.h"
#endif
