/* kport's declaration-only stand-in for the CUDA header "cuda_fp16.h" (half precision).
 * Written for kport from the documented CUDA Math API "Half Precision Intrinsics";
 * no NVIDIA code is copied.
 * __half holds its bits in an unsigned short; it converts implicitly from float, double and
 * the integer types and to float. Its arithmetic and comparison operators and the conversion and
 * arithmetic intrinsics are declared __host__ __device__ (so host reference code using them parses
 * too); the math functions, shuffles, cache-hinted loads and atomics are __device__. */
#ifndef __KPORT_CUDA_FP16_H__
#define __KPORT_CUDA_FP16_H__

#include "host_defines.h"
#include "vector_types.h"

#if defined(__cplusplus)
#define __KPORT_HD __host__ __device__

struct __half_raw { unsigned short x; };
struct __half2_raw { unsigned short x; unsigned short y; };

struct __attribute__((aligned(2))) __half {
protected:
  unsigned short __x;
public:
  __half() = default;
  __KPORT_HD __half(const __half_raw &r);
  __KPORT_HD __half &operator=(const __half_raw &r);
  __KPORT_HD operator __half_raw() const;
  __KPORT_HD __half(float f);
  __KPORT_HD __half(double f);
  __KPORT_HD __half(short v);
  __KPORT_HD __half(unsigned short v);
  __KPORT_HD __half(int v);
  __KPORT_HD __half(unsigned int v);
  __KPORT_HD __half(long v);
  __KPORT_HD __half(unsigned long v);
  __KPORT_HD __half(long long v);
  __KPORT_HD __half(unsigned long long v);
  __KPORT_HD operator float() const;
  __KPORT_HD explicit operator signed char() const;
  __KPORT_HD explicit operator unsigned char() const;
  __KPORT_HD explicit operator char() const;
  __KPORT_HD explicit operator short() const;
  __KPORT_HD explicit operator unsigned short() const;
  __KPORT_HD explicit operator int() const;
  __KPORT_HD explicit operator unsigned int() const;
  __KPORT_HD explicit operator long() const;
  __KPORT_HD explicit operator unsigned long() const;
  __KPORT_HD explicit operator long long() const;
  __KPORT_HD explicit operator unsigned long long() const;
  __KPORT_HD explicit operator bool() const;
  __KPORT_HD __half &operator=(float f);
  __KPORT_HD __half &operator=(double f);
  __KPORT_HD __half &operator=(short v);
  __KPORT_HD __half &operator=(unsigned short v);
  __KPORT_HD __half &operator=(int v);
  __KPORT_HD __half &operator=(unsigned int v);
  __KPORT_HD __half &operator=(long long v);
  __KPORT_HD __half &operator=(unsigned long long v);
};

struct __attribute__((aligned(4))) __half2 {
  __half x;
  __half y;
  __half2() = default;
  __KPORT_HD __half2(const __half &a, const __half &b);
  __KPORT_HD __half2(const __half2_raw &r);
  __KPORT_HD __half2 &operator=(const __half2_raw &r);
  __KPORT_HD operator __half2_raw() const;
};

typedef __half half;
typedef __half2 half2;
typedef __half __nv_half;
typedef __half2 __nv_half2;
typedef __half_raw __nv_half_raw;
typedef __half2_raw __nv_half2_raw;
typedef __half nv_half;
typedef __half2 nv_half2;

#define CUDART_INF_FP16 __ushort_as_half((unsigned short)0x7C00U)
#define CUDART_NAN_FP16 __ushort_as_half((unsigned short)0x7FFFU)
#define CUDART_MIN_DENORM_FP16 __ushort_as_half((unsigned short)0x0001U)
#define CUDART_MAX_NORMAL_FP16 __ushort_as_half((unsigned short)0x7BFFU)
#define CUDART_NEG_ZERO_FP16 __ushort_as_half((unsigned short)0x8000U)
#define CUDART_ZERO_FP16 __ushort_as_half((unsigned short)0x0000U)
#define CUDART_ONE_FP16 __ushort_as_half((unsigned short)0x3C00U)

/* Everything up to __KPORT_END_HOST_DEVICE is __host__ __device__ (applied by a pragma). */
__KPORT_BEGIN_HOST_DEVICE

/* ---- operators ---- */
__half operator+(const __half &lh, const __half &rh);
__half &operator+=(__half &lh, const __half &rh);
__half operator-(const __half &lh, const __half &rh);
__half &operator-=(__half &lh, const __half &rh);
__half operator*(const __half &lh, const __half &rh);
__half &operator*=(__half &lh, const __half &rh);
__half operator/(const __half &lh, const __half &rh);
__half &operator/=(__half &lh, const __half &rh);
__half operator+(const __half &h);
__half operator-(const __half &h);
__half &operator++(__half &h);
__half &operator--(__half &h);
__half operator++(__half &h, int);
__half operator--(__half &h, int);
bool operator==(const __half &lh, const __half &rh);
bool operator!=(const __half &lh, const __half &rh);
bool operator<(const __half &lh, const __half &rh);
bool operator>(const __half &lh, const __half &rh);
bool operator<=(const __half &lh, const __half &rh);
bool operator>=(const __half &lh, const __half &rh);
__half2 operator+(const __half2 &lh, const __half2 &rh);
__half2 &operator+=(__half2 &lh, const __half2 &rh);
__half2 operator-(const __half2 &lh, const __half2 &rh);
__half2 &operator-=(__half2 &lh, const __half2 &rh);
__half2 operator*(const __half2 &lh, const __half2 &rh);
__half2 &operator*=(__half2 &lh, const __half2 &rh);
__half2 operator/(const __half2 &lh, const __half2 &rh);
__half2 &operator/=(__half2 &lh, const __half2 &rh);
__half2 operator+(const __half2 &h);
__half2 operator-(const __half2 &h);
__half2 &operator++(__half2 &h);
__half2 &operator--(__half2 &h);
__half2 operator++(__half2 &h, int);
__half2 operator--(__half2 &h, int);
bool operator==(const __half2 &lh, const __half2 &rh);
bool operator!=(const __half2 &lh, const __half2 &rh);
bool operator<(const __half2 &lh, const __half2 &rh);
bool operator>(const __half2 &lh, const __half2 &rh);
bool operator<=(const __half2 &lh, const __half2 &rh);
bool operator>=(const __half2 &lh, const __half2 &rh);

/* ---- conversions ---- */
__half __float2half(const float a);
__half __float2half_rn(const float a);
__half __float2half_rz(const float a);
__half __float2half_rd(const float a);
__half __float2half_ru(const float a);
__half __double2half(const double a);
float __half2float(const __half a);
__half2 __float2half2_rn(const float a);
__half2 __floats2half2_rn(const float a, const float b);
__half2 __float22half2_rn(const float2 a);
float2 __half22float2(const __half2 a);
float __low2float(const __half2 a);
float __high2float(const __half2 a);
__half2 __half2half2(const __half a);
__half2 __halves2half2(const __half a, const __half b);
__half __low2half(const __half2 a);
__half __high2half(const __half2 a);
__half2 __low2half2(const __half2 a);
__half2 __high2half2(const __half2 a);
__half2 __lows2half2(const __half2 a, const __half2 b);
__half2 __highs2half2(const __half2 a, const __half2 b);
__half2 __lowhigh2highlow(const __half2 a);
__half2 make_half2(const __half x, const __half y);
int __half2int_rn(const __half h);
__half __int2half_rn(const int i);
int __half2int_rz(const __half h);
__half __int2half_rz(const int i);
int __half2int_rd(const __half h);
__half __int2half_rd(const int i);
int __half2int_ru(const __half h);
__half __int2half_ru(const int i);
unsigned int __half2uint_rn(const __half h);
__half __uint2half_rn(const unsigned int i);
unsigned int __half2uint_rz(const __half h);
__half __uint2half_rz(const unsigned int i);
unsigned int __half2uint_rd(const __half h);
__half __uint2half_rd(const unsigned int i);
unsigned int __half2uint_ru(const __half h);
__half __uint2half_ru(const unsigned int i);
short __half2short_rn(const __half h);
__half __short2half_rn(const short i);
short __half2short_rz(const __half h);
__half __short2half_rz(const short i);
short __half2short_rd(const __half h);
__half __short2half_rd(const short i);
short __half2short_ru(const __half h);
__half __short2half_ru(const short i);
unsigned short __half2ushort_rn(const __half h);
__half __ushort2half_rn(const unsigned short i);
unsigned short __half2ushort_rz(const __half h);
__half __ushort2half_rz(const unsigned short i);
unsigned short __half2ushort_rd(const __half h);
__half __ushort2half_rd(const unsigned short i);
unsigned short __half2ushort_ru(const __half h);
__half __ushort2half_ru(const unsigned short i);
long long __half2ll_rn(const __half h);
__half __ll2half_rn(const long long i);
long long __half2ll_rz(const __half h);
__half __ll2half_rz(const long long i);
long long __half2ll_rd(const __half h);
__half __ll2half_rd(const long long i);
long long __half2ll_ru(const __half h);
__half __ll2half_ru(const long long i);
unsigned long long __half2ull_rn(const __half h);
__half __ull2half_rn(const unsigned long long i);
unsigned long long __half2ull_rz(const __half h);
__half __ull2half_rz(const unsigned long long i);
unsigned long long __half2ull_rd(const __half h);
__half __ull2half_rd(const unsigned long long i);
unsigned long long __half2ull_ru(const __half h);
__half __ull2half_ru(const unsigned long long i);
signed char __half2char_rz(const __half h);
unsigned char __half2uchar_rz(const __half h);
short __half_as_short(const __half h);
unsigned short __half_as_ushort(const __half h);
__half __short_as_half(const short i);
__half __ushort_as_half(const unsigned short i);

/* ---- arithmetic and comparison ---- */
__half __hadd(const __half a, const __half b);
__half __hsub(const __half a, const __half b);
__half __hmul(const __half a, const __half b);
__half __hdiv(const __half a, const __half b);
__half __hadd_sat(const __half a, const __half b);
__half __hsub_sat(const __half a, const __half b);
__half __hmul_sat(const __half a, const __half b);
__half __hadd_rn(const __half a, const __half b);
__half __hsub_rn(const __half a, const __half b);
__half __hmul_rn(const __half a, const __half b);
__half __hmax(const __half a, const __half b);
__half __hmin(const __half a, const __half b);
__half __hmax_nan(const __half a, const __half b);
__half __hmin_nan(const __half a, const __half b);
__half __hfma(const __half a, const __half b, const __half c);
__half __hfma_sat(const __half a, const __half b, const __half c);
__half __hfma_relu(const __half a, const __half b, const __half c);
__half __hneg(const __half a);
__half __habs(const __half a);
__half2 __hadd2(const __half2 a, const __half2 b);
__half2 __hsub2(const __half2 a, const __half2 b);
__half2 __hmul2(const __half2 a, const __half2 b);
__half2 __h2div(const __half2 a, const __half2 b);
__half2 __hadd2_sat(const __half2 a, const __half2 b);
__half2 __hsub2_sat(const __half2 a, const __half2 b);
__half2 __hmul2_sat(const __half2 a, const __half2 b);
__half2 __hadd2_rn(const __half2 a, const __half2 b);
__half2 __hsub2_rn(const __half2 a, const __half2 b);
__half2 __hmul2_rn(const __half2 a, const __half2 b);
__half2 __hmax2(const __half2 a, const __half2 b);
__half2 __hmin2(const __half2 a, const __half2 b);
__half2 __hmax2_nan(const __half2 a, const __half2 b);
__half2 __hmin2_nan(const __half2 a, const __half2 b);
__half2 __hfma2(const __half2 a, const __half2 b, const __half2 c);
__half2 __hfma2_sat(const __half2 a, const __half2 b, const __half2 c);
__half2 __hfma2_relu(const __half2 a, const __half2 b, const __half2 c);
__half2 __hcmadd(const __half2 a, const __half2 b, const __half2 c);
__half2 __hneg2(const __half2 a);
__half2 __habs2(const __half2 a);
bool __heq(const __half a, const __half b);
__half2 __heq2(const __half2 a, const __half2 b);
bool __hbeq2(const __half2 a, const __half2 b);
unsigned int __heq2_mask(const __half2 a, const __half2 b);
bool __hne(const __half a, const __half b);
__half2 __hne2(const __half2 a, const __half2 b);
bool __hbne2(const __half2 a, const __half2 b);
unsigned int __hne2_mask(const __half2 a, const __half2 b);
bool __hle(const __half a, const __half b);
__half2 __hle2(const __half2 a, const __half2 b);
bool __hble2(const __half2 a, const __half2 b);
unsigned int __hle2_mask(const __half2 a, const __half2 b);
bool __hge(const __half a, const __half b);
__half2 __hge2(const __half2 a, const __half2 b);
bool __hbge2(const __half2 a, const __half2 b);
unsigned int __hge2_mask(const __half2 a, const __half2 b);
bool __hlt(const __half a, const __half b);
__half2 __hlt2(const __half2 a, const __half2 b);
bool __hblt2(const __half2 a, const __half2 b);
unsigned int __hlt2_mask(const __half2 a, const __half2 b);
bool __hgt(const __half a, const __half b);
__half2 __hgt2(const __half2 a, const __half2 b);
bool __hbgt2(const __half2 a, const __half2 b);
unsigned int __hgt2_mask(const __half2 a, const __half2 b);
bool __hequ(const __half a, const __half b);
__half2 __hequ2(const __half2 a, const __half2 b);
bool __hbequ2(const __half2 a, const __half2 b);
unsigned int __hequ2_mask(const __half2 a, const __half2 b);
bool __hneu(const __half a, const __half b);
__half2 __hneu2(const __half2 a, const __half2 b);
bool __hbneu2(const __half2 a, const __half2 b);
unsigned int __hneu2_mask(const __half2 a, const __half2 b);
bool __hleu(const __half a, const __half b);
__half2 __hleu2(const __half2 a, const __half2 b);
bool __hbleu2(const __half2 a, const __half2 b);
unsigned int __hleu2_mask(const __half2 a, const __half2 b);
bool __hgeu(const __half a, const __half b);
__half2 __hgeu2(const __half2 a, const __half2 b);
bool __hbgeu2(const __half2 a, const __half2 b);
unsigned int __hgeu2_mask(const __half2 a, const __half2 b);
bool __hltu(const __half a, const __half b);
__half2 __hltu2(const __half2 a, const __half2 b);
bool __hbltu2(const __half2 a, const __half2 b);
unsigned int __hltu2_mask(const __half2 a, const __half2 b);
bool __hgtu(const __half a, const __half b);
__half2 __hgtu2(const __half2 a, const __half2 b);
bool __hbgtu2(const __half2 a, const __half2 b);
unsigned int __hgtu2_mask(const __half2 a, const __half2 b);
bool __hisnan(const __half a);
int __hisinf(const __half a);
__half2 __hisnan2(const __half2 a);
__KPORT_END_HOST_DEVICE

/* ---- math (__device__, applied by a pragma) ---- */
#if defined(__CUDA__)
__KPORT_BEGIN_DEVICE
__half hsqrt(const __half a);
__half2 h2sqrt(const __half2 a);
__half hrsqrt(const __half a);
__half2 h2rsqrt(const __half2 a);
__half hrcp(const __half a);
__half2 h2rcp(const __half2 a);
__half hlog(const __half a);
__half2 h2log(const __half2 a);
__half hlog2(const __half a);
__half2 h2log2(const __half2 a);
__half hlog10(const __half a);
__half2 h2log10(const __half2 a);
__half hexp(const __half a);
__half2 h2exp(const __half2 a);
__half hexp2(const __half a);
__half2 h2exp2(const __half2 a);
__half hexp10(const __half a);
__half2 h2exp10(const __half2 a);
__half hcos(const __half a);
__half2 h2cos(const __half2 a);
__half hsin(const __half a);
__half2 h2sin(const __half2 a);
__half htanh(const __half a);
__half2 h2tanh(const __half2 a);
__half hceil(const __half a);
__half2 h2ceil(const __half2 a);
__half hfloor(const __half a);
__half2 h2floor(const __half2 a);
__half hrint(const __half a);
__half2 h2rint(const __half2 a);
__half htrunc(const __half a);
__half2 h2trunc(const __half2 a);
__half htanh_approx(const __half a);
__half2 h2tanh_approx(const __half2 a);

/* ---- warp shuffles, loads/stores, atomics ---- */
__half __shfl_sync(unsigned int mask, __half var, int srcLane, int width = 32);
__half __shfl_up_sync(unsigned int mask, __half var, unsigned int delta, int width = 32);
__half __shfl_down_sync(unsigned int mask, __half var, unsigned int delta, int width = 32);
__half __shfl_xor_sync(unsigned int mask, __half var, int laneMask, int width = 32);
__half __shfl(__half var, int srcLane, int width = 32);
__half __shfl_up(__half var, unsigned int delta, int width = 32);
__half __shfl_down(__half var, unsigned int delta, int width = 32);
__half __shfl_xor(__half var, int laneMask, int width = 32);
__half __ldg(const __half *ptr);
__half __ldcg(const __half *ptr);
__half __ldca(const __half *ptr);
__half __ldcs(const __half *ptr);
__half __ldlu(const __half *ptr);
__half __ldcv(const __half *ptr);
void __stwb(__half *ptr, __half value);
void __stcg(__half *ptr, __half value);
void __stcs(__half *ptr, __half value);
void __stwt(__half *ptr, __half value);
__half atomicAdd(__half *address, __half val);
__half atomicAdd_block(__half *address, __half val);
__half atomicAdd_system(__half *address, __half val);
__half2 __shfl_sync(unsigned int mask, __half2 var, int srcLane, int width = 32);
__half2 __shfl_up_sync(unsigned int mask, __half2 var, unsigned int delta, int width = 32);
__half2 __shfl_down_sync(unsigned int mask, __half2 var, unsigned int delta, int width = 32);
__half2 __shfl_xor_sync(unsigned int mask, __half2 var, int laneMask, int width = 32);
__half2 __shfl(__half2 var, int srcLane, int width = 32);
__half2 __shfl_up(__half2 var, unsigned int delta, int width = 32);
__half2 __shfl_down(__half2 var, unsigned int delta, int width = 32);
__half2 __shfl_xor(__half2 var, int laneMask, int width = 32);
__half2 __ldg(const __half2 *ptr);
__half2 __ldcg(const __half2 *ptr);
__half2 __ldca(const __half2 *ptr);
__half2 __ldcs(const __half2 *ptr);
__half2 __ldlu(const __half2 *ptr);
__half2 __ldcv(const __half2 *ptr);
void __stwb(__half2 *ptr, __half2 value);
void __stcg(__half2 *ptr, __half2 value);
void __stcs(__half2 *ptr, __half2 value);
void __stwt(__half2 *ptr, __half2 value);
__half2 atomicAdd(__half2 *address, __half2 val);
__half2 atomicAdd_block(__half2 *address, __half2 val);
__half2 atomicAdd_system(__half2 *address, __half2 val);
__KPORT_END_DEVICE
#endif /* __CUDA__ */

#undef __KPORT_HD
#endif /* __cplusplus */

#endif /* __KPORT_CUDA_FP16_H__ */
