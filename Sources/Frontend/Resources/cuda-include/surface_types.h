/* kport's declaration-only stand-in for the CUDA header "surface_types.h".
 * Surface types live in driver_types.h and cuda_texture_types.h here. Written for kport; no NVIDIA
 * code is copied. */
#ifndef __KPORT_FWD_SURFACE_TYPES_H__
#define __KPORT_FWD_SURFACE_TYPES_H__
#include "driver_types.h"
#include "cuda_texture_types.h"
#endif
