// Host constructs that cannot be mapped: each stays as written with a `/* kport: ... */` comment
// and a located KP6xxx diagnostic; everything around it is still rewritten.
import Foundation
import KIR
import Targets
import XCTest

final class HostErrorPathTests: XCTestCase {
  /// A kernel and a main whose line 9 holds the construct under test.
  private func program(_ line: String, prefix: String = "") -> String {
    """
    #include <cuda_runtime.h>
    \(prefix)
    __global__ void fill(float* x, int n) {
      int i = blockIdx.x * blockDim.x + threadIdx.x;
      if (i < n) x[i] = 1.0f;
    }
    int main() {
      float* d = nullptr;
      \(line)
      fill<<<4, 256>>>(d, 1024);
      cudaFree(d);
      return 0;
    }
    """
  }

  private func assertLeft(
    _ line: String, prefix: String = "", id: String, text: String, at position: (Int, Int), name: String,
    file: StaticString = #filePath, lineNumber: UInt = #line
  ) throws {
    for target in TargetKind.allCases {
      let rewrite = try HostTestSupport.rewrite(text: program(line, prefix: prefix), name: name, target: target)
      let errors = rewrite.diagnostics.filter { $0.severity == .error }
      XCTAssertEqual(errors.compactMap { $0.id?.code }, [id], HostTestSupport.render(rewrite.diagnostics), file: file, line: lineNumber)
      if let error = errors.first, let where_ = error.location.filePosition {
        XCTAssertEqual(where_.line, position.0, file: file, line: lineNumber)
        XCTAssertEqual(where_.column, position.1, file: file, line: lineNumber)
        XCTAssertTrue(where_.path.hasSuffix("\(name).cu"), file: file, line: lineNumber)
      }
      XCTAssertTrue(rewrite.text.contains(text + " /* kport: \(id) "), "\(target):\n\(rewrite.text)", file: file, line: lineNumber)
      // The rest is still rewritten.
      XCTAssertTrue(rewrite.text.contains(target == .bang ? "cnrtFree(d)" : "aclrtFree(d)"), file: file, line: lineNumber)
      XCTAssertTrue(rewrite.text.contains("kport_dim3 kport_grid(4)"), file: file, line: lineNumber)
    }
  }

  func testUnsupportedRuleLeavesTheCallWithKP6002() throws {
    try assertLeft(
      "cudaMemcpy(d, d, 4, cudaMemcpyDefault);", id: "KP6002", text: "cudaMemcpyDefault", at: (9, 23), name: "memdefault")
  }

  func testCallWithoutRuleLeavesItWithKP6001() throws {
    try assertLeft(
      "cudaDeviceReset();", id: "KP6001", text: "cudaDeviceReset()", at: (9, 3), name: "norule")
  }

  func testUnsupportedTypeIsLeftWithKP6002() throws {
    try assertLeft(
      "cudaDeviceProp props; (void)props;", id: "KP6002", text: "cudaDeviceProp", at: (9, 3), name: "props")
  }

  func testLaunchInsideAMacroBodyIsLeftWithKP6004() throws {
    for target in TargetKind.allCases {
      let source = program("LAUNCH(d);", prefix: "#define LAUNCH(p) fill<<<1, 32>>>(p, 32)")
      let rewrite = try HostTestSupport.rewrite(text: source, name: "macrolaunch", target: target)
      let codes = rewrite.diagnostics.filter { $0.severity == .error }.compactMap { $0.id?.code }
      XCTAssertEqual(codes, ["KP6004"], HostTestSupport.render(rewrite.diagnostics))
      XCTAssertEqual(rewrite.diagnostics.first { $0.id?.code == "KP6004" }?.location.filePosition?.line, 9)
      XCTAssertTrue(rewrite.text.contains("LAUNCH(d) /* kport: KP6004 "), rewrite.text)
    }
  }

  func testMacroBodyIsRewrittenOnceAtItsSpelling() throws {
    let prefix = "#define CHECK(call) do { cudaError_t e = (call); if (e != cudaSuccess) return 1; } while (0)"
    let rewrite = try HostTestSupport.rewrite(
      text: program("CHECK(cudaMalloc(&d, 4096)); CHECK(cudaGetLastError());", prefix: prefix), name: "macrobody",
      target: .bang)
    XCTAssertTrue(
      rewrite.text.contains("#define CHECK(call) do { cnrtRet_t e = (call); if (e != cnrtSuccess) return 1; } while (0)"),
      rewrite.text)
    XCTAssertTrue(rewrite.text.contains("CHECK(cnrtMalloc((void **)(&d), 4096)); CHECK(cnrtGetLastError());"), rewrite.text)
    XCTAssertFalse(rewrite.diagnostics.contains { $0.severity == .error }, HostTestSupport.render(rewrite.diagnostics))
  }

  func testDim3TemporariesStreamsAndSharedMemory() throws {
    let line = "cudaStream_t s; cudaStreamCreate(&s); fill<<<dim3(2, 2), dim3(64), 128, s>>>(d, 1024);"
    for target in TargetKind.allCases {
      let rewrite = try HostTestSupport.rewrite(text: program(line), name: "streams", target: target)
      XCTAssertFalse(rewrite.diagnostics.contains { $0.severity == .error }, HostTestSupport.render(rewrite.diagnostics))
      XCTAssertTrue(rewrite.text.contains("const kport_dim3 kport_grid(kport_dim3(2, 2)), kport_block(kport_dim3(64));"), rewrite.text)
      XCTAssertTrue(rewrite.text.contains("dynamic shared memory size '128' dropped"), rewrite.text)
      let queue = target == .bang ? "kport_queue_or_default(s)" : "kport_stream_or_default(s)"
      XCTAssertTrue(rewrite.text.contains(queue + ">>>(d, 1024, kport_grid.x"), rewrite.text)
      if let failure = try HostTestSupport.check(rewrite.text, target: target, name: "streams"), HostTestSupport.clang != nil {
        XCTFail(failure)
      }
    }
  }
}
