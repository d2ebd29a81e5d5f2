/* kport's declaration-only stand-in for the CUDA header "crt/device_functions.h".
 * See device_functions.h. Written for kport; no NVIDIA code is copied. */
#ifndef __KPORT_FWD_CRT_DEVICE_FUNCTIONS_H__
#define __KPORT_FWD_CRT_DEVICE_FUNCTIONS_H__
#include "../device_functions.h"
#endif
