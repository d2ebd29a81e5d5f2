// The bundled machine files on disk and user machine files (`--machine-file FILE`).
//
// The bundled files live in Sources/Cost/Resources/machines/NAME.machine and ship as a SwiftPM
// resource (`.copy("Resources/machines")`); the build puts the folder in
// `kport_Cost.resources/machines` next to the binary. An installed kport needs that folder beside
// it, or KPORT_MACHINES_DIR pointing at a copy.
import Foundation
import KIR

/// Finds and reads machine files.
public enum BundledMachines {
  /// The resource bundle SwiftPM builds for this module, next to the binary.
  public static let bundleName = "kport_Cost.resources"

  /// The file extension of machine files.
  public static let fileExtension = "machine"

  /// The folder of bundled machine files, if it can be found: `$KPORT_MACHINES_DIR`, then the
  /// resource bundle next to the running binary, then the source tree this module was built from.
  public static func directory() -> URL? {
    var candidates: [URL] = []
    if let override = ProcessInfo.processInfo.environment["KPORT_MACHINES_DIR"], !override.isEmpty {
      candidates.append(URL(fileURLWithPath: override))
    }
    candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName).appendingPathComponent("machines"))
    if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
      candidates.append(
        executable.deletingLastPathComponent().appendingPathComponent(bundleName).appendingPathComponent("machines"))
    }
    for bundle in Bundle.allBundles {
      candidates.append(bundle.bundleURL.appendingPathComponent(bundleName).appendingPathComponent("machines"))
    }
    candidates.append(
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources/machines"))
    return candidates.first { isDirectory($0) }
  }

  /// Every `.machine` file directly in `directory`, sorted by name.
  public static func machineFiles(in directory: URL) -> [URL] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".\(fileExtension)") }.sorted().map { directory.appendingPathComponent($0) }
  }

  /// The bundled files as sources; a KP8010 diagnostic when the folder cannot be found.
  public static func sources() -> ([MachineSource], [Diagnostic]) {
    guard let directory = directory() else {
      return (
        [],
        [
          .error(
            .machineUnreadable,
            "cannot find the bundled machine files (\(bundleName)/machines next to the kport binary); set KPORT_MACHINES_DIR",
            at: .unknown)
        ]
      )
    }
    var sources: [MachineSource] = []
    var diagnostics: [Diagnostic] = []
    for url in machineFiles(in: directory) {
      switch read(url.path, isUser: false) {
      case let .success(source): sources.append(source)
      case let .failure(diagnostic): diagnostics.append(diagnostic)
      }
    }
    return (sources, diagnostics)
  }

  /// Reads one machine file.
  public static func read(_ path: String, isUser: Bool) -> Result<MachineSource, Diagnostic> {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else {
      return .failure(.error(.machineUnreadable, "cannot read machine file '\(path)'", at: .unknown))
    }
    return .success(MachineSource(path: path, text: text, isUser: isUser))
  }

  private static func isDirectory(_ url: URL) -> Bool {
    var flag: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
  }
}

extension MachineCatalog {
  /// The bundled machines, extended or overridden by the user files at `userFiles`
  /// (`--machine-file`).
  ///
  /// - Returns: the catalog and every problem found (unreadable files included).
  public static func bundled(extendedWith userFiles: [String] = []) -> (MachineCatalog, [Diagnostic]) {
    var (sources, diagnostics) = BundledMachines.sources()
    for path in userFiles {
      switch BundledMachines.read(path, isUser: true) {
      case let .success(source): sources.append(source)
      case let .failure(diagnostic): diagnostics.append(diagnostic)
      }
    }
    let (catalog, loadDiagnostics) = load(sources)
    return (catalog, diagnostics + loadDiagnostics)
  }
}
