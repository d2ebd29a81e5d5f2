/* kport's declaration-only stand-in for the CUDA header "texture_indirect_functions.h".
 * Texture object functions live in texture_fetch_functions.h here. Written for kport; no NVIDIA
 * code is copied. */
#ifndef __KPORT_FWD_TEXTURE_INDIRECT_FUNCTIONS_H__
#define __KPORT_FWD_TEXTURE_INDIRECT_FUNCTIONS_H__
#include "texture_fetch_functions.h"
#endif
