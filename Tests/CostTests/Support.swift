// Shared helpers of the machine-file tests: loading text in one call, the bundled catalog loaded
// once, and a printable form of diagnostics for failure messages.
import Foundation
import KIR

@testable import Cost

/// The repository holding this test file (symlinks resolved).
let repositoryRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
  .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The bundled machines, loaded once.
let bundled: (MachineCatalog, [Diagnostic]) = MachineCatalog.bundled()

/// Loads machine-file texts as user files (`--machine-file`) on top of the bundled sources.
func loadUser(_ files: [(path: String, text: String)]) -> (MachineCatalog, [Diagnostic]) {
  let (sources, _) = BundledMachines.sources()
  return MachineCatalog.load(sources + files.map { MachineSource(path: $0.path, text: $0.text, isUser: true) })
}

/// Loads one text alone, as a user file.
func loadAlone(_ text: String, path: String = "test.machine") -> (MachineCatalog, [Diagnostic]) {
  MachineCatalog.load([MachineSource(path: path, text: text, isUser: true)])
}

/// `file:line:col: message [ID]` of each diagnostic, for failure messages.
func describe(_ diagnostics: [Diagnostic]) -> String {
  diagnostics.map { "\($0.location): \($0.message) [\($0.id?.code ?? "-")]" }.joined(separator: "\n")
}

/// A bundled machine, or a failure naming the diagnostics.
func machine(_ name: String) throws -> Machine {
  try bundled.0.machine(named: name).get()
}

/// The text of the bundled file `name`.machine.
func bundledText(_ name: String) throws -> String {
  let url = repositoryRoot.appendingPathComponent("Sources/Cost/Resources/machines/\(name).machine")
  return try String(contentsOf: url, encoding: .utf8)
}

/// A minimal complete machine file, with `replace` pairs applied to its lines.
func minimalMachine(name: String = "toy", replacing replace: [(String, String)] = []) -> String {
  var text = """
    // A toy machine for tests.
    machine = \(name)
    title = "Toy"
    target = bang
    arch = "toy_1"                        // [src] test

    [compute]
    clock = 1 GHz                         // [src] test
    clusters = 2                          // [src] test
    cores_per_cluster = 4                 // [src] test
    tensor_cores_per_cluster = 0          // [src] test
    coupling = coupled                    // [src] test

    [buffer.nram]
    size = 512 KiB                        // [src] test
    scope = core                          // [src] test
    reserve = 128 KiB                     // [estimate] test reserve

    [offchip]
    size = 8 GiB                          // [src] test
    bandwidth = 100 GB/s                  // [src] test
    min_transfer = 64 B                   // [src] test
    align = 64 B                          // [src] test

    [dma]
    latency = 1 us                        // [estimate] test
    overhead = 50 cycles                  // [estimate] test
    granule = 1 B                         // [src] test

    [vector]
    repeat = 128 B                        // [src] test
    startup = 10 cycles                   // [estimate] test
    operand_align = 64 B                  // [src] test
    types = f16 f32                       // [src] test

    [vector.ops]
    arith = 128 B/cycle                   // [src] test
    div = 64 B/cycle                      // [estimate] test
    special = 32 B/cycle                  // [estimate] test
    compare = 128 B/cycle                 // [estimate] test
    convert = 64 B/cycle                  // [estimate] test
    reduce = 128 B/cycle                  // [estimate] test
    logic = 128 B/cycle                   // [estimate] test

    [scalar]
    add = 2 cycles                        // [src] test
    mul = 2 cycles                        // [estimate] test
    div = 16 cycles                       // [src] test
    special = 18 cycles                   // [uncertain] test
    branch = 4 cycles                     // [estimate] test
    load = 2 cycles                       // [estimate] test
    global = 1 us                         // [estimate] test

    [sync]
    pipe = 20 cycles                      // [estimate] test
    cluster = 200 cycles                  // [estimate] test
    device = 2 us                         // [estimate] test

    [launch]
    overhead = 10 us                      // [estimate] test

    """
  for (old, new) in replace { text = text.replacingOccurrences(of: old, with: new) }
  return text
}

/// The 1-based line of the first line of `text` containing `fragment`.
func line(of fragment: String, in text: String) -> Int {
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  return (lines.firstIndex { $0.contains(fragment) } ?? -1) + 1
}
