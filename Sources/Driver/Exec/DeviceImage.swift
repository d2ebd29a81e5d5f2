// The device image of one translation unit of a program built by `kport exec`: the kernels'
// KIR (as written for `--target cuda`, as the target's pipeline lowers them for a port) with the
// facts the runtime needs to launch them. Clang embeds the image file in the host object
// (`-fcuda-include-gpubinary`), where a CUDA build would embed the fat binary, and the object's
// constructor hands it to `__cudaRegisterFatBinary`. Text, NUL-terminated (the runtime sees
// only a pointer):
//
//   kport-image 1
//   target bang
//   tasks 16
//   machine mlu370-x8
//   kernel _Z6vecAddPKfS0_Pfi vecAdd      (the device name clang registers, then the KIR symbol)
//   global coef coef
//   kir
//   <the module, printed with locations>

import Foundation
import KIR

/// A translation unit's device code, as the runtime loads it.
public struct DeviceImage: Sendable, Equatable {
  /// `cuda`, `bang` or `ascendc`.
  public var target: String
  /// The tasks a port runs as (the target's core count); 0 for CUDA semantics.
  public var tasks: Int
  /// The machine the cost model prices this code on (`a100`, `mlu370-x8`, `ascend910b2`).
  public var machine: String
  /// Device (linkage) name -> KIR symbol, for kernels and for module variables.
  public var kernels: [String: String]
  public var globals: [String: String]
  /// The module's text (KIR with locations).
  public var kir: String

  public init(
    target: String, tasks: Int, machine: String, kernels: [String: String], globals: [String: String], kir: String
  ) {
    self.target = target
    self.tasks = tasks
    self.machine = machine
    self.kernels = kernels
    self.globals = globals
    self.kir = kir
  }

  static let magic = "kport-image 1"

  /// The image's bytes, NUL-terminated.
  public var encoded: Data {
    var lines = [Self.magic, "target \(target)", "tasks \(tasks)", "machine \(machine)"]
    lines += kernels.keys.sorted().map { "kernel \($0) \(kernels[$0] ?? $0)" }
    lines += globals.keys.sorted().map { "global \($0) \(globals[$0] ?? $0)" }
    lines.append("kir")
    var data = Data((lines.joined(separator: "\n") + "\n" + kir).utf8)
    data.append(0)
    return data
  }

  /// Reads an image; nil with the reason when it is not one.
  public static func decode(_ text: String) -> Result<DeviceImage, ImageError> {
    guard text.hasPrefix(magic + "\n") else {
      return .failure(ImageError("not a kport device image (was the program built by 'kport exec' or 'kport nvcc'?)"))
    }
    var image = DeviceImage(target: "cuda", tasks: 0, machine: "a100", kernels: [:], globals: [:], kir: "")
    var rest = text[text.index(text.startIndex, offsetBy: magic.count + 1)...]
    while let newline = rest.firstIndex(of: "\n") {
      let line = rest[..<newline]
      rest = rest[rest.index(after: newline)...]
      if line == "kir" {
        image.kir = String(rest)
        return .success(image)
      }
      let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
      switch (parts.first, parts.count) {
      case ("target", 2): image.target = parts[1]
      case ("tasks", 2): image.tasks = Int(parts[1]) ?? 0
      case ("machine", 2): image.machine = parts[1]
      case ("kernel", 3): image.kernels[parts[1]] = parts[2]
      case ("global", 3): image.globals[parts[1]] = parts[2]
      default: return .failure(ImageError("bad line in device image: '\(line)'"))
      }
    }
    return .failure(ImageError("device image without a module"))
  }
}

/// Why a device image could not be read.
public struct ImageError: Error, Sendable, Equatable {
  public var message: String
  public init(_ message: String) { self.message = message }
}
