// `kport explain ID` and `kport ir-reference`: the documentation built into the binary.
import ArgumentParser
import KIR

struct ExplainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "explain", abstract: "Explain a diagnostic ID (KP1011) or name (recursion); without one, list them all.")

  @Argument(help: "A diagnostic ID or name.")
  var id: String?

  @Flag(name: .customLong("markdown"), help: "Print the whole reference as Markdown (docs/diagnostics.md).")
  var markdown = false

  func run() throws {
    if markdown {
      print(DiagnosticReference.markdown(), terminator: "")
      return
    }
    guard let id else {
      for entry in DiagnosticID.all { print("\(entry.code)  \(entry.name)  [effort: \(entry.effort.rawValue)]") }
      return
    }
    guard let entry = DiagnosticID.lookup(id) else {
      throw ValidationError("no diagnostic '\(id)'; `kport explain` lists them")
    }
    print("\(entry.code) \(entry.name) (effort: \(entry.effort.rawValue))\n\n\(entry.explanation)")
  }
}

struct ReferenceCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ir-reference", abstract: "Print the KIR reference (docs/IR.md), generated from the op table.")

  func run() throws {
    print(IRReference.markdown(), terminator: "")
  }
}
