// Finding things for the golden suite: the repository root (from this file's #filePath), the
// golden files under Tests/golden/ (every .kir and .cu, recursively, but Targets/), and the kport executable
// (KPORT_BIN, then <repo>/.build/debug/kport, then next to the test bundle).

import Foundation

/// Locations the golden suite works with.
enum GoldenFiles {
  /// The repository root: three levels above `Tests/GoldenTests/GoldenFiles.swift`.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Tests/GoldenTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()

  /// `Tests/golden` in the repository.
  static var directory: URL {
    repositoryRoot.appendingPathComponent("Tests/golden", isDirectory: true)
  }

  /// The extensions of golden files.
  static let extensions: Set<String> = ["kir", "cu"]

  /// Every golden file, as a path relative to the repository root, sorted.
  ///
  /// - Complexity: one directory walk of `Tests/golden`.
  static func relativePaths() -> [String] {
    let root = repositoryRoot.standardizedFileURL.path
    guard
      let walker = FileManager.default.enumerator(
        at: directory, includingPropertiesForKeys: [.isRegularFileKey])
    else { return [] }
    var paths: [String] = []
    for case let url as URL in walker where extensions.contains(url.pathExtension) {
      // Tests/golden/Targets holds the back ends' inputs and expected outputs, checked by
      // TargetsTests (exact output with a bless mode), not RUN-line golden files.
      if url.path.contains("/Tests/golden/Targets/") { continue }
      let isFile = (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile ?? false
      guard isFile else { continue }
      let path = url.standardizedFileURL.path
      paths.append(path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path)
    }
    return paths.sorted()
  }

  /// The kport executable, or a message explaining where it was looked for.
  static func kportExecutable() -> Result<URL, KportNotFound> {
    let fileManager = FileManager.default
    if let override = ProcessInfo.processInfo.environment["KPORT_BIN"], !override.isEmpty {
      guard fileManager.isExecutableFile(atPath: override) else {
        return .failure(KportNotFound(message: "KPORT_BIN=\(override) is not an executable file"))
      }
      return .success(URL(fileURLWithPath: override))
    }
    var candidates = [repositoryRoot.appendingPathComponent(".build/debug/kport")]
    var directory = URL(fileURLWithPath: Bundle.main.bundlePath)
    for _ in 0..<4 {
      candidates.append(directory.appendingPathComponent("kport"))
      directory = directory.deletingLastPathComponent()
    }
    for candidate in candidates {
      var isDirectory: ObjCBool = false
      if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory),
        !isDirectory.boolValue, fileManager.isExecutableFile(atPath: candidate.path)
      {
        return .success(candidate)
      }
    }
    let searched = candidates.map { "  " + $0.path }.joined(separator: "\n")
    return .failure(
      KportNotFound(
        message: """
          kport executable not found; build it with `swift build --product kport` or set KPORT_BIN.
          Searched:
          \(searched)
          """))
  }
}

/// Why the kport executable could not be found.
struct KportNotFound: Error, CustomStringConvertible {
  /// Where it was looked for.
  let message: String
  var description: String { message }
}
