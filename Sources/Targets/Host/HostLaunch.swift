// Kernel launches `k<<<grid, block[, shmem[, stream]]>>>(args)` rewritten for the target.
//
// The lowered kernel (docs/spmd.md) takes the CUDA arguments followed by grid x, y, z and block
// x, y, z as unsigned ints. Grid and block are evaluated once into `kport_dim3` locals; the
// launch uses at most KPORT_TASKS tasks (the kernel loops over the CUDA grid):
//   BANG C:   k<<<kport_task_dim(grid), cnrtFuncTypeBlock, queue>>>(args..., dims...)
//   Ascend C: k<<<kport_num_blocks(grid), nullptr, stream>>>(args..., dims...)
// A launch statement becomes a braced block; a launch inside an expression becomes an
// immediately invoked lambda. On the CUDA default stream the block also waits for the kernel,
// since the targets' synchronous copies are not documented to wait for queued kernels.
import KIR
import Rules

/// A launch split into its parts (byte ranges of the source).
struct ParsedLaunch {
  /// The kernel expression before `<<<` (a name, or `name<T, N>` in a template).
  var callee: Range<Int>
  /// Grid, block and the optional shared-memory size and stream.
  var configuration: [Range<Int>]
  /// The kernel arguments.
  var arguments: [Range<Int>]

  /// Splits the launch spanning `range`, or nil when it is not spelled there as a launch.
  init?(_ range: Range<Int>, in source: HostSourceText) {
    guard let open = source.find("<<<", in: range) else { return nil }
    var depth = 0
    var index = open + 3
    var close: Int?
    while index + 3 <= range.upperBound {
      let byte = source.bytes[index]
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
        index = source.endOfLiteral(from: index, limit: range.upperBound)
        continue
      }
      if byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") { depth += 1 }
      if byte == UInt8(ascii: ")") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") { depth -= 1 }
      if depth == 0, source.bytes[index..<(index + 3)].elementsEqual(">>>".utf8) {
        close = index
        break
      }
      index += 1
    }
    guard let close else { return nil }
    let configuration = source.splitTopLevel((open + 3)..<close)
    let parenthesis = source.skippingBlanks(from: close + 3)
    guard configuration.count >= 2, configuration.count <= 4, parenthesis < range.upperBound,
      source.bytes[parenthesis] == UInt8(ascii: "("),
      let end = source.matchingClose(of: parenthesis, limit: range.upperBound), end == range.upperBound - 1
    else { return nil }
    self.callee = source.trimmed(range.lowerBound..<open)
    self.configuration = configuration
    self.arguments = source.splitTopLevel((parenthesis + 1)..<end)
  }
}

/// Rewrites launches.
enum HostLaunch {
  /// Adds the edit for launch `record`, or reports why it stays as written.
  static func map(_ record: HostRecord, in context: HostRewriteContext) {
    let range = context.byteRange(of: record)
    let source = context.source
    guard let launch = ParsedLaunch(range, in: source), !source.text(launch.callee).isEmpty else {
      context.leave(
        range, id: .hostLaunchNotRewritten,
        "launch of '\(record.name)' is not spelled as 'kernel<<<...>>>(...)' here (inside a macro?); left as written",
        record: record)
      return
    }
    // A launch statement: replace through its ';' with a block.
    let after = source.skippingBlanks(from: range.upperBound)
    let isStatement = after < source.count && source.bytes[after] == UInt8(ascii: ";")
    let replaced = isStatement ? range.lowerBound..<(after + 1) : range
    let indent = source.indentation(of: range.lowerBound)
    let target = context.target
    let interface = context.kernels[record.name] ?? KernelInterface()
    // A launch of a kernel template inside a host template goes through its dispatcher.
    var dispatcher: String?
    // (Without the kernels' interfaces, a host-only rewrite, the launch keeps its callee.)
    // A ported header's host template launches the template its includers instantiate: the
    // header declares the dispatcher, the includers specialize it.
    if record.attributes["dependent"] == .bool(true), let source = record.attributes["source_name"]?.stringValue,
      !context.kernels.isEmpty || context.headerPorts != nil
    {
      let callee = context.source.text(launch.callee)
      if HostKernelTemplates.arguments(ofInstance: collapsed(callee)) == nil {
        context.leave(
          range, id: .hostLaunchNotRewritten,
          "launch of kernel template '\(source)' inside a host template with deduced template arguments: the port picks the emitted instantiation by its template arguments, so name them ('\(source)<...><<<...>>>')",
          record: record)
        return
      }
      if context.kernels.values.contains(where: { $0.sourceName == source })
        || (context.headerPorts?.isHeader == true && context.dependentTemplates[source] != nil)
      {
        dispatcher = HostKernelTemplates.dispatcher(source)
      } else {
        context.leave(
          range, id: .hostLaunchNotRewritten,
          "launch of kernel template '\(source)' inside a host template: no instantiation of it was ported, so there is no kernel to launch",
          record: record)
        return
      }
    }
    let configurationText = launch.configuration.map { collapsed(source.text($0)) }.joined(separator: ", ")
    context.add(
      HostEdit(
        range: replaced,
        replacement: { rewrite in
          let lines = body(
            launch, target: target, interface: interface, dispatcher: dispatcher, source: source, rewrite: rewrite)
          let header = "// kport: CUDA launch <<<\(configurationText)>>>"
          if isStatement {
            return "{  \(header)\n" + lines.map { indent + "    " + $0 + "\n" }.joined() + indent + "}"
          }
          return "[&]() { " + lines.joined(separator: " ") + " }()"
        }, location: context.location(of: record)))
  }

  /// The statements of the rewritten launch.
  private static func body(
    _ launch: ParsedLaunch, target: TargetKind, interface: KernelInterface, dispatcher: String?,
    source: HostSourceText, rewrite: (Range<Int>) -> String
  ) -> [String] {
    let grid = rewrite(launch.configuration[0])
    let block = rewrite(launch.configuration[1])
    var lines = ["const kport_dim3 kport_grid(\(grid)), kport_block(\(block));"]
    if launch.configuration.count > 2 {
      let shared = collapsed(source.text(launch.configuration[2]))
      if !shared.isEmpty && shared != "0" {
        lines.append("/* kport: dynamic shared memory size '\(shared)' dropped: the port's buffers are static */")
      }
    }
    let streamText = launch.configuration.count > 3 ? collapsed(rewrite(launch.configuration[3])) : ""
    let isDefaultStream = ["", "0", "NULL", "nullptr", "cudaStreamLegacy", "cudaStreamPerThread"].contains(streamText)
    let dims = ["x", "y", "z"].map { "kport_grid.\($0)" } + ["x", "y", "z"].map { "kport_block.\($0)" }
    // Ascend kernels take pointers as GM_ADDR (targets.md B2); module variables follow the
    // CUDA arguments as device buffers.
    let cudaArguments = launch.arguments.enumerated().map { index, range in
      target == .ascendc && interface.pointerParameters.contains(index) ? "(GM_ADDR)(\(rewrite(range)))" : rewrite(range)
    }
    let symbols = interface.symbols.map { name in
      target == .ascendc ? "(GM_ADDR)(\(HostSymbols.accessor(name))())" : "\(HostSymbols.accessor(name))()"
    }
    let arguments = (cudaArguments + symbols + dims).joined(separator: ", ")
    let callee = interface.emittedName ?? rewrite(launch.callee)
    if let dispatcher {
      // The dispatcher adds the module variables and the launch dimensions itself.
      let calleeText = rewrite(launch.callee)
      let templateArguments = HostKernelTemplates.arguments(ofInstance: calleeText) ?? ""
      let forwarded = launch.arguments.map { rewrite($0) }
      let head = "\(dispatcher)<\(templateArguments)>::launch"
      switch target {
      case .bang:
        let queue = isDefaultStream ? "kport_default_queue()" : "kport_queue_or_default(\(streamText))"
        let all = ["kport_task_dim(kport_grid)", "cnrtFuncTypeBlock", queue, "kport_grid", "kport_block"] + forwarded
        lines.append("\(head)(\(all.joined(separator: ", ")));")
        if isDefaultStream { lines.append("kport_sync_default_queue();") }
      case .ascendc:
        let stream = isDefaultStream ? "kport_default_stream()" : "kport_stream_or_default(\(streamText))"
        let all = ["kport_num_blocks(kport_grid)", "nullptr", stream, "kport_grid", "kport_block"] + forwarded
        lines.append("\(head)(\(all.joined(separator: ", ")));")
        if isDefaultStream { lines.append("kport_sync_default_stream();") }
      }
      return lines
    }
    switch target {
    case .bang:
      let queue = isDefaultStream ? "kport_default_queue()" : "kport_queue_or_default(\(streamText))"
      lines.append("\(callee)<<<kport_task_dim(kport_grid), cnrtFuncTypeBlock, \(queue)>>>(\(arguments));")
      if isDefaultStream { lines.append("kport_sync_default_queue();") }
    case .ascendc:
      let stream = isDefaultStream ? "kport_default_stream()" : "kport_stream_or_default(\(streamText))"
      lines.append("\(callee)<<<kport_num_blocks(kport_grid), nullptr, \(stream)>>>(\(arguments));")
      if isDefaultStream { lines.append("kport_sync_default_stream();") }
    }
    return lines
  }

  /// `text` on one line, runs of whitespace (and line continuations) collapsed to one space.
  static func collapsed(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\\" || $0 == "\r" })
      .joined(separator: " ")
  }
}
