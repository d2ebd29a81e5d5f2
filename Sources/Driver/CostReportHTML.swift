// The HTML form of a cost report: one self-contained page (no scripts, no external files) with
// the summary per launch, the time breakdown, the on-chip use, an SVG roofline chart with both
// kernels against their machines' ceilings, and the CUDA source beside the port with per-line
// cost heat. docs/cost-model.md shows what it looks like.

import Cost
import Foundation

/// What an HTML report shows beside the figures.
public struct ReportSources: Sendable {
  /// The CUDA file, as given on the command line.
  public var cudaPath: String
  public var cudaText: String?
  /// The converted file (`kport convert`'s output), when there is one.
  public var portText: String?

  public init(cudaPath: String, cudaText: String? = nil, portText: String? = nil) {
    self.cudaPath = cudaPath
    self.cudaText = cudaText
    self.portText = portText
  }
}

/// `&`, `<`, `>` and quotes escaped for HTML text and attributes.
func htmlEscaped(_ text: String) -> String {
  var out = ""
  out.reserveCapacity(text.utf8.count)
  for character in text {
    switch character {
    case "&": out += "&amp;"
    case "<": out += "&lt;"
    case ">": out += "&gt;"
    case "\"": out += "&quot;"
    default: out.append(character)
    }
  }
  return out
}

private let portColour = "#d95f02"
private let cudaColour = "#1b9e77"

private let style = """
  body { font: 14px/1.45 system-ui, sans-serif; margin: 24px; color: #222; }
  h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
  .note { color: #666; font-size: 12px; }
  table.figures { border-collapse: collapse; margin: 8px 0; }
  table.figures td, table.figures th { padding: 3px 10px; border-bottom: 1px solid #ddd; text-align: right; }
  table.figures th:first-child, table.figures td:first-child { text-align: left; }
  .bar { display: inline-block; height: 10px; vertical-align: middle; }
  .meter { width: 240px; height: 12px; background: #eee; display: inline-block; vertical-align: middle; }
  .meter span { display: block; height: 12px; background: #7570b3; }
  .row { display: flex; gap: 28px; flex-wrap: wrap; align-items: flex-start; }
  .panes { display: grid; grid-template-columns: 1fr 1fr; gap: 12px; }
  .pane { border: 1px solid #ccc; max-height: 640px; overflow: auto; }
  .pane h3 { position: sticky; top: 0; margin: 0; padding: 4px 8px; background: #f4f4f4; font-size: 13px; }
  .code { font: 12px/1.35 ui-monospace, monospace; border-collapse: collapse; width: 100%; }
  .code td { padding: 0 6px; white-space: pre; vertical-align: top; }
  .code td.n { color: #999; text-align: right; user-select: none; width: 1%; }
  .code td.c { color: #555; text-align: right; width: 1%; font-size: 11px; }
  """

/// The report as one self-contained HTML page.
public func costReportHTML(_ result: CostReportResult, sources: ReportSources) -> String {
  let name = URL(fileURLWithPath: sources.cudaPath).lastPathComponent
  let target = result.launches.first.map { $0.target.displayName } ?? ""
  var html = """
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8">
    <title>kport cost report: \(htmlEscaped(name))</title>
    <style>
    \(style)
    </style></head><body>
    <h1>\(htmlEscaped(name)) → \(htmlEscaped(target)): estimated cost</h1>
    <p class="note">Every figure is an estimate: \(htmlEscaped(reportProvenance(result))).</p>

    """
  for launch in result.launches { html += launchSection(launch, machines: result.machines) }
  let remarks = reportRemarks(result)
  if !remarks.isEmpty {
    html += "<h2>What kport did with each loop</h2>\n<table class=\"figures\">\n"
    for remark in remarks {
      html += "<tr><td>\(htmlEscaped(remark.location))</td><td style=\"text-align:left\">\(htmlEscaped(remark.message)) [\(htmlEscaped(remark.id))]</td></tr>\n"
    }
    html += "</table>\n"
  }
  html += sourcePanes(result, sources: sources)
  html += "</body></html>\n"
  return html
}

/// Summary, breakdown, on-chip use and roofline of one launch.
private func launchSection(_ launch: LaunchCost, machines: ReportMachines?) -> String {
  let cuda = launch.cuda
  let port = launch.port
  var html = """
    <h2>Launch \(htmlEscaped(launch.launch)): <code>\(htmlEscaped(launch.kernel))</code>, \
    \(htmlEscaped(cuda.machine)) \(formatSeconds(cuda.seconds)) → \(htmlEscaped(port.machine)) \(formatSeconds(port.seconds))</h2>
    <div class="row"><div>
    <table class="figures"><tr><th></th><th>\(htmlEscaped(cuda.machine)) (CUDA)</th><th>\(htmlEscaped(port.machine)) (port)</th></tr>

    """
  func row(_ label: String, _ value: (CostEstimate) -> String) {
    html += "<tr><td>\(label)</td><td>\(value(cuda))</td><td>\(value(port))</td></tr>\n"
  }
  row("estimated time") { formatSeconds($0.seconds) }
  row("bound") { $0.bound.rawValue }
  row("roofline floor") { formatSeconds($0.rooflineFloorSeconds) }
  row("share of the floor reached") { formatShare($0.fractionOfFloor) }
  row("cores used") { "\($0.cores)" }
  row("flop per off-chip byte") { String(format: "%.3g", $0.arithmeticIntensity) }
  let parts: [(String, (CostBreakdown) -> Double)] = [
    ("DMA in", \.dmaIn), ("DMA out", \.dmaOut), ("vector", \.vector), ("tensor", \.tensor), ("scalar", \.scalar),
    ("sync", \.sync), ("launch", \.launch),
  ]
  for (label, part) in parts {
    row(label) { estimate in
      let seconds = part(estimate.breakdown)
      let width = estimate.seconds > 0 ? Int((min(1, seconds / estimate.seconds) * 80).rounded()) : 0
      let colour = estimate.machine == port.machine ? portColour : cudaColour
      return "\(formatSeconds(seconds)) <span class=\"bar\" style=\"width:\(width)px;background:\(colour)\"></span>"
    }
  }
  html += "</table>\n<p class=\"note\">Pipes that overlap (DMA against compute on the GPU) cost the longer of the two, so the parts may add up to more than the estimate.</p>\n"
  let b = launch.bytes
  html += "<p>Off-chip: \(formatBytes(b.offChipRead)) read, \(formatBytes(b.offChipWritten)) written. On-chip: \(formatBytes(b.onChipRead)) read, \(formatBytes(b.onChipWritten)) written.</p>\n"
  if let onChip = launch.onChip {
    let fraction = onChip.capacity > 0 ? min(1, Double(onChip.bytes) / Double(onChip.capacity)) : 0
    html += """
      <p>On-chip memory declared: \(formatBytes(onChip.bytes)) of \(formatBytes(onChip.capacity)) \(htmlEscaped(onChip.memory)) \
      (\(formatShare(fraction))) <span class="meter"><span style="width:\(Int((fraction * 100).rounded()))%"></span></span><br>
      <span class="note">\(formatBytes(onChip.sharedBytes)) shared buffers, \(formatBytes(onChip.arrayBytes)) per-thread arrays</span></p>

      """
  }
  if !launch.lines.isEmpty {
    html += "<p>Hot lines on \(htmlEscaped(port.machine)): \(htmlEscaped(hotLines(launch.lines, limit: 5)))</p>\n"
  }
  html += "</div><div>\n" + rooflineChart(launch, machines: machines) + "</div></div>\n"
  return html
}

/// A log-log roofline chart: each machine's bandwidth slope and compute ceiling, and the kernel
/// plotted on its machine at its arithmetic intensity and achieved rate.
private func rooflineChart(_ launch: LaunchCost, machines: ReportMachines?) -> String {
  struct Series {
    let machine: String
    let bandwidth: Double
    let peak: Double
    let intensity: Double
    let rate: Double
    let colour: String
  }
  guard let machines else { return "" }
  func series(_ estimate: CostEstimate, _ work: WorkProfile, _ machine: Machine, _ colour: String) -> Series {
    let rate = estimate.seconds > 0 ? Double(work.floatingPointOperations) / estimate.seconds : 0
    return Series(
      machine: estimate.machine, bandwidth: machine.offChip.bandwidth, peak: CostModel.peakFloatingPointRate(machine),
      intensity: estimate.arithmeticIntensity, rate: rate, colour: colour)
  }
  let all = [
    series(launch.cuda, launch.cudaWork, machines.cuda, cudaColour),
    series(launch.port, launch.portWork, machines.port, portColour),
  ].filter { $0.bandwidth > 0 && $0.peak > 0 }
  guard !all.isEmpty else { return "" }
  let plotted = all.filter { $0.intensity > 0 && $0.rate > 0 }
  // Axes in decades, wide enough for both ridges and both points.
  let xs = all.map { $0.peak / $0.bandwidth } + plotted.map(\.intensity)
  let ys = all.map(\.peak) + plotted.map(\.rate)
  let x0 = min(-2, (log10(xs.min() ?? 1) - 1).rounded(.down))
  let x1 = max(3, (log10(xs.max() ?? 1) + 1).rounded(.up))
  let y1 = (log10(ys.max() ?? 1) + 0.5).rounded(.up)
  let y0 = min(y1 - 4, (log10(ys.min() ?? 1) - 1).rounded(.down))
  let (left, top, width, height) = (62.0, 16.0, 420.0, 260.0)
  func px(_ x: Double) -> Double { left + (log10(x) - x0) / (x1 - x0) * width }
  func py(_ y: Double) -> Double { top + height - (log10(y) - y0) / (y1 - y0) * height }
  func f(_ v: Double) -> String { String(format: "%.1f", v) }
  var svg = """
    <svg xmlns="http://www.w3.org/2000/svg" width="520" height="330" role="img" aria-label="roofline chart">
    <rect x="\(f(left))" y="\(f(top))" width="\(f(width))" height="\(f(height))" fill="#fafafa" stroke="#999"/>

    """
  for decade in stride(from: x0, through: x1, by: 1) {
    let x = px(pow(10, decade))
    svg += "<line x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + height))\" stroke=\"#e3e3e3\"/>"
    svg += "<text x=\"\(f(x))\" y=\"\(f(top + height + 14))\" font-size=\"10\" text-anchor=\"middle\">1e\(Int(decade))</text>\n"
  }
  for decade in stride(from: y0, through: y1, by: 1) {
    let y = py(pow(10, decade))
    svg += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + width))\" y2=\"\(f(y))\" stroke=\"#e3e3e3\"/>"
    svg += "<text x=\"\(f(left - 4))\" y=\"\(f(y + 3))\" font-size=\"10\" text-anchor=\"end\">1e\(Int(decade))</text>\n"
  }
  svg += "<text x=\"\(f(left + width / 2))\" y=\"\(f(top + height + 30))\" font-size=\"11\" text-anchor=\"middle\">arithmetic intensity (flop per off-chip byte)</text>\n"
  svg += "<text x=\"14\" y=\"\(f(top + height / 2))\" font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f(top + height / 2)))\">flop/s</text>\n"
  let xLow = pow(10, x0)
  let xHigh = pow(10, x1)
  let yLow = pow(10, y0)
  for (index, item) in all.enumerated() {
    // The slope from where it enters the plot to the ridge, then the flat compute ceiling.
    let start = max(xLow, yLow / item.bandwidth)
    let ridge = item.peak / item.bandwidth
    let points = [(start, start * item.bandwidth), (ridge, item.peak), (xHigh, item.peak)]
    svg += "<polyline fill=\"none\" stroke=\"\(item.colour)\" stroke-width=\"2\" points=\"\(points.map { "\(f(px($0.0))),\(f(py($0.1)))" }.joined(separator: " "))\"/>\n"
    svg += "<text x=\"\(f(left + width - 4))\" y=\"\(f(py(item.peak) + (index == 0 ? -4 : 12)))\" font-size=\"10\" text-anchor=\"end\" fill=\"\(item.colour)\">\(htmlEscaped(item.machine)) peak</text>\n"
  }
  for item in plotted {
    let x = px(item.intensity)
    let y = py(item.rate)
    svg += "<circle cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"5\" fill=\"\(item.colour)\" stroke=\"#222\"><title>\(htmlEscaped(item.machine)): \(String(format: "%.3g", item.intensity)) flop/B, \(String(format: "%.3g", item.rate)) flop/s</title></circle>\n"
    svg += "<text x=\"\(f(x + 8))\" y=\"\(f(y + 4))\" font-size=\"11\" fill=\"\(item.colour)\">\(htmlEscaped(launch.kernel)) on \(htmlEscaped(item.machine))</text>\n"
  }
  svg += "</svg>\n"
  if plotted.count < all.count {
    svg += "<p class=\"note\">A kernel without floating-point operations has no point on the roofline.</p>\n"
  }
  return svg
}

/// The CUDA source beside the port, each line shaded by its share of the port's estimated time.
private func sourcePanes(_ result: CostReportResult, sources: ReportSources) -> String {
  guard let cudaText = sources.cudaText else { return "" }
  let name = URL(fileURLWithPath: sources.cudaPath).lastPathComponent
  // Port time and CUDA time per `file.cu:LINE`, summed over the launches.
  var portSeconds: [String: Double] = [:]
  var cudaSeconds: [String: Double] = [:]
  for launch in result.launches {
    for line in launch.lines { portSeconds[line.line, default: 0] += line.seconds }
    for line in launch.cudaLines { cudaSeconds[line.line, default: 0] += line.seconds }
  }
  let portTotal = portSeconds.values.reduce(0, +)
  let hottest = portSeconds.values.max() ?? 0
  let portMachine = result.launches.first?.port.machine ?? "port"
  let cudaMachine = result.launches.first?.cuda.machine ?? "CUDA"
  func heat(_ key: String) -> (style: String, title: String, label: String) {
    guard let seconds = portSeconds[key], seconds > 0, hottest > 0 else { return ("", "", "") }
    let alpha = 0.08 + 0.62 * seconds / hottest
    let share = portTotal > 0 ? seconds / portTotal : 0
    let cuda = cudaSeconds[key].map { ", \(cudaMachine) \(formatSeconds($0))" } ?? ""
    return (
      " style=\"background:rgba(230,85,13,\(String(format: "%.2f", alpha)))\"",
      " title=\"\(htmlEscaped(key)): \(portMachine) \(formatSeconds(seconds)) (\(formatShare(share)))\(htmlEscaped(cuda))\"",
      formatShare(share)
    )
  }
  func pane(_ title: String, _ lines: ArraySlice<Substring>, key: (Int, String) -> String?) -> String {
    var rows = ""
    for (index, line) in zip(lines.indices, lines) {
      let number: Int = index + 1
      let shade: (style: String, title: String, label: String) = key(number, String(line)).map { heat($0) } ?? ("", "", "")
      rows += "<tr\(shade.style)\(shade.title)><td class=\"n\">\(number)</td><td class=\"c\">\(shade.label)</td><td>\(htmlEscaped(String(line)))</td></tr>\n"
    }
    return "<div class=\"pane\"><h3>\(htmlEscaped(title))</h3><table class=\"code\">\n\(rows)</table></div>\n"
  }
  var html = """
    <h2>Where the time goes, line by line</h2>
    <p class="note">Shading: each CUDA line's share of the port's estimated time on \(htmlEscaped(portMachine)), summed over \
    the launches; a port line is shaded by the CUDA line its comment names. Hover a line for both machines.</p>
    <div class="panes">

    """
  let cudaLines = cudaText.split(separator: "\n", omittingEmptySubsequences: false)
  html += pane("CUDA: \(name)", cudaLines[...], key: { number, _ in "\(name):\(number)" })
  if let portText = sources.portText {
    // The device code: from the first line tied to a CUDA line to two past the last (the
    // closing braces); the host code around it is the CUDA host code rewritten.
    let portLines = portText.split(separator: "\n", omittingEmptySubsequences: false)
    let tied = portLines.indices.filter { portLineSource(String(portLines[$0])) != nil }
    let shown = tied.isEmpty ? portLines[...] : portLines[tied[0]...min(portLines.count - 1, tied[tied.count - 1] + 2)]
    let range = shown.isEmpty ? "" : ", lines \(shown.startIndex + 1)–\(shown.endIndex)"
    html += pane("Port on \(portMachine)\(range)", shown, key: { _, line in portLineSource(line) })
  }
  html += "</div>\n"
  return html
}

/// The `file.cu:LINE` a port line's trailing comment names (the emitters write one per
/// statement), or nil.
func portLineSource(_ line: String) -> String? {
  guard let range = line.range(of: "  // ", options: .backwards) else { return nil }
  let comment = line[range.upperBound...]
  guard let colon = comment.lastIndex(of: ":"), Int(comment[comment.index(after: colon)...]) != nil,
    !comment[..<colon].contains(" ")
  else { return nil }
  return String(comment)
}
