/* kport's declaration-only stand-in for the CUDA header "cuda_bf16.h" (bfloat16).
 * Written for kport from the documented CUDA Math API "Bfloat16 Precision Intrinsics";
 * no NVIDIA code is copied.
 * __nv_bfloat16 holds its bits in an unsigned short; it converts implicitly from float, double and
 * the integer types and to float. Its arithmetic and comparison operators and the conversion and
 * arithmetic intrinsics are declared __host__ __device__ (so host reference code using them parses
 * too); the math functions, shuffles, cache-hinted loads and atomics are __device__. */
#ifndef __KPORT_CUDA_BF16_H__
#define __KPORT_CUDA_BF16_H__

#include "host_defines.h"
#include "vector_types.h"
#include "cuda_fp16.h"

#if defined(__cplusplus)
#define __KPORT_HD __host__ __device__

struct __nv_bfloat16_raw { unsigned short x; };
struct __nv_bfloat162_raw { unsigned short x; unsigned short y; };

struct __attribute__((aligned(2))) __nv_bfloat16 {
protected:
  unsigned short __x;
public:
  __nv_bfloat16() = default;
  __KPORT_HD __nv_bfloat16(const __nv_bfloat16_raw &r);
  __KPORT_HD __nv_bfloat16 &operator=(const __nv_bfloat16_raw &r);
  __KPORT_HD operator __nv_bfloat16_raw() const;
  __KPORT_HD __nv_bfloat16(float f);
  __KPORT_HD __nv_bfloat16(double f);
  __KPORT_HD __nv_bfloat16(short v);
  __KPORT_HD __nv_bfloat16(unsigned short v);
  __KPORT_HD __nv_bfloat16(int v);
  __KPORT_HD __nv_bfloat16(unsigned int v);
  __KPORT_HD __nv_bfloat16(long v);
  __KPORT_HD __nv_bfloat16(unsigned long v);
  __KPORT_HD __nv_bfloat16(long long v);
  __KPORT_HD __nv_bfloat16(unsigned long long v);
  __KPORT_HD explicit __nv_bfloat16(const __half f);
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
  __KPORT_HD __nv_bfloat16 &operator=(float f);
  __KPORT_HD __nv_bfloat16 &operator=(double f);
  __KPORT_HD __nv_bfloat16 &operator=(short v);
  __KPORT_HD __nv_bfloat16 &operator=(unsigned short v);
  __KPORT_HD __nv_bfloat16 &operator=(int v);
  __KPORT_HD __nv_bfloat16 &operator=(unsigned int v);
  __KPORT_HD __nv_bfloat16 &operator=(long long v);
  __KPORT_HD __nv_bfloat16 &operator=(unsigned long long v);
};

struct __attribute__((aligned(4))) __nv_bfloat162 {
  __nv_bfloat16 x;
  __nv_bfloat16 y;
  __nv_bfloat162() = default;
  __KPORT_HD __nv_bfloat162(const __nv_bfloat16 &a, const __nv_bfloat16 &b);
  __KPORT_HD __nv_bfloat162(const __nv_bfloat162_raw &r);
  __KPORT_HD __nv_bfloat162 &operator=(const __nv_bfloat162_raw &r);
  __KPORT_HD operator __nv_bfloat162_raw() const;
};

typedef __nv_bfloat16 nv_bfloat16;
typedef __nv_bfloat162 nv_bfloat162;

#define CUDART_INF_BF16 __ushort_as_bfloat16((unsigned short)0x7F80U)
#define CUDART_NAN_BF16 __ushort_as_bfloat16((unsigned short)0x7FFFU)
#define CUDART_MIN_DENORM_BF16 __ushort_as_bfloat16((unsigned short)0x0001U)
#define CUDART_MAX_NORMAL_BF16 __ushort_as_bfloat16((unsigned short)0x7F7FU)
#define CUDART_NEG_ZERO_BF16 __ushort_as_bfloat16((unsigned short)0x8000U)
#define CUDART_ZERO_BF16 __ushort_as_bfloat16((unsigned short)0x0000U)
#define CUDART_ONE_BF16 __ushort_as_bfloat16((unsigned short)0x3F80U)

/* Everything up to __KPORT_END_HOST_DEVICE is __host__ __device__ (applied by a pragma). */
__KPORT_BEGIN_HOST_DEVICE

/* ---- operators ---- */
__nv_bfloat16 operator+(const __nv_bfloat16 &lh, const __nv_bfloat16 &rh);
__nv_bfloat16 &operator+=(__nv_bfloat16 &lh, const __nv_bfloat16 &rh);
__nv_bfloat16 operator-(const __nv_bfloat16 &lh, const __nv_bfloat16 &rh);
__nv_bfloat16 &operator-=(__nv_bfloat16 &lh, const __nv_bfloat16 &rh);
__nv_bfloat16 operator*(const __nv_bfloat16 &lh, const __nv_bfloat16 &rh);
__nv_bfloat16 &operator*=(__nv_bfloat16 &lh, const __nv_bfloat16 &rh);
__nv_bfloat16 operator/(const __nv_bfloat16 &lh, const __nv_bfloat16 &rh);
__nv_bfloat16 &operator/=(__nv_bfloat16 &lh, const __nv_bfloat16 &rh);
__nv_bfloat16 operator+(const __nv_bfloat16 &h);
__nv_bfloat16 operator-(const __nv_bfloat16 &h);
__nv_bfloat16 &operator++(__nv_bfloat16 &h);
__nv_bfloat16 &operator--(__nv_bfloat16 &h);
__nv_bfloat16 operator++(__nv_bfloat16 &h, int);
__nv_bfloat16 operator--(__nv_bfloat16 &h, int);
bool operator==(const __nv_bfloat16 &lh, const __nv_bfloat16 &rh);
bool operator!=(const __nv_bfloat16 &lh, const __nv_bfloat16 &rh);
bool operator<(const __nv_bfloat16 &lh, const __nv_bfloat16 &rh);
bool operator>(const __nv_bfloat16 &lh, const __nv_bfloat16 &rh);
bool operator<=(const __nv_bfloat16 &lh, const __nv_bfloat16 &rh);
bool operator>=(const __nv_bfloat16 &lh, const __nv_bfloat16 &rh);
__nv_bfloat162 operator+(const __nv_bfloat162 &lh, const __nv_bfloat162 &rh);
__nv_bfloat162 &operator+=(__nv_bfloat162 &lh, const __nv_bfloat162 &rh);
__nv_bfloat162 operator-(const __nv_bfloat162 &lh, const __nv_bfloat162 &rh);
__nv_bfloat162 &operator-=(__nv_bfloat162 &lh, const __nv_bfloat162 &rh);
__nv_bfloat162 operator*(const __nv_bfloat162 &lh, const __nv_bfloat162 &rh);
__nv_bfloat162 &operator*=(__nv_bfloat162 &lh, const __nv_bfloat162 &rh);
__nv_bfloat162 operator/(const __nv_bfloat162 &lh, const __nv_bfloat162 &rh);
__nv_bfloat162 &operator/=(__nv_bfloat162 &lh, const __nv_bfloat162 &rh);
__nv_bfloat162 operator+(const __nv_bfloat162 &h);
__nv_bfloat162 operator-(const __nv_bfloat162 &h);
__nv_bfloat162 &operator++(__nv_bfloat162 &h);
__nv_bfloat162 &operator--(__nv_bfloat162 &h);
__nv_bfloat162 operator++(__nv_bfloat162 &h, int);
__nv_bfloat162 operator--(__nv_bfloat162 &h, int);
bool operator==(const __nv_bfloat162 &lh, const __nv_bfloat162 &rh);
bool operator!=(const __nv_bfloat162 &lh, const __nv_bfloat162 &rh);
bool operator<(const __nv_bfloat162 &lh, const __nv_bfloat162 &rh);
bool operator>(const __nv_bfloat162 &lh, const __nv_bfloat162 &rh);
bool operator<=(const __nv_bfloat162 &lh, const __nv_bfloat162 &rh);
bool operator>=(const __nv_bfloat162 &lh, const __nv_bfloat162 &rh);

/* ---- conversions ---- */
__nv_bfloat16 __float2bfloat16(const float a);
__nv_bfloat16 __float2bfloat16_rn(const float a);
__nv_bfloat16 __float2bfloat16_rz(const float a);
__nv_bfloat16 __float2bfloat16_rd(const float a);
__nv_bfloat16 __float2bfloat16_ru(const float a);
__nv_bfloat16 __double2bfloat16(const double a);
float __bfloat162float(const __nv_bfloat16 a);
__nv_bfloat162 __float2bfloat162_rn(const float a);
__nv_bfloat162 __floats2bfloat162_rn(const float a, const float b);
__nv_bfloat162 __float22bfloat162_rn(const float2 a);
float2 __bfloat1622float2(const __nv_bfloat162 a);
float __low2float(const __nv_bfloat162 a);
float __high2float(const __nv_bfloat162 a);
__nv_bfloat162 __bfloat162bfloat162(const __nv_bfloat16 a);
__nv_bfloat162 __halves2bfloat162(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat16 __low2bfloat16(const __nv_bfloat162 a);
__nv_bfloat16 __high2bfloat16(const __nv_bfloat162 a);
__nv_bfloat162 __low2bfloat162(const __nv_bfloat162 a);
__nv_bfloat162 __high2bfloat162(const __nv_bfloat162 a);
__nv_bfloat162 __lows2bfloat162(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __highs2bfloat162(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __lowhigh2highlow(const __nv_bfloat162 a);
__nv_bfloat162 make_bfloat162(const __nv_bfloat16 x, const __nv_bfloat16 y);
int __bfloat162int_rn(const __nv_bfloat16 h);
__nv_bfloat16 __int2bfloat16_rn(const int i);
int __bfloat162int_rz(const __nv_bfloat16 h);
__nv_bfloat16 __int2bfloat16_rz(const int i);
int __bfloat162int_rd(const __nv_bfloat16 h);
__nv_bfloat16 __int2bfloat16_rd(const int i);
int __bfloat162int_ru(const __nv_bfloat16 h);
__nv_bfloat16 __int2bfloat16_ru(const int i);
unsigned int __bfloat162uint_rn(const __nv_bfloat16 h);
__nv_bfloat16 __uint2bfloat16_rn(const unsigned int i);
unsigned int __bfloat162uint_rz(const __nv_bfloat16 h);
__nv_bfloat16 __uint2bfloat16_rz(const unsigned int i);
unsigned int __bfloat162uint_rd(const __nv_bfloat16 h);
__nv_bfloat16 __uint2bfloat16_rd(const unsigned int i);
unsigned int __bfloat162uint_ru(const __nv_bfloat16 h);
__nv_bfloat16 __uint2bfloat16_ru(const unsigned int i);
short __bfloat162short_rn(const __nv_bfloat16 h);
__nv_bfloat16 __short2bfloat16_rn(const short i);
short __bfloat162short_rz(const __nv_bfloat16 h);
__nv_bfloat16 __short2bfloat16_rz(const short i);
short __bfloat162short_rd(const __nv_bfloat16 h);
__nv_bfloat16 __short2bfloat16_rd(const short i);
short __bfloat162short_ru(const __nv_bfloat16 h);
__nv_bfloat16 __short2bfloat16_ru(const short i);
unsigned short __bfloat162ushort_rn(const __nv_bfloat16 h);
__nv_bfloat16 __ushort2bfloat16_rn(const unsigned short i);
unsigned short __bfloat162ushort_rz(const __nv_bfloat16 h);
__nv_bfloat16 __ushort2bfloat16_rz(const unsigned short i);
unsigned short __bfloat162ushort_rd(const __nv_bfloat16 h);
__nv_bfloat16 __ushort2bfloat16_rd(const unsigned short i);
unsigned short __bfloat162ushort_ru(const __nv_bfloat16 h);
__nv_bfloat16 __ushort2bfloat16_ru(const unsigned short i);
long long __bfloat162ll_rn(const __nv_bfloat16 h);
__nv_bfloat16 __ll2bfloat16_rn(const long long i);
long long __bfloat162ll_rz(const __nv_bfloat16 h);
__nv_bfloat16 __ll2bfloat16_rz(const long long i);
long long __bfloat162ll_rd(const __nv_bfloat16 h);
__nv_bfloat16 __ll2bfloat16_rd(const long long i);
long long __bfloat162ll_ru(const __nv_bfloat16 h);
__nv_bfloat16 __ll2bfloat16_ru(const long long i);
unsigned long long __bfloat162ull_rn(const __nv_bfloat16 h);
__nv_bfloat16 __ull2bfloat16_rn(const unsigned long long i);
unsigned long long __bfloat162ull_rz(const __nv_bfloat16 h);
__nv_bfloat16 __ull2bfloat16_rz(const unsigned long long i);
unsigned long long __bfloat162ull_rd(const __nv_bfloat16 h);
__nv_bfloat16 __ull2bfloat16_rd(const unsigned long long i);
unsigned long long __bfloat162ull_ru(const __nv_bfloat16 h);
__nv_bfloat16 __ull2bfloat16_ru(const unsigned long long i);
signed char __bfloat162char_rz(const __nv_bfloat16 h);
unsigned char __bfloat162uchar_rz(const __nv_bfloat16 h);
short __bfloat16_as_short(const __nv_bfloat16 h);
unsigned short __bfloat16_as_ushort(const __nv_bfloat16 h);
__nv_bfloat16 __short_as_bfloat16(const short i);
__nv_bfloat16 __ushort_as_bfloat16(const unsigned short i);

/* ---- arithmetic and comparison ---- */
__nv_bfloat16 __hadd(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat16 __hsub(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat16 __hmul(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat16 __hdiv(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat16 __hadd_sat(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat16 __hsub_sat(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat16 __hmul_sat(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat16 __hadd_rn(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat16 __hsub_rn(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat16 __hmul_rn(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat16 __hmax(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat16 __hmin(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat16 __hmax_nan(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat16 __hmin_nan(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat16 __hfma(const __nv_bfloat16 a, const __nv_bfloat16 b, const __nv_bfloat16 c);
__nv_bfloat16 __hfma_sat(const __nv_bfloat16 a, const __nv_bfloat16 b, const __nv_bfloat16 c);
__nv_bfloat16 __hfma_relu(const __nv_bfloat16 a, const __nv_bfloat16 b, const __nv_bfloat16 c);
__nv_bfloat16 __hneg(const __nv_bfloat16 a);
__nv_bfloat16 __habs(const __nv_bfloat16 a);
__nv_bfloat162 __hadd2(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __hsub2(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __hmul2(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __h2div(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __hadd2_sat(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __hsub2_sat(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __hmul2_sat(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __hadd2_rn(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __hsub2_rn(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __hmul2_rn(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __hmax2(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __hmin2(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __hmax2_nan(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __hmin2_nan(const __nv_bfloat162 a, const __nv_bfloat162 b);
__nv_bfloat162 __hfma2(const __nv_bfloat162 a, const __nv_bfloat162 b, const __nv_bfloat162 c);
__nv_bfloat162 __hfma2_sat(const __nv_bfloat162 a, const __nv_bfloat162 b, const __nv_bfloat162 c);
__nv_bfloat162 __hfma2_relu(const __nv_bfloat162 a, const __nv_bfloat162 b, const __nv_bfloat162 c);
__nv_bfloat162 __hcmadd(const __nv_bfloat162 a, const __nv_bfloat162 b, const __nv_bfloat162 c);
__nv_bfloat162 __hneg2(const __nv_bfloat162 a);
__nv_bfloat162 __habs2(const __nv_bfloat162 a);
bool __heq(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat162 __heq2(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hbeq2(const __nv_bfloat162 a, const __nv_bfloat162 b);
unsigned int __heq2_mask(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hne(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat162 __hne2(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hbne2(const __nv_bfloat162 a, const __nv_bfloat162 b);
unsigned int __hne2_mask(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hle(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat162 __hle2(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hble2(const __nv_bfloat162 a, const __nv_bfloat162 b);
unsigned int __hle2_mask(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hge(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat162 __hge2(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hbge2(const __nv_bfloat162 a, const __nv_bfloat162 b);
unsigned int __hge2_mask(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hlt(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat162 __hlt2(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hblt2(const __nv_bfloat162 a, const __nv_bfloat162 b);
unsigned int __hlt2_mask(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hgt(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat162 __hgt2(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hbgt2(const __nv_bfloat162 a, const __nv_bfloat162 b);
unsigned int __hgt2_mask(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hequ(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat162 __hequ2(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hbequ2(const __nv_bfloat162 a, const __nv_bfloat162 b);
unsigned int __hequ2_mask(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hneu(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat162 __hneu2(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hbneu2(const __nv_bfloat162 a, const __nv_bfloat162 b);
unsigned int __hneu2_mask(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hleu(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat162 __hleu2(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hbleu2(const __nv_bfloat162 a, const __nv_bfloat162 b);
unsigned int __hleu2_mask(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hgeu(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat162 __hgeu2(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hbgeu2(const __nv_bfloat162 a, const __nv_bfloat162 b);
unsigned int __hgeu2_mask(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hltu(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat162 __hltu2(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hbltu2(const __nv_bfloat162 a, const __nv_bfloat162 b);
unsigned int __hltu2_mask(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hgtu(const __nv_bfloat16 a, const __nv_bfloat16 b);
__nv_bfloat162 __hgtu2(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hbgtu2(const __nv_bfloat162 a, const __nv_bfloat162 b);
unsigned int __hgtu2_mask(const __nv_bfloat162 a, const __nv_bfloat162 b);
bool __hisnan(const __nv_bfloat16 a);
int __hisinf(const __nv_bfloat16 a);
__nv_bfloat162 __hisnan2(const __nv_bfloat162 a);
__KPORT_END_HOST_DEVICE

/* ---- math (__device__, applied by a pragma) ---- */
#if defined(__CUDA__)
__KPORT_BEGIN_DEVICE
__nv_bfloat16 hsqrt(const __nv_bfloat16 a);
__nv_bfloat162 h2sqrt(const __nv_bfloat162 a);
__nv_bfloat16 hrsqrt(const __nv_bfloat16 a);
__nv_bfloat162 h2rsqrt(const __nv_bfloat162 a);
__nv_bfloat16 hrcp(const __nv_bfloat16 a);
__nv_bfloat162 h2rcp(const __nv_bfloat162 a);
__nv_bfloat16 hlog(const __nv_bfloat16 a);
__nv_bfloat162 h2log(const __nv_bfloat162 a);
__nv_bfloat16 hlog2(const __nv_bfloat16 a);
__nv_bfloat162 h2log2(const __nv_bfloat162 a);
__nv_bfloat16 hlog10(const __nv_bfloat16 a);
__nv_bfloat162 h2log10(const __nv_bfloat162 a);
__nv_bfloat16 hexp(const __nv_bfloat16 a);
__nv_bfloat162 h2exp(const __nv_bfloat162 a);
__nv_bfloat16 hexp2(const __nv_bfloat16 a);
__nv_bfloat162 h2exp2(const __nv_bfloat162 a);
__nv_bfloat16 hexp10(const __nv_bfloat16 a);
__nv_bfloat162 h2exp10(const __nv_bfloat162 a);
__nv_bfloat16 hcos(const __nv_bfloat16 a);
__nv_bfloat162 h2cos(const __nv_bfloat162 a);
__nv_bfloat16 hsin(const __nv_bfloat16 a);
__nv_bfloat162 h2sin(const __nv_bfloat162 a);
__nv_bfloat16 htanh(const __nv_bfloat16 a);
__nv_bfloat162 h2tanh(const __nv_bfloat162 a);
__nv_bfloat16 hceil(const __nv_bfloat16 a);
__nv_bfloat162 h2ceil(const __nv_bfloat162 a);
__nv_bfloat16 hfloor(const __nv_bfloat16 a);
__nv_bfloat162 h2floor(const __nv_bfloat162 a);
__nv_bfloat16 hrint(const __nv_bfloat16 a);
__nv_bfloat162 h2rint(const __nv_bfloat162 a);
__nv_bfloat16 htrunc(const __nv_bfloat16 a);
__nv_bfloat162 h2trunc(const __nv_bfloat162 a);
__nv_bfloat16 htanh_approx(const __nv_bfloat16 a);
__nv_bfloat162 h2tanh_approx(const __nv_bfloat162 a);

/* ---- warp shuffles, loads/stores, atomics ---- */
__nv_bfloat16 __shfl_sync(unsigned int mask, __nv_bfloat16 var, int srcLane, int width = 32);
__nv_bfloat16 __shfl_up_sync(unsigned int mask, __nv_bfloat16 var, unsigned int delta, int width = 32);
__nv_bfloat16 __shfl_down_sync(unsigned int mask, __nv_bfloat16 var, unsigned int delta, int width = 32);
__nv_bfloat16 __shfl_xor_sync(unsigned int mask, __nv_bfloat16 var, int laneMask, int width = 32);
__nv_bfloat16 __shfl(__nv_bfloat16 var, int srcLane, int width = 32);
__nv_bfloat16 __shfl_up(__nv_bfloat16 var, unsigned int delta, int width = 32);
__nv_bfloat16 __shfl_down(__nv_bfloat16 var, unsigned int delta, int width = 32);
__nv_bfloat16 __shfl_xor(__nv_bfloat16 var, int laneMask, int width = 32);
__nv_bfloat16 __ldg(const __nv_bfloat16 *ptr);
__nv_bfloat16 __ldcg(const __nv_bfloat16 *ptr);
__nv_bfloat16 __ldca(const __nv_bfloat16 *ptr);
__nv_bfloat16 __ldcs(const __nv_bfloat16 *ptr);
__nv_bfloat16 __ldlu(const __nv_bfloat16 *ptr);
__nv_bfloat16 __ldcv(const __nv_bfloat16 *ptr);
void __stwb(__nv_bfloat16 *ptr, __nv_bfloat16 value);
void __stcg(__nv_bfloat16 *ptr, __nv_bfloat16 value);
void __stcs(__nv_bfloat16 *ptr, __nv_bfloat16 value);
void __stwt(__nv_bfloat16 *ptr, __nv_bfloat16 value);
__nv_bfloat16 atomicAdd(__nv_bfloat16 *address, __nv_bfloat16 val);
__nv_bfloat16 atomicAdd_block(__nv_bfloat16 *address, __nv_bfloat16 val);
__nv_bfloat16 atomicAdd_system(__nv_bfloat16 *address, __nv_bfloat16 val);
__nv_bfloat162 __shfl_sync(unsigned int mask, __nv_bfloat162 var, int srcLane, int width = 32);
__nv_bfloat162 __shfl_up_sync(unsigned int mask, __nv_bfloat162 var, unsigned int delta, int width = 32);
__nv_bfloat162 __shfl_down_sync(unsigned int mask, __nv_bfloat162 var, unsigned int delta, int width = 32);
__nv_bfloat162 __shfl_xor_sync(unsigned int mask, __nv_bfloat162 var, int laneMask, int width = 32);
__nv_bfloat162 __shfl(__nv_bfloat162 var, int srcLane, int width = 32);
__nv_bfloat162 __shfl_up(__nv_bfloat162 var, unsigned int delta, int width = 32);
__nv_bfloat162 __shfl_down(__nv_bfloat162 var, unsigned int delta, int width = 32);
__nv_bfloat162 __shfl_xor(__nv_bfloat162 var, int laneMask, int width = 32);
__nv_bfloat162 __ldg(const __nv_bfloat162 *ptr);
__nv_bfloat162 __ldcg(const __nv_bfloat162 *ptr);
__nv_bfloat162 __ldca(const __nv_bfloat162 *ptr);
__nv_bfloat162 __ldcs(const __nv_bfloat162 *ptr);
__nv_bfloat162 __ldlu(const __nv_bfloat162 *ptr);
__nv_bfloat162 __ldcv(const __nv_bfloat162 *ptr);
void __stwb(__nv_bfloat162 *ptr, __nv_bfloat162 value);
void __stcg(__nv_bfloat162 *ptr, __nv_bfloat162 value);
void __stcs(__nv_bfloat162 *ptr, __nv_bfloat162 value);
void __stwt(__nv_bfloat162 *ptr, __nv_bfloat162 value);
__nv_bfloat162 atomicAdd(__nv_bfloat162 *address, __nv_bfloat162 val);
__nv_bfloat162 atomicAdd_block(__nv_bfloat162 *address, __nv_bfloat162 val);
__nv_bfloat162 atomicAdd_system(__nv_bfloat162 *address, __nv_bfloat162 val);
__KPORT_END_DEVICE
#endif /* __CUDA__ */

#undef __KPORT_HD
#endif /* __cplusplus */

#endif /* __KPORT_CUDA_BF16_H__ */
