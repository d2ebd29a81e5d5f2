/* kport's declaration-only stand-in for the CUDA header "cooperative_groups/reduce.h".
 * Written for kport from the documented cooperative_groups::reduce API and its function objects
 * (plus, less, greater, bit_and, bit_or, bit_xor); no NVIDIA code is copied. */
#ifndef __KPORT_COOPERATIVE_GROUPS_REDUCE_H__
#define __KPORT_COOPERATIVE_GROUPS_REDUCE_H__

#include "../cooperative_groups.h"

#if defined(__cplusplus) && defined(__CUDA__)
namespace cooperative_groups {

template <class T> struct plus { __device__ T operator()(const T &a, const T &b) const; };
template <class T> struct less { __device__ T operator()(const T &a, const T &b) const; };
template <class T> struct greater { __device__ T operator()(const T &a, const T &b) const; };
template <class T> struct bit_and { __device__ T operator()(const T &a, const T &b) const; };
template <class T> struct bit_or { __device__ T operator()(const T &a, const T &b) const; };
template <class T> struct bit_xor { __device__ T operator()(const T &a, const T &b) const; };

template <class TyGroup, class TyVal, class TyFn>
__device__ details::remove_qual_t<TyVal> reduce(const TyGroup &group, TyVal &&val, TyFn &&op);
template <class TyGroup, class TyVal, class TyAtomic, class TyFn>
__device__ void reduce_update_async(const TyGroup &group, TyAtomic &dst, TyVal &&val, TyFn &&op);
template <class TyGroup, class TyVal, class TyFn>
__device__ void reduce_store_async(const TyGroup &group, details::remove_qual_t<TyVal> *dst, TyVal &&val, TyFn &&op);

} // namespace cooperative_groups
#endif

#endif /* __KPORT_COOPERATIVE_GROUPS_REDUCE_H__ */
