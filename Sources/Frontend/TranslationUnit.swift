// Parsing a CUDA file with libclang: the compiler arguments that need no CUDA SDK, the bundled
// header set, and clang's own diagnostics turned into kport diagnostics.
import CClang
import Foundation
import KIR

/// How the front end runs clang.
public struct FrontendOptions: Sendable {
  /// Flags passed through to clang: `-I`, `-D`, `-U`, `-std=`, `-include`, `-isystem`, ...
  public var clangArguments: [String]
  /// A real CUDA SDK to use instead of kport's bundled headers.
  public var cudaPath: String?
  /// The GPU architecture `__CUDA_ARCH__` is derived from.
  public var gpuArchitecture: String
  /// Whether to parse the host side too and record launches and runtime calls.
  public var recordsHost: Bool
  /// How the code of the translation unit's files is shared between ports (`kport batch`
  /// ports user headers once, apart from their includers); nil: the main file is the port.
  public var ownership: PortOwnership?

  public init(
    clangArguments: [String] = [], cudaPath: String? = nil, gpuArchitecture: String = "sm_80",
    recordsHost: Bool = true, ownership: PortOwnership? = nil
  ) {
    self.clangArguments = clangArguments
    self.cudaPath = cudaPath
    self.gpuArchitecture = gpuArchitecture
    self.recordsHost = recordsHost
    self.ownership = ownership
  }
}

/// Which file of a translation unit a port is of, and which included headers are ported on
/// their own (docs/ci.md, "Headers"). The port holds the code defined in its file: the kernels
/// and device functions defined there, the template instantiations named there (and by no
/// ported header), its host records. Kernels defined in (or instantiated by) a ported header
/// that the file launches are translated for their launch interface only (`imported`), and the
/// ported headers' own #include lines name their ports.
public struct PortOwnership: Hashable, Sendable {
  /// The file ported, resolved (symlinks and `..` removed); nil: the main file.
  public var home: String?
  /// The ported headers, resolved.
  public var portedHeaders: Set<String>

  public init(home: String? = nil, portedHeaders: Set<String>) {
    self.home = home
    self.portedHeaders = portedHeaders
  }
}

/// Which side of a CUDA compilation a parse sees.
enum CompilationSide {
  /// `__CUDA_ARCH__` defined: what kernels are translated from.
  case device
  /// `__CUDA_ARCH__` undefined: what host code is recorded from.
  case host
}

/// Where kport's bundled CUDA headers are.
public enum BundledHeaders {
  /// The directory holding `cuda_runtime.h` and the rest; `KPORT_CUDA_INCLUDE` overrides it.
  public static var directory: String? {
    if let override = ProcessInfo.processInfo.environment["KPORT_CUDA_INCLUDE"], !override.isEmpty {
      return override
    }
    return Bundle.module.url(forResource: "cuda-include", withExtension: nil)?.path
  }
}

/// The clang arguments for one side of a CUDA parse.
func clangArguments(for side: CompilationSide, options: FrontendOptions) -> [String] {
  var arguments = ["-x", "cuda"]
  if !options.clangArguments.contains(where: { $0.hasPrefix("-std=") }) {
    arguments.append("-std=c++17")
  }
  switch side {
  case .device: arguments += ["--cuda-device-only", "--cuda-gpu-arch=\(options.gpuArchitecture)"]
  case .host: arguments.append("--cuda-host-only")
  }
  if let cudaPath = options.cudaPath {
    arguments += ["--cuda-path=\(cudaPath)", "-nocudalib"]
  } else {
    arguments += ["-nocudainc", "-nocudalib"]
    if let headers = BundledHeaders.directory {
      arguments += ["-isystem", headers, "-include", "cuda_runtime.h"]
    }
  }
  return arguments + options.clangArguments
}

/// A parsed translation unit, disposed with its index when released.
final class TranslationUnit {
  let index: CXIndex
  let unit: CXTranslationUnit

  private init(index: CXIndex, unit: CXTranslationUnit) {
    self.index = index
    self.unit = unit
  }

  deinit {
    clang_disposeTranslationUnit(unit)
    clang_disposeIndex(index)
  }

  var cursor: CXCursor { clang_getTranslationUnitCursor(unit) }

  /// Parses `path` with `arguments`. Returns nil when libclang refuses the arguments and makes
  /// no translation unit at all.
  static func parse(
    path: String, arguments: [String], detailedPreprocessing: Bool, contents: String? = nil
  ) -> TranslationUnit? {
    guard let index = clang_createIndex(0, 0) else { return nil }
    var unit: CXTranslationUnit?
    var flags = CXTranslationUnit_KeepGoing.rawValue
    if detailedPreprocessing { flags |= CXTranslationUnit_DetailedPreprocessingRecord.rawValue }
    let cArguments = arguments.map { strdup($0) }
    defer { cArguments.forEach { free($0) } }
    let pointers = cArguments.map { UnsafePointer<CChar>($0) }
    let error: CXErrorCode
    if let contents {
      let name = strdup(path)
      let body = strdup(contents)
      defer {
        free(name)
        free(body)
      }
      var unsaved = CXUnsavedFile(Filename: name, Contents: body, Length: UInt(contents.utf8.count))
      error = pointers.withUnsafeBufferPointer { buffer in
        clang_parseTranslationUnit2(index, path, buffer.baseAddress, Int32(buffer.count), &unsaved, 1, flags, &unit)
      }
    } else {
      error = pointers.withUnsafeBufferPointer { buffer in
        clang_parseTranslationUnit2(index, path, buffer.baseAddress, Int32(buffer.count), nil, 0, flags, &unit)
      }
    }
    guard error == CXError_Success, let unit else {
      clang_disposeIndex(index)
      return nil
    }
    return TranslationUnit(index: index, unit: unit)
  }

  /// Whether the translation unit includes the file at resolved path `path` (preprocessed: an
  /// `#include` under an `#if` that is off does not count).
  func includes(resolvedPath path: String) -> Bool {
    var names: [String] = []
    withUnsafeMutablePointer(to: &names) { pointer in
      clang_getInclusions(
        unit,
        { file, _, _, data in
          guard let file else { return }
          data?.assumingMemoryBound(to: [String].self).pointee.append(string(clang_getFileName(file)))
        }, pointer)
    }
    return names.contains { FileOwners.resolve($0) == path }
  }

  /// clang's diagnostics as kport diagnostics (errors KP1001, warnings KP1002), with notes.
  func diagnostics() -> [Diagnostic] {
    var out: [Diagnostic] = []
    for number in 0..<clang_getNumDiagnostics(unit) {
      guard let raw = clang_getDiagnostic(unit, number) else { continue }
      defer { clang_disposeDiagnostic(raw) }
      guard let converted = convert(raw) else { continue }
      out.append(converted)
    }
    return out
  }

  private func convert(_ raw: CXDiagnostic) -> Diagnostic? {
    let severity: Severity
    let id: DiagnosticID?
    switch clang_getDiagnosticSeverity(raw) {
    case CXDiagnostic_Error, CXDiagnostic_Fatal: (severity, id) = (.error, .clangError)
    case CXDiagnostic_Warning: (severity, id) = (.warning, .clangWarning)
    case CXDiagnostic_Note: (severity, id) = (.note, nil)
    default: return nil
    }
    let message = string(clang_getDiagnosticSpelling(raw))
    // clang refuses device-side launches before kport sees them; they are dynamic parallelism.
    let isDeviceLaunch =
      message.contains("requires relocatable device code") || message.contains("reference to __global__ function")
    let finalID = isDeviceLaunch && severity == .error ? DiagnosticID.dynamicParallelism : id
    var location = Location.unknown
    if let position = expansion(of: clang_getDiagnosticLocation(raw)) {
      location = .file(path: position.file, line: position.line, column: position.column)
    }
    var notes: [Diagnostic] = []
    if let children = clang_getChildDiagnostics(raw) {
      for number in 0..<clang_getNumDiagnosticsInSet(children) {
        guard let child = clang_getDiagnosticInSet(children, number) else { continue }
        if let note = convert(child) { notes.append(Diagnostic(.note, nil, note.message, at: note.location)) }
      }
    }
    return Diagnostic(severity, finalID, message, at: location, notes: notes)
  }
}
