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

/* Everything up to __KPORT_END_DEVICE is __device__: the attribute is applied by a pragma, which
 * parses faster than one __device__ per declaration. */
__KPORT_BEGIN_DEVICE

extern "C" {
/* ---- the C library functions CUDA also provides on the device ---- */
int printf(const char *, ...);
int vprintf(const char *, const char *);
void *malloc(size_t);
void free(void *);
void *memcpy(void *, const void *, size_t);
void *memset(void *, int, size_t);
void __assertfail(const char *, const char *, unsigned int, const char *, size_t);
void __assert_fail(const char *, const char *, unsigned int, const char *)
    __attribute__((__noreturn__));
}
clock_t clock();
long long clock64();
unsigned long long __globaltimer();
void __nanosleep(unsigned int);
void __trap();
void __brkpt();
void __prof_trigger(int);

/* ---- synchronization and fences ---- */
void __syncthreads(void);
int __syncthreads_count(int);
int __syncthreads_and(int);
int __syncthreads_or(int);
void __syncwarp(unsigned int mask = 0xffffffffu);
void __barrier_sync(unsigned int);
void __barrier_sync_count(unsigned int, unsigned int);
void __threadfence(void);
void __threadfence_block(void);
void __threadfence_system(void);

/* ---- warp vote, match, reduce ---- */
unsigned int __activemask(void);
unsigned int __ballot_sync(unsigned int mask, int predicate);
int __any_sync(unsigned int mask, int predicate);
int __all_sync(unsigned int mask, int predicate);
int __uni_sync(unsigned int mask, int predicate);
unsigned int __ballot(int predicate);   /* pre-CUDA 9, kept for old code */
int __any(int predicate);
int __all(int predicate);
unsigned int __reduce_add_sync(unsigned int mask, unsigned int value);
int __reduce_add_sync(unsigned int mask, int value);
unsigned int __reduce_min_sync(unsigned int mask, unsigned int value);
int __reduce_min_sync(unsigned int mask, int value);
unsigned int __reduce_max_sync(unsigned int mask, unsigned int value);
int __reduce_max_sync(unsigned int mask, int value);
unsigned int __reduce_and_sync(unsigned int mask, unsigned int value);
unsigned int __reduce_or_sync(unsigned int mask, unsigned int value);
unsigned int __reduce_xor_sync(unsigned int mask, unsigned int value);
unsigned int __lanemask_lt(void);
unsigned int __lanemask_le(void);
unsigned int __lanemask_eq(void);
unsigned int __lanemask_ge(void);
unsigned int __lanemask_gt(void);

/* ---- warp shuffle ---- */
int __shfl_sync(unsigned int mask, int var, int srcLane, int width = 32);
int __shfl_up_sync(unsigned int mask, int var, unsigned int delta, int width = 32);
int __shfl_down_sync(unsigned int mask, int var, unsigned int delta, int width = 32);
int __shfl_xor_sync(unsigned int mask, int var, int laneMask, int width = 32);
unsigned int __shfl_sync(unsigned int mask, unsigned int var, int srcLane, int width = 32);
unsigned int __shfl_up_sync(unsigned int mask, unsigned int var, unsigned int delta, int width = 32);
unsigned int __shfl_down_sync(unsigned int mask, unsigned int var, unsigned int delta, int width = 32);
unsigned int __shfl_xor_sync(unsigned int mask, unsigned int var, int laneMask, int width = 32);
long __shfl_sync(unsigned int mask, long var, int srcLane, int width = 32);
long __shfl_up_sync(unsigned int mask, long var, unsigned int delta, int width = 32);
long __shfl_down_sync(unsigned int mask, long var, unsigned int delta, int width = 32);
long __shfl_xor_sync(unsigned int mask, long var, int laneMask, int width = 32);
unsigned long __shfl_sync(unsigned int mask, unsigned long var, int srcLane, int width = 32);
unsigned long __shfl_up_sync(unsigned int mask, unsigned long var, unsigned int delta, int width = 32);
unsigned long __shfl_down_sync(unsigned int mask, unsigned long var, unsigned int delta, int width = 32);
unsigned long __shfl_xor_sync(unsigned int mask, unsigned long var, int laneMask, int width = 32);
long long __shfl_sync(unsigned int mask, long long var, int srcLane, int width = 32);
long long __shfl_up_sync(unsigned int mask, long long var, unsigned int delta, int width = 32);
long long __shfl_down_sync(unsigned int mask, long long var, unsigned int delta, int width = 32);
long long __shfl_xor_sync(unsigned int mask, long long var, int laneMask, int width = 32);
unsigned long long __shfl_sync(unsigned int mask, unsigned long long var, int srcLane, int width = 32);
unsigned long long __shfl_up_sync(unsigned int mask, unsigned long long var, unsigned int delta, int width = 32);
unsigned long long __shfl_down_sync(unsigned int mask, unsigned long long var, unsigned int delta, int width = 32);
unsigned long long __shfl_xor_sync(unsigned int mask, unsigned long long var, int laneMask, int width = 32);
float __shfl_sync(unsigned int mask, float var, int srcLane, int width = 32);
float __shfl_up_sync(unsigned int mask, float var, unsigned int delta, int width = 32);
float __shfl_down_sync(unsigned int mask, float var, unsigned int delta, int width = 32);
float __shfl_xor_sync(unsigned int mask, float var, int laneMask, int width = 32);
double __shfl_sync(unsigned int mask, double var, int srcLane, int width = 32);
double __shfl_up_sync(unsigned int mask, double var, unsigned int delta, int width = 32);
double __shfl_down_sync(unsigned int mask, double var, unsigned int delta, int width = 32);
double __shfl_xor_sync(unsigned int mask, double var, int laneMask, int width = 32);
/* pre-CUDA 9 shuffles, kept for old code (templates: lean, same calls accepted) */
template <class T> T __shfl(T var, int srcLane, int width = 32);
template <class T> T __shfl_up(T var, unsigned int delta, int width = 32);
template <class T> T __shfl_down(T var, unsigned int delta, int width = 32);
template <class T> T __shfl_xor(T var, int laneMask, int width = 32);
/* warp match (any scalar type) */
template <class T> unsigned int __match_any_sync(unsigned int mask, T value);
template <class T> unsigned int __match_all_sync(unsigned int mask, T value, int *pred);

/* ---- read-only / cache-hinted loads and stores ----
 * CUDA overloads these for the scalar and vector types; one template each keeps the shim lean
 * and accepts the same calls. */
template <class T> T __ldg(const T *ptr);
template <class T> T __ldcg(const T *ptr);
template <class T> T __ldca(const T *ptr);
template <class T> T __ldcs(const T *ptr);
template <class T> T __ldlu(const T *ptr);
template <class T> T __ldcv(const T *ptr);
template <class T> struct __kport_nondeduced { typedef T type; };
template <class T> void __stwb(T *ptr, typename __kport_nondeduced<T>::type value);
template <class T> void __stcg(T *ptr, typename __kport_nondeduced<T>::type value);
template <class T> void __stcs(T *ptr, typename __kport_nondeduced<T>::type value);
template <class T> void __stwt(T *ptr, typename __kport_nondeduced<T>::type value);

/* ---- single precision intrinsics ---- */
float __expf(float);
float __exp10f(float);
float __logf(float);
float __log2f(float);
float __log10f(float);
float __powf(float, float);
float __sinf(float);
float __cosf(float);
float __tanf(float);
void __sincosf(float, float *, float *);
float __fdividef(float, float);
float __saturatef(float);
float __frsqrt_rn(float);
float __fadd_rn(float, float);
float __fsub_rn(float, float);
float __fmul_rn(float, float);
float __fdiv_rn(float, float);
float __fmaf_rn(float, float, float);
float __fmaf_ieee_rn(float, float, float);
float __frcp_rn(float);
float __fsqrt_rn(float);
float __fadd_rz(float, float);
float __fsub_rz(float, float);
float __fmul_rz(float, float);
float __fdiv_rz(float, float);
float __fmaf_rz(float, float, float);
float __fmaf_ieee_rz(float, float, float);
float __frcp_rz(float);
float __fsqrt_rz(float);
float __fadd_ru(float, float);
float __fsub_ru(float, float);
float __fmul_ru(float, float);
float __fdiv_ru(float, float);
float __fmaf_ru(float, float, float);
float __fmaf_ieee_ru(float, float, float);
float __frcp_ru(float);
float __fsqrt_ru(float);
float __fadd_rd(float, float);
float __fsub_rd(float, float);
float __fmul_rd(float, float);
float __fdiv_rd(float, float);
float __fmaf_rd(float, float, float);
float __fmaf_ieee_rd(float, float, float);
float __frcp_rd(float);
float __fsqrt_rd(float);

/* ---- double precision intrinsics ---- */
double __dadd_rn(double, double);
double __dsub_rn(double, double);
double __dmul_rn(double, double);
double __ddiv_rn(double, double);
double __fma_rn(double, double, double);
double __drcp_rn(double);
double __dsqrt_rn(double);
double __dadd_rz(double, double);
double __dsub_rz(double, double);
double __dmul_rz(double, double);
double __ddiv_rz(double, double);
double __fma_rz(double, double, double);
double __drcp_rz(double);
double __dsqrt_rz(double);
double __dadd_ru(double, double);
double __dsub_ru(double, double);
double __dmul_ru(double, double);
double __ddiv_ru(double, double);
double __fma_ru(double, double, double);
double __drcp_ru(double);
double __dsqrt_ru(double);
double __dadd_rd(double, double);
double __dsub_rd(double, double);
double __dmul_rd(double, double);
double __ddiv_rd(double, double);
double __fma_rd(double, double, double);
double __drcp_rd(double);
double __dsqrt_rd(double);

/* ---- type conversions and reinterpretations ---- */
int __float2int_rn(float);
int __float2int_rz(float);
int __float2int_ru(float);
int __float2int_rd(float);
unsigned int __float2uint_rn(float);
unsigned int __float2uint_rz(float);
unsigned int __float2uint_ru(float);
unsigned int __float2uint_rd(float);
float __int2float_rn(int);
float __int2float_rz(int);
float __int2float_ru(int);
float __int2float_rd(int);
float __uint2float_rn(unsigned int);
float __uint2float_rz(unsigned int);
float __uint2float_ru(unsigned int);
float __uint2float_rd(unsigned int);
long long __float2ll_rn(float);
long long __float2ll_rz(float);
long long __float2ll_ru(float);
long long __float2ll_rd(float);
unsigned long long __float2ull_rn(float);
unsigned long long __float2ull_rz(float);
unsigned long long __float2ull_ru(float);
unsigned long long __float2ull_rd(float);
float __ll2float_rn(long long);
float __ll2float_rz(long long);
float __ll2float_ru(long long);
float __ll2float_rd(long long);
float __ull2float_rn(unsigned long long);
float __ull2float_rz(unsigned long long);
float __ull2float_ru(unsigned long long);
float __ull2float_rd(unsigned long long);
float __double2float_rn(double);
float __double2float_rz(double);
float __double2float_ru(double);
float __double2float_rd(double);
int __double2int_rn(double);
int __double2int_rz(double);
int __double2int_ru(double);
int __double2int_rd(double);
unsigned int __double2uint_rn(double);
unsigned int __double2uint_rz(double);
unsigned int __double2uint_ru(double);
unsigned int __double2uint_rd(double);
long long __double2ll_rn(double);
long long __double2ll_rz(double);
long long __double2ll_ru(double);
long long __double2ll_rd(double);
unsigned long long __double2ull_rn(double);
unsigned long long __double2ull_rz(double);
unsigned long long __double2ull_ru(double);
unsigned long long __double2ull_rd(double);
double __ll2double_rn(long long);
double __ll2double_rz(long long);
double __ll2double_ru(long long);
double __ll2double_rd(long long);
double __ull2double_rn(unsigned long long);
double __ull2double_rz(unsigned long long);
double __ull2double_ru(unsigned long long);
double __ull2double_rd(unsigned long long);
double __int2double_rn(int);
double __uint2double_rn(unsigned int);
int __double2hiint(double);
int __double2loint(double);
double __hiloint2double(int hi, int lo);
int __float_as_int(float);
float __int_as_float(int);
unsigned int __float_as_uint(float);
float __uint_as_float(unsigned int);
long long __double_as_longlong(double);
double __longlong_as_double(long long);

/* ---- integer intrinsics ---- */
int __popc(unsigned int);
int __popcll(unsigned long long);
int __clz(int);
int __clzll(long long);
int __ffs(int);
int __ffsll(long long);
unsigned int __fns(unsigned int mask, unsigned int base, int offset);
unsigned int __brev(unsigned int);
unsigned long long __brevll(unsigned long long);
unsigned int __byte_perm(unsigned int x, unsigned int y, unsigned int s);
unsigned int __funnelshift_l(unsigned int lo, unsigned int hi, unsigned int shift);
unsigned int __funnelshift_lc(unsigned int lo, unsigned int hi, unsigned int shift);
unsigned int __funnelshift_r(unsigned int lo, unsigned int hi, unsigned int shift);
unsigned int __funnelshift_rc(unsigned int lo, unsigned int hi, unsigned int shift);
int __mul24(int, int);
unsigned int __umul24(unsigned int, unsigned int);
int __mulhi(int, int);
unsigned int __umulhi(unsigned int, unsigned int);
long long __mul64hi(long long, long long);
unsigned long long __umul64hi(unsigned long long, unsigned long long);
unsigned int __sad(int, int, unsigned int);
unsigned int __usad(unsigned int, unsigned int, unsigned int);
int __hadd(int, int);
int __rhadd(int, int);
unsigned int __uhadd(unsigned int, unsigned int);
unsigned int __urhadd(unsigned int, unsigned int);
int __dp4a(int srcA, int srcB, int c);
unsigned int __dp4a(unsigned int srcA, unsigned int srcB, unsigned int c);
int __dp2a_lo(int srcA, int srcB, int c);
unsigned int __dp2a_lo(unsigned int srcA, unsigned int srcB, unsigned int c);
int __dp2a_hi(int srcA, int srcB, int c);
unsigned int __dp2a_hi(unsigned int srcA, unsigned int srcB, unsigned int c);
unsigned int __vabs2(unsigned int);
unsigned int __vabs4(unsigned int);
unsigned int __vabsss2(unsigned int);
unsigned int __vabsss4(unsigned int);
unsigned int __vneg2(unsigned int);
unsigned int __vneg4(unsigned int);
unsigned int __vnegss2(unsigned int);
unsigned int __vnegss4(unsigned int);
unsigned int __vadd2(unsigned int, unsigned int);
unsigned int __vadd4(unsigned int, unsigned int);
unsigned int __vaddss2(unsigned int, unsigned int);
unsigned int __vaddss4(unsigned int, unsigned int);
unsigned int __vaddus2(unsigned int, unsigned int);
unsigned int __vaddus4(unsigned int, unsigned int);
unsigned int __vsub2(unsigned int, unsigned int);
unsigned int __vsub4(unsigned int, unsigned int);
unsigned int __vsubss2(unsigned int, unsigned int);
unsigned int __vsubss4(unsigned int, unsigned int);
unsigned int __vsubus2(unsigned int, unsigned int);
unsigned int __vsubus4(unsigned int, unsigned int);
unsigned int __vavgs2(unsigned int, unsigned int);
unsigned int __vavgs4(unsigned int, unsigned int);
unsigned int __vavgu2(unsigned int, unsigned int);
unsigned int __vavgu4(unsigned int, unsigned int);
unsigned int __vhaddu2(unsigned int, unsigned int);
unsigned int __vhaddu4(unsigned int, unsigned int);
unsigned int __vabsdiffs2(unsigned int, unsigned int);
unsigned int __vabsdiffs4(unsigned int, unsigned int);
unsigned int __vabsdiffu2(unsigned int, unsigned int);
unsigned int __vabsdiffu4(unsigned int, unsigned int);
unsigned int __vmaxs2(unsigned int, unsigned int);
unsigned int __vmaxs4(unsigned int, unsigned int);
unsigned int __vmaxu2(unsigned int, unsigned int);
unsigned int __vmaxu4(unsigned int, unsigned int);
unsigned int __vmins2(unsigned int, unsigned int);
unsigned int __vmins4(unsigned int, unsigned int);
unsigned int __vminu2(unsigned int, unsigned int);
unsigned int __vminu4(unsigned int, unsigned int);
unsigned int __vsads2(unsigned int, unsigned int);
unsigned int __vsads4(unsigned int, unsigned int);
unsigned int __vsadu2(unsigned int, unsigned int);
unsigned int __vsadu4(unsigned int, unsigned int);
unsigned int __vcmpeq2(unsigned int, unsigned int);
unsigned int __vcmpeq4(unsigned int, unsigned int);
unsigned int __vcmpges2(unsigned int, unsigned int);
unsigned int __vcmpges4(unsigned int, unsigned int);
unsigned int __vcmpgeu2(unsigned int, unsigned int);
unsigned int __vcmpgeu4(unsigned int, unsigned int);
unsigned int __vcmpgts2(unsigned int, unsigned int);
unsigned int __vcmpgts4(unsigned int, unsigned int);
unsigned int __vcmpgtu2(unsigned int, unsigned int);
unsigned int __vcmpgtu4(unsigned int, unsigned int);
unsigned int __vcmples2(unsigned int, unsigned int);
unsigned int __vcmples4(unsigned int, unsigned int);
unsigned int __vcmpleu2(unsigned int, unsigned int);
unsigned int __vcmpleu4(unsigned int, unsigned int);
unsigned int __vcmplts2(unsigned int, unsigned int);
unsigned int __vcmplts4(unsigned int, unsigned int);
unsigned int __vcmpltu2(unsigned int, unsigned int);
unsigned int __vcmpltu4(unsigned int, unsigned int);
unsigned int __vcmpne2(unsigned int, unsigned int);
unsigned int __vcmpne4(unsigned int, unsigned int);
unsigned int __vseteq2(unsigned int, unsigned int);
unsigned int __vseteq4(unsigned int, unsigned int);
unsigned int __vsetges2(unsigned int, unsigned int);
unsigned int __vsetges4(unsigned int, unsigned int);
unsigned int __vsetgeu2(unsigned int, unsigned int);
unsigned int __vsetgeu4(unsigned int, unsigned int);
unsigned int __vsetgts2(unsigned int, unsigned int);
unsigned int __vsetgts4(unsigned int, unsigned int);
unsigned int __vsetgtu2(unsigned int, unsigned int);
unsigned int __vsetgtu4(unsigned int, unsigned int);
unsigned int __vsetles2(unsigned int, unsigned int);
unsigned int __vsetles4(unsigned int, unsigned int);
unsigned int __vsetleu2(unsigned int, unsigned int);
unsigned int __vsetleu4(unsigned int, unsigned int);
unsigned int __vsetlts2(unsigned int, unsigned int);
unsigned int __vsetlts4(unsigned int, unsigned int);
unsigned int __vsetltu2(unsigned int, unsigned int);
unsigned int __vsetltu4(unsigned int, unsigned int);
unsigned int __vsetne2(unsigned int, unsigned int);
unsigned int __vsetne4(unsigned int, unsigned int);

/* ---- address space predicates and conversions ---- */
unsigned int __isGlobal(const void *);
unsigned int __isShared(const void *);
unsigned int __isConstant(const void *);
unsigned int __isLocal(const void *);
size_t __cvta_generic_to_global(const void *);
size_t __cvta_generic_to_shared(const void *);
size_t __cvta_generic_to_constant(const void *);
size_t __cvta_generic_to_local(const void *);
void *__cvta_global_to_generic(size_t);
void *__cvta_shared_to_generic(size_t);

__KPORT_END_DEVICE

#endif /* __cplusplus && __CUDA__ */

#endif /* __KPORT_DEVICE_FUNCTIONS_H__ */
