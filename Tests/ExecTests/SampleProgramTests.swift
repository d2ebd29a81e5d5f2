// The programs of samples/programs built and run by `kport exec` with CUDA semantics and as
// ported to BANG C and Ascend C: each must print its own PASS and exit 0. The planted bug must
// be stopped by the sanitizer with a located report.
import Foundation
import Testing

/// The programs that check their own results, each run under every target.
let samplePrograms = [
  "vector_add", "reduction", "matrix_mul", "constant_memory", "streams_events", "histogram", "scan", "transpose",
]

@Suite struct SampleProgramTests {
  @Test(arguments: samplePrograms, ["cuda", "bang", "ascendc"])
  func programPassesUnderTarget(program: String, target: String) throws {
    let run = try runKport(["exec", "samples/programs/\(program).cu", "--target", target])
    #expect(run.status == 0, "\(program) --target \(target): status \(run.status)\n\(run.stderr)")
    #expect(run.stdout.split(separator: "\n").last == "PASS", "\(program) --target \(target):\n\(run.stdout)")
    #expect(!run.stderr.contains("error:"), "\(run.stderr)")
  }

  @Test func eventTimesAreSaidToBeEstimates() throws {
    let run = try runKport(["exec", "samples/programs/streams_events.cu", "--target", "bang"])
    #expect(run.stderr.components(separatedBy: "cost model's estimate").count == 2, "\(run.stderr)")
    #expect(run.stderr.contains("mlu370-x8"))
  }

  @Test(arguments: ["cuda", "ascendc"])
  func plantedOutOfBoundsBugIsReportedWithItsLocation(target: String) throws {
    let run = try runKport(["exec", "samples/programs/bugs/off_by_one.cu", "--target", target])
    #expect(run.status == 3)
    #expect(!run.stdout.contains("PASS"))
    #expect(run.stderr.contains("samples/programs/bugs/off_by_one.cu:12:25: error: out-of-bounds load from 'data'"), "\(run.stderr)")
    #expect(run.stderr.contains("index 1000, size 1000 [KP4001]"))
    #expect(run.stderr.contains("if (i <= n) data[i] = data[i] * factor;"))
    #expect(run.stderr.contains("[KP9506]"))
  }
}
