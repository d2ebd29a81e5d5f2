/* kport's declaration-only stand-in for the CUDA header "sm_61_intrinsics.h".
 * All intrinsics are declared in device_functions.h here. Written for kport; no NVIDIA code is
 * copied. */
#ifndef __KPORT_FWD_SM_61_INTRINSICS_H__
#define __KPORT_FWD_SM_61_INTRINSICS_H__
#include "device_functions.h"
#endif
