// The host rewriter: a .cu file's whole text in, one target file out (.mlu for BANG C, .asc for
// Ascend C) holding kport's prelude, the host code rewritten in place through the front end's
// host records, and the emitted kernels where the CUDA device code was. The pipeline, top to
// bottom, is `HostRewriter.rewrite`; docs/host-rewriting.md describes the result.
import KIR
import Rules

/// The emitted kernels (and their device helpers) that replace the CUDA device code.
public struct DeviceCodeReplacement: Sendable {
  /// Target source text, inserted once where the first device definition was.
  public var text: String

  /// Creates a replacement.
  public init(text: String) { self.text = text }
}

/// The result of a host rewrite: the whole output file and what could not be mapped.
public struct HostRewrite: Sendable {
  /// The output file's text.
  public var text: String
  /// Located warnings (caveats of partial rules) and errors (constructs left as written), in
  /// source order.
  public var diagnostics: [Diagnostic]
}

/// Rewrites CUDA host code for a target.
/// What a launch of a lowered kernel must pass beyond the CUDA arguments.
public struct KernelInterface: Sendable {
  /// The indices of the CUDA parameters that are pointers (cast to `GM_ADDR` on Ascend).
  public var pointerParameters: Set<Int>
  /// Module variables (`__constant__`, `__device__`) the kernel takes as parameters after the
  /// CUDA ones, in order; the launch passes their device buffers.
  public var symbols: [String]
  /// The emitted kernel's C name when it differs from the launch's callee (a template
  /// instantiation `reduce<float, 256>` is emitted as `reduce_float_256`).
  public var emittedName: String?
  /// For an instantiation of a kernel template, the template's name (`block_reduce`).
  public var sourceName: String?
  /// Whether the kernel is emitted by the port of a header the file includes (`kport batch`),
  /// not by this file's: its launches are rewritten, its dispatcher is the header's.
  public var isImported: Bool

  public init(
    pointerParameters: Set<Int> = [], symbols: [String] = [], emittedName: String? = nil,
    sourceName: String? = nil, isImported: Bool = false
  ) {
    self.pointerParameters = pointerParameters
    self.symbols = symbols
    self.emittedName = emittedName
    self.sourceName = sourceName
    self.isImported = isImported
  }
}

public enum HostRewriter {
  /// Rewrites `source` (the whole .cu text, read from `path`) for `target`.
  ///
  /// - Parameters:
  ///   - records: the front end's host records of `source` (`Module.hostRecords`).
  ///   - rules: the rule tables (`RuleSet.bundled(extendedWith:)`), for calls, types,
  ///     enumerators and includes.
  ///   - deviceCode: the emitted kernels, in the target's syntax.
  ///   - headerPorts: with `kport batch`'s ported headers, their port names (includes of them are
  ///     renamed) and whether `source` is one; the prelude is then guarded, so that a file and
  ///     the ported headers it includes compile together.
  /// - Returns: the whole output file and the diagnostics; constructs that cannot be mapped
  ///   stay as written with a `/* kport: ... */` comment and an error.
  public static func rewrite(
    source: String, path: String, records: [HostRecord], target: TargetKind, rules: RuleSet,
    deviceCode: DeviceCodeReplacement, kernels: [String: KernelInterface] = [:], headerPorts: HeaderPorts? = nil
  ) -> HostRewrite {
    let context = HostRewriteContext(source: HostSourceText(source), path: path, target: target, rules: rules)
    context.kernels = kernels
    context.headerPorts = headerPorts
    context.dependentTemplates = dependentTemplates(records)
    let unique = deduplicated(records)
    // 1. Device code goes; the kernels take the place of the first definition.
    let deviceRanges = HostDeviceCode.ranges(of: unique, in: context)
    let placed = HostDeviceCode.map(unique, kernels: deviceCode.text, in: context)
    // 2. Every host construct outside device code is mapped by its kind.
    for record in unique where record.kind != .deviceCode && !HostDeviceCode.isInside(record, deviceRanges) {
      switch record.kind {
      case .launch: HostLaunch.map(record, in: context)
      case .macro: HostMacros.map(record, in: context)
      case .runtimeCall: HostRuleMapping.map(record, kind: .call, in: context)
      case .type: HostRuleMapping.map(record, kind: .type, in: context)
      case .enumerator: HostRuleMapping.map(record, kind: .enumerator, in: context)
      case .include where record.attributes["ported_header"] != nil: HostHeaderIncludes.map(record, in: context)
      case .include: HostRuleMapping.map(record, kind: .include, in: context)
      case .deviceCode: break
      }
    }
    // 3. Apply the edits, innermost first, each byte once. A file without device code gets
    //    its kernels after its last #include line, or at the end.
    let applier = HostEditApplier(source: context.source, edits: context.edits)
    let count = context.source.count
    var unplaced = placed ? "" : HostDeviceCode.placedText(kernels: deviceCode.text, in: context)
    while unplaced.hasSuffix("\n") { unplaced.removeLast() }
    var body: String
    if !unplaced.isEmpty, let point = HostHeaderIncludes.insertionPoint(in: context.source) {
      body = applier.rewrite(0..<point) + "\n" + unplaced + "\n\n" + applier.rewrite(point..<count)
    } else {
      body = applier.rewrite(0..<count)
      if !unplaced.isEmpty {
        if !body.hasSuffix("\n") { body += "\n" }
        body += "\n" + unplaced + "\n"
      }
    }
    // 4. Headers and prelude on top.
    let fileName = path.split(separator: "/").last.map(String.init) ?? path
    var text = HostPrelude.text(
      target: target, fileName: fileName, errorCheckHelpers: context.needsErrorCheckHelpers,
      guarded: headerPorts != nil)
    if headerPorts?.isHeader == true { text += HostKernelTemplates.primaryDeclarations(context.dependentTemplates) }
    text += body
    let diagnostics = (context.diagnostics + applier.diagnostics).sorted(by: isEarlier)
    return HostRewrite(text: text, diagnostics: diagnostics)
  }

  /// The parameter kinds of the kernel templates launched from host templates, by name.
  private static func dependentTemplates(_ records: [HostRecord]) -> [String: [String]] {
    var templates: [String: [String]] = [:]
    for record in records where record.kind == .launch && record.attributes["dependent"] == .bool(true) {
      guard let source = record.attributes["source_name"]?.stringValue,
        case let .array(kinds)? = record.attributes["template_parameters"]
      else { continue }
      templates[source] = kinds.compactMap(\.stringValue)
    }
    return templates
  }

  /// The records without exact duplicates (same kind, name and range), in source order.
  private static func deduplicated(_ records: [HostRecord]) -> [HostRecord] {
    var seen: Set<String> = []
    var out: [HostRecord] = []
    for record in records.sorted(by: { $0.range.start.offset < $1.range.start.offset }) {
      let key = "\(record.kind.rawValue) \(record.name) \(record.range.start.offset) \(record.range.end.offset)"
      if seen.insert(key).inserted { out.append(record) }
    }
    return out
  }

  private static func isEarlier(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
    guard let x = a.location.filePosition, let y = b.location.filePosition else {
      return a.location.filePosition == nil && b.location.filePosition != nil
    }
    return (x.line, x.column) < (y.line, y.column)
  }
}
