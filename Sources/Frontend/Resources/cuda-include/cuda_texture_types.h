/* kport's declaration-only stand-in for the CUDA header "cuda_texture_types.h" (and, through it,
 * texture_types.h/surface_types.h). Written for kport from the documented legacy texture reference
 * API (texture<T, dim, readMode>, removed in CUDA 12 but common in older code); no NVIDIA code is
 * copied. */
#ifndef __KPORT_CUDA_TEXTURE_TYPES_H__
#define __KPORT_CUDA_TEXTURE_TYPES_H__

#include "host_defines.h"
#include "driver_types.h"

#if defined(__cplusplus) && defined(__CUDA__)
#if __has_attribute(device_builtin_texture_type)
#define __KPORT_TEXTURE_TYPE __attribute__((device_builtin_texture_type))
#define __KPORT_SURFACE_TYPE __attribute__((device_builtin_surface_type))
#else
#define __KPORT_TEXTURE_TYPE
#define __KPORT_SURFACE_TYPE
#endif

template <class T, int texType = cudaTextureType1D, enum cudaTextureReadMode mode = cudaReadModeElementType>
struct __KPORT_TEXTURE_TYPE texture : public textureReference {
  __host__ texture(int norm = 0, enum cudaTextureFilterMode fMode = cudaFilterModePoint,
                   enum cudaTextureAddressMode aMode = cudaAddressModeClamp);
  __host__ texture(int norm, enum cudaTextureFilterMode fMode, enum cudaTextureAddressMode aMode,
                   struct cudaChannelFormatDesc desc);
};

template <class T, int dim = 1>
struct __KPORT_SURFACE_TYPE surface : public surfaceReference {
  __host__ surface(void);
  __host__ surface(struct cudaChannelFormatDesc desc);
};
#endif

#endif /* __KPORT_CUDA_TEXTURE_TYPES_H__ */
