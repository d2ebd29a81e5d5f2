// Shared helpers of the emitter tests: parsing hand-written SPMD KIR, the bundled rule tables,
// the golden folder, and the clang syntax check with kport's vendor headers.
import Foundation
import KIR
import Rules
import Targets
import XCTest

enum EmitTestSupport {
  /// The repository root (three levels above this file).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
  /// Tests/golden/Targets/emit.
  static let goldenFolder = root.appendingPathComponent("Tests/golden/Targets/emit")

  /// The bundled rule tables, loaded once.
  static let rules: RuleSet = {
    let (sources, _) = BundledRules.sources()
    return RuleSet.load(sources).0
  }()

  /// Ops that docs/spmd.md keeps at the SPMD level while the op table still marks them SIMT.
  static let keptOps = ["cuda.atomic", "cuda.threadfence", "cuda.printf", "cuda.trap", "cuda.clock"]

  /// Parses `text` and checks it at the SPMD level; fails the test on any problem other than
  /// the level of the ops docs/spmd.md keeps.
  static func parse(_ text: String, path: String, file: StaticString = #filePath, line: UInt = #line) -> Module? {
    let (module, parseDiagnostics) = parseModule(text, path: path)
    guard let module, parseDiagnostics.isEmpty else {
      XCTFail("\(path) does not parse: \(parseDiagnostics.map(\.message))", file: file, line: line)
      return nil
    }
    let problems = verify(module, level: .spmd).filter { diagnostic in
      !(diagnostic.message.contains("is a SIMT-level op") && keptOps.contains { diagnostic.message.contains($0) })
    }
    XCTAssertEqual(problems.map(\.message), [], "\(path) does not verify at the spmd level", file: file, line: line)
    return module
  }

  /// The file extension of expected device text per target.
  static func fileExtension(_ target: TargetKind) -> String { target == .bang ? "mlu" : "asc" }

  /// The diagnostics as stable text lines: `target: file:line:col: severity: message [ID]`.
  static func render(_ diagnostics: [Diagnostic], target: TargetKind) -> [String] {
    diagnostics.map { "\(target.rawValue): \($0.location): \($0.severity.rawValue): \($0.message) [\($0.id?.code ?? "-")]" }
  }

  /// A complete file for the syntax check: the target headers, then the device text.
  static func checkable(_ text: String, target: TargetKind) -> String {
    let includes = target == .bang ? "#include <bang.h>\n" : "#include \"kernel_operator.h\"\n#include \"acl/acl.h\"\n"
    return includes + "\n" + text
  }

  /// The clang++ the check script would use, if any.
  static func clangAvailable() -> Bool {
    if let explicit = ProcessInfo.processInfo.environment["KPORT_CLANG"], !explicit.isEmpty { return true }
    if FileManager.default.isExecutableFile(atPath: "/opt/swift/usr/bin/clang++") { return true }
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").contains {
      FileManager.default.isExecutableFile(atPath: "\($0)/clang++")
    }
  }

  /// Runs Tests/vendor-headers/check.sh on `files`; returns the exit status and output.
  static func syntaxCheck(_ files: [URL], target: TargetKind) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [root.appendingPathComponent("Tests/vendor-headers/check.sh").path, target.rawValue]
      + files.map(\.path)
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
