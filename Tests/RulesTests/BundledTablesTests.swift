// The bundled tables: they load without a diagnostic, cover what the back ends need on both
// targets, keep their key sets in step with KIR's verifier, and docs/support.md is current
// (KPORT_BLESS=1 rewrites it).
import Foundation
import Testing

@testable import KIR
@testable import Rules

@Suite struct BundledTablesTests {
  @Test func bundledTablesLoadWithoutDiagnostics() {
    let (set, diagnostics) = bundled
    #expect(diagnostics.isEmpty, "\(describe(diagnostics))")
    for target in RuleTarget.allCases { #expect(set.rules(for: target).count > 100) }
  }

  @Test func grammarsRulesIsTheResourceFolder() throws {
    let link = repositoryRoot.appendingPathComponent("grammars/rules")
    let resources = repositoryRoot.appendingPathComponent("Sources/Rules/Resources/rules")
    #expect(link.resolvingSymlinksInPath().path == resources.resolvingSymlinksInPath().path)
    let files = BundledRules.ruleFiles(in: resources).map { $0.path.replacingOccurrences(of: resources.path + "/", with: "") }
    let expected = RuleTarget.allCases.flatMap { target in
      ["atomics", "host-enums", "host-runtime", "host-types", "includes", "math", "special-registers", "sync"]
        .map { "\(target.rawValue)/\($0).rules" }
    }
    #expect(Set(files) == Set(expected))
  }

  static let mathFunctions = """
    expf logf sqrtf rsqrtf fabsf fmaxf fminf powf tanhf sinf cosf floorf ceilf fmaf __expf \
    __fdividef exp log sqrt pow fabs floor ceil fmax fmin tanh erff exp2f log2f log10f truncf \
    roundf fmodf atan2f __logf __sinf __cosf __powf __saturatef min max abs __hadd __hmul __hfma \
    __hfma2 __popc __clz __mul24 __umulhi
    """.split(separator: " ").map(String.init)

  @Test(arguments: RuleTarget.allCases)
  func everyCommonMathFunctionHasARule(target: RuleTarget) {
    let set = bundled.0
    for name in Self.mathFunctions {
      #expect(set.rule(target: target, op: .mathCall, key: name, type: nil) != nil, "\(target) \(name)")
    }
  }

  @Test(arguments: RuleTarget.allCases)
  func everyAtomicOperationAndTypeHasARule(target: RuleTarget) {
    let set = bundled.0
    for operation in RuleKeys.atomicOperation {
      for type in [IRType.i32, .u32, .u64, .f32, .f64, .f16] {
        for space in [AddressSpace.global, .shared] {
          #expect(
            set.rule(target: target, op: .atomic, key: operation, type: type, space: space) != nil,
            "\(target) atomic \(operation) \(type) \(space)")
        }
      }
    }
    // BANG has float atomics; Ascend 910B has none on global memory.
    #expect(set.rule(target: .bang, op: .atomic, key: "add", type: .f32, space: .global)?.status == .supported)
    #expect(set.rule(target: .ascendc, op: .atomic, key: "cas", type: .i32, space: .global)?.status == .unsupported)
    #expect(set.rule(target: .ascendc, op: .atomic, key: "add", type: .f32, space: .global)?.status == .partial)
  }

  @Test(arguments: RuleTarget.allCases)
  func syncAndSpecialRegistersAreCovered(target: RuleTarget) {
    let set = bundled.0
    for op in [Opcode.syncthreads, .syncwarp, .syncthreadsCount, .clock] {
      #expect(set.rule(target: target, op: op, key: nil, type: nil) != nil, "\(target) \(op.name)")
    }
    for scope in RuleKeys.scope {
      #expect(set.rule(target: target, op: .threadfence, key: scope, type: nil) != nil)
    }
    for op in [Opcode.threadId, .blockId, .blockDim, .gridDim] {
      for dim in RuleKeys.dimension {
        #expect(set.rule(target: target, op: op, key: dim, type: .u32)?.status == .supported, "\(op.name) \(dim)")
      }
    }
  }

  static let hostCalls = """
    cudaMalloc cudaFree cudaMemcpy cudaMemcpyAsync cudaMemset cudaDeviceSynchronize \
    cudaStreamCreate cudaStreamDestroy cudaStreamSynchronize cudaEventCreate cudaEventRecord \
    cudaEventSynchronize cudaEventElapsedTime cudaEventDestroy cudaGetLastError \
    cudaGetErrorString cudaSetDevice cudaMallocHost cudaFreeHost cudaMemcpyToSymbol
    """.split(separator: " ").map(String.init)

  @Test(arguments: RuleTarget.allCases)
  func hostApiTypesEnumsAndIncludesAreCovered(target: RuleTarget) throws {
    let set = bundled.0
    for name in Self.hostCalls {
      #expect(set.hostRule(target: target, kind: .call, name: name) != nil, "\(target) \(name)")
    }
    #expect(set.hostRule(target: target, kind: .call, name: "cudaMemcpyToSymbol")?.status == .supported)
    #expect(set.hostRule(target: target, kind: .call, name: "cudaMemcpyToSymbolAsync")?.status == .partial)
    #expect(set.hostRule(target: target, kind: .call, name: "cudaMemcpyFromSymbolAsync")?.status == .partial)
    for name in ["cudaStream_t", "cudaEvent_t", "dim3", "cudaError_t"] {
      #expect(set.hostRule(target: target, kind: .type, name: name) != nil, "\(target) \(name)")
    }
    for name in ["cudaMemcpyHostToDevice", "cudaMemcpyDeviceToHost", "cudaMemcpyDeviceToDevice"] {
      #expect(set.hostRule(target: target, kind: .enumerator, name: name) != nil, "\(target) \(name)")
    }
    let include = try #require(set.hostRule(target: target, kind: .include, name: "cuda_runtime.h"))
    let text = include.template?.render(target: target, context: RenderContext())
    #expect(text == .success(target == .bang ? "#include <cnrt.h>" : "#include \"acl/acl.h\"\n#include \"kernel_operator.h\""))
  }

  @Test func memcpyReordersOperandsOnAscend() throws {
    let rule = try #require(bundled.0.hostRule(target: .ascendc, kind: .call, name: "cudaMemcpy"))
    let text = rule.template?.render(target: .ascendc, context: RenderContext(operands: ["d", "s", "n", "k"]))
    #expect(text == .success("aclrtMemcpy(d, n, s, n, k)"))
  }

  @Test func everyBundledRuleHasACommentAndAReasonWhereNeeded() {
    for rule in bundled.0.rules {
      #expect(!rule.summary.isEmpty, "\(rule.target) \(rule.name) has no comment")
      #expect((rule.reason != nil) == rule.status.needsReason, "\(rule.name)")
      #expect(!rule.provenance.isEmpty)
    }
  }

  @Test func keySetsMatchTheVerifier() {
    #expect(RuleKeys.dimension == AttributeKeywords.dimension)
    #expect(RuleKeys.atomicOperation == AttributeKeywords.atomicOperation)
    #expect(RuleKeys.shuffleMode == AttributeKeywords.shuffleMode)
    #expect(RuleKeys.voteKind == AttributeKeywords.voteKind)
    #expect(RuleKeys.scope == AttributeKeywords.scope)
    #expect(RuleKeys.predicate == AttributeKeywords.predicate)
  }

  @Test func docsRulesDocumentsEveryPlaceholderAndID() throws {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/rules.md"), encoding: .utf8)
    for placeholder in Placeholder.allCases { #expect(text.contains("`$\(placeholder.rawValue)`"), "\(placeholder)") }
    for id in DiagnosticID.ruleIDs { #expect(text.contains(id.code), "\(id.code)") }
  }

  @Test func supportMatrixIsCurrent() throws {
    let url = repositoryRoot.appendingPathComponent("docs/support.md")
    let generated = SupportMatrix.markdown(bundled.0)
    if ProcessInfo.processInfo.environment["KPORT_BLESS"] == "1" {
      try generated.write(to: url, atomically: true, encoding: .utf8)
    }
    let onDisk = try String(contentsOf: url, encoding: .utf8)
    #expect(onDisk == generated, "docs/support.md is stale: regenerate it with `kport rules --markdown > docs/support.md` or KPORT_BLESS=1")
    #expect(generated.hasPrefix(SupportMatrix.banner))
  }
}
