// `kport machines`: the machine descriptions the cost model will use (docs/machines.md): list the
// bundled ones and user files given with --machine-file, or check user files.
import ArgumentParser
import Cost
import Foundation
import KIR

struct MachinesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "machines", abstract: "List the machine descriptions (chips) the cost model uses, or check machine files.",
    discussion: """
      Prints a table of every machine (bundled, then those of --machine-file, which may add or \
      override one): clock, cores, on-chip buffer, off-chip bandwidth, vector and tensor rates, and \
      how many figures are uncertain or estimates (docs/machines.md). --machine NAME prints that \
      machine's figures with their sources. Exit status: 0, 1 a machine file has errors, 2 usage.
      """)

  @Option(name: .customLong("machine-file"), help: "A machine file to add or override a machine (repeatable).")
  var machineFiles: [String] = []

  @Option(help: "Print this machine's figures, each with its source.")
  var machine: String?

  @Option(name: .customLong("format"), help: "Diagnostics format: text or json.")
  var format: DiagnosticFormat = .text

  func run() throws {
    let (catalog, diagnostics) = MachineCatalog.bundled(extendedWith: machineFiles)
    printDiagnostics(diagnostics, format: format)
    if diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode(1) }
    if let machine {
      switch catalog.machine(named: machine) {
      case let .failure(problem):
        printDiagnostics([problem], format: format)
        throw ExitCode(2)
      case let .success(found):
        var lines = ["\(found.name): \(found.title) (\(found.target.rawValue), \(found.arch))"]
        for key in found.provenance.keys.sorted() {
          guard let provenance = found.provenance[key] else { continue }
          lines.append("  \(key)  [\(provenance.confidence.rawValue)] \(provenance.source)")
        }
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
      }
      return
    }
    let machines = catalog.names.compactMap { try? catalog.machine(named: $0).get() }
    FileHandle.standardOutput.write(Data(MachineReference.machineTable(machines).utf8))
  }
}
