/* kport's declaration-only stand-in for the CUDA header "common_functions.h".
 * The functions it declares are in device_functions.h and kport_host_libc.h here. Written for
 * kport; no NVIDIA code is copied. */
#ifndef __KPORT_FWD_COMMON_FUNCTIONS_H__
#define __KPORT_FWD_COMMON_FUNCTIONS_H__
#include "device_functions.h"
#endif
