/* kport's declaration-only stand-in for the CUDA header "mma.h" (warp matrix functions).
 * Written for kport from the documented nvcuda::wmma API (CUDA C++ Programming Guide, "Warp Matrix
 * Functions"); no NVIDIA code is copied. fragment<Use, M, N, K, T, Layout> has the documented
 * public members (element_type, num_elements, x[]); the *_sync functions are declarations. */
#ifndef __KPORT_MMA_H__
#define __KPORT_MMA_H__
#define __CUDA_MMA_H__ /* the real header's guard, which some code tests */

#include "host_defines.h"
#include "cuda_fp16.h"
#include "cuda_bf16.h"

#if defined(__cplusplus) && defined(__CUDA__)

namespace nvcuda {
namespace wmma {

/* fragment uses */
struct matrix_a;
struct matrix_b;
struct accumulator;
/* fragment layouts */
struct row_major;
struct col_major;
/* memory layout of an accumulator load/store */
enum layout_t { mem_row_major, mem_col_major };

namespace precision {
struct tf32;
struct b1;
struct u4;
struct s4;
} // namespace precision
namespace experimental {
namespace precision {
typedef wmma::precision::b1 b1;
typedef wmma::precision::u4 u4;
typedef wmma::precision::s4 s4;
} // namespace precision
enum bmmaBitOp { bmmaBitOpXOR = 1, bmmaBitOpAND = 2 };
enum bmmaAccumulateOp { bmmaAccumulateOpPOPC = 1 };
} // namespace experimental

/* Storage type of a fragment element and the pointer type its loads and stores take. */
template <class T> struct __kport_storage { typedef T elem; typedef T mem; };
template <> struct __kport_storage<precision::tf32> { typedef float elem; typedef float mem; };
template <> struct __kport_storage<precision::b1> { typedef unsigned elem; typedef void mem; };
template <> struct __kport_storage<precision::u4> { typedef int elem; typedef void mem; };
template <> struct __kport_storage<precision::s4> { typedef int elem; typedef void mem; };
template <class Use, class T> struct __kport_count { static const int value = 8; };
template <> struct __kport_count<matrix_a, __half> { static const int value = 16; };
template <> struct __kport_count<matrix_b, __half> { static const int value = 16; };
template <> struct __kport_count<matrix_a, __nv_bfloat16> { static const int value = 8; };
template <> struct __kport_count<matrix_b, __nv_bfloat16> { static const int value = 8; };
template <> struct __kport_count<matrix_a, precision::tf32> { static const int value = 4; };
template <> struct __kport_count<matrix_b, precision::tf32> { static const int value = 4; };
template <> struct __kport_count<accumulator, double> { static const int value = 2; };
template <> struct __kport_count<matrix_a, double> { static const int value = 1; };
template <> struct __kport_count<matrix_b, double> { static const int value = 1; };

template <class Use, int m, int n, int k, class T, class Layout = void>
class fragment {
public:
  typedef typename __kport_storage<T>::elem element_type;
  typedef typename __kport_storage<T>::elem storage_element_type;
  enum { num_elements = __kport_count<Use, T>::value, num_storage_elements = __kport_count<Use, T>::value };
  element_type x[num_elements];
};

template <class Use, int m, int n, int k, class T, class Layout>
__device__ void fill_fragment(fragment<Use, m, n, k, T, Layout> &a,
                              const typename fragment<Use, m, n, k, T, Layout>::element_type &v);

template <class Use, int m, int n, int k, class T, class Layout>
__device__ void load_matrix_sync(fragment<Use, m, n, k, T, Layout> &a,
                                 const typename __kport_storage<T>::mem *p, unsigned ldm);
template <int m, int n, int k, class T>
__device__ void load_matrix_sync(fragment<accumulator, m, n, k, T> &a,
                                 const typename __kport_storage<T>::mem *p, unsigned ldm, layout_t layout);
template <int m, int n, int k, class T>
__device__ void store_matrix_sync(typename __kport_storage<T>::mem *p, const fragment<accumulator, m, n, k, T> &a,
                                  unsigned ldm, layout_t layout);

template <int m, int n, int k, class Ta, class La, class Tb, class Lb, class Tc, class Td>
__device__ void mma_sync(fragment<accumulator, m, n, k, Td> &d, const fragment<matrix_a, m, n, k, Ta, La> &a,
                         const fragment<matrix_b, m, n, k, Tb, Lb> &b, const fragment<accumulator, m, n, k, Tc> &c,
                         bool satf = false);
template <int m, int n, int k, class Ta, class La, class Tb, class Lb>
__device__ void bmma_sync(fragment<accumulator, m, n, k, int> &d, const fragment<matrix_a, m, n, k, Ta, La> &a,
                          const fragment<matrix_b, m, n, k, Tb, Lb> &b, const fragment<accumulator, m, n, k, int> &c,
                          experimental::bmmaBitOp op = experimental::bmmaBitOpXOR,
                          experimental::bmmaAccumulateOp acc = experimental::bmmaAccumulateOpPOPC);

__device__ float __float_to_tf32(float in);

} // namespace wmma
} // namespace nvcuda

#endif /* __cplusplus && __CUDA__ */

#endif /* __KPORT_MMA_H__ */
