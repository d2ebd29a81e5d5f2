/* kport's declaration-only stand-in for the CUDA header "device_atomic_functions.h" (also
 * standing in for sm_20/sm_32/sm_35/sm_60_atomic_functions.h).
 * Written for kport from the documented CUDA atomic functions (CUDA C++ Programming Guide,
 * "Atomic Functions"); no NVIDIA code is copied. Each atomic is declared for the types CUDA
 * documents, together with its _block and _system scoped variants. Declarations only, so code
 * that defines its own fallback (e.g. atomicAdd(double*, double) for old GPUs) still parses. */
#ifndef __KPORT_DEVICE_ATOMIC_FUNCTIONS_H__
#define __KPORT_DEVICE_ATOMIC_FUNCTIONS_H__

#include "host_defines.h"
#include "vector_types.h"

#if defined(__cplusplus) && defined(__CUDA__)
__device__ int atomicAdd(int *address, int val);
__device__ unsigned int atomicAdd(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicAdd(unsigned long long *address, unsigned long long val);
__device__ float atomicAdd(float *address, float val);
__device__ double atomicAdd(double *address, double val);
__device__ int atomicAdd_block(int *address, int val);
__device__ unsigned int atomicAdd_block(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicAdd_block(unsigned long long *address, unsigned long long val);
__device__ float atomicAdd_block(float *address, float val);
__device__ double atomicAdd_block(double *address, double val);
__device__ int atomicAdd_system(int *address, int val);
__device__ unsigned int atomicAdd_system(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicAdd_system(unsigned long long *address, unsigned long long val);
__device__ float atomicAdd_system(float *address, float val);
__device__ double atomicAdd_system(double *address, double val);

__device__ int atomicSub(int *address, int val);
__device__ unsigned int atomicSub(unsigned int *address, unsigned int val);
__device__ int atomicSub_block(int *address, int val);
__device__ unsigned int atomicSub_block(unsigned int *address, unsigned int val);
__device__ int atomicSub_system(int *address, int val);
__device__ unsigned int atomicSub_system(unsigned int *address, unsigned int val);

__device__ int atomicExch(int *address, int val);
__device__ unsigned int atomicExch(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicExch(unsigned long long *address, unsigned long long val);
__device__ float atomicExch(float *address, float val);
__device__ int atomicExch_block(int *address, int val);
__device__ unsigned int atomicExch_block(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicExch_block(unsigned long long *address, unsigned long long val);
__device__ float atomicExch_block(float *address, float val);
__device__ int atomicExch_system(int *address, int val);
__device__ unsigned int atomicExch_system(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicExch_system(unsigned long long *address, unsigned long long val);
__device__ float atomicExch_system(float *address, float val);

__device__ int atomicMin(int *address, int val);
__device__ unsigned int atomicMin(unsigned int *address, unsigned int val);
__device__ long long atomicMin(long long *address, long long val);
__device__ unsigned long long atomicMin(unsigned long long *address, unsigned long long val);
__device__ int atomicMin_block(int *address, int val);
__device__ unsigned int atomicMin_block(unsigned int *address, unsigned int val);
__device__ long long atomicMin_block(long long *address, long long val);
__device__ unsigned long long atomicMin_block(unsigned long long *address, unsigned long long val);
__device__ int atomicMin_system(int *address, int val);
__device__ unsigned int atomicMin_system(unsigned int *address, unsigned int val);
__device__ long long atomicMin_system(long long *address, long long val);
__device__ unsigned long long atomicMin_system(unsigned long long *address, unsigned long long val);

__device__ int atomicMax(int *address, int val);
__device__ unsigned int atomicMax(unsigned int *address, unsigned int val);
__device__ long long atomicMax(long long *address, long long val);
__device__ unsigned long long atomicMax(unsigned long long *address, unsigned long long val);
__device__ int atomicMax_block(int *address, int val);
__device__ unsigned int atomicMax_block(unsigned int *address, unsigned int val);
__device__ long long atomicMax_block(long long *address, long long val);
__device__ unsigned long long atomicMax_block(unsigned long long *address, unsigned long long val);
__device__ int atomicMax_system(int *address, int val);
__device__ unsigned int atomicMax_system(unsigned int *address, unsigned int val);
__device__ long long atomicMax_system(long long *address, long long val);
__device__ unsigned long long atomicMax_system(unsigned long long *address, unsigned long long val);

__device__ unsigned int atomicInc(unsigned int *address, unsigned int val);
__device__ unsigned int atomicInc_block(unsigned int *address, unsigned int val);
__device__ unsigned int atomicInc_system(unsigned int *address, unsigned int val);

__device__ unsigned int atomicDec(unsigned int *address, unsigned int val);
__device__ unsigned int atomicDec_block(unsigned int *address, unsigned int val);
__device__ unsigned int atomicDec_system(unsigned int *address, unsigned int val);

__device__ int atomicAnd(int *address, int val);
__device__ unsigned int atomicAnd(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicAnd(unsigned long long *address, unsigned long long val);
__device__ int atomicAnd_block(int *address, int val);
__device__ unsigned int atomicAnd_block(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicAnd_block(unsigned long long *address, unsigned long long val);
__device__ int atomicAnd_system(int *address, int val);
__device__ unsigned int atomicAnd_system(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicAnd_system(unsigned long long *address, unsigned long long val);

__device__ int atomicOr(int *address, int val);
__device__ unsigned int atomicOr(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicOr(unsigned long long *address, unsigned long long val);
__device__ int atomicOr_block(int *address, int val);
__device__ unsigned int atomicOr_block(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicOr_block(unsigned long long *address, unsigned long long val);
__device__ int atomicOr_system(int *address, int val);
__device__ unsigned int atomicOr_system(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicOr_system(unsigned long long *address, unsigned long long val);

__device__ int atomicXor(int *address, int val);
__device__ unsigned int atomicXor(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicXor(unsigned long long *address, unsigned long long val);
__device__ int atomicXor_block(int *address, int val);
__device__ unsigned int atomicXor_block(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicXor_block(unsigned long long *address, unsigned long long val);
__device__ int atomicXor_system(int *address, int val);
__device__ unsigned int atomicXor_system(unsigned int *address, unsigned int val);
__device__ unsigned long long atomicXor_system(unsigned long long *address, unsigned long long val);

__device__ int atomicCAS(int *address, int compare, int val);
__device__ unsigned int atomicCAS(unsigned int *address, unsigned int compare, unsigned int val);
__device__ unsigned long long atomicCAS(unsigned long long *address, unsigned long long compare, unsigned long long val);
__device__ unsigned short int atomicCAS(unsigned short int *address, unsigned short int compare, unsigned short int val);
__device__ int atomicCAS_block(int *address, int compare, int val);
__device__ unsigned int atomicCAS_block(unsigned int *address, unsigned int compare, unsigned int val);
__device__ unsigned long long atomicCAS_block(unsigned long long *address, unsigned long long compare, unsigned long long val);
__device__ unsigned short int atomicCAS_block(unsigned short int *address, unsigned short int compare, unsigned short int val);
__device__ int atomicCAS_system(int *address, int compare, int val);
__device__ unsigned int atomicCAS_system(unsigned int *address, unsigned int compare, unsigned int val);
__device__ unsigned long long atomicCAS_system(unsigned long long *address, unsigned long long compare, unsigned long long val);
__device__ unsigned short int atomicCAS_system(unsigned short int *address, unsigned short int compare, unsigned short int val);

/* sm_90 vector atomics */
__device__ float2 atomicAdd(float2 *address, float2 val);
__device__ float4 atomicAdd(float4 *address, float4 val);

#endif /* __cplusplus && __CUDA__ */

#endif /* __KPORT_DEVICE_ATOMIC_FUNCTIONS_H__ */
