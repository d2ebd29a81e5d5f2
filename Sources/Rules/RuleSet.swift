// A loaded set of rules for all targets: loading from text with the checks across rules
// (duplicate names per target, overlapping patterns without a distinguishing priority), user
// files that extend or override the bundled tables, and lookup, most specific rule first.
import KIR

/// The text of one rule file and where it came from.
public struct RuleSource: Sendable {
  /// The path, used in diagnostics and to infer the target (its folder) and family (its name).
  public var path: String
  public var text: String
  /// Whether the user gave the file (`--rules`): its rules replace bundled rules of the same name.
  public var isUser: Bool

  /// Creates a source.
  public init(path: String, text: String, isUser: Bool = false) {
    self.path = path
    self.text = text
    self.isUser = isUser
  }

  /// The target and family implied by the path.
  var context: RuleFileContext {
    let components = path.split(separator: "/").map(String.init)
    let fileName = components.last ?? path
    let stem = fileName.hasSuffix(".rules") ? String(fileName.dropLast(6)) : fileName
    let folder = components.count > 1 ? components[components.count - 2] : ""
    return RuleFileContext(
      directoryTarget: RuleTarget(rawValue: folder), fileFamily: RuleFamily(rawValue: stem), isUser: isUser)
  }
}

/// Validated rules of every target, with lookup.
public struct RuleSet: Sendable {
  /// Every rule, bundled rules first, in file order.
  public private(set) var rules: [Rule]

  /// Creates a rule set from rules that are already validated.
  public init(rules: [Rule]) { self.rules = rules }

  /// Loads and validates `sources` in order (bundled files before user files).
  ///
  /// A user rule with the name of a bundled rule of its target replaces it; a new name adds a
  /// rule. Rules with errors are left out of the set.
  /// - Returns: the rules that passed, and every problem found, in file order.
  public static func load(_ sources: [RuleSource]) -> (RuleSet, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var rules: [Rule] = []
    for source in sources {
      let parsed = RuleFileParser.parse(source.text, path: source.path)
      diagnostics += parsed.diagnostics
      var validator = RuleValidator(path: source.path, context: source.context)
      for raw in parsed.rules {
        guard let rule = validator.validate(raw) else { continue }
        if let index = rules.firstIndex(where: { $0.name == rule.name && $0.target == rule.target }) {
          let earlier = rules[index]
          if rule.isUserRule && !earlier.isUserRule {
            rules[index] = rule
            continue
          }
          diagnostics.append(
            Diagnostic(
              .error, .rulesDuplicateName,
              "duplicate rule name '\(rule.name)' for target \(rule.target.rawValue)", at: rule.location,
              length: rule.name.count, notes: [.note("'\(rule.name)' is first defined here", at: earlier.location)]))
          continue
        }
        rules.append(rule)
      }
      diagnostics += validator.diagnostics
    }
    diagnostics += overlaps(in: rules)
    let overlapping = Set(
      diagnostics.filter { $0.id == .rulesOverlap }.map(\.location))
    rules.removeAll { overlapping.contains($0.location) }
    return (RuleSet(rules: rules), diagnostics.sorted(by: isEarlier))
  }

  /// One diagnostic per rule whose target, pattern and priority equal an earlier rule's.
  static func overlaps(in rules: [Rule]) -> [Diagnostic] {
    struct Key: Hashable {
      var target: RuleTarget
      var pattern: RulePattern
      var priority: Int
    }
    var first: [Key: Rule] = [:]
    var diagnostics: [Diagnostic] = []
    for rule in rules {
      let key = Key(target: rule.target, pattern: rule.pattern, priority: rule.priority)
      guard let earlier = first[key] else {
        first[key] = rule
        continue
      }
      diagnostics.append(
        Diagnostic(
          .error, .rulesOverlap,
          "rule '\(rule.name)' overlaps '\(earlier.name)': both match '\(rule.pattern)' on \(rule.target.rawValue) with priority \(rule.priority)",
          at: rule.location, length: rule.name.count,
          notes: [.note("'\(earlier.name)' is defined here; give one a higher 'priority:'", at: earlier.location)]))
    }
    return diagnostics
  }

  private static func isEarlier(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
    guard let x = a.location.filePosition, let y = b.location.filePosition else {
      return a.location.filePosition == nil && b.location.filePosition != nil
    }
    return (x.path, x.line, x.column) < (y.path, y.line, y.column)
  }

  /// The rules of `target` matching a KIR op, most specific first: a key before none, then an
  /// address space before none, then a type before none; among equals, higher priority first.
  ///
  /// - Parameters:
  ///   - key: the op's positional attribute (math function, atomic operation, dim, scope…).
  ///   - type: the op's result type.
  ///   - space: the address space of the op's pointer operand, for atomics.
  public func rules(
    target: RuleTarget, op: Opcode, key: String?, type: IRType?, space: AddressSpace? = nil
  ) -> [Rule] {
    ordered(
      rules.filter {
        $0.target == target && $0.pattern.subject == .op(op)
          && $0.pattern.matches(key: key, type: type, space: space)
      })
  }

  /// The best rule of `target` for a KIR op (see `rules(target:op:key:type:space:)`), if any.
  public func rule(
    target: RuleTarget, op: Opcode, key: String?, type: IRType?, space: AddressSpace? = nil
  ) -> Rule? {
    rules(target: target, op: op, key: key, type: type, space: space).first
  }

  /// The best rule of `target` for a host construct named `name`, if any.
  public func hostRule(target: RuleTarget, kind: HostRuleKind, name: String) -> Rule? {
    ordered(
      rules.filter {
        $0.target == target && $0.pattern.subject == .host(kind) && $0.pattern.key == name
      }
    ).first
  }

  /// The rule of `target` named `name`, if any.
  public func rule(named name: String, target: RuleTarget) -> Rule? {
    rules.first { $0.name == name && $0.target == target }
  }

  /// The rules of one target, in file order.
  public func rules(for target: RuleTarget) -> [Rule] { rules.filter { $0.target == target } }

  private func ordered(_ candidates: [Rule]) -> [Rule] {
    candidates.sorted { a, b in
      if a.pattern.specificity != b.pattern.specificity {
        return a.pattern.specificity > b.pattern.specificity
      }
      if a.priority != b.priority { return a.priority > b.priority }
      return a.name < b.name
    }
  }
}
