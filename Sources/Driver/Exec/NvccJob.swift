// `kport nvcc`: what nvcc would make from the same command line (objects, an executable or a
// shared library), made by kport's build: the host code compiled by clang, the device code
// embedded as a device image, everything linked with kport's CUDA runtime, whose launches run
// in the interpreter. Outputs are built in a scratch directory and moved into place atomically.
// Exit status: 0 built, 1 the input has errors, 2 usage error.

import Foundation
import KIR

/// Builds what `options` asks for; the diagnostics say what went wrong.
public func runNvcc(_ options: NvccOptions, toolchain: HostToolchain, directory: String) -> ProgramBuild {
  var build = ProgramBuild()
  let inputs = options.build.inputs
  let scratch = inputs.enumerated().map { index, input in
    "\(directory)/\(index)-\(URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent).o"
  }
  let product: BuildProduct = options.shared ? .sharedLibrary : .executable
  guard compileInputs(options.build, objects: scratch, toolchain: toolchain, directory: directory, product: product, into: &build)
  else { return build }
  if options.compileOnly {
    for (input, object) in zip(inputs, scratch) where !["o", "a", "so"].contains(URL(fileURLWithPath: input).pathExtension) {
      let destination = options.output ?? URL(fileURLWithPath: input).deletingPathExtension().appendingPathExtension("o").lastPathComponent
      if let problem = installAtomically(object, to: destination, executable: false) {
        build.diagnostics.append(problem)
        return build
      }
      build.output = destination
    }
    return build
  }
  let linked = directory + "/linked"
  linkObjects(scratch, options: options.build, toolchain: toolchain, output: linked, product: product, into: &build)
  guard build.output != nil else { return build }
  let destination = options.output ?? "a.out"
  build.output = nil
  if let problem = installAtomically(linked, to: destination, executable: true) {
    build.diagnostics.append(problem)
    return build
  }
  build.output = destination
  return build
}

/// Copies the file at `built` to `path` atomically, executable (0755) or not (0644).
func installAtomically(_ built: String, to path: String, executable: Bool) -> Diagnostic? {
  guard let data = FileManager.default.contents(atPath: built) else {
    return .error(.outputFailed, "cannot read the built file '\(built)'", at: .unknown)
  }
  if let problem = writeAtomically(data, to: path) { return problem }
  chmod(path, executable ? 0o755 : 0o644)
  return nil
}
