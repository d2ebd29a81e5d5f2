// What `kport exec` and `kport nvcc` need before building host code: the clang to build it
// with and a fresh temporary build directory; a located error and exit status 1 otherwise.
import ArgumentParser
import Driver
import Foundation
import KIR

/// The host toolchain and a new build directory, or exit status 1 with the reason printed.
func hostBuildSetup() throws -> (HostToolchain, BuildDirectory) {
  let toolchain: HostToolchain
  switch HostToolchain.find() {
  case let .failure(problem):
    printDiagnostics([.error(.execNoToolchain, problem.message, at: .unknown)], format: .text)
    throw ExitCode(1)
  case let .success(found): toolchain = found
  }
  guard let directory = BuildDirectory() else {
    printDiagnostics([.error(.execHostBuildFailed, "cannot create a build directory in \(NSTemporaryDirectory())", at: .unknown)], format: .text)
    throw ExitCode(1)
  }
  return (toolchain, directory)
}
