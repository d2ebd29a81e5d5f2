/* kport's declaration-only stand-in for the CUDA header "sm_35_atomic_functions.h".
 * All atomics are declared in device_atomic_functions.h here. Written for kport; no NVIDIA code is
 * copied. */
#ifndef __KPORT_FWD_SM_35_ATOMIC_FUNCTIONS_H__
#define __KPORT_FWD_SM_35_ATOMIC_FUNCTIONS_H__
#include "device_atomic_functions.h"
#endif
