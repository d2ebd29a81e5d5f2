// bang.h — kport's declaration-only model of the Cambricon BANG C device API (plus CNRT host API).
//
// What it is: declarations only, written by kport from the facts in /work/shared/docs/targets.md
// (PART A; each group below cites its section), not vendor code. It exists so that tests can
// syntax-check emitted .mlu files with clang on a machine without the Cambricon SDK: nothing here
// can be linked or run, and semantics (alignment, NRAM placement, count rules) are not checked.
// Models: CNToolkit 3.x / CNRT 6.x, BANG C for MLU370 (`cncc --bang-mlu-arch=mtp_372`,
// __BANG_ARCH__ == 372). Arch-gated facts are applied for 372: e.g. __bang_div (arch >= 300 except
// 372) is absent, MLU3xx names (__bang_*_scalar, __bang_argmax, __bang_filter) are present.
// Facts marked [uncertain] in targets.md are marked [uncertain] here too.
//
// Check mode: included in clang CUDA mode only (see ../README.md). Qualifiers map onto clang's
// CUDA attributes (../common/kport_check_prelude.h): intrinsics are device functions, so calling
// them from host code fails; the CNRT runtime is host-only, so calling it from a kernel fails.
#ifndef KPORT_VENDOR_BANG_H
#define KPORT_VENDOR_BANG_H

#include <stddef.h>
#include <stdint.h>

#include "../common/kport_check_prelude.h"
#include "cnrt.h"  // A1: <bang.h> serves kernel and host code; the host runtime comes with it.

// A1 Toolchain: predefined macros. __BANG__ in both passes; the arch and on-chip sizes (in KB)
// only in the device pass, like __CUDA_ARCH__ [uncertain: whether cncc also defines the sizes in
// the host pass; emitted code should guard them with #ifdef __BANG_ARCH__].
#define __BANG__ 1
#if defined(KPORT_DEVICE_PASS)
#define __BANG_ARCH__ 372
#define __MLU_NRAM_SIZE__ 768   // A5: MLU370 NRAM 768 KB per core [derived]
#define __MLU_WRAM_SIZE__ 1024  // A5: MLU370 WRAM 1 MB per core [derived]
#define __MLU_SRAM_SIZE__ 4096  // A5: MLU370 SRAM 4 MB per cluster [derived]
#endif

// A2 Qualifiers.
#define __mlu_global__ KPORT_ATTR_GLOBAL  // kernel entry, launched with <<<dim, type, queue>>>
#define __mlu_entry__ KPORT_ATTR_GLOBAL   // older spelling of the kernel entry
#define __mlu_func__ KPORT_ATTR_DEVICE    // device function (inlined helper)
#define __mlu_device__ KPORT_ATTR_DEVICE  // device function (non-inlined helper)
#define __nram__ KPORT_ATTR_SHARED        // per-core NRAM (static arrays)
#define __wram__ KPORT_ATTR_SHARED        // per-core WRAM
#define __mlu_shared__ KPORT_ATTR_SHARED  // per-cluster SRAM (Union tasks only)
#define __mlu_const__ KPORT_ATTR_CONSTANT // [uncertain: named in a CNRT 6.x comment, not in targets.md]
// __ldram__ is left undeclared: [uncertain] as a declarable qualifier (A2).

// A2 Types: native half; bfloat16_t on newer archs (MLU370 reports BF16 support) [src].
typedef kport_half_t half;
typedef kport_bfloat16_t bfloat16_t;

// A3 Task model: built-in variables, read from special registers. Macros over device functions,
// as in __bang_builtin_vars.h (`#define taskId __mlvm_read_mlu_sreg_taskid()`), so they are
// rvalues usable only in device code [src]. The int type is [uncertain].
KPORT_ATTR_DEVICE int __kport_bang_read_sreg_taskIdX(void);
KPORT_ATTR_DEVICE int __kport_bang_read_sreg_taskIdY(void);
KPORT_ATTR_DEVICE int __kport_bang_read_sreg_taskIdZ(void);
KPORT_ATTR_DEVICE int __kport_bang_read_sreg_taskId(void);
KPORT_ATTR_DEVICE int __kport_bang_read_sreg_taskDimX(void);
KPORT_ATTR_DEVICE int __kport_bang_read_sreg_taskDimY(void);
KPORT_ATTR_DEVICE int __kport_bang_read_sreg_taskDimZ(void);
KPORT_ATTR_DEVICE int __kport_bang_read_sreg_taskDim(void);
KPORT_ATTR_DEVICE int __kport_bang_read_sreg_coreId(void);
KPORT_ATTR_DEVICE int __kport_bang_read_sreg_coreDim(void);
KPORT_ATTR_DEVICE int __kport_bang_read_sreg_clusterId(void);
KPORT_ATTR_DEVICE int __kport_bang_read_sreg_clusterDim(void);
#define taskIdX (__kport_bang_read_sreg_taskIdX())
#define taskIdY (__kport_bang_read_sreg_taskIdY())
#define taskIdZ (__kport_bang_read_sreg_taskIdZ())
#define taskId (__kport_bang_read_sreg_taskId())
#define taskDimX (__kport_bang_read_sreg_taskDimX())
#define taskDimY (__kport_bang_read_sreg_taskDimY())
#define taskDimZ (__kport_bang_read_sreg_taskDimZ())
#define taskDim (__kport_bang_read_sreg_taskDim())
#define coreId (__kport_bang_read_sreg_coreId())
#define coreDim (__kport_bang_read_sreg_coreDim())
#define clusterId (__kport_bang_read_sreg_clusterId())
#define clusterDim (__kport_bang_read_sreg_clusterDim())

// A3 Task model: memory core (coreId == 0x80) vs compute core tests [src: devfn.h].
__mlu_func__ bool __is_mpu(void);
__mlu_func__ bool __is_ipu(void);

// A2 Device printf: __bang_printf(fmt, ...) with at most 16 arguments [src: devfn.h]. Declared as
// a variadic template because clang rejects C variadic functions in CUDA device code.
template <class... Args>
__mlu_func__ typename ::kport::enable_if<(sizeof...(Args) <= 16), int>::type
__bang_printf(const char *format, Args... args);

// A6 DMA: directions [src: devfn.h]. SRAM directions need __MLU_SRAM_SIZE__ != 0; an unsupported
// direction traps at run time, it is not a compile error.
typedef enum {
  GDRAM2NRAM,
  NRAM2GDRAM,
  LDRAM2NRAM,
  NRAM2LDRAM,
  GDRAM2WRAM,
  WRAM2GDRAM,
  LDRAM2WRAM,
  WRAM2LDRAM,
  NRAM2NRAM,
  NRAM2WRAM,
  WRAM2NRAM,
  LDRAM2SRAM,
  SRAM2LDRAM,
  SRAM2NRAM,
  NRAM2SRAM,
  SRAM2WRAM,
  WRAM2SRAM,
  GDRAM2SRAM,
  SRAM2GDRAM,
  GDRAM2GDRAM,
  GDRAM2LDRAM,
  LDRAM2GDRAM,
  SRAM2SRAM,  // cross-cluster form only (with id_dst_cluster)
} mluMemcpyDirection_t;

// A6 DMA: __memcpy / __memcpy_async; `size` and strides are in BYTES [src: devfn.h].
// Plain form.
__mlu_func__ void __memcpy(void *dst, const void *src, int size, mluMemcpyDirection_t dir);
__mlu_func__ void __memcpy_async(void *dst, const void *src, int size, mluMemcpyDirection_t dir);
// Strided 2-D form: copies segnum + 1 segments of `size` bytes.
__mlu_func__ void __memcpy(void *dst, const void *src, int size, mluMemcpyDirection_t dir,
                           int dst_stride, int src_stride, int segnum);
__mlu_func__ void __memcpy_async(void *dst, const void *src, int size, mluMemcpyDirection_t dir,
                                 int dst_stride, int src_stride, int segnum);
// 3-D form (arch >= 300).
__mlu_func__ void __memcpy(void *dst, const void *src, int size, mluMemcpyDirection_t dir,
                           int dst_stride0, int dst_segnum1, int dst_stride1, int dst_segnum2,
                           int src_stride0, int src_segnum1, int src_stride1, int src_segnum2);
__mlu_func__ void __memcpy_async(void *dst, const void *src, int size, mluMemcpyDirection_t dir,
                                 int dst_stride0, int dst_segnum1, int dst_stride1, int dst_segnum2,
                                 int src_stride0, int src_segnum1, int src_stride1, int src_segnum2);
// Cross-cluster SRAM2SRAM, plain and strided.
__mlu_func__ void __memcpy(void *dst, const void *src, int size, mluMemcpyDirection_t dir,
                           int id_dst_cluster);
__mlu_func__ void __memcpy(void *dst, const void *src, int size, mluMemcpyDirection_t dir,
                           int dst_stride, int src_stride, int segnum, int id_dst_cluster);

// A6 DMA: fills. __bang_write_value(dst, elem_count, value): count BEFORE value; 8/16/32-bit
// overloads (a double argument is ambiguous) [src: devfn.h]; 3-D form on arch >= 300.
#define KPORT_BANG_FILL(name, T)                                                    \
  __mlu_func__ void name(void *dst, int elem_count, T value);                       \
  __mlu_func__ void name(void *dst, int elem_count, T value, int stride0, int iter1, \
                         int stride1, int iter2);
#define KPORT_BANG_FILL_ALL(name)                                                        \
  KPORT_BANG_FILL(name, char) KPORT_BANG_FILL(name, signed char)                         \
  KPORT_BANG_FILL(name, unsigned char) KPORT_BANG_FILL(name, short)                      \
  KPORT_BANG_FILL(name, unsigned short) KPORT_BANG_FILL(name, half)                      \
  KPORT_BANG_FILL(name, bfloat16_t) KPORT_BANG_FILL(name, int)                           \
  KPORT_BANG_FILL(name, unsigned int) KPORT_BANG_FILL(name, float)
KPORT_BANG_FILL_ALL(__bang_write_value)
KPORT_BANG_FILL_ALL(__gdramset)  // older fill of GDRAM
KPORT_BANG_FILL_ALL(__nramset)   // older fill of NRAM
KPORT_BANG_FILL_ALL(__sramset)
__mlu_func__ void __nramset_float(float *dst, int elem_count, float value);  // older form
// __bang_write_zero(T* dst, int elem_count), half/float [src: math.h].
__mlu_func__ void __bang_write_zero(half *dst, int elem_count);
__mlu_func__ void __bang_write_zero(float *dst, int elem_count);

// A7 Synchronization [src: devfn.h; guide §4.2; mlu-ops].
__mlu_func__ void __sync(void);                  // all of this core's pipelines
__mlu_func__ void __sync_io(void);
__mlu_func__ void __sync_move(void);
__mlu_func__ void __sync_compute(void);
__mlu_func__ void __sync_io_move_compute(void);
__mlu_func__ void __sync_cluster(void);          // barrier over the cluster (plain sync in BLOCK)
__mlu_func__ void __sync_all(void);              // barrier over all clusters of the Union task
__mlu_func__ void __sync_all_ipu(void);
__mlu_func__ void __sync_all_mpu(void);
__mlu_func__ void __sync_all_ipu_within_cluster(void);
__mlu_func__ void __sync_copy_dram_to_nram(void);  // older fine-grained forms
__mlu_func__ void __sync_copy_nram_to_dram(void);
// Cross-core PV locks (arch >= 200) [src: devfn.h].
__mlu_func__ void __bang_lock(int lock_id, int core_mask);    // parameter names [uncertain]
__mlu_func__ void __bang_unlock(int lock_id, int core_mask);

// A8 Vector intrinsics. Operands in NRAM, counts in elements. Element types: half and float
// (float needs arch >= 200) [src: math.h]; other element types are absent [uncertain: MLU3xx may
// add int vector ops], so emitting them fails the check.
#define KPORT_BANG_HF(M, name) M(name, half) M(name, float)

// A8 binary: __bang_add/sub/mul(T* dst, T* src0, T* src1, int elem_count); compares give 1.0/0.0;
// logical and/or/xor; maxequal/minequal are elementwise max/min [src].
#define KPORT_BANG_BINARY(name, T) __mlu_func__ void name(T *dst, T *src0, T *src1, int elem_count);
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_add)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_sub)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_mul)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_eq)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_ne)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_gt)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_ge)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_lt)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_le)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_and)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_or)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_xor)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_maxequal)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_minequal)
// _bitindex compares give 1 bit per element [src; exact parameter types uncertain].
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_eq_bitindex)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_ne_bitindex)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_gt_bitindex)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_ge_bitindex)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_lt_bitindex)
KPORT_BANG_HF(KPORT_BANG_BINARY, __bang_le_bitindex)

// A8 scalar operand: dst = src OP value. MLU3xx/5xx names *_scalar (mlu-ops HEAD) and the
// MLU2xx/BANG-2 names *_const; which SDK renamed them, and whether MLU370 keeps *_const, is
// [uncertain]. The compare/bitwise *_scalar set beyond those named in targets.md is [uncertain].
#define KPORT_BANG_SCALAR(name, T) __mlu_func__ void name(T *dst, T *src, T value, int elem_count);
KPORT_BANG_HF(KPORT_BANG_SCALAR, __bang_add_scalar)
KPORT_BANG_HF(KPORT_BANG_SCALAR, __bang_sub_scalar)
KPORT_BANG_HF(KPORT_BANG_SCALAR, __bang_mul_scalar)
KPORT_BANG_HF(KPORT_BANG_SCALAR, __bang_eq_scalar)
KPORT_BANG_HF(KPORT_BANG_SCALAR, __bang_ne_scalar)
KPORT_BANG_HF(KPORT_BANG_SCALAR, __bang_gt_scalar)
KPORT_BANG_HF(KPORT_BANG_SCALAR, __bang_ge_scalar)
KPORT_BANG_HF(KPORT_BANG_SCALAR, __bang_lt_scalar)
KPORT_BANG_HF(KPORT_BANG_SCALAR, __bang_le_scalar)
KPORT_BANG_HF(KPORT_BANG_SCALAR, __bang_add_const)
KPORT_BANG_HF(KPORT_BANG_SCALAR, __bang_sub_const)
KPORT_BANG_HF(KPORT_BANG_SCALAR, __bang_mul_const)
// __bang_band_scalar on char data [uncertain: types].
__mlu_func__ void __bang_band_scalar(char *dst, char *src, char value, int elem_count);

// A8 broadcast ("cycle"): `seg` (seg_elem_count elements) repeated along `src` [src].
#define KPORT_BANG_CYCLE(name, T) \
  __mlu_func__ void name(T *dst, T *src, T *seg, int src_elem_count, int seg_elem_count);
KPORT_BANG_HF(KPORT_BANG_CYCLE, __bang_cycle_add)
KPORT_BANG_HF(KPORT_BANG_CYCLE, __bang_cycle_sub)
KPORT_BANG_HF(KPORT_BANG_CYCLE, __bang_cycle_mul)
KPORT_BANG_HF(KPORT_BANG_CYCLE, __bang_cycle_eq)
KPORT_BANG_HF(KPORT_BANG_CYCLE, __bang_cycle_ne)
KPORT_BANG_HF(KPORT_BANG_CYCLE, __bang_cycle_gt)
KPORT_BANG_HF(KPORT_BANG_CYCLE, __bang_cycle_ge)
KPORT_BANG_HF(KPORT_BANG_CYCLE, __bang_cycle_lt)
KPORT_BANG_HF(KPORT_BANG_CYCLE, __bang_cycle_le)
KPORT_BANG_HF(KPORT_BANG_CYCLE, __bang_cycle_and)
KPORT_BANG_HF(KPORT_BANG_CYCLE, __bang_cycle_or)
KPORT_BANG_HF(KPORT_BANG_CYCLE, __bang_cycle_xor)
KPORT_BANG_HF(KPORT_BANG_CYCLE, __bang_cycle_maxequal)
KPORT_BANG_HF(KPORT_BANG_CYCLE, __bang_cycle_minequal)

// A8 bitwise on char data [src].
__mlu_func__ void __bang_band(char *dst, char *src0, char *src1, int elem_count);
__mlu_func__ void __bang_bor(char *dst, char *src0, char *src1, int elem_count);
__mlu_func__ void __bang_bxor(char *dst, char *src0, char *src1, int elem_count);
__mlu_func__ void __bang_bnot(char *dst, char *src, int elem_count);
__mlu_func__ void __bang_cycle_band(char *dst, char *src, char *seg, int src_elem_count, int seg_elem_count);
__mlu_func__ void __bang_cycle_bor(char *dst, char *src, char *seg, int src_elem_count, int seg_elem_count);
__mlu_func__ void __bang_cycle_bxor(char *dst, char *src, char *seg, int src_elem_count, int seg_elem_count);

// A8 unary: dst = f(src) over elem_count elements.
#define KPORT_BANG_UNARY(name, T) __mlu_func__ void name(T *dst, T *src, int elem_count);
// A8 activation (LUT-based, approximate) [src: math.h; hp variants: mlu-ops].
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_active_relu)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_active_gelu)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_active_gelup)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_active_sigmoid)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_active_exp)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_active_exp_less_0)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_active_sqrt)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_active_rsqrt)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_active_recip)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_active_recip_greater_1)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_active_sin)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_active_cos)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_active_log)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_active_reciphp)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_active_exphp)
// Half-only in the 2018 header [uncertain: MLU3xx may add float].
KPORT_BANG_UNARY(__bang_active_tanh, half)
KPORT_BANG_UNARY(__bang_active_abs, half)
// A8 MLU3xx math (non-LUT) [src: mlu-ops usage]. __bang_div is deliberately ABSENT: it exists on
// arch >= 300 except 372 (mlu-ops __mluop_div), and this header models 372.
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_relu)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_abs)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_sqrt)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_recip)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_log2)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_pow2)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_sin)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_cos)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_square)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_floor)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_not)
// __bang_fusion(op, dst, a, b, c, n, n): fused two-op forms, e.g. FUSION_FMA = a*b+c [src: usage].
// The full operation list, and whether `c` may be a scalar, are [uncertain].
typedef enum { FUSION_FMA, FUSION_FMS, FUSION_FAM, FUSION_FSM, FUSION_FAS } __kport_bang_fusion_op_t;
#define KPORT_BANG_FUSION(name, T)                                                               \
  __mlu_func__ void name(__kport_bang_fusion_op_t op, T *dst, T *src0, T *src1, T *src2,        \
                         int elem_count, int src2_elem_count);                                   \
  __mlu_func__ void name(__kport_bang_fusion_op_t op, T *dst, T *src0, T *src1, T src2,         \
                         int elem_count, int src2_elem_count);
KPORT_BANG_HF(KPORT_BANG_FUSION, __bang_fusion)

// A8 select / compact [src]. __bang_filter's return (count of kept elements) is [uncertain].
#define KPORT_BANG_MASKED(name, T) __mlu_func__ void name(T *dst, T *src, T *index_or_mask, int elem_count);
KPORT_BANG_HF(KPORT_BANG_MASKED, __bang_select)
KPORT_BANG_HF(KPORT_BANG_MASKED, __bang_collect)
KPORT_BANG_HF(KPORT_BANG_MASKED, __bang_collect_bitindex)
KPORT_BANG_HF(KPORT_BANG_MASKED, __bang_maskmove)  // [uncertain: signature]
__mlu_func__ int __bang_filter(half *dst, half *src, half *mask, int elem_count);
__mlu_func__ int __bang_filter(float *dst, float *src, float *mask, int elem_count);

// A8 reductions. __bang_reduce_sum partial sums per 128-byte chunk [uncertain semantics];
// __bang_max/__bang_min give value (+index) [layout uncertain]; MLU3xx __bang_argmax/argmin put
// the value in dst[0]; MLU3xx `int __bang_count(T* src, int n)` [src: mlu-ops usage].
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_reduce_sum)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_max)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_min)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_argmax)
KPORT_BANG_HF(KPORT_BANG_UNARY, __bang_argmin)
__mlu_func__ int __bang_count(half *src, int elem_count);
__mlu_func__ int __bang_count(float *src, int elem_count);

// A8 pooling (HWC layout, C innermost) [src: math.h]; the 7-argument form (stride = kernel) is
// documented for half only.
#define KPORT_BANG_POOL(name, T)                                                               \
  __mlu_func__ void name(T *dst, T *src, int channel, int height, int width, int kernel_height, \
                         int kernel_width, int stride_x, int stride_y);
KPORT_BANG_HF(KPORT_BANG_POOL, __bang_sumpool)
KPORT_BANG_HF(KPORT_BANG_POOL, __bang_maxpool)
KPORT_BANG_HF(KPORT_BANG_POOL, __bang_minpool)
KPORT_BANG_HF(KPORT_BANG_POOL, __bang_avgpool)
__mlu_func__ void __bang_sumpool(half *dst, half *src, int channel, int height, int width,
                                 int kernel_height, int kernel_width);
__mlu_func__ void __bang_maxpool(half *dst, half *src, int channel, int height, int width,
                                 int kernel_height, int kernel_width);

// A8 layout: __bang_transpose(T* dst, T* src, int height, int width) for 8/16/32-bit T [src].
#define KPORT_BANG_TRANSPOSE(T) __mlu_func__ void __bang_transpose(T *dst, T *src, int height, int width);
KPORT_BANG_TRANSPOSE(char)
KPORT_BANG_TRANSPOSE(signed char)
KPORT_BANG_TRANSPOSE(unsigned char)
KPORT_BANG_TRANSPOSE(short)
KPORT_BANG_TRANSPOSE(unsigned short)
KPORT_BANG_TRANSPOSE(half)
KPORT_BANG_TRANSPOSE(bfloat16_t)
KPORT_BANG_TRANSPOSE(int)
KPORT_BANG_TRANSPOSE(unsigned int)
KPORT_BANG_TRANSPOSE(float)

// A9 Type conversion, vector forms. Rounding suffixes tz/oz/up/dn/rd; rn on arch >= 300 [src].
// Optional strided tail: (…, int dst_stride, int src_stride, int seg).
#define KPORT_BANG_CVT(name, D, S)                                                   \
  __mlu_func__ void name(D *dst, S *src, int elem_count);                            \
  __mlu_func__ void name(D *dst, S *src, int elem_count, int dst_stride, int src_stride, int seg);
#define KPORT_BANG_CVT_ROUNDS(prefix, D, S)                                          \
  KPORT_BANG_CVT(prefix##_tz, D, S) KPORT_BANG_CVT(prefix##_oz, D, S)                \
  KPORT_BANG_CVT(prefix##_up, D, S) KPORT_BANG_CVT(prefix##_dn, D, S)                \
  KPORT_BANG_CVT(prefix##_rd, D, S) KPORT_BANG_CVT(prefix##_rn, D, S)
KPORT_BANG_CVT_ROUNDS(__bang_float2half, half, float)
KPORT_BANG_CVT(__bang_half2float, float, half)
// Fixed-point forms carry `int fix_position` [src].
#define KPORT_BANG_CVT_FIX(name, D, S) __mlu_func__ void name(D *dst, S *src, int elem_count, int fix_position);
#define KPORT_BANG_CVT_FIX_ROUNDS(prefix, D, S)                                      \
  KPORT_BANG_CVT_FIX(prefix##_tz, D, S) KPORT_BANG_CVT_FIX(prefix##_oz, D, S)        \
  KPORT_BANG_CVT_FIX(prefix##_up, D, S) KPORT_BANG_CVT_FIX(prefix##_dn, D, S)        \
  KPORT_BANG_CVT_FIX(prefix##_rd, D, S) KPORT_BANG_CVT_FIX(prefix##_rn, D, S)
KPORT_BANG_CVT_FIX_ROUNDS(__bang_half2int16, int16_t, half)
KPORT_BANG_CVT_FIX_ROUNDS(__bang_float2int16, int16_t, float)
KPORT_BANG_CVT_FIX_ROUNDS(__bang_float2int8, int8_t, float)
KPORT_BANG_CVT_FIX_ROUNDS(__bang_half2int8, int8_t, half)
KPORT_BANG_CVT_FIX(__bang_int162half, half, int16_t)
KPORT_BANG_CVT_FIX(__bang_int162float, float, int16_t)
KPORT_BANG_CVT_FIX(__bang_int82float, float, int8_t)
KPORT_BANG_CVT_FIX(__bang_int82half, half, int8_t)
// Without a fixed point [src].
#define KPORT_BANG_CVT_PLAIN(name, D, S) __mlu_func__ void name(D *dst, S *src, int elem_count);
KPORT_BANG_CVT_PLAIN(__bang_half2short_tz, short, half)
KPORT_BANG_CVT_PLAIN(__bang_half2short_oz, short, half)
KPORT_BANG_CVT_PLAIN(__bang_half2short_up, short, half)
KPORT_BANG_CVT_PLAIN(__bang_half2short_dn, short, half)
KPORT_BANG_CVT_PLAIN(__bang_half2short_rd, short, half)
KPORT_BANG_CVT_PLAIN(__bang_half2short_rn, short, half)
KPORT_BANG_CVT_PLAIN(__bang_short2half, half, short)
KPORT_BANG_CVT_PLAIN(__bang_uchar2half, half, unsigned char)
// MLU3xx int32 <-> float (with fix_pos) and bfloat16 [src: math.h; mlu-ops]. Which rounding
// suffixes exist on the int32 forms is [uncertain].
KPORT_BANG_CVT_FIX(__bang_float2int32, int32_t, float)
KPORT_BANG_CVT_FIX(__bang_float2int32_rn, int32_t, float)
KPORT_BANG_CVT_FIX(__bang_float2int32_rd, int32_t, float)
KPORT_BANG_CVT_FIX(__bang_float2int32_tz, int32_t, float)
KPORT_BANG_CVT_FIX(__bang_int322float, float, int32_t)
KPORT_BANG_CVT_FIX(__bang_int322float_rn, float, int32_t)
KPORT_BANG_CVT_FIX(__bang_int322float_rd, float, int32_t)
KPORT_BANG_CVT_FIX(__bang_int322float_tz, float, int32_t)
KPORT_BANG_CVT_PLAIN(__bang_float2bfloat16_rn, bfloat16_t, float)
KPORT_BANG_CVT_PLAIN(__bang_float2bfloat16_tz, bfloat16_t, float)
KPORT_BANG_CVT_PLAIN(__bang_bfloat162float, float, bfloat16_t)

// A9 Type conversion, scalar forms [src]; __float2half_rn needs arch >= 300.
#define KPORT_BANG_SCVT_ROUNDS(prefix, R, A)                                                  \
  __mlu_func__ R prefix##_tz(A x); __mlu_func__ R prefix##_oz(A x); __mlu_func__ R prefix##_up(A x); \
  __mlu_func__ R prefix##_dn(A x); __mlu_func__ R prefix##_rd(A x);
KPORT_BANG_SCVT_ROUNDS(__float2int, int, float)
KPORT_BANG_SCVT_ROUNDS(__float2short, short, float)
KPORT_BANG_SCVT_ROUNDS(__half2int, int, half)
KPORT_BANG_SCVT_ROUNDS(__float2half, half, float)
__mlu_func__ half __float2half_rn(float x);

// A10 Atomics (arch >= 200). `dst` is an NRAM buffer receiving the OLD value(s); `src1` is the
// GDRAM/SRAM address updated. T in {u16, s16, u32, s32, half, float} [src: math.h]. Which
// operations accept which T (and/or/xor/inc/dec on floats) is [uncertain]: and/or/xor/inc/dec
// are declared for the integer types only.
#define KPORT_BANG_ATOMIC_SCALAR(name, T) __mlu_func__ void name(T *dst, T *src1, T src2);
#define KPORT_BANG_ATOMIC_VECTOR(name, T) __mlu_func__ void name(T *dst, T *src1, T *src2, int size);
#define KPORT_BANG_ATOMIC_INT(M, name) \
  M(name, uint16_t) M(name, int16_t) M(name, uint32_t) M(name, int32_t)
#define KPORT_BANG_ATOMIC_ALL(M, name) KPORT_BANG_ATOMIC_INT(M, name) M(name, half) M(name, float)
KPORT_BANG_ATOMIC_ALL(KPORT_BANG_ATOMIC_SCALAR, __bang_atomic_add)
KPORT_BANG_ATOMIC_ALL(KPORT_BANG_ATOMIC_SCALAR, __bang_atomic_max)
KPORT_BANG_ATOMIC_ALL(KPORT_BANG_ATOMIC_SCALAR, __bang_atomic_min)
KPORT_BANG_ATOMIC_ALL(KPORT_BANG_ATOMIC_SCALAR, __bang_atomic_exch)
KPORT_BANG_ATOMIC_INT(KPORT_BANG_ATOMIC_SCALAR, __bang_atomic_inc)
KPORT_BANG_ATOMIC_INT(KPORT_BANG_ATOMIC_SCALAR, __bang_atomic_dec)
KPORT_BANG_ATOMIC_INT(KPORT_BANG_ATOMIC_SCALAR, __bang_atomic_and)
KPORT_BANG_ATOMIC_INT(KPORT_BANG_ATOMIC_SCALAR, __bang_atomic_or)
KPORT_BANG_ATOMIC_INT(KPORT_BANG_ATOMIC_SCALAR, __bang_atomic_xor)
#define KPORT_BANG_ATOMIC_CAS(name, T) __mlu_func__ void name(T *dst, T *src1, T cmp, T val);
KPORT_BANG_ATOMIC_ALL(KPORT_BANG_ATOMIC_CAS, __bang_atomic_cas)
KPORT_BANG_ATOMIC_ALL(KPORT_BANG_ATOMIC_VECTOR, __bang_atomic_add)
KPORT_BANG_ATOMIC_ALL(KPORT_BANG_ATOMIC_VECTOR, __bang_atomic_max)
KPORT_BANG_ATOMIC_ALL(KPORT_BANG_ATOMIC_VECTOR, __bang_atomic_min)
// mlu-ops HEAD: __bang_atomic_reduce_{add,max,min}(T* gdram_dst, T* nram_src, int count), no old
// value [src]; element types half/float/int32 [uncertain].
#define KPORT_BANG_ATOMIC_REDUCE(name, T) __mlu_func__ void name(T *gdram_dst, T *nram_src, int count);
#define KPORT_BANG_ATOMIC_REDUCE_ALL(name) \
  KPORT_BANG_ATOMIC_REDUCE(name, half) KPORT_BANG_ATOMIC_REDUCE(name, float) KPORT_BANG_ATOMIC_REDUCE(name, int32_t)
KPORT_BANG_ATOMIC_REDUCE_ALL(__bang_atomic_reduce_add)
KPORT_BANG_ATOMIC_REDUCE_ALL(__bang_atomic_reduce_max)
KPORT_BANG_ATOMIC_REDUCE_ALL(__bang_atomic_reduce_min)

// A11 Tensor unit. __bang_conv(dst, src(NRAM), kernel(WRAM), [bias], ci, h, w, kh, kw, stride_x,
// stride_y, co, fix_position) [src: math.h]. MLU2xx: src/kernel int8 or int16, dst half/float/
// int16; MLU3xx also float inputs (mlu-ops). half inputs are [uncertain].
#define KPORT_BANG_CONV(D, S)                                                                  \
  __mlu_func__ void __bang_conv(D *dst, S *src, S *kernel, const int ci, const int h,          \
                                const int w, const int kh, const int kw, const int stride_x,   \
                                const int stride_y, const int co, int fix_position);           \
  __mlu_func__ void __bang_conv(D *dst, S *src, S *kernel, D *bias, const int ci, const int h, \
                                const int w, const int kh, const int kw, const int stride_x,   \
                                const int stride_y, const int co, int fix_position);
KPORT_BANG_CONV(half, int8_t)
KPORT_BANG_CONV(float, int8_t)
KPORT_BANG_CONV(int16_t, int8_t)
KPORT_BANG_CONV(half, int16_t)
KPORT_BANG_CONV(float, int16_t)
KPORT_BANG_CONV(int16_t, int16_t)
KPORT_BANG_CONV(float, float)
KPORT_BANG_CONV(half, half)
// __bang_mlp(dst, src, bias, weight, height, width, fix_position), same type rules [src].
__mlu_func__ void __bang_mlp(half *dst, int8_t *src, half *bias, int8_t *weight, const int height,
                             const int width, int fix_position);
__mlu_func__ void __bang_mlp(float *dst, int16_t *src, float *bias, int16_t *weight,
                             const int height, const int width, int fix_position);
// MLU3xx __bang_matmul(float* dst, float* lhs_nram, float* rhs_wram, M, K, N); rhs copied
// NRAM2WRAM first, special WRAM layout [uncertain]. The half form is [uncertain].
__mlu_func__ void __bang_matmul(float *dst, float *lhs, float *rhs, int m, int k, int n);
__mlu_func__ void __bang_matmul(half *dst, half *lhs, half *rhs, int m, int k, int n);
__mlu_func__ void __bang_reshape_filter(float *dst, float *src, int n, int h, int w, int c);
__mlu_func__ void __bang_reshape_filter(half *dst, half *src, int n, int h, int w, int c);

// Scalar math callable from device code. [uncertain] as a whole: targets.md lists no scalar math
// for BANG; cncc's math header is believed to provide the C float functions below on device.
// Least certain: tanhf, erff, fmodf, roundf, truncf. Declared as device overloads next to the
// host <math.h> ones (clang overloads on __host__/__device__), so host code still calls libm.
__mlu_func__ float expf(float x);
__mlu_func__ float exp2f(float x);
__mlu_func__ float logf(float x);
__mlu_func__ float log2f(float x);
__mlu_func__ float log10f(float x);
__mlu_func__ float sqrtf(float x);
__mlu_func__ float fabsf(float x);
__mlu_func__ float fmaxf(float x, float y);
__mlu_func__ float fminf(float x, float y);
__mlu_func__ float powf(float x, float y);
__mlu_func__ float sinf(float x);
__mlu_func__ float cosf(float x);
__mlu_func__ float floorf(float x);
__mlu_func__ float ceilf(float x);
__mlu_func__ float tanhf(float x);   // [uncertain]
__mlu_func__ float erff(float x);    // [uncertain]
__mlu_func__ float fmodf(float x, float y);  // [uncertain]
__mlu_func__ float roundf(float x);  // [uncertain]
__mlu_func__ float truncf(float x);  // [uncertain]

// A2 Device assert: a failed assert calls __assert_fail [src: devfn.h]; the parameter list is
// glibc's (assertion, file, line, function) [uncertain: not in targets.md]. kport emits it for
// __trap() and failed CUDA asserts.
__mlu_func__ void __assert_fail(const char *assertion, const char *file, unsigned int line,
                                const char *function);

#endif  // KPORT_VENDOR_BANG_H
