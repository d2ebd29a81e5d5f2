// `kport batch`: port a whole tree for CI (docs/ci.md): mirrored outputs, one summary, SARIF,
// JUnit, an HTML index; cached, parallel, shardable, and one bad file never stops it.
import ArgumentParser
import Driver
import Foundation
import KIR
import Targets

extension FailOn: ExpressibleByArgument {}

struct BatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "batch", abstract: "Port every CUDA file of a tree, a list or a compilation database, for CI.",
    discussion: """
      Each .cu file is ported to every --target, in a child process of its own, and written to \
      OUT/<path under --root>.mlu / .asc; with --verify its launches (// kport-launch lines or \
      a sidecar .launch file) are also run as CUDA and as ported, compared, and priced \
      (OUT/<path>.<target>.report.json). OUT/kport-batch.json (schema kport-batch/1), \
      OUT/kport-batch.sarif, OUT/kport-batch.junit.xml and OUT/index.html describe the batch; \
      they do not depend on -j, the input order or the checkout location. Unchanged files are \
      taken from OUT/.kport-cache. Clang flags (-I DIR, -DNAME) apply to every file. Exit status: 0 the \
      batch passes --fail-on, 1 it does not, 2 usage error.
      """)


  @Option(name: .customLong("files-from"), help: ArgumentHelp("Read input paths from FILE, one per line.", valueName: "FILE"))
  var filesFrom: String?

  @Option(name: .customShort("p"), help: ArgumentHelp("A compile_commands.json: its .cu entries, with their -I/-D/-U/-std/-include flags.", valueName: "FILE"))
  var compilationDatabase: String?

  @Option(name: .customLong("include"), help: ArgumentHelp("Only paths (under the root) matching this glob (repeatable).", valueName: "GLOB"))
  var includes: [String] = []

  @Option(name: .customLong("exclude"), help: ArgumentHelp("Skip paths matching this glob (repeatable).", valueName: "GLOB"))
  var excludes: [String] = []

  @Option(help: ArgumentHelp("Outputs mirror paths under this directory (default: the current directory).", valueName: "DIR"))
  var root: String?

  @Option(help: ArgumentHelp("The output directory.", valueName: "DIR"))
  var out: String

  @Option(name: .customLong("target"), help: ArgumentHelp("Targets, comma-separated: bang, ascendc.", valueName: "LIST"))
  var targetList = "bang,ascendc"

  @Flag(help: "Run each file's launches as CUDA and as ported, compare them and write their cost report.")
  var verify = false

  @Option(name: .customLong("fail-on"), help: "What fails the batch: error, warning or unverified.")
  var failOn: FailOn = .error

  @Option(name: .customShort("j"), help: "Files ported at a time (default: the core count).")
  var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

  @Option(help: ArgumentHelp("Port only shard I of N (1-based) of the sorted files.", valueName: "I/N"))
  var shard: String?

  @Option(help: "Seconds a file may take before its worker is killed.")
  var timeout: Double = 600

  @Flag(help: "No progress and no closing line.")
  var quiet = false

  // Declared, so that ArgumentParser does not read `-Wno-deprecated-gpu-targets` as `-W -n -o
  // ... -p`; they reach clang as written (docs/ci.md).
  @Option(
    name: .customShort("W", allowingJoined: true),
    help: ArgumentHelp("A clang warning flag for every file (-Wall, -Wno-NAME; -Werror is dropped).", valueName: "warning"))
  var warnings: [String] = []

  @Flag(name: .customShort("w"), help: "No clang warnings.")
  var noWarnings = false

  @Argument(
    parsing: .allUnrecognized,
    help: ArgumentHelp(
      "Input files and directories (searched recursively for .cu files), and clang flags for every file: -I, -D, -U, -std=, -include, -isystem.",
      valueName: "path-or-flag"))
  var words: [String] = []

  /// The input paths among `words`: what is neither a flag nor a flag's value.
  var inputs: [String] { split().inputs }

  var clangFlags: [String] { split().flags + warnings.map { "-W" + $0 } + (noWarnings ? ["-w"] : []) }

  private func split() -> (inputs: [String], flags: [String]) {
    let withValue: Set<String> = ["-I", "-D", "-U", "-include", "-isystem", "-iquote", "-idirafter"]
    var inputs: [String] = []
    var flags: [String] = []
    var index = 0
    while index < words.count {
      let word = words[index]
      if withValue.contains(word), index + 1 < words.count {
        flags += [word, words[index + 1]]
        index += 2
        continue
      }
      if word.hasPrefix("-") { flags.append(word) } else { inputs.append(word) }
      index += 1
    }
    return (inputs, flags)
  }

  func validate() throws {
    if jobs < 1 { throw ValidationError("-j must be at least 1") }
    if !(timeout > 0) { throw ValidationError("--timeout must be a positive number of seconds") }
    if let shard, BatchShard(shard) == nil { throw ValidationError("--shard takes I/N with 1 <= I <= N, not '\(shard)'") }
    _ = try targets()
    _ = try checkedClangFlags(clangFlags)
    if inputs.isEmpty && filesFrom == nil && compilationDatabase == nil {
      throw ValidationError("give input files or directories, --files-from FILE or -p compile_commands.json")
    }
  }

  func targets() throws -> [TargetKind] {
    try targetList.split(separator: ",").map { name in
      guard let target = TargetKind(rawValue: String(name)) else {
        throw ValidationError("unknown target '\(name)' (targets: bang, ascendc)")
      }
      return target
    }
  }

  func run() throws {
    var batchInputs = BatchInputs()
    batchInputs.paths = inputs
    batchInputs.filesFrom = filesFrom
    batchInputs.compilationDatabase = compilationDatabase
    batchInputs.includes = includes
    batchInputs.excludes = excludes
    batchInputs.root = root
    batchInputs.clangArguments = try checkedClangFlags(clangFlags)
    let options = BatchOptions(
      inputs: batchInputs, outputDirectory: out, targets: try targets(), verify: verify, failOn: failOn, jobs: jobs,
      shard: shard.flatMap(BatchShard.init), timeoutSeconds: timeout, executable: kportExecutablePath(),
      progress: quiet ? .quiet : .automatic)
    switch runBatch(options) {
    case let .failure(problem):
      printDiagnostics([problem], format: .text)
      throw ExitCode(2)
    case let .success(outcome):
      printDiagnostics(outcome.problems, format: .text)
      if outcome.exitStatus != 0 { throw ExitCode(outcome.exitStatus) }
    }
  }
}

/// This executable, for the workers.
func kportExecutablePath() -> String {
  let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
  return URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
}
