// `kport merge-reports`: the summaries of a batch's shards combined into the unsharded one.
import ArgumentParser
import Driver
import Foundation
import KIR

struct MergeReportsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge-reports", abstract: "Merge the kport-batch.json summaries of a batch's shards into one.",
    discussion: """
      The merged summary equals the one an unsharded 'kport batch' writes. With --reports the \
      SARIF log, JUnit XML and HTML index are made again from it, beside OUT (OUT's name with \
      .sarif and .junit.xml, and index.html). Exit status: 0 the merged batch passes its \
      --fail-on, 1 it does not, 2 usage error (a file that is not a kport-batch/1 summary, \
      summaries of different options).
      """)

  @Argument(help: "The shards' summaries.")
  var summaries: [String]

  @Option(name: .short, help: "Where to write the merged summary.")
  var output: String

  @Flag(help: "Also write the SARIF, JUnit and HTML reports beside the summary.")
  var reports = false

  func run() throws {
    var read: [BatchSummary] = []
    for path in summaries {
      switch BatchSummary.read(path) {
      case let .failure(problem):
        printDiagnostics([problem], format: .text)
        throw ExitCode(2)
      case let .success(summary): read.append(summary)
      }
    }
    let merged: BatchSummary
    switch mergeSummaries(read) {
    case let .failure(problem):
      printDiagnostics([problem], format: .text)
      throw ExitCode(2)
    case let .success(summary): merged = summary
    }
    let url = URL(fileURLWithPath: output)
    try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let problems: [Diagnostic]
    if reports {
      let name = url.deletingPathExtension().lastPathComponent
      problems = writeBatchReports(merged, into: url.deletingLastPathComponent().path, summaryName: name)
    } else {
      problems = writeAtomically(merged.json(), to: output).map { [$0] } ?? []
    }
    printDiagnostics(problems, format: .text)
    if !problems.isEmpty || !merged.passed { throw ExitCode(1) }
  }
}
