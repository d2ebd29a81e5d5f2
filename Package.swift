// swift-tools-version:6.0
// kport: a CUDA-to-accelerator source transpiler (Cambricon BANG C, Huawei Ascend C).
//
// Modules follow dependency lines: KIR depends on nothing; only Frontend links libclang
// (through CClang); only the executable uses swift-argument-parser.
import PackageDescription

// The interpreter's release build targets a CPU with AVX2 (Haswell, 2013, and every later x86-64
// server CPU): its lane loops and 1,024-lane masks run in 256-bit vectors, about 8 % faster on
// the interpreter benchmark than the x86-64 baseline (docs/performance.md). KPORT_TARGET_CPU
// overrides it when building: `native` for the build machine's own CPU, `x86-64` for a binary
// that must run on any x86-64. Other architectures build for their baseline.
#if arch(x86_64)
  let interpreterCPU: String? = Context.environment["KPORT_TARGET_CPU"] ?? "haswell"
#else
  let interpreterCPU: String? = Context.environment["KPORT_TARGET_CPU"]
#endif
let interpreterSettings: [SwiftSetting] =
  interpreterCPU.map { [.unsafeFlags(["-target-cpu", $0], .when(configuration: .release))] } ?? []

let package = Package(
  name: "kport",
  products: [
    .executable(name: "kport", targets: ["kport"]),
    .library(name: "KIR", targets: ["KIR"]),
    .library(name: "FileCheck", targets: ["FileCheck"]),
    // kport's CUDA runtime (C ABI): programs built by `kport exec` / `kport nvcc` link it, and
    // their kernel launches run in the interpreter (docs/exec.md).
    .library(name: "KportCudaRuntime", type: .dynamic, targets: ["KportCudaRuntime"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
  ],
  targets: [
    // libclang's C API. include/clang-c is a symlink to /usr/lib/llvm-19/include/clang-c
    // (Debian: apt-get install libclang-19-dev).
    .target(
      name: "CClang",
      path: "Sources/CClang",
      publicHeadersPath: "include",
      linkerSettings: [.linkedLibrary("clang-19")]
    ),
    // The IR: types, ops, text form, verifier, diagnostics. No dependencies.
    .target(name: "KIR"),
    // CUDA -> KIR through libclang, with the bundled CUDA header set.
    .target(
      name: "Frontend",
      dependencies: ["CClang", "KIR"],
      resources: [.copy("Resources/cuda-include")]
    ),
    // FileCheck-style matching and expected-diagnostic verification, for the tests.
    .target(name: "FileCheck"),
    // Options -> front end -> outputs, as a library the CLI and tests share.
    .target(name: "Driver", dependencies: ["KIR", "Frontend", "Interpreter", "Passes", "Rules", "Targets", "Cost"]),
    .target(name: "Interpreter", dependencies: ["KIR"], swiftSettings: interpreterSettings),
    // IR -> IR passes, the pass registry, pipelines and the pass manager.
    .target(name: "Passes", dependencies: ["KIR"]),
    // Declarative lowering rules (grammars/rules is a symlink to Resources/rules), loader and lookup.
    .target(name: "Rules", dependencies: ["KIR"], resources: [.copy("Resources/rules")]),
    // Back ends: target facts, kernel emitters and host-code rewriting for BANG C and Ascend C.
    .target(name: "Targets", dependencies: ["KIR", "Rules"]),
    .target(name: "Cost", dependencies: ["KIR"], resources: [.copy("Resources/machines")]),
    // The CUDA runtime API in C (device properties, errors, streams, events, launches), over the
    // bridge functions KportCudaRuntime implements; compiled against the bundled CUDA headers.
    .target(
      name: "KportCudaRuntimeC",
      cSettings: [.headerSearchPath("../Frontend/Resources/cuda-include")]
    ),
    // The runtime's Swift half: device memory, registered kernels and launches in the interpreter.
    .target(name: "KportCudaRuntime", dependencies: ["KportCudaRuntimeC", "Driver", "Interpreter", "KIR", "Cost"]),
    .executableTarget(
      name: "kport",
      dependencies: [
        "Driver", "KIR", "Frontend", "Interpreter", "Passes", "Rules", "Targets", "Cost",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "KIRTests", dependencies: ["KIR"]),
    .testTarget(name: "TargetsTests", dependencies: ["Targets", "KIR", "Rules", "Frontend", "FileCheck"]),
    .testTarget(name: "PassesTests", dependencies: ["Passes", "KIR", "Interpreter"]),
    .testTarget(name: "FileCheckTests", dependencies: ["FileCheck"]),
    .testTarget(name: "RulesTests", dependencies: ["Rules", "KIR", "FileCheck"]),
    .testTarget(name: "CostTests", dependencies: ["Cost", "KIR"]),
    .testTarget(name: "FrontendTests", dependencies: ["Frontend", "KIR", "Driver"]),
    // `kport batch` end to end (runs the built kport; `swift build --product kport` first) and its parts.
    .testTarget(name: "BatchTests", dependencies: ["Driver", "KIR", "Frontend", "Targets"]),
    // `kport exec` end to end: whole CUDA programs built and run (the built kport and runtime library).
    .testTarget(name: "ExecTests", dependencies: []),
    .testTarget(name: "DriverTests", dependencies: ["Driver", "KIR", "Interpreter", "Targets", "Cost"]),
    .testTarget(name: "SampleReferenceTests", dependencies: ["Driver", "KIR", "Interpreter"]),
    .testTarget(name: "InterpreterTests", dependencies: ["Interpreter", "KIR", "Frontend"], exclude: ["Defects"]),
    .testTarget(
      name: "GoldenTests",
      dependencies: ["FileCheck", "KIR"],
      exclude: []
    ),
  ]
)
