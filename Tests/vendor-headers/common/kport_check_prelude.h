// kport_check_prelude.h — shared prelude of kport's declaration-only vendor headers.
//
// What it is: NOT vendor code. kport's tests syntax-check emitted BANG C and Ascend C files with
// the Swift toolchain's clang in CUDA mode (`clang++ -x cuda -nocudainc -nocudalib`, see
// Tests/vendor-headers/README.md and check.sh). CUDA mode is used only because it is the clang
// language mode that parses `kernel<<<a, b, c>>>(args)` and knows host/device functions.
// This prelude gives the target headers the clang attributes they map the vendor qualifiers onto,
// and the declaration helpers they share. It is included by bang/bang.h, bang/cnrt.h,
// ascendc/kernel_operator.h and ascendc/acl/acl.h; emitted code never includes it directly.
//
// The trick, in three parts:
// 1. Vendor qualifiers become clang CUDA attributes: kernel entries -> __attribute__((global)),
//    device functions and intrinsics -> __attribute__((device)), on-chip buffers ->
//    __attribute__((shared)). Clang then rejects a host function calling a device intrinsic and a
//    kernel calling a host runtime function, in the host pass and in the device pass.
// 2. Clang turns `k<<<a, b, c>>>(args)` into a call of the launch-configuration function
//    `cudaConfigureCall(a, b, c)` (no CUDA SDK found, the case with --cuda-path=<nonexistent>) or
//    `__cudaPushCallConfiguration(a, b, c)` (a CUDA SDK >= 9.2 found). Each target declares BOTH,
//    with the vendor's launch parameter types (KPORT_DECLARE_LAUNCH_CONFIG), so a launch with a
//    wrong configuration type or count fails overload resolution. Verified with clang 21.
// 3. Device-only predefined macros (__BANG_ARCH__, __NPU_ARCH__, ...) are defined only in the
//    device pass (KPORT_DEVICE_PASS), as the vendor compilers do for __CUDA_ARCH__.
#ifndef KPORT_CHECK_PRELUDE_H
#define KPORT_CHECK_PRELUDE_H

#if !defined(__clang__) || !defined(__CUDA__) || !defined(__cplusplus)
#error "kport vendor headers are declaration-only and for syntax checks: compile with clang++ -x cuda -nocudainc -nocudalib (see Tests/vendor-headers/check.sh)"
#endif

#if defined(__CUDA_ARCH__)
#define KPORT_DEVICE_PASS 1
#else
#define KPORT_HOST_PASS 1
#endif

// Clang CUDA attributes the vendor qualifiers map onto.
#define KPORT_ATTR_GLOBAL __attribute__((global))
#define KPORT_ATTR_DEVICE __attribute__((device))
#define KPORT_ATTR_HOST __attribute__((host))
#define KPORT_ATTR_SHARED __attribute__((shared))
#define KPORT_ATTR_CONSTANT __attribute__((constant))

// Declares the two launch-configuration functions clang may look up for `<<<...>>>`.
// They are host functions; the arguments of `<<<a, b, c>>>` must match the parameter list.
#define KPORT_DECLARE_LAUNCH_CONFIG(...)                \
  extern "C++" int cudaConfigureCall(__VA_ARGS__);      \
  extern "C++" unsigned __cudaPushCallConfiguration(__VA_ARGS__);

// 16-bit floating-point types of both targets: clang's arithmetic _Float16 and __bf16 (both
// accepted on x86-64 and NVPTX by clang >= 17).
typedef _Float16 kport_half_t;
typedef __bf16 kport_bfloat16_t;

// Tiny type traits so that declarations can restrict a template to the element types the
// target supports (a call with another type fails as "no matching function").
namespace kport {
template <bool B, class T = void> struct enable_if {};
template <class T> struct enable_if<true, T> { typedef T type; };
template <class T, class U> struct is_same { static const bool value = false; };
template <class T> struct is_same<T, T> { static const bool value = true; };
template <class T, class... Us> struct is_one_of { static const bool value = false; };
template <class T, class U, class... Us> struct is_one_of<T, U, Us...> {
  static const bool value = is_same<T, U>::value || is_one_of<T, Us...>::value;
};
}  // namespace kport

// Return type R, only when T is one of the listed types.
#define KPORT_IF_TYPE(R, T, ...) typename ::kport::enable_if< ::kport::is_one_of<T, __VA_ARGS__>::value, R>::type

#endif  // KPORT_CHECK_PRELUDE_H
