/* kport's declaration-only stand-in for the CUDA header "crt/math_functions.h".
 * See math_functions.h. Written for kport; no NVIDIA code is copied. */
#ifndef __KPORT_FWD_CRT_MATH_FUNCTIONS_H__
#define __KPORT_FWD_CRT_MATH_FUNCTIONS_H__
#include "../math_functions.h"
#endif
