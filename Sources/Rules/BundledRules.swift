// The bundled rule tables and user rule files on disk.
//
// The canonical tables live in Sources/Rules/Resources/rules/<target>/<family>.rules and ship as
// a SwiftPM resource (`.copy("Resources/rules")`); grammars/rules is a symlink to that folder, so
// the documented path works in the source tree. (The other way round does not: SwiftPM 6.3
// copies a symlinked resource folder as a dangling link.) The build puts the folder in
// `kport_Rules.resources/rules` next to the binary; an installed kport needs that folder beside
// it, or KPORT_RULES_DIR pointing at a copy of the tables.
import Foundation
import KIR

/// Finds and reads rule files.
public enum BundledRules {
  /// The resource bundle SwiftPM builds for this module, next to the binary.
  public static let bundleName = "kport_Rules.resources"

  /// The folder of bundled rule tables, if it can be found: `$KPORT_RULES_DIR`, then the
  /// resource bundle next to the running binary, then the source tree this module was built from.
  public static func directory() -> URL? {
    var candidates: [URL] = []
    if let override = ProcessInfo.processInfo.environment["KPORT_RULES_DIR"], !override.isEmpty {
      candidates.append(URL(fileURLWithPath: override))
    }
    candidates.append(Bundle.main.bundleURL.appendingPathComponent(bundleName).appendingPathComponent("rules"))
    if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
      candidates.append(
        executable.deletingLastPathComponent().appendingPathComponent(bundleName).appendingPathComponent("rules"))
    }
    for bundle in Bundle.allBundles {
      candidates.append(bundle.bundleURL.appendingPathComponent(bundleName).appendingPathComponent("rules"))
    }
    candidates.append(
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Resources/rules"))
    return candidates.first { isDirectory($0) }
  }

  /// Every `.rules` file under `directory`, sorted by path (targets, then families).
  public static func ruleFiles(in directory: URL) -> [URL] {
    guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)
    else { return [] }
    var files: [URL] = []
    for case let url as URL in enumerator where url.pathExtension == "rules" { files.append(url) }
    return files.sorted { $0.path < $1.path }
  }

  /// The bundled tables as sources; a KP5018 diagnostic when the folder cannot be found.
  public static func sources() -> ([RuleSource], [Diagnostic]) {
    guard let directory = directory() else {
      return (
        [],
        [
          .error(
            .rulesUnreadable,
            "cannot find the bundled rule tables (\(bundleName)/rules next to the kport binary); set KPORT_RULES_DIR",
            at: .unknown)
        ]
      )
    }
    var sources: [RuleSource] = []
    var diagnostics: [Diagnostic] = []
    for url in ruleFiles(in: directory) {
      switch read(url.path, isUser: false) {
      case let .success(source): sources.append(source)
      case let .failure(diagnostic): diagnostics.append(diagnostic)
      }
    }
    return (sources, diagnostics)
  }

  /// Reads one rule file.
  public static func read(_ path: String, isUser: Bool) -> Result<RuleSource, Diagnostic> {
    guard let data = FileManager.default.contents(atPath: path),
      let text = String(data: data, encoding: .utf8)
    else {
      return .failure(.error(.rulesUnreadable, "cannot read rule file '\(path)'", at: .unknown))
    }
    return .success(RuleSource(path: path, text: text, isUser: isUser))
  }

  private static func isDirectory(_ url: URL) -> Bool {
    var flag: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &flag) && flag.boolValue
  }
}

extension RuleSet {
  /// The bundled tables, extended or overridden by the user files at `userFiles` (`--rules`).
  ///
  /// - Returns: the rule set and every problem found (unreadable files included).
  public static func bundled(extendedWith userFiles: [String] = []) -> (RuleSet, [Diagnostic]) {
    var (sources, diagnostics) = BundledRules.sources()
    for path in userFiles {
      switch BundledRules.read(path, isUser: true) {
      case let .success(source): sources.append(source)
      case let .failure(diagnostic): diagnostics.append(diagnostic)
      }
    }
    let (set, loadDiagnostics) = load(sources)
    return (set, diagnostics + loadDiagnostics)
  }
}
