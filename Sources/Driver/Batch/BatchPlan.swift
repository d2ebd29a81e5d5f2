// Which files a batch ports and where their outputs go. Inputs (directories walked recursively,
// files named on the command line or in --files-from, compile_commands.json entries) become
// jobs sorted by their path under the source root, so the plan is the same whatever the input
// order. Every output path is confined to the output directory: a file outside the root (a
// database entry elsewhere, `..`, a symlink leading out) keeps being read, but its outputs go
// under OUT/_external/<resolved path> with a KP9003 warning.
import Foundation
import KIR

/// What `kport batch` reads.
public struct BatchInputs: Sendable {
  /// Files and directories.
  public var paths: [String] = []
  /// A file listing one input path per line (`#` comments, blank lines skipped).
  public var filesFrom: String?
  /// A `compile_commands.json`.
  public var compilationDatabase: String?
  /// Globs over the path under the root (a glob without `/` also matches the file name).
  public var includes: [String] = []
  public var excludes: [String] = []
  /// Outputs mirror paths under this directory; nil: the current directory.
  public var root: String?
  /// Clang flags for every file, before a database entry's own (paths relative to the current
  /// directory; warning flags as in a database: -Werror and -Wfatal-errors are dropped).
  public var clangArguments: [String] = []

  public init() {}
}

/// `--shard I/N`: the files whose index in the sorted plan is I-1 modulo N.
public struct BatchShard: Hashable, Sendable {
  public var index: Int
  public var count: Int

  /// Parses `I/N` with 1 ≤ I ≤ N.
  public init?(_ text: String) {
    let parts = text.split(separator: "/")
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
      return nil
    }
    self.index = index
    self.count = count
  }
}

/// One file to port: a translation unit, or a user header its includers share (`contexts`).
public struct BatchJob: Codable, Hashable, Sendable {
  /// The path under the root, or `_external/<resolved path>`; also the outputs' path under OUT.
  public var path: String
  /// The resolved (real) path of the source.
  public var source: String
  public var clangArguments: [String]
  /// The headers it includes, resolved, and as paths like `path`.
  public var headerSources: [String]
  public var headers: [String]
  /// Problems found while planning it (KP9003 outside the root, KP9004 unreadable).
  public var planDiagnostics: [BatchDiagnostic]
  /// The ported headers of its translation unit(s), a header's own included: resolved path →
  /// the ports' path under OUT without the target's extension (`src/common` for
  /// `src/common.mlu.h`).
  public var portedHeaders: [String: String] = [:]
  /// For a header: the translation units that include it, by path, the first that parses is
  /// the one it is ported in. Empty for a translation unit.
  public var contexts: [BatchContext] = []

  /// Whether the job is a ported header.
  public var isHeader: Bool { !contexts.isEmpty }
}

/// A translation unit a header is ported in.
public struct BatchContext: Codable, Hashable, Sendable {
  /// As `BatchJob.path` and `source`.
  public var path: String
  public var source: String
  public var clangArguments: [String]
}

/// The files of a batch and where it writes.
public struct BatchPlan: Sendable {
  /// The resolved source root and output directory.
  public var root: String
  public var outputDirectory: String
  public var jobs: [BatchJob]
}

/// The plan of a batch, or the KP9004/KP9005 usage error that stops it.
public func planBatch(_ inputs: BatchInputs, outputDirectory: String, shard: BatchShard?) -> Result<BatchPlan, Diagnostic> {
  let fileManager = FileManager.default
  let workingDirectory = fileManager.currentDirectoryPath
  let root = resolvedPath(absolute(inputs.root ?? workingDirectory, against: workingDirectory))
  let output = absolute(outputDirectory, against: workingDirectory)
  // (An output directory that does not exist yet contains no input: it is checked as spelled,
  // and made only once the inputs are read, so a usage error writes nothing.)
  let directories = inputs.paths.map { resolvedPath(absolute($0, against: workingDirectory)) }.filter { isDirectory($0) }
  for directory in [root] + directories where directory == resolvedPath(output) || directory.hasPrefix(resolvedPath(output) + "/") {
    return .failure(
      .error(.batchBadOutputDirectory, "--out '\(outputDirectory)' is or contains the input directory '\(directory)'; choose an output directory apart from the sources (inside them is fine)", at: .unknown))
  }
  var out = resolvedPath(output)
  let common = usableFlags(inputs.clangArguments, directory: workingDirectory)
  var candidates: [(path: String, arguments: [String])] = []
  var problems: [(path: String, diagnostic: Diagnostic)] = []
  func add(_ path: String, _ arguments: [String]) {
    candidates.append((absolute(path, against: workingDirectory), common + arguments))
  }
  var listed = inputs.paths
  if let list = inputs.filesFrom {
    guard let text = try? String(contentsOfFile: list, encoding: .utf8) else {
      return .failure(.error(.batchBadInput, "cannot read the file list '\(list)'", at: .unknown))
    }
    listed += text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty && !$0.hasPrefix("#") }
  }
  for path in listed {
    let full = absolute(path, against: workingDirectory)
    if isDirectory(full) {
      for file in walk(full, skipping: out) { add(file, []) }
    } else if fileManager.fileExists(atPath: full) {
      add(full, [])
    } else {
      problems.append((full, .error(.batchBadInput, "no such file or directory: '\(path)'", at: .unknown)))
    }
  }
  if let database = inputs.compilationDatabase {
    let (commands, databaseProblems) = readCompilationDatabase(absolute(database, against: workingDirectory))
    if commands.isEmpty, let first = databaseProblems.first { return .failure(first) }
    for command in commands where command.file.hasSuffix(".cu") { add(command.file, command.clangArguments) }
    problems += databaseProblems.map { (database, $0) }
  }
  do {
    try fileManager.createDirectory(atPath: output, withIntermediateDirectories: true)
  } catch {
    return .failure(.error(.batchBadOutputDirectory, "cannot create the output directory '\(outputDirectory)': \(error.localizedDescription)", at: .unknown))
  }
  out = resolvedPath(output)
  var jobs: [String: BatchJob] = [:]
  for candidate in candidates {
    let source = resolvedPath(candidate.path)
    // A file inside the output directory is an output (or a stray copy), never an input.
    if source == out || source.hasPrefix(out + "/") { continue }
    let path = outputRelativePath(source, root: root)
    guard selected(path, includes: inputs.includes, excludes: inputs.excludes) else { continue }
    var planDiagnostics: [BatchDiagnostic] = []
    if path.hasPrefix("_external/") {
      planDiagnostics.append(
        BatchDiagnostic(
          .warning(.batchOutputOutsideRoot, "'\(candidate.path)' resolves to '\(source)', outside the source root; its outputs go under \(path)", at: .unknown),
          file: path, targets: []))
    }
    let headers = includedHeaders(of: source, clangArguments: candidate.arguments)
    let job = BatchJob(
      path: path, source: source, clangArguments: candidate.arguments, headerSources: headers,
      headers: headers.map { outputRelativePath($0, root: root) }, planDiagnostics: planDiagnostics)
    // The same file reached twice (a database entry and a walk, a symlink): the first in a
    // fixed order wins, so the plan does not depend on the input order.
    if let existing = jobs[path], existing.clangArguments.lexicographicallyPrecedes(job.clangArguments) { continue }
    jobs[path] = job
  }
  for (path, diagnostic) in problems {
    let shown = outputRelativePath(path, root: root)
    guard jobs[shown] == nil else { continue }
    jobs[shown] = BatchJob(
      path: shown, source: path, clangArguments: [], headerSources: [], headers: [],
      planDiagnostics: [BatchDiagnostic(diagnostic, file: nil, targets: [])])
  }
  let headerJobs = planHeaders(&jobs, root: root, outputDirectory: out, excludes: inputs.excludes)
  var sorted = (Array(jobs.values) + headerJobs).sorted { $0.path < $1.path }
  if let shard {
    sorted = sorted.enumerated().filter { $0.offset % shard.count == shard.index - 1 }.map(\.element)
  }
  return .success(BatchPlan(root: root, outputDirectory: out, jobs: sorted))
}

/// The path of `source` (resolved) under `root`, or `_external/<source without its leading />`.
func outputRelativePath(_ source: String, root: String) -> String {
  if source.hasPrefix(root + "/") { return String(source.dropFirst(root.count + 1)) }
  return "_external/" + source.split(separator: "/").filter { $0 != ".." && $0 != "." }.joined(separator: "/")
}

/// `path` with every symlink resolved (the path itself when it does not exist).
func resolvedPath(_ path: String) -> String {
  guard let resolved = realpath(path, nil) else { return URL(fileURLWithPath: path).standardizedFileURL.path }
  defer { free(resolved) }
  return String(cString: resolved)
}

func isDirectory(_ path: String) -> Bool {
  var directory: ObjCBool = false
  return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
}

/// The `.cu` files under `directory`, recursively. Hidden directories (.git, .kport-cache) and
/// `skipping` (the output directory) are not entered, nor symlinks to directories (no cycles);
/// a symlink to a file is an input like the file.
func walk(_ directory: String, skipping: String) -> [String] {
  var files: [String] = []
  var pending = [directory]
  while let current = pending.popLast() {
    guard resolvedPath(current) != skipping,
      let names = try? FileManager.default.contentsOfDirectory(atPath: current)
    else { continue }
    for name in names.sorted() where !name.hasPrefix(".") {
      let path = current + "/" + name
      let type = (try? FileManager.default.attributesOfItem(atPath: path))?[.type] as? FileAttributeType
      if type == .typeDirectory {
        pending.append(path)
      } else if name.hasSuffix(".cu") {
        files.append(path)
      }
    }
  }
  return files
}

/// Whether `path` passes `--include` (any, when given) and no `--exclude`.
func selected(_ path: String, includes: [String], excludes: [String]) -> Bool {
  func matches(_ pattern: String) -> Bool {
    if fnmatch(pattern, path, 0) == 0 { return true }
    let name = String(path.split(separator: "/").last ?? "")
    return !pattern.contains("/") && fnmatch(pattern, name, 0) == 0
  }
  if !includes.isEmpty && !includes.contains(where: matches) { return false }
  return !excludes.contains(where: matches)
}

extension BatchDiagnostic {
  /// `diagnostic` with its catalogue entry, located in `file` when it has no position of its own.
  init(_ diagnostic: Diagnostic, file: String?, targets: [String]) {
    let position = diagnostic.location.filePosition
    self.init(
      id: diagnostic.id?.code, name: diagnostic.id?.name, severity: diagnostic.severity.rawValue,
      effort: diagnostic.id?.effort.rawValue, message: diagnostic.message, file: position?.path ?? file,
      line: position?.line ?? (file == nil ? nil : 1), column: position?.column ?? (file == nil ? nil : 1), targets: targets)
  }
}
