// What a pass is: static metadata (name, summary, options) kept apart from the body, as MLIR's
// Passes.td does, and the protocol every pass conforms to.

import KIR

/// The kind of value a pass option takes.
public enum PassOptionKind: Hashable, Sendable {
  case bool
  case int(range: ClosedRange<Int64>)
  case choice([String])

  /// How the kind is written in help text: `bool`, `int in 1...64`, `one of a|b`.
  public var description: String {
    switch self {
    case .bool: return "true|false"
    case let .int(range): return "integer in \(range.lowerBound)...\(range.upperBound)"
    case let .choice(values): return values.joined(separator: "|")
    }
  }
}

/// One option a pass takes in a pipeline string: `name{option=value}`.
public struct PassOptionInfo: Hashable, Sendable {
  /// The `target` option of the passes that write a target's ops (none: the pass does nothing).
  static func targetChoice(ops: String) -> PassOptionInfo {
    PassOptionInfo("target", .choice(["none", "bang", "ascendc"]), default: "none", "The target whose \(ops) ops to use (none: the pass does nothing).")
  }

  public let name: String
  public let kind: PassOptionKind
  /// The default, spelled as it is written in a pipeline string.
  public let defaultValue: String
  public let summary: String

  public init(_ name: String, _ kind: PassOptionKind, default defaultValue: String, _ summary: String) {
    self.name = name
    self.kind = kind
    self.defaultValue = defaultValue
    self.summary = summary
  }

  /// Whether `text` is a valid value of this option.
  public func admits(_ text: String) -> Bool {
    switch kind {
    case .bool: return text == "true" || text == "false"
    case let .int(range): return Int64(text).map(range.contains) ?? false
    case let .choice(values): return values.contains(text)
    }
  }
}

/// The group a pass is listed under in the registry and in `kport passes`.
public enum PassGroup: String, Hashable, Sendable, CaseIterable {
  /// IR → IR cleanups valid at every level.
  case transform
  /// Rewrites from one IR level to the next.
  case lowering
}

/// The static facts about a pass.
public struct PassInfo: Hashable, Sendable {
  /// The kebab-case name used in pipeline strings and IR dump banners.
  public let name: String
  public let group: PassGroup
  /// One line saying what the pass does.
  public let summary: String
  public let options: [PassOptionInfo]

  public init(name: String, group: PassGroup, summary: String, options: [PassOptionInfo] = []) {
    self.name = name
    self.group = group
    self.summary = summary
    self.options = options
  }

  /// The option named `name`, if the pass has one.
  public func option(named name: String) -> PassOptionInfo? { options.first { $0.name == name } }
}

/// The option values of one pass instance, every option present (defaults filled in).
public struct PassOptions: Hashable, Sendable {
  /// Option name → value text, already checked against the pass's `PassOptionInfo`s.
  public private(set) var values: [String: String]

  public init(_ values: [String: String]) { self.values = values }

  /// The value of a `bool` option.
  public func bool(_ name: String) -> Bool { values[name] == "true" }

  /// The value of an `int` option, 0 when absent.
  public func int(_ name: String) -> Int64 { values[name].flatMap { Int64($0) } ?? 0 }

  /// The value of a `choice` option, "" when absent.
  public func choice(_ name: String) -> String { values[name] ?? "" }
}

/// A module-to-module rewrite.
///
/// A pass reads and rewrites the module in place and reports what it did through the context:
/// diagnostics for what it cannot handle, statistics, and whether it changed anything.
public protocol Pass: SendableMetatype {
  /// The pass's name, group, summary and options.
  static var info: PassInfo { get }

  /// Makes an instance with checked option values.
  init(options: PassOptions)

  /// Runs the pass over `module`.
  func run(on module: Module, context: PassContext)
}
