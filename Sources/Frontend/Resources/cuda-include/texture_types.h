/* kport's declaration-only stand-in for the CUDA header "texture_types.h".
 * Texture types live in driver_types.h and cuda_texture_types.h here. Written for kport; no NVIDIA
 * code is copied. */
#ifndef __KPORT_FWD_TEXTURE_TYPES_H__
#define __KPORT_FWD_TEXTURE_TYPES_H__
#include "driver_types.h"
#include "cuda_texture_types.h"
#endif
