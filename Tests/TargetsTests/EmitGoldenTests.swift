// Exact-output tests of the kernel emitters: every Tests/golden/Targets/emit/NAME.kir (hand-
// written SPMD-level KIR) is emitted for BANG C and Ascend C and compared with NAME.mlu and
// NAME.asc; the diagnostics with NAME.diagnostics (absent when there are none). KPORT_BLESS=1
// rewrites the expected files. A second test syntax-checks every emitted file with clang and
// kport's declaration-only vendor headers.
import Foundation
import KIR
import Rules
import Targets
import XCTest

final class EmitGoldenTests: XCTestCase {
  private var isBlessing: Bool { ProcessInfo.processInfo.environment["KPORT_BLESS"] == "1" }

  private func inputs() throws -> [URL] {
    try FileManager.default.contentsOfDirectory(at: EmitTestSupport.goldenFolder, includingPropertiesForKeys: nil)
      .filter { $0.pathExtension == "kir" }
      .sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  func testEmittedDeviceCodeMatchesGoldenFiles() throws {
    let files = try inputs()
    XCTAssertFalse(files.isEmpty, "no .kir inputs in \(EmitTestSupport.goldenFolder.path)")
    for input in files {
      let text = try String(contentsOf: input, encoding: .utf8)
      guard let module = EmitTestSupport.parse(text, path: input.lastPathComponent) else { continue }
      var diagnostics: [String] = []
      for target in TargetKind.allCases {
        let emitted = KernelEmitter.emit(module: module, target: target, rules: EmitTestSupport.rules)
        diagnostics += EmitTestSupport.render(emitted.diagnostics, target: target)
        let expected = input.deletingPathExtension().appendingPathExtension(EmitTestSupport.fileExtension(target))
        try compare(emitted.text, with: expected)
      }
      let expectedDiagnostics = input.deletingPathExtension().appendingPathExtension("diagnostics")
      try compare(diagnostics.isEmpty ? nil : diagnostics.joined(separator: "\n") + "\n", with: expectedDiagnostics)
    }
  }

  func testEmittedFilesPassTheClangSyntaxCheck() throws {
    guard EmitTestSupport.clangAvailable() else { throw XCTSkip("no clang++ found for the syntax check") }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kport-emit-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var checked: [TargetKind: [URL]] = [:]
    for input in try inputs() {
      let text = try String(contentsOf: input, encoding: .utf8)
      guard let module = EmitTestSupport.parse(text, path: input.lastPathComponent) else { continue }
      for target in TargetKind.allCases {
        let emitted = KernelEmitter.emit(module: module, target: target, rules: EmitTestSupport.rules)
        if emitted.diagnostics.contains(where: { $0.severity == .error }) { continue }
        let name = input.deletingPathExtension().lastPathComponent + (target == .bang ? ".mlu" : ".cpp")
        let file = folder.appendingPathComponent(target.rawValue + "-" + name)
        try EmitTestSupport.checkable(emitted.text, target: target).write(to: file, atomically: true, encoding: .utf8)
        checked[target, default: []].append(file)
      }
    }
    XCTAssertFalse(checked.isEmpty, "no emitted file to check")
    for (target, files) in checked.sorted(by: { $0.key < $1.key }) {
      let (status, output) = try EmitTestSupport.syntaxCheck(files, target: target)
      XCTAssertEqual(status, 0, "clang rejects emitted \(target.displayName):\n\(output)")
    }
  }

  /// Compares `actual` (nil: the file must not exist) with the file, or rewrites it when blessing.
  private func compare(_ actual: String?, with file: URL, line: UInt = #line) throws {
    let exists = FileManager.default.fileExists(atPath: file.path)
    if isBlessing {
      if let actual {
        try actual.write(to: file, atomically: true, encoding: .utf8)
      } else if exists {
        try FileManager.default.removeItem(at: file)
      }
      return
    }
    guard let actual else {
      XCTAssertFalse(exists, "\(file.lastPathComponent) exists but nothing was expected; run with KPORT_BLESS=1", line: line)
      return
    }
    guard exists else {
      XCTFail("\(file.lastPathComponent) is missing; run with KPORT_BLESS=1 to create it:\n\(actual)", line: line)
      return
    }
    let expected = try String(contentsOf: file, encoding: .utf8)
    XCTAssertEqual(actual, expected, "\(file.lastPathComponent) differs; run with KPORT_BLESS=1 to accept", line: line)
  }
}
