// Attribute values attached to ops, functions, parameters and host records.

/// A compile-time value attached to an op or declaration.
///
/// Text form: `42`, `-1.5`, `inf`, `nan`, `"text"`, `true`, `false`, a bare keyword (`lt`, `x`),
/// `@symbol`, a type (`type(f32)`), or `[a, b, ...]`.
public indirect enum Attribute: Hashable, Sendable, CustomStringConvertible {
  case int(Int64)
  case float(Double)
  case string(String)
  case bool(Bool)
  /// A bare identifier from a small closed set (`lt`, `x`, `add`, `device`).
  case keyword(String)
  case symbol(String)
  case type(IRType)
  case array([Attribute])

  public var intValue: Int64? { if case let .int(v) = self { return v } else { return nil } }
  public var floatValue: Double? {
    switch self {
    case let .float(v): return v
    case let .int(v): return Double(v)
    default: return nil
    }
  }
  public var stringValue: String? { if case let .string(v) = self { return v } else { return nil } }
  public var keywordValue: String? { if case let .keyword(v) = self { return v } else { return nil } }
  public var symbolValue: String? { if case let .symbol(v) = self { return v } else { return nil } }
  public var boolValue: Bool? { if case let .bool(v) = self { return v } else { return nil } }
  public var arrayValue: [Attribute]? { if case let .array(v) = self { return v } else { return nil } }

  public var description: String {
    switch self {
    case let .int(v): return String(v)
    case let .float(v): return formatFloat(v)
    case let .string(v): return quoted(v)
    case let .bool(v): return v ? "true" : "false"
    case let .keyword(v): return v
    case let .symbol(v): return "@" + IRType.symbolText(v)
    case let .type(t): return "type(\(t))"
    case let .array(items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
    }
  }
}

/// A float in the shortest form that reads back to the same `Double`, always with a `.`, an
/// exponent, or one of `inf`, `-inf`, `nan`, so that it never reads back as an integer.
public func formatFloat(_ value: Double) -> String {
  if value.isNaN { return "nan" }
  if value.isInfinite { return value < 0 ? "-inf" : "inf" }
  let text = value.description
  if text.contains(".") || text.contains("e") { return text }
  return text + ".0"
}
