// CUDA macros (defined by the CUDA headers) used in host code. Device-only code is removed
// whole, so what remains are the qualifiers of `__host__ __device__` functions, which become
// plain host functions (the emitter gives the kernels their own copies), and the error-check
// macros of the CUDA samples' helper_cuda.h, which kport's prelude defines for the target.
import KIR

/// What a CUDA macro becomes in host code.
enum HostMacros {
  /// Qualifiers removed together with the blanks after them.
  static let removed: Set<String> = ["__host__", "__device__", "__noinline__"]
  /// Macros replaced by a C++ spelling.
  static let replaced: [String: String] = ["__forceinline__": "inline"]
  /// The helper_cuda.h macros the prelude defines (`HostPrelude`).
  static let errorCheckHelpers: Set<String> = ["checkCudaErrors", "getLastCudaError", "printLastCudaError"]

  /// Adds the edit for macro use `record`, or reports it (KP6005).
  static func map(_ record: HostRecord, in context: HostRewriteContext) {
    let range = context.byteRange(of: record)
    let source = context.source
    if errorCheckHelpers.contains(record.name) {
      context.needsErrorCheckHelpers = true
      return
    }
    if removed.contains(record.name) {
      let end = source.skippingBlanks(from: range.upperBound)
      context.add(.text(range.lowerBound..<end, "", at: context.location(of: record)))
      return
    }
    if let spelling = replaced[record.name] {
      context.add(.text(range, spelling, at: context.location(of: record)))
      return
    }
    context.leave(
      range, id: .hostMacro,
      "CUDA macro '\(record.name)' has no meaning in \(context.target.displayName) host code; left as written",
      record: record)
  }
}
