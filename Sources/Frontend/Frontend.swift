// The front end's entry point: a CUDA file in, a KIR module and diagnostics out.
import CClang
import Foundation
import KIR

/// What the front end produced for one file.
public struct FrontendResult: Sendable {
  /// The module, or nil when the file could not be parsed at all.
  public var module: Module?
  public var diagnostics: [Diagnostic]
  /// The linkage (mangled) name of each kernel and module variable -> its KIR symbol: the names
  /// clang's host side registers them under.
  public var linkageNames: [String: String] = [:]
}

/// CUDA -> KIR through libclang.
public enum CUDAFrontend {
  /// Parses `path` on the device side, lowers its kernels, and (unless disabled) records the
  /// host side's launches and CUDA API uses from a host-side parse.
  public static func translate(path: String, options: FrontendOptions = FrontendOptions()) -> FrontendResult {
    // KPORT_PHASE_TIMES=1 prints the time of each phase on standard error.
    let timing = ProcessInfo.processInfo.environment["KPORT_PHASE_TIMES"] != nil
    var clock = Date()
    func phase(_ name: String) {
      guard timing else { return }
      FileHandle.standardError.write(Data("\(name): \(Int(Date().timeIntervalSince(clock) * 1000)) ms\n".utf8))
      clock = Date()
    }
    guard let unit = TranslationUnit.parse(
      path: path, arguments: clangArguments(for: .device, options: options), detailedPreprocessing: false,
      contents: ExplicitInstantiations.overlay(path: path))
    else {
      return FrontendResult(module: nil, diagnostics: [
        .error(.badCompilerArguments, "clang could not parse '\(path)' with the given arguments", at: .unknown)
      ])
    }
    phase("device parse")
    let owners = FileOwners(options.ownership)
    if let home = options.ownership?.home, !unit.includes(resolvedPath: home) {
      return FrontendResult(module: nil, diagnostics: [
        .error(.batchHeaderNotIncluded, "'\(home)' is not part of the translation unit of '\(path)' once preprocessed", at: .unknown)
      ])
    }
    var diagnostics = ownDiagnostics(unit.diagnostics(), owners: owners)
    if diagnostics.contains(where: { $0.severity == .error }) {
      return FrontendResult(module: nil, diagnostics: diagnostics)
    }
    let translator = ModuleTranslator(path: path, options: options)
    translator.translate(unit)
    phase("lowering")
    diagnostics += translator.diagnostics
    let module = translator.module
    if options.recordsHost {
      let host = HostRecorder.record(path: path, options: options)
      module.hostRecords = host.records
      phase("host parse and records")
      diagnostics += ownDiagnostics(host.diagnostics, owners: owners).filter { hostDiagnostic in
        !diagnostics.contains { $0.message == hostDiagnostic.message && $0.location == hostDiagnostic.location }
      }
    }
    return FrontendResult(module: module, diagnostics: diagnostics, linkageNames: translator.linkageNames)
  }

  /// clang's diagnostics that belong to this port: all of them without an ownership; with one,
  /// the errors (they stop the port wherever they are) and the warnings located in the home file
  /// or, for a port of the main file, anywhere but a ported header (whose own port reports them).
  static func ownDiagnostics(_ diagnostics: [Diagnostic], owners: FileOwners) -> [Diagnostic] {
    guard let ownership = owners.ownership else { return diagnostics }
    return diagnostics.filter { diagnostic in
      guard diagnostic.severity != .error, let file = diagnostic.location.filePosition?.path else { return true }
      switch owners.owner(ofFile: file) {
      case .home: return true
      case .portedHeader: return false
      case .other: return ownership.home == nil
      }
    }
  }
}
