/* kport's declaration-only stand-in for the CUDA header "surface_functions.h".
 * Surface functions live in texture_fetch_functions.h here. Written for kport; no NVIDIA code is
 * copied. */
#ifndef __KPORT_FWD_SURFACE_FUNCTIONS_H__
#define __KPORT_FWD_SURFACE_FUNCTIONS_H__
#include "texture_fetch_functions.h"
#endif
