/* kport's declaration-only stand-in for the CUDA header "device_functions.h".
 * Written for kport from the documented CUDA device intrinsics (CUDA C++ Programming Guide:
 * synchronization, memory fence, warp vote/shuffle/match/reduce functions, read-only and cache-hinted
 * loads and stores, time functions; CUDA Math API: single/double precision intrinsics, type casting
 * and integer intrinsics); no NVIDIA code is copied. Everything is a __device__ declaration; the
 * C library functions CUDA also provides on the device (printf, malloc, free, memcpy, memset,
 * clock, __assert_fail) are declared as __device__ overloads of the host ones, which a later
 * <stdio.h>/<stdlib.h>/<string.h>/<time.h>/<assert.h> leaves intact. */
#ifndef __KPORT_DEVICE_FUNCTIONS_H__
#define __KPORT_DEVICE_FUNCTIONS_H__

#include "host_defines.h"
#include "vector_types.h"
#include "device_launch_parameters.h"
#include "math_functions.h"
#include "device_atomic_functions.h"
#include "kport_host_libc.h"

#if defined(__cplusplus) && defined(__CUDA__)

extern "C" {
/* ---- the same functions on the device ---- */
__device__ int printf(const char *, ...);
__device__ int vprintf(const char *, const char *);
__device__ void *malloc(size_t);
__device__ void free(void *);
__device__ void *memcpy(void *, const void *, size_t);
__device__ void *memset(void *, int, size_t);
__device__ void __assertfail(const char *, const char *, unsigned int, const char *, size_t);
__device__ void __assert_fail(const char *, const char *, unsigned int, const char *)
    __attribute__((__noreturn__));
}
__device__ clock_t clock();
__device__ long long clock64();
__device__ unsigned long long __globaltimer();
__device__ void __nanosleep(unsigned int);
__device__ void __trap();
__device__ void __brkpt();
__device__ void __prof_trigger(int);

/* ---- synchronization and fences ---- */
__device__ void __syncthreads(void);
__device__ int __syncthreads_count(int);
__device__ int __syncthreads_and(int);
__device__ int __syncthreads_or(int);
__device__ void __syncwarp(unsigned int mask = 0xffffffffu);
__device__ void __barrier_sync(unsigned int);
__device__ void __barrier_sync_count(unsigned int, unsigned int);
__device__ void __threadfence(void);
__device__ void __threadfence_block(void);
__device__ void __threadfence_system(void);

/* ---- warp vote, match, reduce ---- */
__device__ unsigned int __activemask(void);
__device__ unsigned int __ballot_sync(unsigned int mask, int predicate);
__device__ int __any_sync(unsigned int mask, int predicate);
__device__ int __all_sync(unsigned int mask, int predicate);
__device__ int __uni_sync(unsigned int mask, int predicate);
__device__ unsigned int __ballot(int predicate);   /* pre-CUDA 9, kept for old code */
__device__ int __any(int predicate);
__device__ int __all(int predicate);
__device__ unsigned int __reduce_add_sync(unsigned int mask, unsigned int value);
__device__ int __reduce_add_sync(unsigned int mask, int value);
__device__ unsigned int __reduce_min_sync(unsigned int mask, unsigned int value);
__device__ int __reduce_min_sync(unsigned int mask, int value);
__device__ unsigned int __reduce_max_sync(unsigned int mask, unsigned int value);
__device__ int __reduce_max_sync(unsigned int mask, int value);
__device__ unsigned int __reduce_and_sync(unsigned int mask, unsigned int value);
__device__ unsigned int __reduce_or_sync(unsigned int mask, unsigned int value);
__device__ unsigned int __reduce_xor_sync(unsigned int mask, unsigned int value);
__device__ unsigned int __lanemask_lt(void);
__device__ unsigned int __lanemask_le(void);
__device__ unsigned int __lanemask_eq(void);
__device__ unsigned int __lanemask_ge(void);
__device__ unsigned int __lanemask_gt(void);

/* ---- warp shuffle ---- */
__device__ int __shfl_sync(unsigned int mask, int var, int srcLane, int width = 32);
__device__ int __shfl_up_sync(unsigned int mask, int var, unsigned int delta, int width = 32);
__device__ int __shfl_down_sync(unsigned int mask, int var, unsigned int delta, int width = 32);
__device__ int __shfl_xor_sync(unsigned int mask, int var, int laneMask, int width = 32);
__device__ unsigned int __shfl_sync(unsigned int mask, unsigned int var, int srcLane, int width = 32);
__device__ unsigned int __shfl_up_sync(unsigned int mask, unsigned int var, unsigned int delta, int width = 32);
__device__ unsigned int __shfl_down_sync(unsigned int mask, unsigned int var, unsigned int delta, int width = 32);
__device__ unsigned int __shfl_xor_sync(unsigned int mask, unsigned int var, int laneMask, int width = 32);
__device__ long __shfl_sync(unsigned int mask, long var, int srcLane, int width = 32);
__device__ long __shfl_up_sync(unsigned int mask, long var, unsigned int delta, int width = 32);
__device__ long __shfl_down_sync(unsigned int mask, long var, unsigned int delta, int width = 32);
__device__ long __shfl_xor_sync(unsigned int mask, long var, int laneMask, int width = 32);
__device__ unsigned long __shfl_sync(unsigned int mask, unsigned long var, int srcLane, int width = 32);
__device__ unsigned long __shfl_up_sync(unsigned int mask, unsigned long var, unsigned int delta, int width = 32);
__device__ unsigned long __shfl_down_sync(unsigned int mask, unsigned long var, unsigned int delta, int width = 32);
__device__ unsigned long __shfl_xor_sync(unsigned int mask, unsigned long var, int laneMask, int width = 32);
__device__ long long __shfl_sync(unsigned int mask, long long var, int srcLane, int width = 32);
__device__ long long __shfl_up_sync(unsigned int mask, long long var, unsigned int delta, int width = 32);
__device__ long long __shfl_down_sync(unsigned int mask, long long var, unsigned int delta, int width = 32);
__device__ long long __shfl_xor_sync(unsigned int mask, long long var, int laneMask, int width = 32);
__device__ unsigned long long __shfl_sync(unsigned int mask, unsigned long long var, int srcLane, int width = 32);
__device__ unsigned long long __shfl_up_sync(unsigned int mask, unsigned long long var, unsigned int delta, int width = 32);
__device__ unsigned long long __shfl_down_sync(unsigned int mask, unsigned long long var, unsigned int delta, int width = 32);
__device__ unsigned long long __shfl_xor_sync(unsigned int mask, unsigned long long var, int laneMask, int width = 32);
__device__ float __shfl_sync(unsigned int mask, float var, int srcLane, int width = 32);
__device__ float __shfl_up_sync(unsigned int mask, float var, unsigned int delta, int width = 32);
__device__ float __shfl_down_sync(unsigned int mask, float var, unsigned int delta, int width = 32);
__device__ float __shfl_xor_sync(unsigned int mask, float var, int laneMask, int width = 32);
__device__ double __shfl_sync(unsigned int mask, double var, int srcLane, int width = 32);
__device__ double __shfl_up_sync(unsigned int mask, double var, unsigned int delta, int width = 32);
__device__ double __shfl_down_sync(unsigned int mask, double var, unsigned int delta, int width = 32);
__device__ double __shfl_xor_sync(unsigned int mask, double var, int laneMask, int width = 32);
/* pre-CUDA 9 shuffles, kept for old code (templates: lean, same calls accepted) */
template <class T> __device__ T __shfl(T var, int srcLane, int width = 32);
template <class T> __device__ T __shfl_up(T var, unsigned int delta, int width = 32);
template <class T> __device__ T __shfl_down(T var, unsigned int delta, int width = 32);
template <class T> __device__ T __shfl_xor(T var, int laneMask, int width = 32);
template <class T> __device__ unsigned int __match_any_sync(unsigned int mask, T value);
template <class T> __device__ unsigned int __match_all_sync(unsigned int mask, T value, int *pred);

/* ---- read-only / cache-hinted loads and stores ----
 * CUDA overloads these for the scalar and vector types; one template each keeps the shim lean
 * and accepts the same calls. */
template <class T> __device__ T __ldg(const T *ptr);
template <class T> __device__ T __ldcg(const T *ptr);
template <class T> __device__ T __ldca(const T *ptr);
template <class T> __device__ T __ldcs(const T *ptr);
template <class T> __device__ T __ldlu(const T *ptr);
template <class T> __device__ T __ldcv(const T *ptr);
template <class T> struct __kport_nondeduced { typedef T type; };
template <class T> __device__ void __stwb(T *ptr, typename __kport_nondeduced<T>::type value);
template <class T> __device__ void __stcg(T *ptr, typename __kport_nondeduced<T>::type value);
template <class T> __device__ void __stcs(T *ptr, typename __kport_nondeduced<T>::type value);
template <class T> __device__ void __stwt(T *ptr, typename __kport_nondeduced<T>::type value);

/* ---- single precision intrinsics ---- */
__device__ float __expf(float);
__device__ float __exp10f(float);
__device__ float __logf(float);
__device__ float __log2f(float);
__device__ float __log10f(float);
__device__ float __powf(float, float);
__device__ float __sinf(float);
__device__ float __cosf(float);
__device__ float __tanf(float);
__device__ void __sincosf(float, float *, float *);
__device__ float __fdividef(float, float);
__device__ float __saturatef(float);
__device__ float __frsqrt_rn(float);
__device__ float __fadd_rn(float, float);
__device__ float __fsub_rn(float, float);
__device__ float __fmul_rn(float, float);
__device__ float __fdiv_rn(float, float);
__device__ float __fmaf_rn(float, float, float);
__device__ float __fmaf_ieee_rn(float, float, float);
__device__ float __frcp_rn(float);
__device__ float __fsqrt_rn(float);
__device__ float __fadd_rz(float, float);
__device__ float __fsub_rz(float, float);
__device__ float __fmul_rz(float, float);
__device__ float __fdiv_rz(float, float);
__device__ float __fmaf_rz(float, float, float);
__device__ float __fmaf_ieee_rz(float, float, float);
__device__ float __frcp_rz(float);
__device__ float __fsqrt_rz(float);
__device__ float __fadd_ru(float, float);
__device__ float __fsub_ru(float, float);
__device__ float __fmul_ru(float, float);
__device__ float __fdiv_ru(float, float);
__device__ float __fmaf_ru(float, float, float);
__device__ float __fmaf_ieee_ru(float, float, float);
__device__ float __frcp_ru(float);
__device__ float __fsqrt_ru(float);
__device__ float __fadd_rd(float, float);
__device__ float __fsub_rd(float, float);
__device__ float __fmul_rd(float, float);
__device__ float __fdiv_rd(float, float);
__device__ float __fmaf_rd(float, float, float);
__device__ float __fmaf_ieee_rd(float, float, float);
__device__ float __frcp_rd(float);
__device__ float __fsqrt_rd(float);

/* ---- double precision intrinsics ---- */
__device__ double __dadd_rn(double, double);
__device__ double __dsub_rn(double, double);
__device__ double __dmul_rn(double, double);
__device__ double __ddiv_rn(double, double);
__device__ double __fma_rn(double, double, double);
__device__ double __drcp_rn(double);
__device__ double __dsqrt_rn(double);
__device__ double __dadd_rz(double, double);
__device__ double __dsub_rz(double, double);
__device__ double __dmul_rz(double, double);
__device__ double __ddiv_rz(double, double);
__device__ double __fma_rz(double, double, double);
__device__ double __drcp_rz(double);
__device__ double __dsqrt_rz(double);
__device__ double __dadd_ru(double, double);
__device__ double __dsub_ru(double, double);
__device__ double __dmul_ru(double, double);
__device__ double __ddiv_ru(double, double);
__device__ double __fma_ru(double, double, double);
__device__ double __drcp_ru(double);
__device__ double __dsqrt_ru(double);
__device__ double __dadd_rd(double, double);
__device__ double __dsub_rd(double, double);
__device__ double __dmul_rd(double, double);
__device__ double __ddiv_rd(double, double);
__device__ double __fma_rd(double, double, double);
__device__ double __drcp_rd(double);
__device__ double __dsqrt_rd(double);

/* ---- type conversions and reinterpretations ---- */
__device__ int __float2int_rn(float);
__device__ int __float2int_rz(float);
__device__ int __float2int_ru(float);
__device__ int __float2int_rd(float);
__device__ unsigned int __float2uint_rn(float);
__device__ unsigned int __float2uint_rz(float);
__device__ unsigned int __float2uint_ru(float);
__device__ unsigned int __float2uint_rd(float);
__device__ float __int2float_rn(int);
__device__ float __int2float_rz(int);
__device__ float __int2float_ru(int);
__device__ float __int2float_rd(int);
__device__ float __uint2float_rn(unsigned int);
__device__ float __uint2float_rz(unsigned int);
__device__ float __uint2float_ru(unsigned int);
__device__ float __uint2float_rd(unsigned int);
__device__ long long __float2ll_rn(float);
__device__ long long __float2ll_rz(float);
__device__ long long __float2ll_ru(float);
__device__ long long __float2ll_rd(float);
__device__ unsigned long long __float2ull_rn(float);
__device__ unsigned long long __float2ull_rz(float);
__device__ unsigned long long __float2ull_ru(float);
__device__ unsigned long long __float2ull_rd(float);
__device__ float __ll2float_rn(long long);
__device__ float __ll2float_rz(long long);
__device__ float __ll2float_ru(long long);
__device__ float __ll2float_rd(long long);
__device__ float __ull2float_rn(unsigned long long);
__device__ float __ull2float_rz(unsigned long long);
__device__ float __ull2float_ru(unsigned long long);
__device__ float __ull2float_rd(unsigned long long);
__device__ float __double2float_rn(double);
__device__ float __double2float_rz(double);
__device__ float __double2float_ru(double);
__device__ float __double2float_rd(double);
__device__ int __double2int_rn(double);
__device__ int __double2int_rz(double);
__device__ int __double2int_ru(double);
__device__ int __double2int_rd(double);
__device__ unsigned int __double2uint_rn(double);
__device__ unsigned int __double2uint_rz(double);
__device__ unsigned int __double2uint_ru(double);
__device__ unsigned int __double2uint_rd(double);
__device__ long long __double2ll_rn(double);
__device__ long long __double2ll_rz(double);
__device__ long long __double2ll_ru(double);
__device__ long long __double2ll_rd(double);
__device__ unsigned long long __double2ull_rn(double);
__device__ unsigned long long __double2ull_rz(double);
__device__ unsigned long long __double2ull_ru(double);
__device__ unsigned long long __double2ull_rd(double);
__device__ double __ll2double_rn(long long);
__device__ double __ll2double_rz(long long);
__device__ double __ll2double_ru(long long);
__device__ double __ll2double_rd(long long);
__device__ double __ull2double_rn(unsigned long long);
__device__ double __ull2double_rz(unsigned long long);
__device__ double __ull2double_ru(unsigned long long);
__device__ double __ull2double_rd(unsigned long long);
__device__ double __int2double_rn(int);
__device__ double __uint2double_rn(unsigned int);
__device__ int __double2hiint(double);
__device__ int __double2loint(double);
__device__ double __hiloint2double(int hi, int lo);
__device__ int __float_as_int(float);
__device__ float __int_as_float(int);
__device__ unsigned int __float_as_uint(float);
__device__ float __uint_as_float(unsigned int);
__device__ long long __double_as_longlong(double);
__device__ double __longlong_as_double(long long);

/* ---- integer intrinsics ---- */
__device__ int __popc(unsigned int);
__device__ int __popcll(unsigned long long);
__device__ int __clz(int);
__device__ int __clzll(long long);
__device__ int __ffs(int);
__device__ int __ffsll(long long);
__device__ unsigned int __fns(unsigned int mask, unsigned int base, int offset);
__device__ unsigned int __brev(unsigned int);
__device__ unsigned long long __brevll(unsigned long long);
__device__ unsigned int __byte_perm(unsigned int x, unsigned int y, unsigned int s);
__device__ unsigned int __funnelshift_l(unsigned int lo, unsigned int hi, unsigned int shift);
__device__ unsigned int __funnelshift_lc(unsigned int lo, unsigned int hi, unsigned int shift);
__device__ unsigned int __funnelshift_r(unsigned int lo, unsigned int hi, unsigned int shift);
__device__ unsigned int __funnelshift_rc(unsigned int lo, unsigned int hi, unsigned int shift);
__device__ int __mul24(int, int);
__device__ unsigned int __umul24(unsigned int, unsigned int);
__device__ int __mulhi(int, int);
__device__ unsigned int __umulhi(unsigned int, unsigned int);
__device__ long long __mul64hi(long long, long long);
__device__ unsigned long long __umul64hi(unsigned long long, unsigned long long);
__device__ unsigned int __sad(int, int, unsigned int);
__device__ unsigned int __usad(unsigned int, unsigned int, unsigned int);
__device__ int __hadd(int, int);
__device__ int __rhadd(int, int);
__device__ unsigned int __uhadd(unsigned int, unsigned int);
__device__ unsigned int __urhadd(unsigned int, unsigned int);
__device__ int __dp4a(int srcA, int srcB, int c);
__device__ unsigned int __dp4a(unsigned int srcA, unsigned int srcB, unsigned int c);
__device__ int __dp2a_lo(int srcA, int srcB, int c);
__device__ unsigned int __dp2a_lo(unsigned int srcA, unsigned int srcB, unsigned int c);
__device__ int __dp2a_hi(int srcA, int srcB, int c);
__device__ unsigned int __dp2a_hi(unsigned int srcA, unsigned int srcB, unsigned int c);
__device__ unsigned int __vabs2(unsigned int);
__device__ unsigned int __vabs4(unsigned int);
__device__ unsigned int __vabsss2(unsigned int);
__device__ unsigned int __vabsss4(unsigned int);
__device__ unsigned int __vneg2(unsigned int);
__device__ unsigned int __vneg4(unsigned int);
__device__ unsigned int __vnegss2(unsigned int);
__device__ unsigned int __vnegss4(unsigned int);
__device__ unsigned int __vadd2(unsigned int, unsigned int);
__device__ unsigned int __vadd4(unsigned int, unsigned int);
__device__ unsigned int __vaddss2(unsigned int, unsigned int);
__device__ unsigned int __vaddss4(unsigned int, unsigned int);
__device__ unsigned int __vaddus2(unsigned int, unsigned int);
__device__ unsigned int __vaddus4(unsigned int, unsigned int);
__device__ unsigned int __vsub2(unsigned int, unsigned int);
__device__ unsigned int __vsub4(unsigned int, unsigned int);
__device__ unsigned int __vsubss2(unsigned int, unsigned int);
__device__ unsigned int __vsubss4(unsigned int, unsigned int);
__device__ unsigned int __vsubus2(unsigned int, unsigned int);
__device__ unsigned int __vsubus4(unsigned int, unsigned int);
__device__ unsigned int __vavgs2(unsigned int, unsigned int);
__device__ unsigned int __vavgs4(unsigned int, unsigned int);
__device__ unsigned int __vavgu2(unsigned int, unsigned int);
__device__ unsigned int __vavgu4(unsigned int, unsigned int);
__device__ unsigned int __vhaddu2(unsigned int, unsigned int);
__device__ unsigned int __vhaddu4(unsigned int, unsigned int);
__device__ unsigned int __vabsdiffs2(unsigned int, unsigned int);
__device__ unsigned int __vabsdiffs4(unsigned int, unsigned int);
__device__ unsigned int __vabsdiffu2(unsigned int, unsigned int);
__device__ unsigned int __vabsdiffu4(unsigned int, unsigned int);
__device__ unsigned int __vmaxs2(unsigned int, unsigned int);
__device__ unsigned int __vmaxs4(unsigned int, unsigned int);
__device__ unsigned int __vmaxu2(unsigned int, unsigned int);
__device__ unsigned int __vmaxu4(unsigned int, unsigned int);
__device__ unsigned int __vmins2(unsigned int, unsigned int);
__device__ unsigned int __vmins4(unsigned int, unsigned int);
__device__ unsigned int __vminu2(unsigned int, unsigned int);
__device__ unsigned int __vminu4(unsigned int, unsigned int);
__device__ unsigned int __vsads2(unsigned int, unsigned int);
__device__ unsigned int __vsads4(unsigned int, unsigned int);
__device__ unsigned int __vsadu2(unsigned int, unsigned int);
__device__ unsigned int __vsadu4(unsigned int, unsigned int);
__device__ unsigned int __vcmpeq2(unsigned int, unsigned int);
__device__ unsigned int __vcmpeq4(unsigned int, unsigned int);
__device__ unsigned int __vcmpges2(unsigned int, unsigned int);
__device__ unsigned int __vcmpges4(unsigned int, unsigned int);
__device__ unsigned int __vcmpgeu2(unsigned int, unsigned int);
__device__ unsigned int __vcmpgeu4(unsigned int, unsigned int);
__device__ unsigned int __vcmpgts2(unsigned int, unsigned int);
__device__ unsigned int __vcmpgts4(unsigned int, unsigned int);
__device__ unsigned int __vcmpgtu2(unsigned int, unsigned int);
__device__ unsigned int __vcmpgtu4(unsigned int, unsigned int);
__device__ unsigned int __vcmples2(unsigned int, unsigned int);
__device__ unsigned int __vcmples4(unsigned int, unsigned int);
__device__ unsigned int __vcmpleu2(unsigned int, unsigned int);
__device__ unsigned int __vcmpleu4(unsigned int, unsigned int);
__device__ unsigned int __vcmplts2(unsigned int, unsigned int);
__device__ unsigned int __vcmplts4(unsigned int, unsigned int);
__device__ unsigned int __vcmpltu2(unsigned int, unsigned int);
__device__ unsigned int __vcmpltu4(unsigned int, unsigned int);
__device__ unsigned int __vcmpne2(unsigned int, unsigned int);
__device__ unsigned int __vcmpne4(unsigned int, unsigned int);
__device__ unsigned int __vseteq2(unsigned int, unsigned int);
__device__ unsigned int __vseteq4(unsigned int, unsigned int);
__device__ unsigned int __vsetges2(unsigned int, unsigned int);
__device__ unsigned int __vsetges4(unsigned int, unsigned int);
__device__ unsigned int __vsetgeu2(unsigned int, unsigned int);
__device__ unsigned int __vsetgeu4(unsigned int, unsigned int);
__device__ unsigned int __vsetgts2(unsigned int, unsigned int);
__device__ unsigned int __vsetgts4(unsigned int, unsigned int);
__device__ unsigned int __vsetgtu2(unsigned int, unsigned int);
__device__ unsigned int __vsetgtu4(unsigned int, unsigned int);
__device__ unsigned int __vsetles2(unsigned int, unsigned int);
__device__ unsigned int __vsetles4(unsigned int, unsigned int);
__device__ unsigned int __vsetleu2(unsigned int, unsigned int);
__device__ unsigned int __vsetleu4(unsigned int, unsigned int);
__device__ unsigned int __vsetlts2(unsigned int, unsigned int);
__device__ unsigned int __vsetlts4(unsigned int, unsigned int);
__device__ unsigned int __vsetltu2(unsigned int, unsigned int);
__device__ unsigned int __vsetltu4(unsigned int, unsigned int);
__device__ unsigned int __vsetne2(unsigned int, unsigned int);
__device__ unsigned int __vsetne4(unsigned int, unsigned int);

/* ---- address space predicates and conversions ---- */
__device__ unsigned int __isGlobal(const void *);
__device__ unsigned int __isShared(const void *);
__device__ unsigned int __isConstant(const void *);
__device__ unsigned int __isLocal(const void *);
__device__ size_t __cvta_generic_to_global(const void *);
__device__ size_t __cvta_generic_to_shared(const void *);
__device__ size_t __cvta_generic_to_constant(const void *);
__device__ size_t __cvta_generic_to_local(const void *);
__device__ void *__cvta_global_to_generic(size_t);
__device__ void *__cvta_shared_to_generic(size_t);

#endif /* __cplusplus && __CUDA__ */

#endif /* __KPORT_DEVICE_FUNCTIONS_H__ */
