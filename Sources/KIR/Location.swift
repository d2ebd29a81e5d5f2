// Source locations carried by every op, value and diagnostic.

/// Where an op or diagnostic came from.
///
/// Kinds follow MLIR: a file position from libclang, a fused location when a rewrite merges ops,
/// a name wrapped around another location, and `unknown` for ops made with no source.
public indirect enum Location: Hashable, Sendable, CustomStringConvertible {
  /// A 1-based line and column in a file.
  case file(path: String, line: Int, column: Int)
  /// Several locations merged by a rewrite; the first is the primary one.
  case fused([Location])
  /// A named location, e.g. a macro expansion or an inlined call site.
  case named(String, Location)
  /// No source position.
  case unknown

  /// The first file position inside this location, if any.
  public var filePosition: (path: String, line: Int, column: Int)? {
    switch self {
    case let .file(path, line, column): return (path, line, column)
    case let .fused(parts):
      for part in parts { if let position = part.filePosition { return position } }
      return nil
    case let .named(_, inner): return inner.filePosition
    case .unknown: return nil
    }
  }

  /// Whether the location carries no source position at all.
  public var isUnknown: Bool { filePosition == nil }

  /// The `path:line:col` form used in diagnostics, or `<unknown>`.
  public var description: String {
    guard let position = filePosition else { return "<unknown>" }
    return "\(position.path):\(position.line):\(position.column)"
  }
}
