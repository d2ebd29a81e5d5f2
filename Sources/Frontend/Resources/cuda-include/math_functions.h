/* kport's declaration-only stand-in for the CUDA header "math_functions.h" (the CUDA Math API).
 * Written for kport from the documented CUDA Math API (single and double precision functions,
 * integer min/max); no NVIDIA code is copied.
 *
 * Rules that keep this compatible with <math.h>/<cmath>/<cstdlib> included before or after it:
 * - every math function is declared __device__ only: a __device__ overload of a __host__ function
 *   with the same signature is allowed, a __host__ __device__ redeclaration is an error;
 * - the C++ float overloads (sqrt(float), ...) are declared here and then made visible in namespace
 *   std, before libstdc++ declares its constexpr float overloads, which therefore stay host-only
 *   instead of becoming implicitly __host__ __device__ (which could not be overloaded);
 * - min/max are non-template __host__ __device__ overloads (CUDA's set), preferred over std::min;
 * - the most common host C math functions (sqrt, exp, log, fabs, pow, ...) are declared with C
 *   linkage exactly as the C library declares them, so host code that relies on nvcc's implicit
 *   <math.h> usually still parses, and a later #include <math.h> is a compatible redeclaration;
 * - the device declarations sit inside a "#pragma clang attribute push" region: it is the same
 *   __device__ attribute, parsed once instead of once per declaration (measurably faster). */
#ifndef __KPORT_MATH_FUNCTIONS_H__
#define __KPORT_MATH_FUNCTIONS_H__

#include "host_defines.h"

#if defined(__cplusplus)
/* ---- common host C library math (C linkage, as glibc declares them) ---- */
extern "C" {
extern double sqrt(double) noexcept;
extern double exp(double) noexcept;
extern double log(double) noexcept;
extern double log2(double) noexcept;
extern double log10(double) noexcept;
extern double fabs(double) noexcept;
extern double floor(double) noexcept;
extern double ceil(double) noexcept;
extern double round(double) noexcept;
extern double sin(double) noexcept;
extern double cos(double) noexcept;
extern double tan(double) noexcept;
extern double tanh(double) noexcept;
extern double pow(double, double) noexcept;
extern double fmax(double, double) noexcept;
extern double fmin(double, double) noexcept;
extern double fmod(double, double) noexcept;
extern float sqrtf(float) noexcept;
extern float expf(float) noexcept;
extern float logf(float) noexcept;
extern float log2f(float) noexcept;
extern float log10f(float) noexcept;
extern float fabsf(float) noexcept;
extern float floorf(float) noexcept;
extern float ceilf(float) noexcept;
extern float roundf(float) noexcept;
extern float sinf(float) noexcept;
extern float cosf(float) noexcept;
extern float tanf(float) noexcept;
extern float tanhf(float) noexcept;
extern float powf(float, float) noexcept;
extern float fmaxf(float, float) noexcept;
extern float fminf(float, float) noexcept;
extern float fmodf(float, float) noexcept;
}

#if defined(__CUDA__)
/* ---- device math library ---- */
__KPORT_BEGIN_DEVICE
/* double precision */
double acos(double);
double acosh(double);
double asin(double);
double asinh(double);
double atan(double);
double atanh(double);
double cbrt(double);
double ceil(double);
double cos(double);
double cosh(double);
double erf(double);
double erfc(double);
double exp(double);
double exp2(double);
double expm1(double);
double fabs(double);
double floor(double);
double lgamma(double);
double log(double);
double log10(double);
double log1p(double);
double log2(double);
double logb(double);
double nearbyint(double);
double rint(double);
double round(double);
double sin(double);
double sinh(double);
double sqrt(double);
double tan(double);
double tanh(double);
double tgamma(double);
double trunc(double);
double cospi(double);
double sinpi(double);
double rsqrt(double);
double rcbrt(double);
double erfinv(double);
double erfcinv(double);
double erfcx(double);
double normcdf(double);
double normcdfinv(double);
double exp10(double);
double cyl_bessel_i0(double);
double cyl_bessel_i1(double);
double j0(double);
double j1(double);
double y0(double);
double y1(double);
double atan2(double, double);
double copysign(double, double);
double fdim(double, double);
double fmax(double, double);
double fmin(double, double);
double fmod(double, double);
double hypot(double, double);
double nextafter(double, double);
double pow(double, double);
double remainder(double, double);
double rhypot(double, double);
double fma(double, double, double);
double frexp(double, int*);
double ldexp(double, int);
double modf(double, double*);
double remquo(double, double, int*);
double scalbn(double, int);
double scalbln(double, long);
int ilogb(double);
long lrint(double);
long long llrint(double);
long lround(double);
long long llround(double);
double nan(const char*);
void sincos(double, double*, double*);
void sincospi(double, double*, double*);
double jn(int, double);
double yn(int, double);
double norm3d(double, double, double);
double rnorm3d(double, double, double);
double norm4d(double, double, double, double);
double rnorm4d(double, double, double, double);
double norm(int, const double*);
double rnorm(int, const double*);
/* float precision */
float acosf(float);
float acoshf(float);
float asinf(float);
float asinhf(float);
float atanf(float);
float atanhf(float);
float cbrtf(float);
float ceilf(float);
float cosf(float);
float coshf(float);
float erff(float);
float erfcf(float);
float expf(float);
float exp2f(float);
float expm1f(float);
float fabsf(float);
float floorf(float);
float lgammaf(float);
float logf(float);
float log10f(float);
float log1pf(float);
float log2f(float);
float logbf(float);
float nearbyintf(float);
float rintf(float);
float roundf(float);
float sinf(float);
float sinhf(float);
float sqrtf(float);
float tanf(float);
float tanhf(float);
float tgammaf(float);
float truncf(float);
float cospif(float);
float sinpif(float);
float rsqrtf(float);
float rcbrtf(float);
float erfinvf(float);
float erfcinvf(float);
float erfcxf(float);
float normcdff(float);
float normcdfinvf(float);
float exp10f(float);
float cyl_bessel_i0f(float);
float cyl_bessel_i1f(float);
float j0f(float);
float j1f(float);
float y0f(float);
float y1f(float);
float atan2f(float, float);
float copysignf(float, float);
float fdimf(float, float);
float fmaxf(float, float);
float fminf(float, float);
float fmodf(float, float);
float hypotf(float, float);
float nextafterf(float, float);
float powf(float, float);
float remainderf(float, float);
float rhypotf(float, float);
float fmaf(float, float, float);
float frexpf(float, int*);
float ldexpf(float, int);
float modff(float, float*);
float remquof(float, float, int*);
float scalbnf(float, int);
float scalblnf(float, long);
int ilogbf(float);
long lrintf(float);
long long llrintf(float);
long lroundf(float);
long long llroundf(float);
float nanf(const char*);
void sincosf(float, float*, float*);
void sincospif(float, float*, float*);
float jnf(int, float);
float ynf(int, float);
float norm3df(float, float, float);
float rnorm3df(float, float, float);
float norm4df(float, float, float, float);
float rnorm4df(float, float, float, float);
float normf(int, const float*);
float rnormf(int, const float*);
float fdividef(float, float);

/* C++ overloads taking float (as CUDA's math_functions.hpp provides) */
float acos(float);
float acosh(float);
float asin(float);
float asinh(float);
float atan(float);
float atanh(float);
float cbrt(float);
float ceil(float);
float cos(float);
float cosh(float);
float erf(float);
float erfc(float);
float exp(float);
float exp2(float);
float expm1(float);
float fabs(float);
float floor(float);
float lgamma(float);
float log(float);
float log10(float);
float log1p(float);
float log2(float);
float logb(float);
float nearbyint(float);
float rint(float);
float round(float);
float sin(float);
float sinh(float);
float sqrt(float);
float tan(float);
float tanh(float);
float tgamma(float);
float trunc(float);
float cospi(float);
float sinpi(float);
float rsqrt(float);
float rcbrt(float);
float erfinv(float);
float erfcinv(float);
float erfcx(float);
float normcdf(float);
float normcdfinv(float);
float exp10(float);
float cyl_bessel_i0(float);
float cyl_bessel_i1(float);
float j0(float);
float j1(float);
float y0(float);
float y1(float);
float atan2(float, float);
float copysign(float, float);
float fdim(float, float);
float fmax(float, float);
float fmin(float, float);
float fmod(float, float);
float hypot(float, float);
float nextafter(float, float);
float pow(float, float);
float remainder(float, float);
float rhypot(float, float);
float fma(float, float, float);
float frexp(float, int*);
float ldexp(float, int);
float modf(float, float*);
float remquo(float, float, int*);
float scalbn(float, int);
float scalbln(float, long);
int ilogb(float);
long lrint(float);
long long llrint(float);
long lround(float);
long long llround(float);
void sincos(float, float*, float*);
void sincospi(float, float*, float*);
float jn(int, float);
float yn(int, float);
float norm3d(float, float, float);
float rnorm3d(float, float, float);
float norm4d(float, float, float, float);
float rnorm4d(float, float, float, float);
float pow(float, int);
double pow(double, int);

/* classification */
bool isnan(float);
bool isnan(double);
bool isinf(float);
bool isinf(double);
bool isfinite(float);
bool isfinite(double);
bool signbit(float);
bool signbit(double);
int __isnanf(float);
int __isnan(double);
int __isinff(float);
int __isinf(double);
int __finitef(float);
int __finite(double);
int __signbitf(float);
int __signbit(double);

/* absolute values */
int abs(int);
long abs(long);
long long abs(long long);
float abs(float);
double abs(double);
long labs(long);
long long llabs(long long);

/* integer min/max */
unsigned int umin(unsigned int, unsigned int);
unsigned int umax(unsigned int, unsigned int);
long long llmin(long long, long long);
long long llmax(long long, long long);
unsigned long long ullmin(unsigned long long, unsigned long long);
unsigned long long ullmax(unsigned long long, unsigned long long);

__KPORT_END_DEVICE

/* The device overloads join namespace std (libstdc++'s own are added when <cmath> comes). */
namespace std {
using ::abs;
using ::acos;
using ::acosh;
using ::asin;
using ::asinh;
using ::atan;
using ::atan2;
using ::atanh;
using ::cbrt;
using ::ceil;
using ::copysign;
using ::cos;
using ::cosh;
using ::erf;
using ::erfc;
using ::exp;
using ::exp2;
using ::expm1;
using ::fabs;
using ::fdim;
using ::floor;
using ::fma;
using ::fmax;
using ::fmin;
using ::fmod;
using ::frexp;
using ::hypot;
using ::ilogb;
using ::isfinite;
using ::isinf;
using ::isnan;
using ::labs;
using ::ldexp;
using ::lgamma;
using ::llabs;
using ::llrint;
using ::llround;
using ::log;
using ::log10;
using ::log1p;
using ::log2;
using ::logb;
using ::lrint;
using ::lround;
using ::modf;
using ::nan;
using ::nearbyint;
using ::nextafter;
using ::pow;
using ::remainder;
using ::remquo;
using ::rint;
using ::round;
using ::scalbln;
using ::scalbn;
using ::signbit;
using ::sin;
using ::sinh;
using ::sqrt;
using ::tan;
using ::tanh;
using ::tgamma;
using ::trunc;
}

/* min/max: CUDA's non-template __host__ __device__ overloads. */
__KPORT_BEGIN_HOST_DEVICE
int min(int, int);
unsigned int min(unsigned int, unsigned int);
unsigned int min(int, unsigned int);
unsigned int min(unsigned int, int);
long min(long, long);
unsigned long min(unsigned long, unsigned long);
unsigned long min(long, unsigned long);
unsigned long min(unsigned long, long);
long long min(long long, long long);
unsigned long long min(unsigned long long, unsigned long long);
unsigned long long min(long long, unsigned long long);
unsigned long long min(unsigned long long, long long);
float min(float, float);
double min(double, double);
double min(float, double);
double min(double, float);
int max(int, int);
unsigned int max(unsigned int, unsigned int);
unsigned int max(int, unsigned int);
unsigned int max(unsigned int, int);
long max(long, long);
unsigned long max(unsigned long, unsigned long);
unsigned long max(long, unsigned long);
unsigned long max(unsigned long, long);
long long max(long long, long long);
unsigned long long max(unsigned long long, unsigned long long);
unsigned long long max(long long, unsigned long long);
unsigned long long max(unsigned long long, long long);
float max(float, float);
double max(double, double);
double max(float, double);
double max(double, float);
__KPORT_END_HOST_DEVICE
#endif /* __CUDA__ */
#endif /* __cplusplus */

#endif /* __KPORT_MATH_FUNCTIONS_H__ */
