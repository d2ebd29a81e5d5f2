/* kport's declaration-only stand-in for the CUDA header "vector_functions.h".
 * Written for kport from the documented make_<type><n>() constructor functions; no NVIDIA code is
 * copied. Each is a static inline __host__ __device__ function, declared without a body: a body
 * costs about 0.1 ms of parse time per function and is not needed to resolve the calls. */
#ifndef __KPORT_VECTOR_FUNCTIONS_H__
#define __KPORT_VECTOR_FUNCTIONS_H__

#include "vector_types.h"

__KPORT_BEGIN_HOST_DEVICE
static __inline__ char1 make_char1(signed char x);
static __inline__ char2 make_char2(signed char x, signed char y);
static __inline__ char3 make_char3(signed char x, signed char y, signed char z);
static __inline__ char4 make_char4(signed char x, signed char y, signed char z, signed char w);

static __inline__ uchar1 make_uchar1(unsigned char x);
static __inline__ uchar2 make_uchar2(unsigned char x, unsigned char y);
static __inline__ uchar3 make_uchar3(unsigned char x, unsigned char y, unsigned char z);
static __inline__ uchar4 make_uchar4(unsigned char x, unsigned char y, unsigned char z, unsigned char w);

static __inline__ short1 make_short1(short x);
static __inline__ short2 make_short2(short x, short y);
static __inline__ short3 make_short3(short x, short y, short z);
static __inline__ short4 make_short4(short x, short y, short z, short w);

static __inline__ ushort1 make_ushort1(unsigned short x);
static __inline__ ushort2 make_ushort2(unsigned short x, unsigned short y);
static __inline__ ushort3 make_ushort3(unsigned short x, unsigned short y, unsigned short z);
static __inline__ ushort4 make_ushort4(unsigned short x, unsigned short y, unsigned short z, unsigned short w);

static __inline__ int1 make_int1(int x);
static __inline__ int2 make_int2(int x, int y);
static __inline__ int3 make_int3(int x, int y, int z);
static __inline__ int4 make_int4(int x, int y, int z, int w);

static __inline__ uint1 make_uint1(unsigned int x);
static __inline__ uint2 make_uint2(unsigned int x, unsigned int y);
static __inline__ uint3 make_uint3(unsigned int x, unsigned int y, unsigned int z);
static __inline__ uint4 make_uint4(unsigned int x, unsigned int y, unsigned int z, unsigned int w);

static __inline__ long1 make_long1(long int x);
static __inline__ long2 make_long2(long int x, long int y);
static __inline__ long3 make_long3(long int x, long int y, long int z);
static __inline__ long4 make_long4(long int x, long int y, long int z, long int w);

static __inline__ ulong1 make_ulong1(unsigned long int x);
static __inline__ ulong2 make_ulong2(unsigned long int x, unsigned long int y);
static __inline__ ulong3 make_ulong3(unsigned long int x, unsigned long int y, unsigned long int z);
static __inline__ ulong4 make_ulong4(unsigned long int x, unsigned long int y, unsigned long int z, unsigned long int w);

static __inline__ longlong1 make_longlong1(long long int x);
static __inline__ longlong2 make_longlong2(long long int x, long long int y);
static __inline__ longlong3 make_longlong3(long long int x, long long int y, long long int z);
static __inline__ longlong4 make_longlong4(long long int x, long long int y, long long int z, long long int w);

static __inline__ ulonglong1 make_ulonglong1(unsigned long long int x);
static __inline__ ulonglong2 make_ulonglong2(unsigned long long int x, unsigned long long int y);
static __inline__ ulonglong3 make_ulonglong3(unsigned long long int x, unsigned long long int y, unsigned long long int z);
static __inline__ ulonglong4 make_ulonglong4(unsigned long long int x, unsigned long long int y, unsigned long long int z, unsigned long long int w);

static __inline__ float1 make_float1(float x);
static __inline__ float2 make_float2(float x, float y);
static __inline__ float3 make_float3(float x, float y, float z);
static __inline__ float4 make_float4(float x, float y, float z, float w);

static __inline__ double1 make_double1(double x);
static __inline__ double2 make_double2(double x, double y);
static __inline__ double3 make_double3(double x, double y, double z);
static __inline__ double4 make_double4(double x, double y, double z, double w);

__KPORT_END_HOST_DEVICE

#endif /* __KPORT_VECTOR_FUNCTIONS_H__ */
