// DIR/kport-batch.junit.xml: one testcase per kernel per target (classname the file, name
// `kernel@target`), failing when the kernel is not ported or its verification failed (and,
// under --fail-on unverified, when it was not verified). A file with no kernel to list (it did
// not translate, its worker crashed) is one testcase `file@target`, failing. CI systems show
// these as test results (GitLab's artifacts:reports:junit).
import Foundation

/// The JUnit XML of `summary`.
public func batchJUnit(_ summary: BatchSummary) -> String {
  var cases: [String] = []
  var failures = 0
  for file in summary.files {
    let errors = file.diagnostics.filter { $0.severity == "error" }.map { "\($0.id ?? "") \($0.message)" }
    for target in summary.settings.targets {
      let result = file.targets.first { $0.target == target }
      let kernels = result?.kernels ?? []
      if kernels.isEmpty {
        let reason = file.status == "failed" ? (errors.first ?? "the file was not ported") : nil
        if reason != nil { failures += 1 }
        cases.append(testcase(file.path, "\(file.path.split(separator: "/").last ?? "")@\(target)", failure: reason, details: errors))
        continue
      }
      for kernel in kernels {
        var reason: String?
        if !kernel.ported {
          reason = "kernel '\(kernel.name)' was not ported to \(target)"
        } else if kernel.verification == "failed" {
          reason = "kernel '\(kernel.name)' does not verify on \(target): the port's results differ or a run failed"
        } else if summary.settings.failOn == .unverified && kernel.verification != "passed" {
          reason = "kernel '\(kernel.name)' is not verified on \(target) (\(kernel.verification))"
        }
        if reason != nil { failures += 1 }
        cases.append(testcase(file.path, "\(kernel.name)@\(target)", failure: reason, details: reason == nil ? [] : errors))
      }
    }
  }
  return """
    <?xml version="1.0" encoding="UTF-8"?>
    <testsuites name="kport batch" tests="\(cases.count)" failures="\(failures)">
      <testsuite name="kport" tests="\(cases.count)" failures="\(failures)" errors="0" skipped="0">
    \(cases.joined())  </testsuite>
    </testsuites>

    """
}

private func testcase(_ classname: String, _ name: String, failure: String?, details: [String]) -> String {
  var text = "    <testcase classname=\"\(xmlEscaped(classname))\" name=\"\(xmlEscaped(name))\""
  guard let failure else { return text + "/>\n" }
  text += ">\n      <failure message=\"\(xmlEscaped(failure))\">\(xmlEscaped(details.joined(separator: "\n")))</failure>\n"
  return text + "    </testcase>\n"
}

/// `text` safe in XML text and attribute values: HTML's escapes, and the control characters
/// XML 1.0 cannot write at all replaced by `?`.
func xmlEscaped(_ text: String) -> String {
  var scalars = String.UnicodeScalarView()
  for scalar in text.unicodeScalars {
    scalars.append(scalar.value < 0x20 && scalar != "\n" && scalar != "\t" ? "?" : scalar)
  }
  return htmlEscaped(String(scalars))
}
