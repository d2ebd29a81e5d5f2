// The headers a batch ports (docs/ci.md, "Headers"): every user header the batch's translation
// units include, directly or not, is ported once per target, as a job of its own, in the
// translation unit of its first includer (by path) that parses. A user header is one under the
// source root, found beside its includer or through -I / -iquote, that is neither a system
// header (-isystem), one of kport's bundled CUDA headers, a .cu file, inside the output
// directory, an input of its own, nor dropped by --exclude. Its port goes beside the source ports: `x.cuh` becomes
// `x.mlu.h` and `x.asc.h` (`x.cuh.mlu.h` when another header of the directory is also `x.*`),
// and the includes of it in every port name that file instead.
import Foundation
import Frontend

/// Adds to `jobs` the ported headers each includes (`portedHeaders`), and returns the header
/// jobs, one per ported header.
func planHeaders(_ jobs: inout [String: BatchJob], root: String, outputDirectory: String, excludes: [String]) -> [BatchJob] {
  let bundled = BundledHeaders.directory.map(resolvedPath)
  func isPorted(_ header: ScannedHeader) -> Bool {
    let path = header.path
    guard !header.isSystem, path.hasPrefix(root + "/"), !path.hasSuffix(".cu"),
      path != outputDirectory, !path.hasPrefix(outputDirectory + "/")
    else { return false }
    if let bundled, path.hasPrefix(bundled + "/") { return false }
    // A header named as an input is ported as the translation unit it was asked to be.
    let relative = outputRelativePath(path, root: root)
    return jobs[relative] == nil && selected(relative, includes: [], excludes: excludes)
  }
  // Each ported header's includers, by path; each includer's ported headers.
  var includers: [String: [BatchJob]] = [:]
  var includes: [String: [String]] = [:]
  for job in jobs.values.sorted(by: { $0.path < $1.path }) {
    let ported = scanHeaders(of: job.source, clangArguments: job.clangArguments).filter(isPorted).map(\.path)
    includes[job.path] = ported
    for header in ported { includers[header, default: []].append(job) }
  }
  guard !includers.isEmpty else { return [] }
  let stems = portStems(Array(includers.keys), root: root)
  for (path, ported) in includes where !ported.isEmpty {
    jobs[path]?.portedHeaders = Dictionary(uniqueKeysWithValues: ported.compactMap { header in stems[header].map { (header, $0) } })
  }
  return includers.keys.sorted().compactMap { header -> BatchJob? in
    guard let contexts = includers[header], let first = contexts.first else { return nil }
    var headerSources: Set<String> = []
    var portedHeaders: [String: String] = [:]
    for context in contexts {
      headerSources.formUnion(context.headerSources)
      for (other, stem) in jobs[context.path]?.portedHeaders ?? [:] { portedHeaders[other] = stem }
    }
    headerSources.remove(header)
    let own = includedHeaders(of: header, clangArguments: first.clangArguments)
    return BatchJob(
      path: outputRelativePath(header, root: root), source: header, clangArguments: first.clangArguments,
      headerSources: headerSources.sorted(), headers: own.map { outputRelativePath($0, root: root) }, planDiagnostics: [],
      portedHeaders: portedHeaders,
      contexts: contexts.map { BatchContext(path: $0.path, source: $0.source, clangArguments: $0.clangArguments) })
  }
}

/// The path under OUT, without the target's extension, of each header's ports: the path under
/// the root without its extension, or with it when two headers would share the name.
func portStems(_ headers: [String], root: String) -> [String: String] {
  func stripped(_ relative: String) -> String {
    let name = relative.split(separator: "/").last.map(String.init) ?? relative
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return relative }
    return String(relative.dropLast(name.distance(from: dot, to: name.endIndex)))
  }
  let relative = Dictionary(uniqueKeysWithValues: headers.map { ($0, outputRelativePath($0, root: root)) })
  var uses: [String: Int] = [:]
  for path in relative.values { uses[stripped(path), default: 0] += 1 }
  return relative.mapValues { path in uses[stripped(path), default: 0] > 1 ? path : stripped(path) }
}

/// The path under OUT of a header's port on a target: its stem, then `.mlu.h` or `.asc.h`.
func headerPortName(stem: String, fileExtension: String) -> String {
  "\(stem).\(fileExtension).h"
}
