// Ports that share a translation unit (`kport batch` ports each user header once, apart from
// the .cu files that include it; docs/ci.md, "Headers"). An `#include` of a ported header names
// the header's port instead (the spelled path kept, its file name changed: `"../inc/x.cuh"`
// becomes `"../inc/x.mlu.h"`), and the definitions two such ports could both bring into one
// translation unit (the prelude, the emitters' helpers, the launch dispatchers' primaries) are
// guarded by macros, so a file and the headers it includes compile together.
import KIR

/// How a port relates to the ported headers of its translation unit.
public struct HeaderPorts: Sendable {
  /// The file name of each ported header's port on this target (`common.mlu.h`), by the
  /// header's resolved path (the `ported_header` attribute of its include records).
  public var names: [String: String]
  /// Whether the file rewritten is itself a ported header.
  public var isHeader: Bool

  public init(names: [String: String], isHeader: Bool) {
    self.names = names
    self.isHeader = isHeader
  }
}

/// The includes of ported headers.
enum HostHeaderIncludes {
  /// Renames the header an include record names to its port; an include of a header with no
  /// port name stays as written.
  static func map(_ record: HostRecord, in context: HostRewriteContext) {
    guard case let .string(header)? = record.attributes["ported_header"],
      let port = context.headerPorts?.names[header]
    else { return }
    let range = context.byteRange(of: record)
    let bytes = context.source.bytes
    guard let open = range.first(where: { bytes[$0] == UInt8(ascii: "\"") || bytes[$0] == UInt8(ascii: "<") }) else { return }
    let close = bytes[open] == UInt8(ascii: "\"") ? UInt8(ascii: "\"") : UInt8(ascii: ">")
    guard let end = ((open + 1)..<range.upperBound).first(where: { bytes[$0] == close }) else { return }
    // Only the file name changes: the directories spelled before it mirror the output tree.
    let nameStart = ((open + 1)..<end).last(where: { bytes[$0] == UInt8(ascii: "/") }).map { $0 + 1 } ?? open + 1
    context.add(.text(nameStart..<end, port, at: context.location(of: record)))
  }

  /// Where a file with no device definition of its own gets its kernels: after its last
  /// `#include` line (so they come after the types its headers declare and before the host code
  /// that launches them), or at the end of a file without includes.
  static func insertionPoint(in source: HostSourceText) -> Int? {
    var lineStart = 0
    var found: Int?
    let bytes = source.bytes
    while lineStart < bytes.count {
      let lineEnd = source.lineEnd(of: lineStart)
      var index = lineStart
      while index < lineEnd, HostSourceText.isBlank(bytes[index]) { index += 1 }
      if index < lineEnd, bytes[index] == UInt8(ascii: "#") {
        index += 1
        while index < lineEnd, HostSourceText.isBlank(bytes[index]) { index += 1 }
        if source.text(index..<min(lineEnd, index + 7)) == "include" { found = min(bytes.count, lineEnd + 1) }
      }
      lineStart = lineEnd + 1
    }
    return found
  }

  /// `text` inside `#ifndef NAME` / `#define NAME` / `#endif`.
  static func guarded(_ text: String, by name: String) -> String {
    var body = text
    while body.hasSuffix("\n") { body.removeLast() }
    return "#ifndef \(name)\n#define \(name)\n\(body)\n#endif  // \(name)"
  }
}
