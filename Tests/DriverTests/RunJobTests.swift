// kport run's job: --seed replaces every launch's seed, and --dump writes readable .npy files.
import Foundation
import Testing
@testable import Driver

@Suite struct RunJobTests {
  /// A source with one launch whose output is its random input, copied.
  static func source() throws -> String {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kport-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("copy.cu").path
    try """
      // kport-launch main: --kernel copy --grid 1 --block 32 --arg x=f32[32]:rand(1) --arg y=f32[32]:zeros
      __global__ void copy(const float* x, float* y) { y[threadIdx.x] = x[threadIdx.x]; }
      """.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func seedReplacesTheLaunchSeed() throws {
    let path = try Self.source()
    let plain = runLaunches(path: path, options: RunOptions())
    let again = runLaunches(path: path, options: RunOptions())
    let seeded = runLaunches(path: path, options: RunOptions(seed: 5))
    #expect(plain.exitStatus == 0)
    let output = { (result: RunResult) in result.outcomes.first?.buffers.last?.final ?? [] }
    #expect(!output(plain).isEmpty)
    #expect(output(plain) == output(again))
    #expect(output(plain) != output(seeded))
  }

  @Test func dumpWritesEachBufferAsNpy() throws {
    let path = try Self.source()
    let result = runLaunches(path: path, options: RunOptions())
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kport-dump-\(UUID().uuidString)").path
    #expect(dumpBuffers(result.outcomes, to: directory).isEmpty)
    let data = try #require(FileManager.default.contents(atPath: directory + "/y.npy"))
    let bytes = try Npy.decode(data, type: .f32, path: "y.npy")
    #expect(bytes == result.outcomes.first?.buffers.last?.final)
    #expect(FileManager.default.fileExists(atPath: directory + "/x.npy"))
  }
}
