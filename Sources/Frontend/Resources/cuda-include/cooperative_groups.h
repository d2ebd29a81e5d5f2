/* kport's declaration-only stand-in for the CUDA header "cooperative_groups.h".
 * Written for kport from the documented Cooperative Groups API (CUDA C++ Programming Guide,
 * "Cooperative Groups"); no NVIDIA code is copied. Group types and their member functions are
 * declared, never defined: kport only needs the calls to resolve. Collectives (reduce, scan,
 * memcpy_async) are in cooperative_groups/{reduce,scan,memcpy_async}.h as in CUDA. */
#ifndef __KPORT_COOPERATIVE_GROUPS_H__
#define __KPORT_COOPERATIVE_GROUPS_H__
#define _COOPERATIVE_GROUPS_H_ /* the real header's guard, which some code tests */

#include "host_defines.h"
#include "vector_types.h"

#if defined(__cplusplus) && defined(__CUDA__)

namespace cooperative_groups {

namespace details {
template <class T> struct remove_qual { typedef T type; };
template <class T> struct remove_qual<const T> { typedef T type; };
template <class T> struct remove_qual<volatile T> { typedef T type; };
template <class T> struct remove_qual<const volatile T> { typedef T type; };
template <class T> struct remove_qual<T &> : remove_qual<T> {};
template <class T> struct remove_qual<T &&> : remove_qual<T> {};
template <class T> using remove_qual_t = typename remove_qual<T>::type;
} // namespace details

/* Any group. */
class thread_group {
public:
  __device__ void sync() const;
  __device__ unsigned long long size() const;
  __device__ unsigned long long num_threads() const;
  __device__ unsigned long long thread_rank() const;
  __device__ bool is_valid() const;
  __device__ unsigned int get_type() const;
};

/* The threads of one block. */
class thread_block : public thread_group {
public:
  static __device__ void sync();
  static __device__ unsigned int thread_rank();
  static __device__ unsigned int size();
  static __device__ unsigned int num_threads();
  static __device__ dim3 group_index();
  static __device__ dim3 thread_index();
  static __device__ dim3 group_dim();
  static __device__ dim3 dim_threads();
  static __device__ bool is_valid();
};

/* All threads of a (cooperative) grid launch. */
class grid_group : public thread_group {
public:
  static __device__ bool is_valid();
  static __device__ void sync();
  static __device__ unsigned long long size();
  static __device__ unsigned long long num_threads();
  static __device__ unsigned long long thread_rank();
  static __device__ dim3 group_dim();
  static __device__ dim3 dim_blocks();
  static __device__ unsigned long long num_blocks();
  static __device__ unsigned long long block_rank();
  static __device__ dim3 block_index();
  static __device__ dim3 dim_clusters();
  static __device__ unsigned long long num_clusters();
  static __device__ unsigned long long cluster_rank();
  static __device__ dim3 cluster_index();
};

/* The blocks of one thread-block cluster (sm_90). */
class cluster_group : public thread_group {
public:
  static __device__ bool is_valid();
  static __device__ void sync();
  static __device__ void barrier_arrive();
  static __device__ void barrier_wait();
  static __device__ unsigned int thread_rank();
  static __device__ unsigned int block_rank();
  static __device__ unsigned int size();
  static __device__ unsigned int num_threads();
  static __device__ unsigned int num_blocks();
  static __device__ dim3 block_index();
  static __device__ dim3 dim_blocks();
  static __device__ dim3 dim_threads();
  template <class T> static __device__ T *map_shared_rank(T *addr, int rank);
  template <class T> static __device__ unsigned int query_shared_rank(T *addr);
};

/* Legacy multi-device group. */
class multi_grid_group : public thread_group {
public:
  __device__ bool is_valid() const;
  __device__ void sync() const;
  __device__ unsigned long long size() const;
  __device__ unsigned long long num_threads() const;
  __device__ unsigned long long thread_rank() const;
  __device__ unsigned int grid_rank() const;
  __device__ unsigned int num_grids() const;
};

/* Warp-level collectives shared by tiles and coalesced groups. */
class __kport_warp_collectives {
public:
  template <class T> __device__ details::remove_qual_t<T> shfl(T &&var, int srcRank) const;
  template <class T> __device__ details::remove_qual_t<T> shfl_down(T &&var, unsigned int delta) const;
  template <class T> __device__ details::remove_qual_t<T> shfl_up(T &&var, unsigned int delta) const;
  template <class T> __device__ details::remove_qual_t<T> shfl_xor(T &&var, unsigned int laneMask) const;
  __device__ int any(int predicate) const;
  __device__ int all(int predicate) const;
  __device__ unsigned int ballot(int predicate) const;
  template <class T> __device__ unsigned int match_any(T value) const;
  template <class T> __device__ unsigned int match_all(T value, int &pred) const;
};

/* A tile whose size is a compile-time constant (power of two, at most 32 here; larger tiles of a
 * block exist in CUDA 12 but expose only sync/rank/size). */
template <unsigned int Size, class ParentT = void>
class thread_block_tile : public thread_group, public __kport_warp_collectives {
public:
  static constexpr unsigned int numThreads = Size;
  thread_block_tile() = default;
  template <class P> __device__ thread_block_tile(const thread_block_tile<Size, P> &other);
  __device__ void sync() const;
  __device__ unsigned int thread_rank() const;
  __device__ unsigned int size() const;
  __device__ unsigned int num_threads() const;
  __device__ unsigned int meta_group_rank() const;
  __device__ unsigned int meta_group_size() const;
  __device__ bool is_valid() const;
};

/* The currently active threads of a warp. */
class coalesced_group : public thread_group, public __kport_warp_collectives {
public:
  __device__ void sync() const;
  __device__ unsigned long long size() const;
  __device__ unsigned long long num_threads() const;
  __device__ unsigned long long thread_rank() const;
  __device__ unsigned long long meta_group_rank() const;
  __device__ unsigned long long meta_group_size() const;
};

__device__ thread_block this_thread_block();
__device__ grid_group this_grid();
__device__ cluster_group this_cluster();
__device__ multi_grid_group this_multi_grid();
__device__ coalesced_group coalesced_threads();

template <unsigned int Size, class ParentT>
__device__ thread_block_tile<Size, ParentT> tiled_partition(const ParentT &parent);
__device__ thread_group tiled_partition(const thread_group &parent, unsigned int tilesz);
__device__ thread_group tiled_partition(const thread_block &parent, unsigned int tilesz);
__device__ coalesced_group tiled_partition(const coalesced_group &parent, unsigned int tilesz);
__device__ coalesced_group binary_partition(const coalesced_group &parent, bool pred);
template <unsigned int Size, class ParentT>
__device__ coalesced_group binary_partition(const thread_block_tile<Size, ParentT> &parent, bool pred);
__device__ coalesced_group labeled_partition(const coalesced_group &parent, int label);
template <unsigned int Size, class ParentT>
__device__ coalesced_group labeled_partition(const thread_block_tile<Size, ParentT> &parent, int label);

template <class GroupT> __device__ void sync(const GroupT &group);
template <class GroupT> __device__ unsigned long long thread_rank(const GroupT &group);
template <class GroupT> __device__ unsigned long long group_size(const GroupT &group);
template <class GroupT> __device__ unsigned long long num_threads(const GroupT &group);
template <class GroupT, class Fn, class... Args> __device__ void invoke_one(const GroupT &group, Fn &&fn, Args &&...args);

} // namespace cooperative_groups

#endif /* __cplusplus && __CUDA__ */

#endif /* __KPORT_COOPERATIVE_GROUPS_H__ */
