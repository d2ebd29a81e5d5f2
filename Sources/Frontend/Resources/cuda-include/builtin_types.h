/* kport's declaration-only stand-in for the CUDA header "builtin_types.h".
 * The built-in types; they live in driver_types.h, vector_types.h and device_types.h here. Written
 * for kport; no NVIDIA code is copied. */
#ifndef __KPORT_FWD_BUILTIN_TYPES_H__
#define __KPORT_FWD_BUILTIN_TYPES_H__
#include "driver_types.h"
#include "vector_types.h"
#include "cuda_texture_types.h"
#include "device_types.h"
#endif
