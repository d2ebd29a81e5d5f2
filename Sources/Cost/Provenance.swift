// Where a machine figure comes from: the mark of its trailing comment (`// [src] …`) and the
// source text. Marks follow /work/shared/docs/targets.md: src, derived, uncertain, plus
// estimate for a figure no source gives.

/// How far a machine figure can be trusted.
public enum Confidence: String, Hashable, Sendable, CaseIterable, Comparable {
  /// Read directly in the cited source.
  case src
  /// Computed from cited numbers.
  case derived
  /// From a secondary source, memory, or conflicting sources (targets.md's [uncertain]), or a
  /// source figure applied to a chip it was not given for.
  case uncertain
  /// No source gives it: kport's estimate, with the reasoning.
  case estimate

  /// Whether the figure needs a check on real hardware before anyone relies on it.
  public var isUncertain: Bool { self == .uncertain || self == .estimate }

  private var rank: Int {
    switch self {
    case .src: return 0
    case .derived: return 1
    case .uncertain: return 2
    case .estimate: return 3
    }
  }

  public static func < (lhs: Confidence, rhs: Confidence) -> Bool { lhs.rank < rhs.rank }
}

/// The source of one figure, and the file and line that gave it.
public struct Provenance: Hashable, Sendable {
  public var confidence: Confidence
  /// The comment text after the mark: the source, and for uncertain figures why.
  public var source: String
  /// `path:line` of the entry.
  public var origin: String

  public init(confidence: Confidence, source: String, origin: String) {
    self.confidence = confidence
    self.source = source
    self.origin = origin
  }
}
