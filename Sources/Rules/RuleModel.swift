// The rule model: what one validated rule of grammars/rules says. A rule names a CUDA construct
// (a KIR op with an optional key, type and address space, or a host API name) and how to write
// it on one target, with a status and provenance as named fields (style.md 6.5).
import KIR

/// A back end the rule tables describe; the raw value is the folder name under grammars/rules.
public enum RuleTarget: String, CaseIterable, Hashable, Sendable, Comparable {
  /// Cambricon MLU, BANG C.
  case bang
  /// Huawei Ascend 910B, Ascend C.
  case ascendc

  /// The name used in documentation.
  public var displayName: String {
    switch self {
    case .bang: return "BANG C"
    case .ascendc: return "Ascend C"
    }
  }

  public static func < (lhs: RuleTarget, rhs: RuleTarget) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }
}

/// How well a rule ports its construct.
public enum RuleStatus: String, CaseIterable, Hashable, Sendable {
  /// The emitted form is equivalent.
  case supported
  /// The emitted form works with a caveat (`reason`), which the emitter prints as a warning.
  case partial
  /// No lowering exists; the emitter reports `reason` as an error.
  case unsupported
  /// The CUDA construct is deprecated; it is lowered, and `reason` names the replacement.
  case deprecated

  /// Whether a rule with this status must have a `reason:` field.
  public var needsReason: Bool { self != .supported }

  /// Whether a rule with this status emits code (has an `emit:` field).
  public var emitsCode: Bool { self != .unsupported }
}

/// The host-side constructs rules can match; host code is rewritten in place, never lowered to
/// KIR, so these are pseudo-ops of the rule language only.
public enum HostRuleKind: String, CaseIterable, Hashable, Sendable {
  /// A CUDA runtime API call (`host.call cudaMemcpy`).
  case call
  /// A CUDA runtime type (`host.type cudaStream_t`).
  case type
  /// A CUDA runtime enumerator or constant (`host.enum cudaMemcpyHostToDevice`).
  case enumerator = "enum"
  /// A CUDA header (`host.include cuda_runtime.h`).
  case include

  /// The pseudo-op name written in `match:`.
  public var opName: String { "host.\(rawValue)" }

  /// The host rule kind for a front-end host record, if rules cover that kind.
  public init?(record: HostRecordKind) {
    switch record {
    case .runtimeCall: self = .call
    case .type: self = .type
    case .include: self = .include
    case .enumerator: self = .enumerator
    case .launch, .macro, .deviceCode: return nil
    }
  }
}

/// What a rule matches: a KIR op or a host construct.
public enum RuleSubject: Hashable, Sendable, CustomStringConvertible {
  case op(Opcode)
  case host(HostRuleKind)

  /// The op name as written in `match:`.
  public var description: String {
    switch self {
    case let .op(opcode): return opcode.name
    case let .host(kind): return kind.opName
    }
  }
}

/// The rule families, one file each per target (`grammars/rules/<target>/<family>.rules`).
public enum RuleFamily: String, CaseIterable, Hashable, Sendable {
  case math
  case atomics
  case sync
  case warp
  case specialRegisters = "special-registers"
  case hostRuntime = "host-runtime"
  case hostTypes = "host-types"
  case hostEnums = "host-enums"
  case includes
  /// Any other KIR op (printf, trap, arithmetic).
  case misc

  /// The family a subject belongs to.
  public init(subject: RuleSubject) {
    switch subject {
    case let .host(kind):
      switch kind {
      case .call: self = .hostRuntime
      case .type: self = .hostTypes
      case .enumerator: self = .hostEnums
      case .include: self = .includes
      }
    case let .op(opcode):
      switch opcode {
      case .mathCall: self = .math
      case .atomic: self = .atomics
      case .syncthreads, .syncthreadsCount, .syncthreadsAnd, .syncthreadsOr, .syncwarp,
        .threadfence:
        self = .sync
      case .shuffle, .vote, .ballot, .activemask: self = .warp
      case .threadId, .blockId, .blockDim, .gridDim, .clock: self = .specialRegisters
      default: self = .misc
      }
    }
  }

  /// A heading for the support matrix.
  public var title: String {
    switch self {
    case .math: return "Math functions"
    case .atomics: return "Atomics"
    case .sync: return "Synchronisation"
    case .warp: return "Warp operations"
    case .specialRegisters: return "Special registers"
    case .hostRuntime: return "Host runtime API"
    case .hostTypes: return "Host types"
    case .hostEnums: return "Host enumerators"
    case .includes: return "Includes"
    case .misc: return "Other device operations"
    }
  }
}

/// The construct a rule matches: subject, optional key, result type and address space.
/// A missing key, type or space matches any.
public struct RulePattern: Hashable, Sendable, CustomStringConvertible {
  public var subject: RuleSubject
  /// The op's positional attribute (math function, atomic operation, dim, scope…) or the host
  /// name.
  public var key: String?
  /// The result type (for atomics and math calls, the value type).
  public var type: IRType?
  /// The address space of the op's pointer operand (`space:` field).
  public var space: AddressSpace?

  /// Creates a pattern.
  public init(
    subject: RuleSubject, key: String? = nil, type: IRType? = nil, space: AddressSpace? = nil
  ) {
    self.subject = subject
    self.key = key
    self.type = type
    self.space = space
  }

  /// Whether the pattern matches a use with these properties.
  public func matches(key: String?, type: IRType?, space: AddressSpace?) -> Bool {
    if let own = self.key, own != key { return false }
    if let own = self.type, own != type { return false }
    if let own = self.space, own != space { return false }
    return true
  }

  /// How specific the pattern is: a key counts most, then an address space (which changes the
  /// lowering strategy, e.g. shared-memory atomics), then a type.
  public var specificity: Int {
    (key == nil ? 0 : 4) + (space == nil ? 0 : 2) + (type == nil ? 0 : 1)
  }

  /// The `match:` text (plus ` in SPACE` when a space is given), for listings.
  public var description: String {
    var text = subject.description
    if let key { text += " \(key)" }
    if let type { text += " : \(type)" }
    if let space { text += " in \(space.rawValue)" }
    return text
  }
}

/// One validated rule.
public struct Rule: Hashable, Sendable {
  /// UpperCamel name, unique per target.
  public var name: String
  public var target: RuleTarget
  public var family: RuleFamily
  public var status: RuleStatus
  /// Where the fact comes from (a targets.md section, a vendor header).
  public var provenance: String
  public var pattern: RulePattern
  /// The emit template; nil for unsupported rules.
  public var template: Template?
  /// Why the rule is partial, unsupported or deprecated; nil for supported rules.
  public var reason: String?
  /// Breaks ties between rules with the same pattern; higher wins. Default 0.
  public var priority: Int
  /// The `//` comment lines right above the rule, joined with spaces.
  public var summary: String
  /// The position of the rule's name.
  public var location: Location
  /// Whether the rule comes from a user file (`--rules`) rather than the bundled tables.
  public var isUserRule: Bool

  /// Creates a rule.
  public init(
    name: String, target: RuleTarget, family: RuleFamily, status: RuleStatus, provenance: String,
    pattern: RulePattern, template: Template?, reason: String?, priority: Int = 0,
    summary: String = "", location: Location = .unknown, isUserRule: Bool = false
  ) {
    self.name = name
    self.target = target
    self.family = family
    self.status = status
    self.provenance = provenance
    self.pattern = pattern
    self.template = template
    self.reason = reason
    self.priority = priority
    self.summary = summary
    self.location = location
    self.isUserRule = isUserRule
  }
}
