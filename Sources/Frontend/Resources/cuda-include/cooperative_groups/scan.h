/* kport's declaration-only stand-in for the CUDA header "cooperative_groups/scan.h".
 * Written for kport from the documented cooperative_groups::inclusive_scan/exclusive_scan API;
 * no NVIDIA code is copied. */
#ifndef __KPORT_COOPERATIVE_GROUPS_SCAN_H__
#define __KPORT_COOPERATIVE_GROUPS_SCAN_H__

#include "../cooperative_groups.h"
#include "reduce.h"

#if defined(__cplusplus) && defined(__CUDA__)
namespace cooperative_groups {
template <class TyGroup, class TyVal, class TyFn>
__device__ details::remove_qual_t<TyVal> inclusive_scan(const TyGroup &group, TyVal &&val, TyFn &&op);
template <class TyGroup, class TyVal>
__device__ details::remove_qual_t<TyVal> inclusive_scan(const TyGroup &group, TyVal &&val);
template <class TyGroup, class TyVal, class TyFn>
__device__ details::remove_qual_t<TyVal> exclusive_scan(const TyGroup &group, TyVal &&val, TyFn &&op);
template <class TyGroup, class TyVal>
__device__ details::remove_qual_t<TyVal> exclusive_scan(const TyGroup &group, TyVal &&val);
} // namespace cooperative_groups
#endif

#endif /* __KPORT_COOPERATIVE_GROUPS_SCAN_H__ */
