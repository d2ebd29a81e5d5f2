/* kport's declaration-only stand-in for the CUDA header "host_config.h".
 * Compiler configuration; nothing is needed beyond host_defines.h. Written for kport; no NVIDIA
 * code is copied. */
#ifndef __KPORT_FWD_HOST_CONFIG_H__
#define __KPORT_FWD_HOST_CONFIG_H__
#include "host_defines.h"
#endif
