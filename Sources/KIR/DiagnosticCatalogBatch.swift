// Diagnostic IDs of `kport batch` (KP9xxx): what happened to a file of a batch as a whole (its
// worker crashed or hung, its output would leave the output directory) and the batch's own
// usage errors. docs/ci.md describes the batch and its reports.

extension DiagnosticID {
  public static let batchWorkerCrashed = DiagnosticID(
    code: "KP9001", name: "batch-worker-crashed", effort: .none,
    explanation: "The child process porting this file stopped abnormally (a trap, a fatal error or a signal) or wrote no result. The file is reported as failed and the rest of the batch goes on; the message gives the signal or exit status and quotes the worker's fatal-error line when it printed one. Please report it with the input file: a crash is a kport bug.")
  public static let batchWorkerTimedOut = DiagnosticID(
    code: "KP9002", name: "batch-worker-timed-out", effort: .none,
    explanation: "Porting this file took longer than `--timeout` seconds, so its worker was killed. The file is reported as failed; raise the timeout, or look for a launch spec that runs for very long under `--verify`.")
  public static let batchOutputOutsideRoot = DiagnosticID(
    code: "KP9003", name: "batch-input-outside-root", effort: .none,
    explanation: "The input file lies outside the batch's source root (a compilation-database entry naming a file elsewhere, `..` in a path, or a symlink leading out of the tree). kport still reads it, but writes its outputs under `OUT/_external/` with the resolved path, so that nothing is written outside the output directory. Give `--root` an ancestor of every input to keep the mirrored layout.")
  public static let batchBadInput = DiagnosticID(
    code: "KP9004", name: "batch-bad-input", effort: .none,
    explanation: "An input of `kport batch` cannot be used: a path that does not exist, a `--files-from` list or `compile_commands.json` that cannot be read or parsed, or an entry without a `file`. The message names the input; the other inputs are still ported.")
  public static let batchBadOutputDirectory = DiagnosticID(
    code: "KP9005", name: "batch-bad-output-directory", effort: .none,
    explanation: "`--out` names the source root, an input directory or an ancestor of one, or a path where kport cannot create a directory. Outputs would mix with (or overwrite) inputs, so the batch refuses to start (exit status 2). An output directory inside the scanned tree is allowed: the scan skips it.")
  public static let batchUnsafeOutputPath = DiagnosticID(
    code: "KP9006", name: "batch-unsafe-output-path", effort: .none,
    explanation: "A directory on an output's path inside `--out` (or `OUT/.kport-cache`) is a symlink leading outside the output directory. kport writes nothing there: the file is reported as failed (for the cache, the batch does not start).")
  public static let batchBadSummary = DiagnosticID(
    code: "KP9007", name: "batch-bad-summary", effort: .none,
    explanation: "`kport merge-reports` was given a file that is not a `kport-batch/1` summary, or summaries of batches run with different options (targets, `--verify`, `--fail-on`), which cannot be combined into one.")
  public static let batchHeaderNotIncluded = DiagnosticID(
    code: "KP9008", name: "batch-header-not-included", effort: .low,
    explanation: "A header the batch ports on its own (docs/ci.md, \"Headers\") is named by an `#include` line of its includers, but none of their translation units includes it once preprocessed (the line is under an `#if` the flags leave off). The header is ported in an includer's translation unit, so it is not ported: give the flags that include it (`-D`), or `--exclude` it.")

  /// The batch IDs, in code order; part of `DiagnosticID.all`.
  static let batchIDs: [DiagnosticID] = [
    .batchWorkerCrashed, .batchWorkerTimedOut, .batchOutputOutsideRoot, .batchBadInput,
    .batchBadOutputDirectory, .batchUnsafeOutputPath, .batchBadSummary, .batchHeaderNotIncluded,
  ]
}
