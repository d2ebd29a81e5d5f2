/* kport's declaration-only stand-in for the CUDA header "channel_descriptor.h".
 * cudaCreateChannelDesc<T>() is declared in cuda_runtime.h here. Written for kport; no NVIDIA code
 * is copied. */
#ifndef __KPORT_FWD_CHANNEL_DESCRIPTOR_H__
#define __KPORT_FWD_CHANNEL_DESCRIPTOR_H__
#include "cuda_runtime.h"
#endif
