/* kport's declaration-only stand-in for the CUDA header "device_double_functions.h".
 * Double precision intrinsics are in device_functions.h here. Written for kport; no NVIDIA code is
 * copied. */
#ifndef __KPORT_FWD_DEVICE_DOUBLE_FUNCTIONS_H__
#define __KPORT_FWD_DEVICE_DOUBLE_FUNCTIONS_H__
#include "device_functions.h"
#endif
