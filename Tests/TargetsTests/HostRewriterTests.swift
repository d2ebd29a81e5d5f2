// Host rewriting: exact output for a few samples (bless with KPORT_BLESS=1), every sample for
// both targets through check.sh, and the error paths of constructs that cannot be mapped.
import Foundation
import KIR
import Rules
import Targets
import XCTest

final class HostRewriterTests: XCTestCase {
  /// Samples whose whole output is compared with Tests/golden/Targets/host/<target>/<name>.
  static let exactSamples = ["saxpy", "reduce_shared", "matmul_tiled", "layernorm", "template_kernel"]

  /// Samples that use a construct with no mapping, and the IDs of the errors they must report.
  static let expectedErrors: [String: Set<String>] = [:]

  /// Samples whose host code needs the lowered kernels' interfaces (module variables passed as
  /// parameters), which these host-only tests do not build; DriverTests.PortTests checks them
  /// through `kport convert`.
  static let needsKernelInterfaces: Set<String> = ["samples/constant_memory.cu"]

  func testExactOutputOfSelectedSamples() throws {
    for target in TargetKind.allCases {
      for name in Self.exactSamples {
        let rewrite = try HostTestSupport.rewrite("samples/\(name).cu", target: target)
        let expected = rewrite.text + "\n// ----- diagnostics -----\n" + HostTestSupport.render(rewrite.diagnostics) + "\n"
        try HostTestSupport.assertMatchesExpected(expected, "\(target.rawValue)/\(name).\(target.info.fileExtension)")
      }
    }
  }

  func testEverySampleRewritesAndPassesCheck() throws {
    guard HostTestSupport.clang != nil else { throw XCTSkip("no clang++ found for Tests/vendor-headers/check.sh") }
    for target in TargetKind.allCases {
      for path in HostTestSupport.samples {
        let rewrite = try HostTestSupport.rewrite(path, target: target)
        let errors = Set(rewrite.diagnostics.filter { $0.severity == .error }.compactMap { $0.id?.code })
        XCTAssertEqual(errors, Self.expectedErrors[path] ?? [], "\(target) \(path):\n\(HostTestSupport.render(rewrite.diagnostics))")
        guard errors.isEmpty, !Self.needsKernelInterfaces.contains(path) else { continue }
        let name = (path as NSString).lastPathComponent.replacingOccurrences(of: ".cu", with: "")
        if let failure = try HostTestSupport.check(rewrite.text, target: target, name: name) {
          XCTFail("\(target) \(path) fails check.sh:\n\(failure)")
        }
      }
    }
  }
}
