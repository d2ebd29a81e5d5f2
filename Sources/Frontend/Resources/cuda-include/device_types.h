/* kport's declaration-only stand-in for the CUDA header "device_types.h".
 * Written for kport from the documented cudaRoundMode enumeration; no NVIDIA code is copied. */
#ifndef __KPORT_DEVICE_TYPES_H__
#define __KPORT_DEVICE_TYPES_H__
enum cudaRoundMode { cudaRoundNearest, cudaRoundZero, cudaRoundPosInf, cudaRoundMinInf };
#endif /* __KPORT_DEVICE_TYPES_H__ */
