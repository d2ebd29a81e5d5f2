// Diagnostic IDs of whole programs run on the CPU (KP95xx): `kport exec` building and running a
// CUDA program, and kport's CUDA runtime library inside it. docs/exec.md describes both.

extension DiagnosticID {
  public static let execNoToolchain = DiagnosticID(
    code: "KP9501", name: "exec-no-toolchain", effort: .none,
    explanation: "`kport exec` needs clang to compile the program's host code and kport's CUDA runtime library (`libKportCudaRuntime.so`, built by `scripts/setup` or `swift build --product KportCudaRuntime`) to link it with. The message says which is missing. Clang is `KPORT_CLANG`, else the clang of the Swift toolchain on `PATH`, else Debian's `clang-19`; the library is looked for beside the kport executable or in `KPORT_RUNTIME_DIR`.")
  public static let execHostBuildFailed = DiagnosticID(
    code: "KP9502", name: "exec-host-build-failed", effort: .low,
    explanation: "Clang could not compile or link the program's host code against kport's bundled CUDA headers and runtime; its own messages are printed above. A host function the bundled headers only declare (a device intrinsic called from host code, a CUDA library such as cuBLAS) is the usual cause: kport implements the CUDA runtime API, not the CUDA libraries.")
  public static let execKernelsNotTranslated = DiagnosticID(
    code: "KP9503", name: "exec-kernels-not-translated", effort: .medium,
    explanation: "The program's device code did not translate (for `--target bang` or `ascendc`: did not lower to the target or could not be emitted), so there is nothing to run its launches with. The diagnostics above say where and why; `kport convert` and `kport verify` show the same ones for a single file. Nothing was run.")
  public static let execProgramCrashed = DiagnosticID(
    code: "KP9504", name: "exec-program-crashed", effort: .low,
    explanation: "The program was killed by a signal: a crash in its host code, most often. A segmentation fault can also be the host dereferencing a device pointer (device memory lies in an address range the host cannot read, as on a GPU); copy the data back with cudaMemcpy, or allocate it with cudaMallocManaged. `kport exec` exits with 128 plus the signal number.")
  public static let execUnsupportedRuntimeCall = DiagnosticID(
    code: "KP9505", name: "exec-unsupported-runtime-call", effort: .medium,
    explanation: "The program called a CUDA runtime function that kport's runtime does not implement (graphs, textures, arrays, IPC, memory pools, ...). The call returned cudaErrorNotSupported and was named on standard error once; `kport exec` fails the run (exit status 1) even when the program goes on and exits 0. docs/exec.md lists the functions kport implements.")
  public static let execKernelFaulted = DiagnosticID(
    code: "KP9506", name: "exec-kernel-faulted", effort: .low,
    explanation: "A kernel launch had an error-severity sanitizer finding (out-of-bounds access, race, uninitialised read, ...; printed above with its source location, block and thread). The program was stopped there with exit status 3, as `kport run` stops, rather than let it go on with memory the kernel corrupted.")
  public static let execLaunchFailed = DiagnosticID(
    code: "KP9507", name: "exec-launch-failed", effort: .medium,
    explanation: "A kernel launch could not run: the host stub is not a kernel of the program's device code, the configuration is out of range (a block of more than 1024 threads, an empty grid), the arguments do not fit the kernel, or the kernel uses an operation the interpreter cannot execute. The launch returned an error (cudaErrorInvalidDeviceFunction, cudaErrorInvalidConfiguration or cudaErrorLaunchFailure) that the program may check.")
  public static let execBadImage = DiagnosticID(
    code: "KP9508", name: "exec-bad-device-image", effort: .none,
    explanation: "The device image a translation unit registered at start-up is not one kport's runtime can read: the object was compiled by a different kport, or by a CUDA compiler that embedded a real fat binary. Rebuild the program with the same `kport exec` or `kport nvcc`.")
  public static let execBadArguments = DiagnosticID(
    code: "KP9509", name: "exec-bad-arguments", effort: .none,
    explanation: "The command line of `kport exec` could not be understood: no `.cu` input, an input that does not exist, an unknown `--target`, or an option missing its value. Exit status 2.")
  public static let execRuntimeMemory = DiagnosticID(
    code: "KP9510", name: "exec-bad-device-memory-use", effort: .low,
    explanation: "A runtime call used device memory wrongly: a copy or set reaching past the end of an allocation, a pointer that no allocation holds, memory used after cudaFree, or a double free. The call returned cudaErrorInvalidValue (or cudaErrorInvalidDevicePointer) without touching memory; the message names the allocation and the sizes.")

  /// The exec IDs, in code order; part of `DiagnosticID.all`.
  static let execIDs: [DiagnosticID] = [
    .execNoToolchain, .execHostBuildFailed, .execKernelsNotTranslated, .execProgramCrashed,
    .execUnsupportedRuntimeCall, .execKernelFaulted, .execLaunchFailed, .execBadImage, .execBadArguments,
    .execRuntimeMemory,
  ]
}
