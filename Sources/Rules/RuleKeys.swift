// What a `match:` pattern may say about each op: the key sets of ops with a closed positional
// attribute (mirroring KIR's verifier, which RulesTests checks), the type a math function's
// domain admits, and how many operands an emit template may refer to.
import KIR

/// Keys, types and operand counts of rule patterns.
public enum RuleKeys {
  /// `cuda.thread_id` & co.: the dimension.
  public static let dimension = ["x", "y", "z"]
  /// `cuda.atomic`: the operation.
  public static let atomicOperation = [
    "add", "sub", "exch", "min", "max", "inc", "dec", "and", "or", "xor", "cas",
  ]
  /// `cuda.shuffle`: the mode.
  public static let shuffleMode = ["idx", "up", "down", "xor"]
  /// `cuda.vote`: the kind.
  public static let voteKind = ["any", "all", "uni"]
  /// `cuda.threadfence`: the scope.
  public static let scope = ["block", "device", "system"]
  /// `arith.cmp`: the predicate.
  public static let predicate = ["eq", "ne", "lt", "le", "gt", "ge"]

  /// The closed key set of an op's positional attribute, keyed by the attribute's name.
  static let keySets: [String: (noun: String, keys: [String])] = [
    "dim": ("dim", dimension), "operation": ("atomic operation", atomicOperation),
    "mode": ("shuffle mode", shuffleMode), "kind": ("vote kind", voteKind),
    "scope": ("fence scope", scope), "predicate": ("predicate", predicate),
  ]

  /// A problem with a pattern's key.
  struct KeyProblem {
    var id: DiagnosticID
    var message: String
  }

  /// Checks the key (nil when absent) of a pattern on `subject`; nil when it is fine.
  static func checkKey(_ key: String?, subject: RuleSubject) -> KeyProblem? {
    switch subject {
    case let .host(kind):
      guard let key else {
        return KeyProblem(id: .rulesBadKey, message: "'\(kind.opName)' needs a name, e.g. '\(kind.opName) \(example(kind))'")
      }
      let allowed = key.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_./-".contains($0)) }
      return allowed ? nil : KeyProblem(id: .rulesBadKey, message: "'\(key)' is not a valid \(kind.rawValue) name")
    case let .op(opcode):
      guard let key else { return nil }
      guard let attribute = opcode.info.positional.first else {
        return KeyProblem(id: .rulesBadKey, message: "'\(opcode.name)' takes no key, found '\(key)'")
      }
      if opcode == .mathCall {
        if MathFunction.named(key) != nil { return nil }
        var message = "unknown math function '\(key)'"
        if let close = closest(key, among: Array(MathFunction.table.keys).sorted()) {
          message += "; did you mean '\(close)'?"
        }
        return KeyProblem(id: .rulesUnknownMathFunction, message: message)
      }
      guard let set = keySets[attribute] else { return nil }
      if set.keys.contains(key) { return nil }
      return KeyProblem(
        id: .rulesBadKey,
        message: "unknown \(set.noun) '\(key)' for '\(opcode.name)'; expected one of \(set.keys.joined(separator: " "))")
    }
  }

  private static func example(_ kind: HostRuleKind) -> String {
    switch kind {
    case .call: return "cudaMalloc"
    case .type: return "cudaStream_t"
    case .enumerator: return "cudaMemcpyHostToDevice"
    case .include: return "cuda_runtime.h"
    }
  }

  /// Checks a pattern's type against a math function's domain; nil when it fits.
  static func checkType(_ type: IRType, pattern: RulePattern) -> String? {
    guard case .op(.mathCall) = pattern.subject, let key = pattern.key,
      let function = MathFunction.named(key)
    else { return nil }
    switch function.domain {
    case .f32 where type.isFloat && type != .f32, .f64 where type.isFloat && type != .f64:
      return "'\(key)' is a \(function.domain.rawValue) function; type \(type) does not fit"
    case .half where type != .f16 && type != .bf16:
      return "'\(key)' is a half-precision function; expected f16 or bf16, found \(type)"
    case .i32 where !type.isInteger || type.integerBits == 64,
      .i64 where !type.isInteger || type.integerBits != 64:
      return "'\(key)' is an integer intrinsic of domain \(function.domain.rawValue); type \(type) does not fit"
    default:
      return nil
    }
  }

  /// How many operands a template for `pattern` may refer to; nil when unbounded.
  public static func operandLimit(_ pattern: RulePattern) -> Int? {
    switch pattern.subject {
    case .host(.call): return nil
    case .host: return 0
    case .op(.mathCall):
      if let key = pattern.key, let function = MathFunction.named(key) { return function.arity }
      return upperBound(Opcode.mathCall.info.operands)
    case .op(.atomic):
      guard let key = pattern.key else { return upperBound(Opcode.atomic.info.operands) }
      return key == "cas" ? 3 : 2
    case let .op(opcode): return upperBound(opcode.info.operands)
    }
  }

  private static func upperBound(_ arity: Arity) -> Int? {
    switch arity {
    case let .exactly(count): return count
    case let .between(_, high): return high
    case .atLeast: return nil
    }
  }
}
