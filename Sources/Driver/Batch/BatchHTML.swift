// DIR/index.html: one self-contained page (inline CSS, no scripts, no external resources)
// listing every file of the batch with its status, effort level, diagnostics and, per target,
// links to its port and cost report and the verdict of each kernel.
import Foundation
import KIR

/// The HTML index of `summary`; links are relative to the output directory.
public func batchHTML(_ summary: BatchSummary, summaryName: String = "kport-batch") -> String {
  let totals = summary.totals
  var rows = ""
  for file in summary.files {
    var cells = "<td>\(htmlEscaped(file.path))</td><td class=\"\(file.status)\">\(file.status)</td><td>\(file.effort)</td>"
    for target in summary.settings.targets {
      guard let result = file.targets.first(where: { $0.target == target }) else {
        cells += "<td>—</td>"
        continue
      }
      var links: [String] = []
      if let port = result.port { links.append("<a href=\"\(htmlEscaped(port))\">port</a>") }
      if let report = result.report { links.append("<a href=\"\(htmlEscaped(report))\">cost</a>") }
      let kernels = result.kernels.map { "<li>\(htmlEscaped($0.name)): \($0.ported ? "ported" : "not ported"), \($0.verification)</li>" }
      cells += "<td class=\"\(result.status)\">\(links.joined(separator: " · "))<ul>\(kernels.joined())</ul></td>"
    }
    let diagnostics = file.diagnostics.map { diagnostic -> String in
      let place = diagnostic.line.map { ":\($0)" } ?? ""
      return "<li class=\"\(diagnostic.severity)\">\(diagnostic.id ?? "") \(htmlEscaped(diagnostic.file ?? file.path))\(place): \(htmlEscaped(diagnostic.message))</li>"
    }
    cells += "<td><ul>\(diagnostics.joined())</ul></td>"
    rows += "<tr>\(cells)</tr>\n"
  }
  let targetHeads = summary.settings.targets.map { "<th>\(htmlEscaped($0))</th>" }.joined()
  let headers = summary.headers.map { "<li>\(htmlEscaped($0.path)) (included by \($0.includedBy.map(htmlEscaped).joined(separator: ", ")))</li>" }
  return """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>kport batch</title>
    <style>
    body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; }
    table { border-collapse: collapse; }
    th, td { border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; text-align: left; }
    ul { margin: 0; padding-left: 1.2em; }
    .ported { background: #e6f4e6; } .partial { background: #fff5d6; } .failed { background: #fbe3e3; }
    li.error { color: #a00; } li.warning { color: #850; }
    </style>
    </head>
    <body>
    <h1>kport batch</h1>
    <p>kport \(htmlEscaped(summary.kport)), targets \(summary.settings.targets.joined(separator: ", ")), \
    verification \(summary.settings.verify ? "on" : "off"), --fail-on \(summary.settings.failOn.rawValue): \
    <strong>\(summary.passed ? "passed" : "failed")</strong>.</p>
    <p>\(totals.files) files: \(totals.ported) ported, \(totals.partial) partial, \(totals.failed) failed; \
    \(totals.errors) errors, \(totals.warnings) warnings; \(totals.kernelsPorted) of \(totals.kernels) kernel ports made, \
    \(totals.verified) verified. Summary: <a href="\(summaryName).json">\(summaryName).json</a>, \
    <a href="\(summaryName).sarif">SARIF</a>, <a href="\(summaryName).junit.xml">JUnit</a>.</p>
    <table>
    <tr><th>file</th><th>status</th><th>effort</th>\(targetHeads)<th>diagnostics</th></tr>
    \(rows)</table>
    <h2>Headers</h2>
    <ul>\(headers.joined())</ul>
    </body>
    </html>

    """
}

/// Writes the summary and the reports made from it into `directory`: the SARIF log, the JUnit
/// XML and the HTML index first, the summary last (its presence means the batch finished).
public func writeBatchReports(_ summary: BatchSummary, into directory: String, summaryName: String = "kport-batch") -> [Diagnostic] {
  let reports = [
    ("\(summaryName).sarif", batchSarif(summary)), ("\(summaryName).junit.xml", batchJUnit(summary)),
    ("index.html", batchHTML(summary, summaryName: summaryName)), ("\(summaryName).json", summary.json()),
  ]
  return reports.compactMap { name, text in writeAtomically(text, to: directory + "/" + name) }
}
