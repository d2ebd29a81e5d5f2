/* kport's declaration-only stand-in for the CUDA header "device_atomic_functions.h" (also
 * standing in for sm_20/sm_32/sm_35/sm_60_atomic_functions.h).
 * Written for kport from the documented CUDA atomic functions (CUDA C++ Programming Guide,
 * "Atomic Functions"); no NVIDIA code is copied. Each atomic is declared for the types CUDA
 * documents; the _block and _system scoped variants are templates over the same types.
 * Declarations only, so code that defines its own fallback (e.g. atomicAdd(double*, double) for
 * old GPUs) still parses. */
#ifndef __KPORT_DEVICE_ATOMIC_FUNCTIONS_H__
#define __KPORT_DEVICE_ATOMIC_FUNCTIONS_H__

#include "host_defines.h"
#include "vector_types.h"

#if defined(__cplusplus) && defined(__CUDA__)
__KPORT_BEGIN_DEVICE
int atomicAdd(int *address, int val);
unsigned int atomicAdd(unsigned int *address, unsigned int val);
unsigned long long atomicAdd(unsigned long long *address, unsigned long long val);
float atomicAdd(float *address, float val);
double atomicAdd(double *address, double val);
int atomicSub(int *address, int val);
unsigned int atomicSub(unsigned int *address, unsigned int val);
int atomicExch(int *address, int val);
unsigned int atomicExch(unsigned int *address, unsigned int val);
unsigned long long atomicExch(unsigned long long *address, unsigned long long val);
float atomicExch(float *address, float val);
int atomicMin(int *address, int val);
unsigned int atomicMin(unsigned int *address, unsigned int val);
long long atomicMin(long long *address, long long val);
unsigned long long atomicMin(unsigned long long *address, unsigned long long val);
int atomicMax(int *address, int val);
unsigned int atomicMax(unsigned int *address, unsigned int val);
long long atomicMax(long long *address, long long val);
unsigned long long atomicMax(unsigned long long *address, unsigned long long val);
unsigned int atomicInc(unsigned int *address, unsigned int val);
unsigned int atomicDec(unsigned int *address, unsigned int val);
int atomicAnd(int *address, int val);
unsigned int atomicAnd(unsigned int *address, unsigned int val);
unsigned long long atomicAnd(unsigned long long *address, unsigned long long val);
int atomicOr(int *address, int val);
unsigned int atomicOr(unsigned int *address, unsigned int val);
unsigned long long atomicOr(unsigned long long *address, unsigned long long val);
int atomicXor(int *address, int val);
unsigned int atomicXor(unsigned int *address, unsigned int val);
unsigned long long atomicXor(unsigned long long *address, unsigned long long val);
int atomicCAS(int *address, int compare, int val);
unsigned int atomicCAS(unsigned int *address, unsigned int compare, unsigned int val);
unsigned long long atomicCAS(unsigned long long *address, unsigned long long compare, unsigned long long val);
unsigned short int atomicCAS(unsigned short int *address, unsigned short int compare, unsigned short int val);

/* The _block and _system scoped variants take the same types as the unscoped ones; one template
 * per name (the value converts to the pointee type, as with the overloads) keeps the shim lean. */
template <class T> struct __kport_atomic_val { typedef T type; };
template <class T> T atomicAdd_block(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicAdd_system(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicSub_block(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicSub_system(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicExch_block(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicExch_system(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicMin_block(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicMin_system(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicMax_block(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicMax_system(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicInc_block(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicInc_system(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicDec_block(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicDec_system(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicAnd_block(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicAnd_system(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicOr_block(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicOr_system(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicXor_block(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicXor_system(T *address, typename __kport_atomic_val<T>::type val);
template <class T> T atomicCAS_block(T *address, typename __kport_atomic_val<T>::type compare, typename __kport_atomic_val<T>::type val);
template <class T> T atomicCAS_system(T *address, typename __kport_atomic_val<T>::type compare, typename __kport_atomic_val<T>::type val);

/* sm_90 vector atomics */
float2 atomicAdd(float2 *address, float2 val);
float4 atomicAdd(float4 *address, float4 val);

__KPORT_END_DEVICE
#endif /* __cplusplus && __CUDA__ */

#endif /* __KPORT_DEVICE_ATOMIC_FUNCTIONS_H__ */
