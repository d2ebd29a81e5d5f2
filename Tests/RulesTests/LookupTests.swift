// Lookup order (key, then address space, then type, then priority), user files that override
// bundled rules by name or add new ones, and host lookup.
import KIR
import Testing

@testable import Rules

@Suite struct LookupTests {
  static let text = """
    // Lookup order fixtures.

    \(ruleText("AddAny", status: "unsupported", match: "cuda.atomic add", emit: nil, extra: "  reason: \"no\"\n"))
    \(ruleText("AddF32", match: "cuda.atomic add : f32", emit: "\"typed($0)\""))
    \(ruleText("AddShared", match: "cuda.atomic add", emit: "\"shared($0)\"", extra: "  space: shared\n"))
    \(ruleText("AtomicAny", status: "unsupported", match: "cuda.atomic", emit: nil, extra: "  reason: \"no\"\n"))
    \(ruleText("ExpfLow", match: "math.call expf", emit: "\"low\""))
    \(ruleText("ExpfHigh", match: "math.call expf", emit: "\"high\"", extra: "  priority: 5\n"))
    \(ruleText("Malloc", match: "host.call cudaMalloc", emit: "\"cnrtMalloc($0, $1)\""))
    """

  @Test func fixturesLoad() {
    let (_, diagnostics) = load(Self.text)
    #expect(diagnostics.isEmpty, "\(describe(diagnostics))")
  }

  @Test func mostSpecificRuleComesFirst() throws {
    let (set, _) = load(Self.text)
    let global = set.rules(target: .bang, op: .atomic, key: "add", type: .f32, space: .global).map(\.name)
    #expect(global == ["AddF32", "AddAny", "AtomicAny"])
    // An address space outranks a type: shared-memory atomics lower differently.
    #expect(set.rule(target: .bang, op: .atomic, key: "add", type: .f32, space: .shared)?.name == "AddShared")
    #expect(set.rule(target: .bang, op: .atomic, key: "add", type: .u64)?.name == "AddAny")
    #expect(set.rule(target: .bang, op: .atomic, key: "xor", type: .u32)?.name == "AtomicAny")
    #expect(set.rule(target: .ascendc, op: .atomic, key: "add", type: .f32) == nil)
    #expect(set.rule(target: .bang, op: .syncthreads, key: nil, type: nil) == nil)
  }

  @Test func higherPriorityWinsAmongEqualPatterns() {
    let (set, _) = load(Self.text)
    #expect(set.rules(target: .bang, op: .mathCall, key: "expf", type: .f32).map(\.name) == ["ExpfHigh", "ExpfLow"])
  }

  @Test func hostLookupIsByExactName() {
    let (set, _) = load(Self.text)
    #expect(set.hostRule(target: .bang, kind: .call, name: "cudaMalloc")?.name == "Malloc")
    #expect(set.hostRule(target: .bang, kind: .call, name: "cudaFree") == nil)
    #expect(set.hostRule(target: .bang, kind: .type, name: "cudaMalloc") == nil)
    #expect(HostRuleKind(record: .runtimeCall) == .call)
    #expect(HostRuleKind(record: .launch) == nil)
  }

  @Test func userRuleReplacesBundledRuleOfTheSameName() throws {
    let user = "// user\n" + ruleText("ExpfLow", match: "math.call expf : f32", emit: "\"mine($0)\"")
      + ruleText("NewRule", match: "math.call logf", emit: "\"mylog($0)\"")
    let (set, diagnostics) = RuleSet.load([
      RuleSource(path: "bundled.rules", text: Self.text),
      RuleSource(path: "user.rules", text: user, isUser: true),
    ])
    #expect(diagnostics.isEmpty, "\(describe(diagnostics))")
    let replaced = try #require(set.rule(named: "ExpfLow", target: .bang))
    #expect(replaced.isUserRule && replaced.template?.text == "mine($0)")
    #expect(set.rules.filter { $0.name == "ExpfLow" }.count == 1)
    #expect(set.rule(target: .bang, op: .mathCall, key: "logf", type: .f32)?.name == "NewRule")
    // Typed user rule now beats the bundled higher-priority untyped one.
    #expect(set.rule(target: .bang, op: .mathCall, key: "expf", type: .f32)?.name == "ExpfLow")
  }

  @Test func userRuleWithANewNameAndTheSamePatternOverlaps() {
    let user = "// user\n" + ruleText("MyMalloc", match: "host.call cudaMalloc", emit: "\"m($0)\"")
    let (set, diagnostics) = RuleSet.load([
      RuleSource(path: "bundled.rules", text: Self.text),
      RuleSource(path: "user.rules", text: user, isUser: true),
    ])
    #expect(diagnostics.map(\.id) == [.rulesOverlap])
    #expect(diagnostics.first?.notes.count == 1)
    #expect(set.rule(named: "MyMalloc", target: .bang) == nil)
    #expect(set.hostRule(target: .bang, kind: .call, name: "cudaMalloc")?.name == "Malloc")
  }

  @Test func userFileCannotDefineANameTwice() {
    let user = "// user\n" + ruleText("Twice", match: "math.call logf") + ruleText("Twice", match: "math.call expf")
    let (_, diagnostics) = RuleSet.load([RuleSource(path: "user.rules", text: user, isUser: true)])
    #expect(diagnostics.map(\.id) == [.rulesDuplicateName])
  }

  @Test func diagnosticsCarryExactColumns() throws {
    let text = "// header\nrule Bad\n  target: bang\n  status: supported\n  provenance: \"p\"\n  match: math.call expf\n  emit: \"expf($0) + \\\"$3\\\"\"\n"
    let (_, diagnostics) = load(text, path: "cols.rules")
    let diagnostic = try #require(diagnostics.first)
    #expect(diagnostic.id == .rulesOperandOutOfRange)
    // `  emit: "expf($0) + \"$3\""`: the $ of $3 is column 23 (the escape takes two columns).
    #expect(diagnostic.location == .file(path: "cols.rules", line: 7, column: 23))
    let unknown = load("// h\nrule R\n  target: bang\n  bogus: 1\n", path: "u.rules").1
    #expect(unknown.first { $0.id == .rulesUnknownField }?.location == .file(path: "u.rules", line: 4, column: 3))
  }
}
