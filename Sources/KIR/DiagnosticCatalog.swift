// The catalog of diagnostic IDs. IDs are stable: never renumber or reuse one. Each entry has an
// effort level for batch reports and an explanation shown by `kport explain ID`;
// docs/diagnostics.md is generated from this table.
//
// Ranges: KP0xxx input and driver, KP1xxx front end, KP2xxx KIR text and verifier, KP3xxx
// passes, pipelines and simt-to-spmd (DiagnosticCatalogPasses.swift), KP4xxx interpreter
// findings, launch specs and verification, KP5xxx rule tables (DiagnosticCatalogRules.swift),
// KP6xxx host rewriting (DiagnosticCatalogHost.swift), KP7xxx kernel emitters
// (DiagnosticCatalogEmit.swift), KP8xxx machine files (DiagnosticCatalogCost.swift), KP90xx
// batch runs (DiagnosticCatalogBatch.swift), KP95xx whole programs: `kport exec` and kport's CUDA
// runtime (DiagnosticCatalogExec.swift).

/// How much manual work a diagnostic usually means for the engineer porting the kernel.
public enum Effort: String, Hashable, Sendable, CaseIterable {
  /// Nothing to port by hand: fix the input or the command line.
  case none
  /// A local edit of a line or two.
  case low
  /// Rewriting a function or a data structure.
  case medium
  /// Redesigning the kernel for the target.
  case high
}

/// A stable diagnostic identifier with its documentation.
public struct DiagnosticID: Hashable, Sendable, CustomStringConvertible {
  /// `KPnnnn`.
  public let code: String
  /// A kebab-case name.
  public let name: String
  public let effort: Effort
  /// What it means and what to do, a paragraph.
  public let explanation: String

  public var description: String { code }
}

extension DiagnosticID {
  // Input and driver.
  public static let fileNotFound = DiagnosticID(
    code: "KP0001", name: "file-not-found", effort: .none,
    explanation: "The input file does not exist or cannot be read. Check the path and permissions.")
  public static let emptyInput = DiagnosticID(
    code: "KP0002", name: "empty-input", effort: .none,
    explanation: "The input file is empty, so there is nothing to translate.")
  public static let binaryInput = DiagnosticID(
    code: "KP0003", name: "binary-input", effort: .none,
    explanation: "The input is not text (it holds NUL bytes or is not valid UTF-8). kport reads CUDA C++ source (.cu, .cuh) and KIR text (.kir).")
  public static let noKernels = DiagnosticID(
    code: "KP0004", name: "no-kernels", effort: .none,
    explanation: "The file parsed but defines no `__global__` function, so there is no kernel to translate. Is it a CUDA file?")
  public static let badCompilerArguments = DiagnosticID(
    code: "KP0005", name: "bad-compiler-arguments", effort: .none,
    explanation: "libclang refused the compiler arguments (for example an unknown `--cuda-gpu-arch`) and produced no translation unit. Check the flags passed after the file name.")
  public static let kernelNotFound = DiagnosticID(
    code: "KP0006", name: "kernel-not-found", effort: .none,
    explanation: "`--kernel NAME` names no kernel of the file. The message lists the kernels there are.")
  public static let outputFailed = DiagnosticID(
    code: "KP0007", name: "output-failed", effort: .none,
    explanation: "kport could not write an output file. Outputs are written atomically: the old file, if any, is left as it was.")
  public static let unknownInputKind = DiagnosticID(
    code: "KP0008", name: "unknown-input-kind", effort: .none,
    explanation: "The command expects another kind of file (for example `kport opt` reads .kir text, `kport ir` reads CUDA).")

  // Front end.
  public static let clangError = DiagnosticID(
    code: "KP1001", name: "clang-error", effort: .low,
    explanation: "clang reported an error while parsing the CUDA source; the message is clang's. kport translates no kernel of a file that clang rejects: fix the error first.")
  public static let clangWarning = DiagnosticID(
    code: "KP1002", name: "clang-warning", effort: .none,
    explanation: "clang reported a warning while parsing the CUDA source.")
  public static let unsupportedConstruct = DiagnosticID(
    code: "KP1010", name: "unsupported-construct", effort: .medium,
    explanation: "The kernel uses a C++ construct kport cannot translate yet. The kernel is not translated; rewrite the construct or wait for support.")
  public static let recursion = DiagnosticID(
    code: "KP1011", name: "recursion", effort: .medium,
    explanation: "A device function calls itself, directly or through others. The targets have no call stack for device code; rewrite the recursion as a loop.")
  public static let functionPointer = DiagnosticID(
    code: "KP1012", name: "function-pointer", effort: .medium,
    explanation: "Calls through function pointers or virtual functions cannot be resolved statically. Replace them with a switch over the cases or a template parameter.")
  public static let dynamicParallelism = DiagnosticID(
    code: "KP1013", name: "dynamic-parallelism", effort: .high,
    explanation: "A kernel launches another kernel (CUDA dynamic parallelism). Neither target supports device-side launches; move the launch to the host.")
  public static let inlineAssembly = DiagnosticID(
    code: "KP1014", name: "inline-assembly", effort: .high,
    explanation: "Inline PTX (`asm`) is specific to NVIDIA hardware. Replace it with the CUDA intrinsic it implements.")
  public static let textureMemory = DiagnosticID(
    code: "KP1015", name: "texture-memory", effort: .high,
    explanation: "Texture and surface objects have no counterpart on the targets. Read the data through ordinary global memory instead.")
  public static let tensorCore = DiagnosticID(
    code: "KP1016", name: "tensor-core-wmma", effort: .high,
    explanation: "The kernel uses the `nvcuda::wmma` tensor-core API. Tensor-core ports (MLU matmul units, Ascend Cube) are not available yet; express the tile product as plain loops to port it now.")
  public static let gotoStatement = DiagnosticID(
    code: "KP1017", name: "goto", effort: .low,
    explanation: "KIR has structured control flow only. Rewrite the `goto` with loops, `break` and `continue`.")
  public static let unknownFunction = DiagnosticID(
    code: "KP1018", name: "unknown-device-function", effort: .medium,
    explanation: "A device function is called whose body kport cannot see and which is not a known CUDA intrinsic (for example one defined in another translation unit with -rdc). Make its definition visible in the file.")
  public static let unsupportedType = DiagnosticID(
    code: "KP1019", name: "unsupported-type", effort: .medium,
    explanation: "A value has a type KIR cannot represent (for example a union, a bit-field, long double or a class with virtual members).")
  public static let deviceRandom = DiagnosticID(
    code: "KP1020", name: "device-random", effort: .medium,
    explanation: "cuRAND device functions are declared but cannot be translated yet: the targets' random generators differ. Generate the random numbers on the host or pass them in.")
  public static let gridSync = DiagnosticID(
    code: "KP1021", name: "grid-sync", effort: .high,
    explanation: "A grid-wide barrier (`grid.sync()` of cooperative groups) needs a cooperative launch; split the kernel into two launches instead.")
  public static let dynamicAllocation = DiagnosticID(
    code: "KP1022", name: "device-allocation", effort: .medium,
    explanation: "`new`, `delete`, `malloc` and `free` in device code have no counterpart on the targets. Allocate on the host and pass the buffer in.")
  public static let divergentShared = DiagnosticID(
    code: "KP1023", name: "shared-in-device-function", effort: .low,
    explanation: "A `__shared__` variable is declared somewhere kport cannot give it per-block storage.")

  // KIR text and verifier.
  public static let kirSyntax = DiagnosticID(
    code: "KP2001", name: "kir-syntax", effort: .none,
    explanation: "The KIR text does not follow the grammar in grammars/kir.ebnf. The message says what was expected.")
  public static let kirUndefinedValue = DiagnosticID(
    code: "KP2002", name: "kir-undefined-value", effort: .none,
    explanation: "A KIR value is used where no definition of it is visible (defined later, in a sibling region, or not at all).")
  public static let kirRedefinition = DiagnosticID(
    code: "KP2003", name: "kir-redefinition", effort: .none,
    explanation: "A KIR value, function, struct or global is defined twice.")
  public static let kirUnknownOp = DiagnosticID(
    code: "KP2004", name: "kir-unknown-op", effort: .none,
    explanation: "The op name is not in KIR's op table (docs/IR.md lists every op).")
  public static let kirUnknownType = DiagnosticID(
    code: "KP2005", name: "kir-unknown-type", effort: .none,
    explanation: "The type is not a KIR type, or names a struct that is not declared.")
  public static let kirVerifier = DiagnosticID(
    code: "KP2010", name: "kir-invalid", effort: .none,
    explanation: "The KIR breaks an invariant the verifier checks (operand count or type, region structure, terminators, symbols, levels). The message names the op and the rule.")

  // Interpreter findings and launch specs.
  public static let outOfBounds = DiagnosticID(
    code: "KP4001", name: "out-of-bounds", effort: .low,
    explanation: "A kernel read or wrote outside the buffer a pointer points into. The message names the buffer, the element index, its size, and the first thread and block that did it.")
  public static let unallocatedAccess = DiagnosticID(
    code: "KP4002", name: "unallocated-access", effort: .low,
    explanation: "A kernel accessed memory through a pointer that points into no allocation (a null or dangling pointer, or an integer turned into a pointer).")
  public static let uninitializedRead = DiagnosticID(
    code: "KP4003", name: "uninitialized-read", effort: .low,
    explanation: "A kernel read shared or local memory that no thread had written in this launch. On the GPU it holds garbage.")
  public static let sharedRace = DiagnosticID(
    code: "KP4004", name: "shared-race", effort: .medium,
    explanation: "Two threads of a block accessed the same shared-memory location between two barriers, at least one of them writing: the result depends on scheduling. Usually a missing __syncthreads(). Writes of identical values are warnings.")
  public static let globalRace = DiagnosticID(
    code: "KP4005", name: "global-race", effort: .medium,
    explanation: "Two threads accessed the same global-memory location in one launch, at least one writing, not both atomically, with no barrier ordering them. Writes of identical values are warnings.")
  public static let barrierDivergence = DiagnosticID(
    code: "KP4006", name: "barrier-divergence", effort: .medium,
    explanation: "__syncthreads() was reached by some but not all threads of a block (a barrier under a condition that differs between threads). On the GPU this hangs or corrupts; on the targets the port cannot be made.")
  public static let inactiveLaneShuffle = DiagnosticID(
    code: "KP4007", name: "inactive-lane-shuffle", effort: .low,
    explanation: "A warp shuffle read the value of a lane that is not executing it (inactive, exited, or not in the mask): the result is undefined.")
  public static let divisionByZero = DiagnosticID(
    code: "KP4008", name: "division-by-zero", effort: .low,
    explanation: "An integer division or remainder by zero. On the GPU the result is undefined.")
  public static let misalignedOperand = DiagnosticID(
    code: "KP4011", name: "misaligned-operand", effort: .low,
    explanation: "An operand of a target instruction is off the alignment the instruction needs: Ascend C's DataCopy and vector instructions take UB addresses on 32-byte boundaries and GM addresses aligned to the element size (targets.md B7, B8). On the chip the instruction faults or reads the wrong bytes.")
  public static let pipeHazard = DiagnosticID(
    code: "KP4012", name: "pipe-hazard", effort: .low,
    explanation: "An Ascend port reaches bytes that another pipe of the core (scalar unit S, vector unit V, DMA in MTE2, DMA out MTE3), or an earlier DMA transfer of the same pipe, read or wrote since the last synchronisation, one of the two a write: the pipes run independently, so on the chip the access may see the bytes before or after the other (targets.md B9). The message names both pipes, the buffer and the bytes. The pass that made the port needs a PipeBarrier<PIPE_ALL> (or SetFlag/WaitFlag) between them.")
  public static let kernelTrap = DiagnosticID(
    code: "KP4009", name: "kernel-trap", effort: .low,
    explanation: "The kernel executed __trap() or a failed assert().")
  public static let executionLimit = DiagnosticID(
    code: "KP4010", name: "execution-limit", effort: .none,
    explanation: "The interpreter stopped the launch at its step, wall-time or memory limit (an endless loop, or a launch too large for the limits). Raise the limit with --max-steps / --max-seconds, or look for a loop that never ends.")
  public static let portResultsDiffer = DiagnosticID(
    code: "KP4021", name: "port-results-differ", effort: .high,
    explanation: "The port's output buffers differ from the CUDA kernel's beyond the per-type tolerances (`kport verify` reports which buffer, by how much and where first). A cost report of such a port still prices the port as it is.")
  public static let badLaunchSpec = DiagnosticID(
    code: "KP4020", name: "bad-launch-spec", effort: .none,
    explanation: "A launch spec (command line, `// kport-launch` comment or sidecar file) does not follow grammars/launch-spec.ebnf or does not fit the kernel (an unknown parameter, a missing argument, a buffer for a scalar parameter). The message says what.")

  /// Every ID in the catalog, in code order.
  public static let all: [DiagnosticID] = core + passIDs + loweringIDs + ruleIDs + emitIDs + hostIDs + costIDs + batchIDs + execIDs

  /// The IDs of the input, front-end, KIR and interpreter ranges.
  static let core: [DiagnosticID] = [
    .fileNotFound, .emptyInput, .binaryInput, .noKernels, .badCompilerArguments, .kernelNotFound,
    .outputFailed, .unknownInputKind, .clangError, .clangWarning, .unsupportedConstruct,
    .recursion, .functionPointer, .dynamicParallelism, .inlineAssembly, .textureMemory,
    .tensorCore, .gotoStatement, .unknownFunction, .unsupportedType, .deviceRandom, .gridSync,
    .dynamicAllocation, .divergentShared, .kirSyntax, .kirUndefinedValue, .kirRedefinition,
    .kirUnknownOp, .kirUnknownType, .kirVerifier, .outOfBounds, .unallocatedAccess, .uninitializedRead,
    .sharedRace, .globalRace, .barrierDivergence, .inactiveLaneShuffle, .divisionByZero, .misalignedOperand, .pipeHazard, .kernelTrap,
    .executionLimit, .badLaunchSpec, .portResultsDiffer,
  ]

  /// The catalog entry with code `code` (`KP1011`, case-insensitive) or name `unsupported-type`.
  public static func lookup(_ code: String) -> DiagnosticID? {
    let key = code.uppercased()
    return all.first { $0.code == key || $0.name == code.lowercased() }
  }
}
