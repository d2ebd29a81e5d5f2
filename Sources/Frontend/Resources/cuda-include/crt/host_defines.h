/* kport's declaration-only stand-in for the CUDA header "crt/host_defines.h".
 * See host_defines.h. Written for kport; no NVIDIA code is copied. */
#ifndef __KPORT_FWD_CRT_HOST_DEFINES_H__
#define __KPORT_FWD_CRT_HOST_DEFINES_H__
#include "../host_defines.h"
#endif
