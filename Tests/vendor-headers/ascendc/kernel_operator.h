// kernel_operator.h — kport's declaration-only model of the Huawei Ascend C kernel API.
//
// What it is: declarations only, written by kport from the facts in /work/shared/docs/targets.md
// (PART B; each group below cites its section), not vendor code. It exists so that tests can
// syntax-check emitted Ascend C files with clang on a machine without CANN: nothing here can be
// linked or run, and semantics (32 B alignment, UB capacity, pipe ordering) are not checked.
// Models: CANN 8.0, Ascend C SIMD API for Ascend 910B (Atlas A2, __NPU_ARCH__ 2201,
// `bisheng --npu-arch=dav-2201`). Names are the CANN <= 8.x ones (B1): WholeReduceSum (not
// ReduceRepeat), Compares, DisableDmaAtomic and SetAtomicNone. Ascend 950-only APIs (scalar
// AtomicAdd/AtomicCas/..., SIMT, B13) are deliberately ABSENT, so emitting them fails the check.
// Facts marked [uncertain] in targets.md are marked [uncertain] here too.
//
// Check mode: included in clang CUDA mode only (see ../README.md and
// ../common/kport_check_prelude.h). API functions are device functions; acl/acl.h is host-only.
#ifndef KPORT_VENDOR_KERNEL_OPERATOR_H
#define KPORT_VENDOR_KERNEL_OPERATOR_H

#include <stddef.h>
#include <stdint.h>

#include "../common/kport_check_prelude.h"

// B1 Toolchain: arch macro, device pass only (like __CUDA_ARCH__) [uncertain: whether bisheng
// also defines it in the host pass].
#if defined(KPORT_DEVICE_PASS)
#define __NPU_ARCH__ 2201
#endif

// B2 Address spaces. Empty in check mode: bisheng's host pass sees plain pointers, and the host
// passes plain uint8_t* to GM_ADDR parameters, so an address-space attribute would reject valid
// host code in the device pass. Hence GM vs UB pointer mix-ups are NOT checked.
#define __gm__
#define __ubuf__
#define __ca__
#define __cb__
#define __cc__
#define __cbuf__
#define __fbuf__
#define __ssbuf__
#define GM_ADDR __gm__ uint8_t *

// B2 Kernel definition: `extern "C" __global__ __aicore__ void k(GM_ADDR x, ...)`, and
// `__aicore__` alone marks device helpers (`__aicore__ inline void f()`).
// Check-mode trick: clang rejects a function that is both global and device, so `__aicore__`
// must mean "device" on helpers but nothing right after `__global__`. `__global__` pops the
// push_macro stack to a definition of `__aicore__` that expands to nothing but one more pop,
// which restores the device definition. kport_aicore_stack.inc fills the stack with ~60 such
// pairs. Consequences: write `__global__ __aicore__` in that order (the reverse order reports
// "'device' and 'global' attributes are not compatible"); `__global__ __vector__` and
// `__global__ __cube__` work the same way.
#define KPORT_AICORE_DEVICE KPORT_ATTR_DEVICE
#define KPORT_AICORE_AFTER_GLOBAL _Pragma("pop_macro(\"__aicore__\")")
#include "kport_aicore_stack.inc"
#undef __aicore__
#define __aicore__ KPORT_AICORE_DEVICE
#define __global__ KPORT_ATTR_GLOBAL _Pragma("pop_macro(\"__aicore__\")")
#define __vector__ KPORT_AICORE_AFTER_GLOBAL          // B2: AIV-only kernel (after __global__)
#define __cube__ KPORT_AICORE_AFTER_GLOBAL            // B2: AIC-only kernel (after __global__)
#define __mix__(cube, vec) KPORT_AICORE_AFTER_GLOBAL  // B2: mixed kernel (after __global__)

// B2 Kernel type control: KERNEL_TASK_TYPE_DEFAULT(KERNEL_TYPE_AIV_ONLY); [src]. The expansion
// here only checks that the argument is a KERNEL_TYPE_* enumerator [uncertain: real expansion].
enum KernelType {
  KERNEL_TYPE_AIV_ONLY,
  KERNEL_TYPE_AIC_ONLY,
  KERNEL_TYPE_MIX_AIV_1_0,
  KERNEL_TYPE_MIX_AIC_1_0,
  KERNEL_TYPE_MIX_AIC_1_1,
  KERNEL_TYPE_MIX_AIC_1_2,
  KERNEL_TYPE_AICORE,
  KERNEL_TYPE_VECTORCORE,
  KERNEL_TYPE_MIX_AICORE,
  KERNEL_TYPE_MIX_VECTOR_CORE,
};
constexpr bool __kport_is_kernel_type(KernelType) { return true; }
#define KERNEL_TASK_TYPE_DEFAULT(type) \
  static_assert(__kport_is_kernel_type(type), "KERNEL_TASK_TYPE_DEFAULT takes a KERNEL_TYPE_* value")

// B2 Types: half and bfloat16_t on the device.
typedef kport_half_t half;
typedef kport_bfloat16_t bfloat16_t;

// B9 Synchronization: hardware pipes (a bisheng built-in enum at global scope) [src: api
// 核内同步能力概述]. Numeric values are [uncertain].
typedef enum {
  PIPE_S = 0,  // scalar: GetValue/SetValue
  PIPE_V,      // vector
  PIPE_M,      // cube
  PIPE_MTE1,   // L1 -> L0A/L0B
  PIPE_MTE2,   // GM -> L1/UB
  PIPE_MTE3,   // UB -> GM
  PIPE_ALL,
  PIPE_FIX,    // L0C -> GM/L1
} pipe_t;

namespace AscendC {

// B5 Memory: constants [src: constants.h].
constexpr int32_t ONE_BLK_SIZE = 32;
constexpr int32_t ONE_REPEAT_BYTE_SIZE = 256;  // 8 blocks per repeat
constexpr int32_t MAX_REPEAT_TIMES = 255;
constexpr int32_t DEFAULT_REPEAT_STRIDE = 8;
constexpr int32_t BLOCK_CUBE = 16;

// B5 Memory: logical positions [src: api 通用说明和约束]. QuePosition is an alias.
enum class TPosition : uint8_t {
  GM,
  A1,
  A2,
  B1,
  B2,
  C1,
  C2,
  CO1,
  CO2,
  VECIN,
  VECOUT,
  VECCALC,
  LCM = VECCALC,
  SPM,
  SHM = SPM,
  TSCM,
  MAX,
};
using QuePosition = TPosition;

// B9 Synchronization: events between pipes, named SRC_DST [src: kernel_event.h]. The list is the
// one in targets.md plus the symmetric pairs [uncertain: complete list and values].
enum class HardEvent : uint8_t {
  MTE2_MTE1,
  MTE1_MTE2,
  MTE1_M,
  M_MTE1,
  MTE2_V,
  V_MTE2,
  MTE3_V,
  V_MTE3,
  M_V,
  V_M,
  V_V,
  MTE3_MTE1,
  MTE1_MTE3,
  MTE1_V,
  MTE2_M,
  M_MTE2,
  V_MTE1,
  M_FIX,
  FIX_M,
  MTE3_MTE2,
  MTE2_MTE3,
  S_V,
  V_S,
  S_MTE2,
  MTE2_S,
  S_MTE3,
  MTE3_S,
  MTE2_FIX,
  FIX_MTE2,
  FIX_S,
  M_S,
  FIX_MTE3,
  MAX,
};
using TEventID = int8_t;

// B8 Vector compute: enums [src].
enum class RoundMode : uint8_t {
  CAST_NONE = 0,
  CAST_RINT,   // round half to even
  CAST_FLOOR,
  CAST_CEIL,
  CAST_ROUND,  // round half away from zero
  CAST_TRUNC,
  CAST_ODD,
  CAST_HYBRID,
};
enum class CMPMODE : uint8_t { LT = 0, GT, EQ, LE, GE, NE };  // values [uncertain]
enum class SELMODE : uint8_t {
  VSEL_CMPMASK_SPR = 0,
  VSEL_TENSOR_SCALAR_MODE = 1,
  VSEL_TENSOR_TENSOR_MODE = 2,
};

// B6 Tensors: LocalTensor<T> lives in an on-chip buffer (UB for VECIN/VECOUT/VECCALC).
// GetValue/SetValue run on PIPE_S and need a sync against the DMA/vector pipes [src].
template <typename T>
class LocalTensor {
 public:
  __aicore__ LocalTensor();
  __aicore__ T GetValue(const uint32_t index) const;
  template <typename T1>
  __aicore__ void SetValue(const uint32_t index, const T1 value) const;
  __aicore__ LocalTensor operator[](const uint32_t offset) const;  // sub-tensor at offset (elements)
  __aicore__ uint32_t GetSize() const;
  template <typename U>
  __aicore__ LocalTensor<U> ReinterpretCast() const;
  __aicore__ __ubuf__ T *GetPhyAddr() const;
};

// B6 Tensors: GlobalTensor<T> views GM; bufferSize is in elements [src].
template <typename T>
class GlobalTensor {
 public:
  __aicore__ GlobalTensor();
  __aicore__ void SetGlobalBuffer(__gm__ T *buffer, uint64_t bufferSize);
  __aicore__ void SetGlobalBuffer(__gm__ T *buffer);
  __aicore__ T GetValue(const uint64_t offset) const;
  __aicore__ void SetValue(const uint64_t offset, T value) const;
  __aicore__ GlobalTensor operator[](const uint64_t offset) const;  // sub-tensor at offset (elements)
  __aicore__ __gm__ T *GetPhyAddr() const;
  __aicore__ uint64_t GetSize() const;
};

// B6 Queues: TQue<pos, depth>; depth = number of back-to-back EnQue, 1 recommended. EnQue/DeQue
// insert the MTE2->V and V->MTE3 synchronization [src: api TQue]. The `auto mask` parameter needs
// C++17 [uncertain: present in CANN 8.0].
template <TPosition pos, int32_t depth, auto mask = 0>
class TQue {
 public:
  __aicore__ TQue();
  template <typename T>
  __aicore__ LocalTensor<T> AllocTensor();
  template <typename T>
  __aicore__ void AllocTensor(LocalTensor<T> &tensor);
  template <typename T>
  __aicore__ bool EnQue(const LocalTensor<T> &tensor);
  template <typename T>
  __aicore__ LocalTensor<T> DeQue();
  template <typename T>
  __aicore__ void FreeTensor(LocalTensor<T> &tensor);
  __aicore__ bool VacantInQue();
  __aicore__ bool HasTensorInQue();
};

// B6 Scratch buffers: TBuf<pos>, no queue semantics, never freed [src].
template <TPosition pos = TPosition::VECCALC>
class TBuf {
 public:
  __aicore__ TBuf();
  template <typename T>
  __aicore__ LocalTensor<T> Get();
  template <typename T>
  __aicore__ LocalTensor<T> Get(uint32_t len);
};

// B6 Pipe: carves queues and buffers out of UB. InitBuffer(que, num, len): num = 2 turns on
// double buffering; len in bytes, rounded up to 32 B [src: api TPipe/InitBuffer].
class TPipe {
 public:
  __aicore__ TPipe();
  template <TPosition pos, int32_t depth, auto mask>
  __aicore__ bool InitBuffer(TQue<pos, depth, mask> &que, uint8_t num, uint32_t len);
  template <TPosition pos>
  __aicore__ bool InitBuffer(TBuf<pos> &buf, uint32_t len);
  // B9: event ids for SetFlag/WaitFlag; do not hand-pick ids 6 and 7 [src].
  template <HardEvent evt>
  __aicore__ TEventID FetchEventID();
  __aicore__ TEventID FetchEventID(HardEvent evt);
  template <HardEvent evt>
  __aicore__ TEventID AllocEventID();
  template <HardEvent evt>
  __aicore__ void ReleaseEventID(TEventID id);
  __aicore__ void Destroy();
  __aicore__ void Reset();
};
__aicore__ TPipe *GetTPipePtr();

// B4 Built-ins for indexing [src: api GetBlockIdx]. The raw variables block_idx/block_num are not
// declared: the APIs are the recommended spelling.
__aicore__ int64_t GetBlockIdx();
__aicore__ int64_t GetBlockNum();
__aicore__ int64_t GetSubBlockIdx();
__aicore__ int64_t GetSubBlockNum();

// B7 DMA: strided parameters; lengths and strides in 32 B units; a stride is a gap from the end of
// one block to the start of the next [src: kernel_struct_data_copy.h].
struct DataCopyParams {
  uint16_t blockCount = 1;  // <= 4095
  uint16_t blockLen = 0;
  uint16_t srcStride = 0;
  uint16_t dstStride = 0;
  __aicore__ DataCopyParams();
  __aicore__ DataCopyParams(const uint16_t count, const uint16_t len, const uint16_t srcStrideIn,
                            const uint16_t dstStrideIn);
};
// B7 DMA: byte-granular parameters for DataCopyPad; blockLen in bytes (multiple of sizeof(T),
// <= 2097151); stride units: GM side bytes, UB side 32 B blocks [src].
struct DataCopyExtParams {
  uint16_t blockCount = 1;
  uint32_t blockLen = 0;
  uint32_t srcStride = 0;
  uint32_t dstStride = 0;
  uint32_t rsv = 0;
  __aicore__ DataCopyExtParams();
  __aicore__ DataCopyExtParams(const uint16_t count, const uint32_t len, const uint32_t srcStrideIn,
                               const uint32_t dstStrideIn, const uint32_t rsvIn);
};
template <typename T>
struct DataCopyPadExtParams {
  bool isPad = false;
  uint8_t leftPadding = 0;
  uint8_t rightPadding = 0;
  T paddingValue = 0;
  __aicore__ DataCopyPadExtParams();
  __aicore__ DataCopyPadExtParams(const bool isPadValue, const uint8_t leftPadValue,
                                  const uint8_t rightPadValue, T padValue);
};

// B7 DMA: DataCopy. Count form: count*sizeof(T) must be a multiple of 32 B, else silently
// truncated (not checked here) [src].
template <typename T>
__aicore__ void DataCopy(const LocalTensor<T> &dst, const GlobalTensor<T> &src, const uint32_t count);
template <typename T>
__aicore__ void DataCopy(const GlobalTensor<T> &dst, const LocalTensor<T> &src, const uint32_t count);
template <typename T>
__aicore__ void DataCopy(const LocalTensor<T> &dst, const LocalTensor<T> &src, const uint32_t count);
template <typename T>
__aicore__ void DataCopy(const LocalTensor<T> &dst, const GlobalTensor<T> &src,
                         const DataCopyParams &params);
template <typename T>
__aicore__ void DataCopy(const GlobalTensor<T> &dst, const LocalTensor<T> &src,
                         const DataCopyParams &params);
template <typename T>
__aicore__ void DataCopy(const LocalTensor<T> &dst, const LocalTensor<T> &src,
                         const DataCopyParams &params);
// B7 DMA: DataCopyPad GM->UB (pads each block to 32 B in UB) and UB->GM (drops the padding) [src].
template <typename T>
__aicore__ void DataCopyPad(const LocalTensor<T> &dst, const GlobalTensor<T> &src,
                            const DataCopyExtParams &params, const DataCopyPadExtParams<T> &padParams);
template <typename T>
__aicore__ void DataCopyPad(const GlobalTensor<T> &dst, const LocalTensor<T> &src,
                            const DataCopyExtParams &params);

// B8 Vector compute: repeat parameters of the "high-dimensional split" forms; one repeat = 8
// DataBlocks = 256 B; typical {1,1,1,8,8,8} [src: kernel_struct_binary.h, kernel_struct_unary.h].
struct BinaryRepeatParams {
  uint8_t dstBlkStride = 1, src0BlkStride = 1, src1BlkStride = 1;
  uint8_t dstRepStride = 8, src0RepStride = 8, src1RepStride = 8;
  __aicore__ BinaryRepeatParams();
  __aicore__ BinaryRepeatParams(const uint8_t dstBlkStrideIn, const uint8_t src0BlkStrideIn,
                                const uint8_t src1BlkStrideIn, const uint8_t dstRepStrideIn,
                                const uint8_t src0RepStrideIn, const uint8_t src1RepStrideIn);
};
struct UnaryRepeatParams {
  uint16_t dstBlkStride = 1, srcBlkStride = 1;
  uint8_t dstRepStride = 8, srcRepStride = 8;
  __aicore__ UnaryRepeatParams();
  __aicore__ UnaryRepeatParams(const uint16_t dstBlkStrideIn, const uint16_t srcBlkStrideIn,
                               const uint8_t dstRepStrideIn, const uint8_t srcRepStrideIn);
};

// B8 Vector compute, element-type sets on A2 (2201) [src: api 基础算术/*.md]. A call with another
// element type fails as "no matching function ... requirement ... was not satisfied".
#define KPORT_ASC_ARITH_TYPES int16_t, half, int32_t, float
#define KPORT_ASC_FLOAT_TYPES half, float
#define KPORT_ASC_RELU_TYPES half, int32_t, float

// Binary: count form Op(dst, src0, src1, count) and the mask/repeat forms (mask <= 128 for 16-bit,
// <= 64 for 32-bit; repeatTime <= 255).
#define KPORT_ASC_BINARY(name, ...)                                                            \
  template <typename T, bool isSetMask = true>                                                 \
  __aicore__ KPORT_IF_TYPE(void, T, __VA_ARGS__)                                               \
  name(const LocalTensor<T> &dst, const LocalTensor<T> &src0, const LocalTensor<T> &src1,      \
       const int32_t &count);                                                                  \
  template <typename T, bool isSetMask = true>                                                 \
  __aicore__ KPORT_IF_TYPE(void, T, __VA_ARGS__)                                               \
  name(const LocalTensor<T> &dst, const LocalTensor<T> &src0, const LocalTensor<T> &src1,      \
       uint64_t mask, const uint8_t repeatTime, const BinaryRepeatParams &repeatParams);       \
  template <typename T, bool isSetMask = true>                                                 \
  __aicore__ KPORT_IF_TYPE(void, T, __VA_ARGS__)                                               \
  name(const LocalTensor<T> &dst, const LocalTensor<T> &src0, const LocalTensor<T> &src1,      \
       uint64_t mask[2], const uint8_t repeatTime, const BinaryRepeatParams &repeatParams);
KPORT_ASC_BINARY(Add, KPORT_ASC_ARITH_TYPES)
KPORT_ASC_BINARY(Sub, KPORT_ASC_ARITH_TYPES)
KPORT_ASC_BINARY(Mul, KPORT_ASC_ARITH_TYPES)
KPORT_ASC_BINARY(Div, KPORT_ASC_FLOAT_TYPES)
KPORT_ASC_BINARY(Max, KPORT_ASC_ARITH_TYPES)
KPORT_ASC_BINARY(Min, KPORT_ASC_ARITH_TYPES)

// Tensor-scalar: Op(dst, src, const T& scalar, count). The scalar has the tensor's type T
// (pass (half)2.0f for half) [src]; Subs/Divs exist only in later "flexible scalar" variants.
#define KPORT_ASC_SCALAR(name, ...)                                                             \
  template <typename T, bool isSetMask = true>                                                  \
  __aicore__ KPORT_IF_TYPE(void, T, __VA_ARGS__)                                                \
  name(const LocalTensor<T> &dst, const LocalTensor<T> &src, const T &scalarValue,              \
       const int32_t &count);                                                                   \
  template <typename T, bool isSetMask = true>                                                  \
  __aicore__ KPORT_IF_TYPE(void, T, __VA_ARGS__)                                                \
  name(const LocalTensor<T> &dst, const LocalTensor<T> &src, const T &scalarValue,              \
       uint64_t mask, const uint8_t repeatTime, const UnaryRepeatParams &repeatParams);
KPORT_ASC_SCALAR(Adds, KPORT_ASC_ARITH_TYPES)
KPORT_ASC_SCALAR(Muls, KPORT_ASC_ARITH_TYPES)
KPORT_ASC_SCALAR(Maxs, KPORT_ASC_ARITH_TYPES)
KPORT_ASC_SCALAR(Mins, KPORT_ASC_ARITH_TYPES)

// Unary: Op(dst, src, count) and the mask/repeat form.
#define KPORT_ASC_UNARY(name, ...)                                                              \
  template <typename T, bool isSetMask = true>                                                  \
  __aicore__ KPORT_IF_TYPE(void, T, __VA_ARGS__)                                                \
  name(const LocalTensor<T> &dst, const LocalTensor<T> &src, const int32_t &count);             \
  template <typename T, bool isSetMask = true>                                                  \
  __aicore__ KPORT_IF_TYPE(void, T, __VA_ARGS__)                                                \
  name(const LocalTensor<T> &dst, const LocalTensor<T> &src, uint64_t mask,                     \
       const uint8_t repeatTime, const UnaryRepeatParams &repeatParams);
KPORT_ASC_UNARY(Exp, KPORT_ASC_FLOAT_TYPES)
KPORT_ASC_UNARY(Ln, KPORT_ASC_FLOAT_TYPES)
KPORT_ASC_UNARY(Sqrt, KPORT_ASC_FLOAT_TYPES)
KPORT_ASC_UNARY(Rsqrt, KPORT_ASC_FLOAT_TYPES)
KPORT_ASC_UNARY(Reciprocal, KPORT_ASC_FLOAT_TYPES)
KPORT_ASC_UNARY(Abs, KPORT_ASC_FLOAT_TYPES)
KPORT_ASC_UNARY(Relu, KPORT_ASC_RELU_TYPES)

// Duplicate(dst, scalar, count): memset equivalent [src].
template <typename T>
__aicore__ KPORT_IF_TYPE(void, T, int16_t, uint16_t, half, bfloat16_t, int32_t, uint32_t, float)
Duplicate(const LocalTensor<T> &dst, const T &scalarValue, const int32_t &count);

// Cast<T, U>(dst, src, RoundMode, count): supported (T, U) pairs are not modelled [uncertain].
template <typename T, typename U>
__aicore__ void Cast(const LocalTensor<T> &dst, const LocalTensor<U> &src, const RoundMode &roundMode,
                     const uint32_t count);

// Compare: dst is a bitmask (1 bit per element, uint8_t); count*sizeof(T) must be a multiple of
// 256 B (not checked); int32 supports EQ only (not checked) [src].
template <typename T, typename U>
__aicore__ KPORT_IF_TYPE(void, T, half, float, int32_t)
Compare(const LocalTensor<U> &dst, const LocalTensor<T> &src0, const LocalTensor<T> &src1,
        CMPMODE cmpMode, uint32_t count);
template <typename T, typename U>
__aicore__ KPORT_IF_TYPE(void, T, half, float, int32_t)
Compares(const LocalTensor<U> &dst, const LocalTensor<T> &src0, const T src1Scalar, CMPMODE cmpMode,
         uint32_t count);

// Select with a mask from Compare; src1 a tensor or a T scalar [src].
template <typename T, typename U>
__aicore__ KPORT_IF_TYPE(void, T, half, float)
Select(const LocalTensor<T> &dst, const LocalTensor<U> &selMask, const LocalTensor<T> &src0,
       const LocalTensor<T> &src1, SELMODE selMode, uint32_t count);
template <typename T, typename U>
__aicore__ KPORT_IF_TYPE(void, T, half, float)
Select(const LocalTensor<T> &dst, const LocalTensor<U> &selMask, const LocalTensor<T> &src0,
       T src1, SELMODE selMode, uint32_t count);

// Reductions: ReduceSum needs a tmp buffer; ReduceMax/ReduceMin can also return the index [src].
template <typename T>
__aicore__ KPORT_IF_TYPE(void, T, half, float)
ReduceSum(const LocalTensor<T> &dst, const LocalTensor<T> &src, const LocalTensor<T> &sharedTmpBuffer,
          const int32_t count);
template <typename T>
__aicore__ KPORT_IF_TYPE(void, T, half, float)
ReduceMax(const LocalTensor<T> &dst, const LocalTensor<T> &src, const LocalTensor<T> &sharedTmpBuffer,
          const int32_t count, bool calIndex = false);
template <typename T>
__aicore__ KPORT_IF_TYPE(void, T, half, float)
ReduceMin(const LocalTensor<T> &dst, const LocalTensor<T> &src, const LocalTensor<T> &sharedTmpBuffer,
          const int32_t count, bool calIndex = false);
// WholeReduceSum (CANN <= 8.x; ReduceRepeat<ReduceType::...> from 9.1): one result per 256 B repeat.
template <typename T, bool isSetMask = true>
__aicore__ KPORT_IF_TYPE(void, T, half, float)
WholeReduceSum(const LocalTensor<T> &dst, const LocalTensor<T> &src, const int32_t mask,
               const int32_t repeatTime, const int32_t dstRepStride, const int32_t srcBlkStride,
               const int32_t srcRepStride);
template <typename T, bool isSetMask = true>
__aicore__ KPORT_IF_TYPE(void, T, half, float)
WholeReduceSum(const LocalTensor<T> &dst, const LocalTensor<T> &src, const uint64_t mask[],
               const int32_t repeatTime, const int32_t dstRepStride, const int32_t srcBlkStride,
               const int32_t srcRepStride);

// B9 Synchronization within a core [src: api SetFlag-WaitFlag(ISASI), PipeBarrier(ISASI)].
template <pipe_t pipe>
__aicore__ void PipeBarrier();
template <HardEvent event>
__aicore__ void SetFlag(int32_t eventID);
template <HardEvent event>
__aicore__ void WaitFlag(int32_t eventID);
template <pipe_t src, pipe_t dst>
class TQueSync {
 public:
  __aicore__ void SetFlag(TEventID eventID);
  __aicore__ void WaitFlag(TEventID eventID);
};
// B9 Synchronization across cores: hardware barrier, and the soft form over GM/UB workspaces.
template <bool isAIVOnly = true>
__aicore__ void SyncAll();
template <bool isAIVOnly = true>
__aicore__ void SyncAll(const GlobalTensor<int32_t> &gmWorkspace, const LocalTensor<int32_t> &ubWorkspace,
                        const int32_t usedCores = 0);

// B10 Atomics: DMA-side only on 910B: SetAtomicAdd<T>(), DataCopy/DataCopyPad UB->GM, then
// DisableDmaAtomic() (formerly SetAtomicNone; which of the two CANN 8.0 has is [uncertain], so
// both are declared). A2 types int8, int16, half, bf16, int32, float [src: api 原子操作].
// The scalar GM atomics (AtomicAdd/AtomicCas/AtomicExch/AtomicMax/AtomicMin) exist only on
// Ascend 950 and are deliberately NOT declared.
template <typename T>
__aicore__ KPORT_IF_TYPE(void, T, int8_t, int16_t, half, bfloat16_t, int32_t, float) SetAtomicAdd();
template <typename T>
__aicore__ KPORT_IF_TYPE(void, T, int8_t, int16_t, half, bfloat16_t, int32_t, float) SetAtomicMax();
template <typename T>
__aicore__ KPORT_IF_TYPE(void, T, int8_t, int16_t, half, bfloat16_t, int32_t, float) SetAtomicMin();
template <typename T>
__aicore__ void SetAtomicType();
__aicore__ void DisableDmaAtomic();
__aicore__ void SetAtomicNone();

// Data cache maintenance [src: CANN 8.0 api DataCacheCleanAndInvalid, GlobalTensor SetValue;
// not in targets.md]. Scalar GM reads and writes (GlobalTensor::GetValue/SetValue) go through the
// core's data cache; SetValue changes only the cache line (64 B) until it is cleaned.
// DataCacheCleanAndInvalid<T, SINGLE_CACHE_LINE, CACHELINE_OUT>(gm) writes back and invalidates
// the line of the tensor's address; ENTIRE_DATA_CACHE does the whole cache. The dcciDst form is
// for Atlas A2 (910B). Enumerator values [uncertain].
enum class CacheLine : uint8_t { SINGLE_CACHE_LINE = 0, ENTIRE_DATA_CACHE };
enum class DcciDst : uint8_t { CACHELINE_ALL = 0, CACHELINE_UB, CACHELINE_OUT, CACHELINE_ATOMIC };
template <typename T, CacheLine entireType, DcciDst dcciDst>
__aicore__ void DataCacheCleanAndInvalid(const GlobalTensor<T> &dstTensor);
template <typename T, CacheLine entireType>
__aicore__ void DataCacheCleanAndInvalid(const GlobalTensor<T> &dstTensor);

// Debugging [src: CANN 8.0 api Trap, printf; not in targets.md]: Trap() stops the AI Core (Atlas
// A2 supported); printf/PRINTF format a dump record (%d %i %f %x %s %u %p; A2 supported).
__aicore__ void Trap();
template <class... Args>
__aicore__ void printf(__gm__ const char *fmt, Args &&...args);
template <class... Args>
__aicore__ void PRINTF(__gm__ const char *fmt, Args &&...args);

}  // namespace AscendC

// Scalar math on the AI Core scalar unit [uncertain: not in targets.md, which lists vector APIs
// only (B8)]. kport's ascendc/math.rules emit these C float functions as `partial` rules, assuming
// bisheng provides them in device code. Declared as device overloads next to the host <math.h>
// ones (clang overloads on __host__/__device__), so host code still calls libm.
__aicore__ float expf(float x);
__aicore__ float exp2f(float x);
__aicore__ float logf(float x);
__aicore__ float log2f(float x);
__aicore__ float sqrtf(float x);
__aicore__ float fabsf(float x);
__aicore__ float powf(float x, float y);
__aicore__ float fmodf(float x, float y);
__aicore__ float floorf(float x);
__aicore__ float ceilf(float x);
// The rest of the scalar functions ascendc/math.rules emits, with the same [uncertain] status.
__aicore__ float acosf(float x);
__aicore__ float acoshf(float x);
__aicore__ float asinf(float x);
__aicore__ float asinhf(float x);
__aicore__ float atanf(float x);
__aicore__ float atanhf(float x);
__aicore__ float cbrtf(float x);
__aicore__ float cosf(float x);
__aicore__ float coshf(float x);
__aicore__ float erff(float x);
__aicore__ float erfcf(float x);
__aicore__ float expm1f(float x);
__aicore__ float log10f(float x);
__aicore__ float log1pf(float x);
__aicore__ float rintf(float x);
__aicore__ float roundf(float x);
__aicore__ float sinf(float x);
__aicore__ float sinhf(float x);
__aicore__ float tanf(float x);
__aicore__ float tanhf(float x);
__aicore__ float truncf(float x);
__aicore__ float atan2f(float x, float y);
__aicore__ float copysignf(float x, float y);
__aicore__ float fdimf(float x, float y);
__aicore__ float hypotf(float x, float y);
__aicore__ float fmaf(float x, float y, float z);
__aicore__ double erf(double x);

#endif  // KPORT_VENDOR_KERNEL_OPERATOR_H
