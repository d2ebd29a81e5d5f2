// The pass manager: a pass that breaks the IR is caught by --verify-each and named; a pass that
// reports an error stops the pipeline; dumps carry their banners.
import KIR
import Testing
@testable import Passes

/// A test pass that makes a use before its definition (a verifier error, O5).
private struct BreakDominance: Pass {
  static let info = PassInfo(name: "test-break-dominance", group: .transform, summary: "Moves the last op first.")
  init(options: PassOptions) {}
  func run(on module: Module, context: PassContext) {
    guard let function = module.functions.first, function.body.operations.count > 2 else { return }
    let store = function.body.operations.remove(at: function.body.operations.count - 2)
    function.body.operations.insert(store, at: 0)
    context.markChanged()
  }
}

/// A test pass that reports an error.
private struct Refuse: Pass {
  static let info = PassInfo(name: "test-refuse", group: .transform, summary: "Reports an error.")
  init(options: PassOptions) {}
  func run(on module: Module, context: PassContext) {
    context.report(.error(.badPipeline, "refused", at: .unknown))
  }
}

@Suite struct PassManagerTests {
  private let source = """
    kernel @k(%p: ptr<global, i32>) {
      %one = arith.constant 1 : i32
      %two = arith.add %one, %one : i32
      mem.store %two, %p
      func.return
    }
    """

  private func module() throws -> Module {
    let (module, diagnostics) = parseModule(source, path: "k.kir")
    #expect(diagnostics.isEmpty)
    return try #require(module)
  }

  private func run(_ passes: [any Pass], verifyEach: Bool = true, printAfterAll: Bool = false) throws -> PipelineRun {
    var instrumentation = PassInstrumentation()
    instrumentation.verifyEach = verifyEach
    instrumentation.printAfterAll = printAfterAll
    let manager = PassManager(pipeline: PassPipeline(elements: []), instrumentation: instrumentation)
    return manager.run(on: try module(), passes: passes)
  }

  @Test func verifyEachNamesThePassThatBrokeTheIR() throws {
    let options = PassOptions([:])
    let result = try run([BreakDominance(options: options), DeadCodeElimination(options: options)])
    #expect(result.stopped)
    let error = try #require(result.diagnostics.first)
    #expect(error.id == .passBrokeIR)
    #expect(error.message.contains("after pass 'test-break-dominance'"))
    #expect(!error.notes.isEmpty)
  }

  @Test func withoutVerifyEachTheRunGoesOn() throws {
    let result = try run([BreakDominance(options: PassOptions([:]))], verifyEach: false)
    #expect(!result.stopped)
    #expect(result.diagnostics.isEmpty)
  }

  @Test func anErrorStopsThePipeline() throws {
    let options = PassOptions([:])
    let result = try run([Refuse(options: options), BreakDominance(options: options)], printAfterAll: true)
    #expect(result.stopped)
    #expect(result.diagnostics.map(\.message) == ["refused"])
    #expect(result.report.contains("// ----- IR after test-refuse ----- //"))
    #expect(!result.report.contains("IR after test-break-dominance"))
  }

  @Test func printAfterChangeAloneOrNarrowingTheOtherDumps() {
    var alone = PassInstrumentation()
    alone.printAfterChange = true
    #expect(alone.wantsDump(after: "dce", changed: true))
    #expect(!alone.wantsDump(after: "dce", changed: false))
    var narrowed = alone
    narrowed.printAfter = ["dce"]
    #expect(narrowed.wantsDump(after: "dce", changed: true))
    #expect(!narrowed.wantsDump(after: "dce", changed: false))
    #expect(!narrowed.wantsDump(after: "cse", changed: true))
    var all = PassInstrumentation()
    all.printAfterAll = true
    #expect(all.wantsDump(after: "cse", changed: false))
    #expect(!PassInstrumentation().wantsDump(after: "cse", changed: true))
  }

  @Test func everyRegisteredPassHasAUniqueKebabCaseName() {
    let names = PassRegistry.standard.passes.map { $0.info.name } + PassRegistry.standard.pipelineNames
    #expect(Set(names).count == names.count)
    for name in names {
      #expect(name.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "\(name)")
    }
  }

  @Test func everyNamedPipelineParses() {
    for named in PassRegistry.standard.namedPipelines {
      if case let .failure(problem) = PassPipeline.parse(named.pipeline) {
        Issue.record("\(named.name): \(problem.message)")
      }
    }
  }
}
