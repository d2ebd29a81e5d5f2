// Shared helpers of the host-rewriter tests: parsing a CUDA file with the front end, stand-in
// kernels (the six launch parameters appended) for the device code, check.sh, and bless mode.
import Foundation
import Frontend
import KIR
import Rules
import Targets
import XCTest

enum HostTestSupport {
  /// The repository root.
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

  /// The bundled rule tables.
  static let rules: RuleSet = RuleSet.bundled().0

  /// Whether KPORT_BLESS=1 asks to rewrite expected files.
  static var isBlessing: Bool { ProcessInfo.processInfo.environment["KPORT_BLESS"] == "1" }

  /// The sample paths, relative to the root, sorted.
  static var samples: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("samples").path)) ?? []
    return names.filter { $0.hasSuffix(".cu") }.sorted().map { "samples/" + $0 }
  }

  /// Parses `path` (relative to the root) and rewrites it with stand-in kernels.
  static func rewrite(_ path: String, target: TargetKind) throws -> HostRewrite {
    let previous = FileManager.default.currentDirectoryPath
    FileManager.default.changeCurrentDirectoryPath(root.path)
    defer { FileManager.default.changeCurrentDirectoryPath(previous) }
    let result = CUDAFrontend.translate(path: path)
    let module = try XCTUnwrap(result.module, "\(path): \(result.diagnostics.map(\.message))")
    let source = try String(contentsOfFile: root.appendingPathComponent(path).path, encoding: .utf8)
    return HostRewriter.rewrite(
      source: source, path: path, records: module.hostRecords, target: target, rules: rules,
      deviceCode: DeviceCodeReplacement(text: stubKernels(module, target: target, path: path)))
  }

  /// Writes `text` to a temporary `name`.cu, parses and rewrites it with stand-in kernels.
  static func rewrite(text: String, name: String, target: TargetKind) throws -> HostRewrite {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kport-host-cases")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("\(name).cu").path
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let result = CUDAFrontend.translate(path: path)
    let module = try XCTUnwrap(result.module, "\(name): \(result.diagnostics.map(\.message))")
    return HostRewriter.rewrite(
      source: text, path: path, records: module.hostRecords, target: target, rules: rules,
      deviceCode: DeviceCodeReplacement(text: stubKernels(module, target: target, path: path)))
  }

  /// Minimal kernels in the target's syntax, one per CUDA kernel, with the six launch
  /// parameters; template kernels get a hand-written template.
  static func stubKernels(_ module: Module, target: TargetKind, path: String) -> String {
    let global = target == .bang ? "__mlu_global__" : "__global__ __aicore__"
    let dims = "unsigned kport_gx, unsigned kport_gy, unsigned kport_gz, unsigned kport_bx, unsigned kport_by, unsigned kport_bz"
    if path.hasSuffix("template_kernel.cu") {
      let pointer = target == .bang ? "" : "__gm__ "
      return "// stand-in kernels\ntemplate <typename T, int BLOCK>\n\(global) void block_reduce(\(pointer)const T *in, \(pointer)T *out, int n, \(dims)) {}\n"
    }
    var out = "// stand-in kernels\n"
    var seen: Set<String> = []
    for function in module.functions where function.kind == .kernel && seen.insert(function.name).inserted {
      let parameters = function.parameters.enumerated().map { index, parameter in
        "\(spell(parameter.value.type, target: target)) p\(index)"
      }
      out += "\(global) void \(function.name)(\((parameters + [dims]).joined(separator: ", "))) {}\n"
    }
    return out
  }

  /// A C spelling of a kernel parameter type.
  static func spell(_ type: IRType, target: TargetKind) -> String {
    switch type {
    case .void: return "void"
    case .bool: return "bool"
    case let .int(bits, signed):
      let base = [8: "char", 16: "short", 32: "int", 64: "long long"][bits] ?? "int"
      return signed ? (bits == 8 ? "signed char" : base) : "unsigned " + base
    case let .float(kind):
      switch kind {
      case .f16: return "half"
      case .bf16: return "bfloat16_t"
      case .f32: return "float"
      case .f64: return "double"
      }
    case let .pointer(_, pointee):
      let prefix = target == .ascendc ? "__gm__ " : ""
      if case .vector = pointee { return prefix + "void *" }
      return prefix + spell(pointee, target: target) + " *"
    case let .vector(element, _): return spell(element, target: target)
    case let .array(element, _): return spell(element, target: target) + " *"
    case let .structure(name): return name
    }
  }

  /// The clang++ check.sh would use, or nil.
  static var clang: String? {
    if let override = ProcessInfo.processInfo.environment["KPORT_CLANG"], !override.isEmpty { return override }
    if FileManager.default.isExecutableFile(atPath: "/opt/swift/usr/bin/clang++") { return "/opt/swift/usr/bin/clang++" }
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
      let candidate = "\(directory)/clang++"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// Runs check.sh on `text` written to a temporary file; returns nil on success, else the output.
  static func check(_ text: String, target: TargetKind, name: String) throws -> String? {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kport-host-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let file = directory.appendingPathComponent("\(name).\(target.info.fileExtension)")
    try text.write(to: file, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [root.appendingPathComponent("Tests/vendor-headers/check.sh").path, target.rawValue, file.path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return process.terminationStatus == 0 ? nil : String(decoding: output, as: UTF8.self)
  }

  /// Compares `actual` with the expected file `relative` (under Tests/golden/Targets/host), or
  /// writes it in bless mode.
  static func assertMatchesExpected(_ actual: String, _ relative: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = root.appendingPathComponent("Tests/golden/Targets/host/\(relative)")
    if isBlessing {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try actual.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
      XCTFail("missing \(url.path); run with KPORT_BLESS=1 to create it", file: file, line: line)
      return
    }
    if expected != actual {
      let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
      let first = Array(zip(expectedLines, actualLines)).firstIndex { $0.0 != $0.1 } ?? min(expectedLines.count, actualLines.count)
      let expectedLine = first < expectedLines.count ? String(expectedLines[first]) : "<end>"
      let actualLine = first < actualLines.count ? String(actualLines[first]) : "<end>"
      XCTFail(
        "\(relative) differs at line \(first + 1):\n- \(expectedLine)\n+ \(actualLine)\nrerun with KPORT_BLESS=1 to accept",
        file: file, line: line)
    }
  }

  /// `file:line:col: severity: message [ID]` lines of `diagnostics`.
  static func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { diagnostic in
      let position = diagnostic.location.filePosition.map { "\($0.path):\($0.line):\($0.column)" } ?? "<unknown>"
      return "\(position): \(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.id?.code ?? "")]"
    }.joined(separator: "\n")
  }
}
