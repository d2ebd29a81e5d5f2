/* kport's declaration-only stand-in for the CUDA headers "texture_fetch_functions.h",
 * "texture_indirect_functions.h" and "surface_functions.h". Written for kport from the documented
 * texture and surface functions (CUDA C++ Programming Guide, "Texture Functions", "Surface
 * Functions"); no NVIDIA code is copied. */
#ifndef __KPORT_TEXTURE_FETCH_FUNCTIONS_H__
#define __KPORT_TEXTURE_FETCH_FUNCTIONS_H__

#include "host_defines.h"
#include "vector_types.h"
#include "driver_types.h"
#include "cuda_texture_types.h"

#if defined(__cplusplus) && defined(__CUDA__)
/* result type of a cudaReadModeNormalizedFloat fetch */
template <class T> struct __kport_tex_nf { typedef float type; };
template <> struct __kport_tex_nf<char1> { typedef float1 type; };
template <> struct __kport_tex_nf<uchar1> { typedef float1 type; };
template <> struct __kport_tex_nf<short1> { typedef float1 type; };
template <> struct __kport_tex_nf<ushort1> { typedef float1 type; };
template <> struct __kport_tex_nf<char2> { typedef float2 type; };
template <> struct __kport_tex_nf<uchar2> { typedef float2 type; };
template <> struct __kport_tex_nf<short2> { typedef float2 type; };
template <> struct __kport_tex_nf<ushort2> { typedef float2 type; };
template <> struct __kport_tex_nf<char4> { typedef float4 type; };
template <> struct __kport_tex_nf<uchar4> { typedef float4 type; };
template <> struct __kport_tex_nf<short4> { typedef float4 type; };
template <> struct __kport_tex_nf<ushort4> { typedef float4 type; };

/* legacy texture references */
template <class T> __device__ T tex1Dfetch(texture<T, cudaTextureType1D, cudaReadModeElementType> t, int x);
template <class T> __device__ typename __kport_tex_nf<T>::type tex1Dfetch(texture<T, cudaTextureType1D, cudaReadModeNormalizedFloat> t, int x);
template <class T> __device__ T tex1D(texture<T, cudaTextureType1D, cudaReadModeElementType> t, float x);
template <class T> __device__ typename __kport_tex_nf<T>::type tex1D(texture<T, cudaTextureType1D, cudaReadModeNormalizedFloat> t, float x);
template <class T> __device__ T tex2D(texture<T, cudaTextureType2D, cudaReadModeElementType> t, float x, float y);
template <class T> __device__ typename __kport_tex_nf<T>::type tex2D(texture<T, cudaTextureType2D, cudaReadModeNormalizedFloat> t, float x, float y);
template <class T> __device__ T tex3D(texture<T, cudaTextureType3D, cudaReadModeElementType> t, float x, float y, float z);
template <class T> __device__ typename __kport_tex_nf<T>::type tex3D(texture<T, cudaTextureType3D, cudaReadModeNormalizedFloat> t, float x, float y, float z);
template <class T> __device__ T tex1DLayered(texture<T, cudaTextureType1DLayered, cudaReadModeElementType> t, float x, int layer);
template <class T> __device__ T tex2DLayered(texture<T, cudaTextureType2DLayered, cudaReadModeElementType> t, float x, float y, int layer);

/* texture objects */
template <class T> __device__ T tex1Dfetch(cudaTextureObject_t texObject, int x);
template <class T> __device__ T tex1D(cudaTextureObject_t texObject, float x);
template <class T> __device__ T tex2D(cudaTextureObject_t texObject, float x, float y);
template <class T> __device__ T tex3D(cudaTextureObject_t texObject, float x, float y, float z);
template <class T> __device__ T tex1DLayered(cudaTextureObject_t texObject, float x, int layer);
template <class T> __device__ T tex2DLayered(cudaTextureObject_t texObject, float x, float y, int layer);
template <class T> __device__ T texCubemap(cudaTextureObject_t texObject, float x, float y, float z);
template <class T> __device__ T tex1DLod(cudaTextureObject_t texObject, float x, float level);
template <class T> __device__ T tex2DLod(cudaTextureObject_t texObject, float x, float y, float level);
template <class T> __device__ T tex3DLod(cudaTextureObject_t texObject, float x, float y, float z, float level);
template <class T> __device__ T tex2Dgather(cudaTextureObject_t texObject, float x, float y, int comp = 0);
template <class T> __device__ void tex1Dfetch(T *ptr, cudaTextureObject_t texObject, int x);
template <class T> __device__ void tex1D(T *ptr, cudaTextureObject_t texObject, float x);
template <class T> __device__ void tex2D(T *ptr, cudaTextureObject_t texObject, float x, float y);
template <class T> __device__ void tex3D(T *ptr, cudaTextureObject_t texObject, float x, float y, float z);

/* surface objects */
template <class T> __device__ T surf1Dread(cudaSurfaceObject_t surfObject, int x, enum cudaSurfaceBoundaryMode boundaryMode = cudaBoundaryModeTrap);
template <class T> __device__ T surf2Dread(cudaSurfaceObject_t surfObject, int x, int y, enum cudaSurfaceBoundaryMode boundaryMode = cudaBoundaryModeTrap);
template <class T> __device__ T surf3Dread(cudaSurfaceObject_t surfObject, int x, int y, int z, enum cudaSurfaceBoundaryMode boundaryMode = cudaBoundaryModeTrap);
template <class T> __device__ void surf1Dread(T *data, cudaSurfaceObject_t surfObject, int x, enum cudaSurfaceBoundaryMode boundaryMode = cudaBoundaryModeTrap);
template <class T> __device__ void surf2Dread(T *data, cudaSurfaceObject_t surfObject, int x, int y, enum cudaSurfaceBoundaryMode boundaryMode = cudaBoundaryModeTrap);
template <class T> __device__ void surf1Dwrite(T data, cudaSurfaceObject_t surfObject, int x, enum cudaSurfaceBoundaryMode boundaryMode = cudaBoundaryModeTrap);
template <class T> __device__ void surf2Dwrite(T data, cudaSurfaceObject_t surfObject, int x, int y, enum cudaSurfaceBoundaryMode boundaryMode = cudaBoundaryModeTrap);
template <class T> __device__ void surf3Dwrite(T data, cudaSurfaceObject_t surfObject, int x, int y, int z, enum cudaSurfaceBoundaryMode boundaryMode = cudaBoundaryModeTrap);
#endif

#endif /* __KPORT_TEXTURE_FETCH_FUNCTIONS_H__ */
