// What a batch wrote in its output directory, so that a later run removes what it no longer
// writes (an input deleted or excluded, a target dropped, a header no longer included):
// OUT/.kport-manifest.json, or OUT/.kport-manifest-shard-I-of-N.json for a shard, maps every
// file kport wrote there (ports, cost reports, the summary and its reports) to the SHA-256 of
// the bytes it wrote. A file is removed only when a manifest of OUT lists it, this run did not
// write it, it still holds the bytes kport wrote and no directory on its way is a symlink
// leading out of OUT; nothing else in OUT is ever touched. A shard forgets only what its own
// manifest lists (other shards may share OUT); an unsharded run reads every manifest of OUT and
// replaces them with its own.
import Foundation

/// A manifest file.
struct OutputManifest: Codable {
  var schema = "kport-manifest/1"
  /// Path under OUT → SHA-256 of the bytes written.
  var files: [String: String]
}

/// The manifest's file name for `shard`.
func manifestName(shard: BatchShard?) -> String {
  guard let shard else { return ".kport-manifest.json" }
  return ".kport-manifest-shard-\(shard.index)-of-\(shard.count).json"
}

/// The manifests of OUT this run takes over: its own, and without a shard every shard's too.
func manifestNames(in outputDirectory: String, shard: BatchShard?) -> [String] {
  guard shard == nil else { return [manifestName(shard: shard)] }
  let names = (try? FileManager.default.contentsOfDirectory(atPath: outputDirectory)) ?? []
  return names.filter { $0 == ".kport-manifest.json" || ($0.hasPrefix(".kport-manifest-shard-") && $0.hasSuffix(".json")) }.sorted()
}

/// Records `written` (path under OUT → digest) as this run's outputs and removes the files
/// earlier runs wrote that this one did not. Returns the paths removed, sorted.
@discardableResult
func updateManifest(written: [String: String], in outputDirectory: String, shard: BatchShard?) -> [String] {
  let fileManager = FileManager.default
  var previous: [String: String] = [:]
  let names = manifestNames(in: outputDirectory, shard: shard)
  for name in names {
    guard let data = fileManager.contents(atPath: outputDirectory + "/" + name),
      let manifest = try? JSONDecoder().decode(OutputManifest.self, from: data)
    else { continue }
    previous.merge(manifest.files) { first, _ in first }
  }
  var removed: [String] = []
  for (path, digest) in previous.sorted(by: { $0.key < $1.key }) where written[path] == nil {
    if removeIfUnchanged(path, digest: digest, in: outputDirectory) { removed.append(path) }
  }
  let current = written
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  let own = manifestName(shard: shard)
  if let data = try? encoder.encode(OutputManifest(files: current)) {
    _ = writeAtomically(data, to: outputDirectory + "/" + own)
  }
  for name in names where name != own { try? fileManager.removeItem(atPath: outputDirectory + "/" + name) }
  return removed
}

/// Removes OUT/`path` when it still holds the bytes whose digest is `digest` and lies inside OUT
/// once symlinks are resolved; then its parent directories that this left empty, up to OUT.
private func removeIfUnchanged(_ path: String, digest: String, in outputDirectory: String) -> Bool {
  let fileManager = FileManager.default
  guard !path.hasPrefix("/"), !path.split(separator: "/").contains("..") else { return false }
  let full = outputDirectory + "/" + path
  var directory = URL(fileURLWithPath: full).deletingLastPathComponent().path
  let resolved = resolvedPath(directory)
  guard resolved == outputDirectory || resolved.hasPrefix(outputDirectory + "/"),
    let attributes = try? fileManager.attributesOfItem(atPath: full), attributes[.type] as? FileAttributeType == .typeRegular,
    let bytes = fileManager.contents(atPath: full), SHA256.hex(bytes) == digest,
    (try? fileManager.removeItem(atPath: full)) != nil
  else { return false }
  while directory != outputDirectory, directory.hasPrefix(outputDirectory + "/"),
    (try? fileManager.contentsOfDirectory(atPath: directory))?.isEmpty == true
  {
    try? fileManager.removeItem(atPath: directory)
    directory = URL(fileURLWithPath: directory).deletingLastPathComponent().path
  }
  return true
}
