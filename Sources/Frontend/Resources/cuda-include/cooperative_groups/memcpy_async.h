/* kport's declaration-only stand-in for the CUDA header "cooperative_groups/memcpy_async.h".
 * Written for kport from the documented cooperative_groups::memcpy_async/wait API; no NVIDIA
 * code is copied. */
#ifndef __KPORT_COOPERATIVE_GROUPS_MEMCPY_ASYNC_H__
#define __KPORT_COOPERATIVE_GROUPS_MEMCPY_ASYNC_H__

#include "../cooperative_groups.h"

#if defined(__cplusplus) && defined(__CUDA__)
namespace cooperative_groups {
template <class TyGroup, class TyElem, class TyShape>
__device__ void memcpy_async(const TyGroup &group, TyElem *dst, const TyElem *src, const TyShape &shape);
template <class TyGroup, class TyElem, class TyDstLayout, class TySrcLayout>
__device__ void memcpy_async(const TyGroup &group, TyElem *dst, const TyDstLayout &dstLayout, const TyElem *src, const TySrcLayout &srcLayout);
template <class TyGroup>
__device__ void wait(const TyGroup &group);
template <unsigned int NumStages, class TyGroup>
__device__ void wait_prior(const TyGroup &group);
} // namespace cooperative_groups
#endif

#endif /* __KPORT_COOPERATIVE_GROUPS_MEMCPY_ASYNC_H__ */
