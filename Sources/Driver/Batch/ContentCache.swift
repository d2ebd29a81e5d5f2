// The batch's incremental cache, OUT/.kport-cache/<key>.json. The key hashes everything a
// file's result depends on: kport's version and the build of the executable (its size and
// modification time: a rebuilt kport misses), the targets and --verify, the file's path under
// the root, its clang flags, its bytes, its sidecar .launch file's bytes, the bytes of every
// header it includes (HeaderScan.swift) and the port names of its ported headers; a header's
// key also hashes each includer it may be ported in (path, flags, bytes), since it is ported
// in the first that parses. An entry holds the file's summary entry and the
// digest of each output it wrote; it is used only while those outputs are still there with the
// same bytes, so a deleted or edited output is made again.
import Foundation

/// One cache entry.
struct CacheEntry: Codable {
  var file: BatchFileResult
  /// Output path (relative to OUT) → SHA-256 of its bytes.
  var outputs: [String: String]
}

/// The cache directory of one output directory.
struct ContentCache {
  let directory: String
  let outputDirectory: String

  init(outputDirectory: String) {
    self.outputDirectory = outputDirectory
    directory = outputDirectory + "/.kport-cache"
  }

  /// The key of `job` under `settings`, from the bytes it depends on.
  func key(for job: BatchJob, settings: BatchSettings, executable: String) -> String {
    var hasher = SHA256()
    hasher.update(field: batchSchema)
    hasher.update(field: kportVersion)
    let attributes = try? FileManager.default.attributesOfItem(atPath: executable)
    hasher.update(field: "\((attributes?[.size] as? NSNumber)?.int64Value ?? 0)")
    hasher.update(field: "\((attributes?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)")
    hasher.update(field: settings.targets.joined(separator: ","))
    hasher.update(field: settings.verify ? "verify" : "")
    hasher.update(field: job.path)
    for argument in job.clangArguments { hasher.update(field: argument) }
    for diagnostic in job.planDiagnostics { hasher.update(field: diagnostic.message) }
    for (header, stem) in job.portedHeaders.sorted(by: { $0.key < $1.key }) { hasher.update(field: "ported \(header) \(stem)") }
    for context in job.contexts {
      hasher.update(field: "context \(context.path)")
      for argument in context.clangArguments { hasher.update(field: argument) }
      hasher.update(FileManager.default.contents(atPath: context.source) ?? Data())
      hasher.update([0])
    }
    for (label, path) in [("source", job.source), ("sidecar", sidecarPath(for: job.source))] + job.headerSources.map({ ("header", $0) }) {
      hasher.update(field: label + " " + path)
      hasher.update(FileManager.default.contents(atPath: path) ?? Data())
      hasher.update([0])
    }
    return hasher.hexDigest()
  }

  /// The entry under `key` when every output it names is still there, unchanged.
  func lookup(_ key: String) -> CacheEntry? {
    guard let data = FileManager.default.contents(atPath: path(of: key)),
      let entry = try? JSONDecoder().decode(CacheEntry.self, from: data)
    else { return nil }
    for (output, digest) in entry.outputs {
      guard let bytes = FileManager.default.contents(atPath: outputDirectory + "/" + output), SHA256.hex(bytes) == digest else {
        return nil
      }
    }
    return entry
  }

  /// Records `file` and the digests of `outputs` under `key`; returns the digests.
  @discardableResult
  func store(_ key: String, file: BatchFileResult, outputs: [String]) -> [String: String] {
    var digests: [String: String] = [:]
    for output in outputs {
      guard let bytes = FileManager.default.contents(atPath: outputDirectory + "/" + output) else { return digests }
      digests[output] = SHA256.hex(bytes)
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(CacheEntry(file: file, outputs: digests)) else { return digests }
    try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    _ = writeAtomically(data, to: path(of: key))
    return digests
  }

  /// Removes the entries not in `keys` (inputs deleted or changed since), so the cache does not
  /// grow without bound.
  func prune(keeping keys: Set<String>) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    for name in names where name.hasSuffix(".json") && !keys.contains(String(name.dropLast(5))) {
      try? FileManager.default.removeItem(atPath: directory + "/" + name)
    }
  }

  private func path(of key: String) -> String { directory + "/" + key + ".json" }
}

/// Removes what a killed run may have left: workers' scratch files and the hidden temporary
/// files of atomic writes (`.NAME.kport-PID-N.tmp`), which are never outputs.
func removeLeftovers(in outputDirectory: String) {
  let fileManager = FileManager.default
  try? fileManager.removeItem(atPath: outputDirectory + "/.kport-cache/work")
  guard let enumerator = fileManager.enumerator(atPath: outputDirectory) else { return }
  var leftovers: [String] = []
  while let relative = enumerator.nextObject() as? String {
    let name = URL(fileURLWithPath: relative).lastPathComponent
    if name.hasPrefix("."), name.contains(".kport-"), name.hasSuffix(".tmp") { leftovers.append(relative) }
  }
  for relative in leftovers { try? fileManager.removeItem(atPath: outputDirectory + "/" + relative) }
}
