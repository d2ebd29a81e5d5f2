// Device code in the host file: every `device_code` record is removed, and the emitted kernels
// (`DeviceCodeReplacement`) take the place of the first file-scope one. Device-only members of
// host structs are removed without replacement. Lines left empty by a removal are dropped.
import KIR

/// Removes device definitions and places the emitted kernels.
enum HostDeviceCode {
  /// The byte ranges of the device code records, in file order.
  static func ranges(of records: [HostRecord], in context: HostRewriteContext) -> [Range<Int>] {
    records.filter { $0.kind == .deviceCode }.map { context.byteRange(of: $0) }.sorted { $0.lowerBound < $1.lowerBound }
  }

  /// Adds the removals and the insertion of `kernels`. Returns whether the kernels were placed
  /// (false when the file has no file-scope device definition).
  static func map(_ records: [HostRecord], kernels: String, in context: HostRewriteContext) -> Bool {
    let source = context.source
    var placed = false
    let ordered = records.filter { $0.kind == .deviceCode }.sorted { $0.range.start.offset < $1.range.start.offset }
    var covered = -1
    var symbols = Set(context.kernels.values.flatMap(\.symbols))
    if context.headerPorts?.isHeader == true {
      // A ported header's module variables may be used by its includers' kernels only: each
      // keeps its device buffer and accessor (`static`: one per translation unit, as CUDA
      // gives each translation unit its own copy without relocatable device code).
      symbols.formUnion(ordered.filter { $0.attributes["variable"] == .bool(true) }.map(\.name))
    }
    for record in ordered {
      let range = context.byteRange(of: record)
      guard range.lowerBound >= covered else { continue }
      covered = range.upperBound
      let isMember = record.attributes["member"] == .bool(true)
      // A module variable a kernel takes as a parameter keeps a host-side shadow and accessor.
      var replacement: String?
      if symbols.contains(record.name) {
        replacement = HostSymbols.definitions(
          declaration: source.text(range), name: record.name, target: context.target)
        if replacement == nil {
          context.leave(
            range, id: .hostLaunchNotRewritten,
            "the declaration of module variable '\(record.name)' could not be read; its device buffer is missing",
            record: record)
        }
      }
      if !placed && !isMember {
        placed = true
        var text = placedText(kernels: kernels, in: context)
        if let replacement { text = replacement + "\n\n" + text }
        context.add(.text(range, text, at: context.location(of: record)))
        continue
      }
      if let replacement {
        context.add(.text(range, replacement, at: context.location(of: record)))
        continue
      }
      var removed = range
      let lineStart = source.lineStart(of: range.lowerBound)
      let lineEnd = source.lineEnd(of: range.upperBound)
      if source.isBlank(lineStart..<range.lowerBound), source.isBlank(range.upperBound..<lineEnd) {
        removed = lineStart..<min(source.count, lineEnd + 1)
      }
      context.add(.text(removed, "", at: context.location(of: record)))
    }
    return placed
  }

  /// The emitted kernels followed by the launch dispatchers of their kernel templates
  /// (`HostKernelTemplates`), without a final line break.
  static func placedText(kernels: String, in context: HostRewriteContext) -> String {
    var text = kernels
    while text.hasSuffix("\n") { text.removeLast() }
    let dispatchers = HostKernelTemplates.definitions(context.kernels, target: context.target, guarded: context.headerPorts != nil)
    if !dispatchers.isEmpty { text += (text.isEmpty ? "" : "\n\n") + dispatchers }
    return text
  }

  /// Whether `record` lies inside one of `ranges` (and is not itself device code).
  static func isInside(_ record: HostRecord, _ ranges: [Range<Int>]) -> Bool {
    let start = record.range.start.offset
    return ranges.contains { $0.lowerBound <= start && start < $0.upperBound }
  }
}
