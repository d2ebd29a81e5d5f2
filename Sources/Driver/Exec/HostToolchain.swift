// The host side of `kport exec`: which clang compiles and links the program, where kport's CUDA
// runtime library and bundled headers are, and the command lines. Clang is, in order:
// KPORT_CLANG; the clang of the Swift toolchain kport runs on (beside `swift` on PATH, the
// toolchain every kport build has); Debian's clang-19; `clang` on PATH. docs/exec.md.

import Foundation
import Frontend

/// The programs and files a host build needs.
public struct HostToolchain: Sendable {
  /// The C/C++/CUDA compiler driver (clang); `clang++` behaviour comes from `--driver-mode=g++`.
  public var clang: String
  /// The directory holding `libKportCudaRuntime.so`.
  public var runtimeDirectory: String
  /// The bundled CUDA headers.
  public var headers: String

  /// The runtime library's file name.
  public static let runtimeLibrary = "libKportCudaRuntime.so"

  /// Finds the toolchain; nil with a message saying what is missing.
  public static func find(environment: [String: String] = ProcessInfo.processInfo.environment) -> Result<HostToolchain, ImageError> {
    guard let clang = findClang(environment: environment) else {
      return .failure(ImageError("no clang found: set KPORT_CLANG, or put the Swift toolchain's bin directory (with clang) on PATH, or install clang-19"))
    }
    guard let runtime = findRuntimeDirectory(environment: environment) else {
      return .failure(ImageError("kport's CUDA runtime library (\(runtimeLibrary)) is not built: run 'swift build --product KportCudaRuntime' (scripts/setup does), or set KPORT_RUNTIME_DIR"))
    }
    guard let headers = BundledHeaders.directory else {
      return .failure(ImageError("kport's bundled CUDA headers are missing (set KPORT_CUDA_INCLUDE)"))
    }
    return .success(HostToolchain(clang: clang, runtimeDirectory: runtime, headers: headers))
  }

  static func findClang(environment: [String: String]) -> String? {
    if let chosen = environment["KPORT_CLANG"], !chosen.isEmpty { return chosen }
    let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
    for directory in path {
      let swift = URL(fileURLWithPath: directory).appendingPathComponent("swift").path
      guard FileManager.default.isExecutableFile(atPath: swift) else { continue }
      let real = URL(fileURLWithPath: swift).resolvingSymlinksInPath().deletingLastPathComponent()
      let clang = real.appendingPathComponent("clang").path
      if FileManager.default.isExecutableFile(atPath: clang) { return clang }
    }
    for candidate in ["/opt/swift/usr/bin/clang", "/usr/bin/clang-19", "/usr/lib/llvm-19/bin/clang"]
    where FileManager.default.isExecutableFile(atPath: candidate) {
      return candidate
    }
    for directory in path {
      let clang = URL(fileURLWithPath: directory).appendingPathComponent("clang").path
      if FileManager.default.isExecutableFile(atPath: clang) { return clang }
    }
    return nil
  }

  /// KPORT_RUNTIME_DIR, else the directory of the running kport (SwiftPM builds the library
  /// beside the executable).
  static func findRuntimeDirectory(environment: [String: String]) -> String? {
    var candidates: [String] = []
    if let chosen = environment["KPORT_RUNTIME_DIR"], !chosen.isEmpty { candidates.append(chosen) }
    let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    candidates.append(executable.deletingLastPathComponent().path)
    if let bundle = Bundle.main.executableURL?.resolvingSymlinksInPath() {
      candidates.append(bundle.deletingLastPathComponent().path)
    }
    return candidates.first {
      FileManager.default.fileExists(atPath: URL(fileURLWithPath: $0).appendingPathComponent(runtimeLibrary).path)
    }
  }

  /// Flags that make clang compile a `.cu` file's host side against kport's runtime: CUDA mode,
  /// host only, the bundled headers (with their definitions for a real build, `__KPORT_EXEC__`),
  /// the device image embedded where the fat binary would be, and CUDA 12's launch sequence.
  public func cudaHostFlags(image: String) -> [String] {
    [
      "-x", "cuda", "--cuda-host-only", "-nocudainc", "-nocudalib", "-D__KPORT_EXEC__=1", "-isystem", headers,
      "-include", "cuda_runtime.h", "-Xclang", "-fcuda-include-gpubinary", "-Xclang", image,
      "-Xclang", "-target-sdk-version=12.4", "-Wno-unknown-cuda-version",
    ]
  }

  /// Flags for a C++ or C file of the program: the bundled headers, with their definitions.
  public var plainHostFlags: [String] { ["-D__KPORT_EXEC__=1", "-isystem", headers] }

  /// Flags that link the program with kport's runtime (found again at run time by rpath).
  public var linkFlags: [String] {
    ["-L", runtimeDirectory, "-lKportCudaRuntime", "-Wl,-rpath,\(runtimeDirectory)", "-lm", "-lpthread"]
  }
}
