// Diagnostics as values: a severity, a location, a message with a stable ID, and notes.

/// How serious a diagnostic is.
public enum Severity: String, Hashable, Sendable, Comparable, CaseIterable {
  case note, remark, warning, error

  private var rank: Int {
    switch self {
    case .note: return 0
    case .remark: return 1
    case .warning: return 2
    case .error: return 3
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// One diagnostic: what is wrong, where, and notes that explain it.
public struct Diagnostic: Hashable, Sendable {
  public var severity: Severity
  public var location: Location
  /// The catalog entry; nil only for notes, which take their parent's.
  public var id: DiagnosticID?
  public var message: String
  /// The extent to underline, when known (caret at the start otherwise).
  public var length: Int
  public var notes: [Diagnostic]

  public init(
    _ severity: Severity, _ id: DiagnosticID?, _ message: String, at location: Location,
    length: Int = 1, notes: [Diagnostic] = []
  ) {
    self.severity = severity
    self.id = id
    self.message = message
    self.location = location
    self.length = max(1, length)
    self.notes = notes
  }

  /// A note to attach to a parent diagnostic.
  public static func note(_ message: String, at location: Location) -> Diagnostic {
    Diagnostic(.note, nil, message, at: location)
  }

  /// An error with catalog entry `id`.
  public static func error(_ id: DiagnosticID, _ message: String, at location: Location) -> Diagnostic {
    Diagnostic(.error, id, message, at: location)
  }

  /// A remark with catalog entry `id`: what an optimisation did or why not (shown on request).
  public static func remark(_ id: DiagnosticID, _ message: String, at location: Location) -> Diagnostic {
    Diagnostic(.remark, id, message, at: location)
  }

  /// A warning with catalog entry `id`.
  public static func warning(_ id: DiagnosticID, _ message: String, at location: Location) -> Diagnostic {
    Diagnostic(.warning, id, message, at: location)
  }
}

/// Collects diagnostics from a run, in the order they were reported.
public struct DiagnosticEngine: Sendable {
  public private(set) var diagnostics: [Diagnostic] = []

  public init() {}

  public mutating func report(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

  public mutating func report(contentsOf others: [Diagnostic]) { diagnostics += others }

  /// Whether any error was reported.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
  public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
}

/// A diagnostic can be the failure of a `Result`.
extension Diagnostic: Error {}
