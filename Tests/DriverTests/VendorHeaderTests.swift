// The declaration headers of the vendor APIs (Tests/vendor-headers) hold: every valid example
// syntax-checks with clang against them, and every invalid one fails with its expected message.
// The emitters' outputs are checked with the same script.
import Foundation
import Testing

@Suite struct VendorHeaderTests {
  @Test func headersAcceptTheExamplesAndRejectTheInvalidOnes() throws {
    let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("vendor-headers/check.sh")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [script.path, "selftest"]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(output)")
    #expect(output.contains("selftest: all examples behave as expected"), "\(output)")
  }
}
