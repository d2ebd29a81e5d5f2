// The units of machine files: what each key measures (its dimension), the unit words accepted
// for it, and their scale to the base unit the loader stores (bytes, hertz, bytes per second,
// bytes per cycle, cycles, seconds, operations per second, a fraction).

/// What a machine-file value measures. Each key of the schema has exactly one dimension.
public enum Dimension: String, Hashable, Sendable, CaseIterable {
  /// A whole number without a unit (cores, clusters, repeats).
  case count
  /// A capacity or size; binary units (B, KiB, MiB, GiB). Stored in bytes.
  case bytes
  /// A clock rate (MHz, GHz). Stored in hertz.
  case frequency
  /// Off-chip bandwidth; decimal units (GB/s, TB/s). Stored in bytes per second.
  case bandwidth
  /// Bytes moved or produced per core per clock cycle (B/cycle).
  case bytesPerCycle
  /// A cost in core clock cycles (cycles).
  case cycles
  /// A cost given in cycles or in time (cycles, ns, us, ms); converted with the core clock.
  case duration
  /// A peak operation rate (GFLOP/s, TFLOP/s, GOP/s, TOP/s). Stored in operations per second.
  case rate
  /// A percentage (%), stored as a fraction in 0...1.
  case percent
  /// A word from a fixed set (the key's choices).
  case choice
  /// A list of words from a fixed set, separated by spaces.
  case choices
  /// A double-quoted string.
  case text
  /// An identifier (a machine name): letters, digits, '-', '_', '.'.
  case identifier

  /// The unit words accepted for this dimension with their scale to the base unit, in the
  /// order docs/machines.md lists them. Empty for dimensions that take no unit.
  public var units: [(word: String, scale: Double)] {
    switch self {
    case .bytes: return [("B", 1), ("KiB", 1024), ("MiB", 1024 * 1024), ("GiB", 1024 * 1024 * 1024)]
    case .frequency: return [("MHz", 1e6), ("GHz", 1e9)]
    case .bandwidth: return [("GB/s", 1e9), ("TB/s", 1e12)]
    case .bytesPerCycle: return [("B/cycle", 1)]
    case .cycles: return [("cycles", 1), ("cycle", 1)]
    case .duration: return [("cycles", 1), ("cycle", 1), ("ns", 1e-9), ("us", 1e-6), ("ms", 1e-3)]
    case .rate: return [("GFLOP/s", 1e9), ("TFLOP/s", 1e12), ("GOP/s", 1e9), ("TOP/s", 1e12)]
    case .percent: return [("%", 0.01)]
    case .count, .choice, .choices, .text, .identifier: return []
    }
  }

  /// Whether a value of this dimension is a number followed by a unit.
  public var takesUnit: Bool { !units.isEmpty }

  /// Whether a value of this dimension is numeric.
  public var isNumeric: Bool { self == .count || takesUnit }

  /// The unit words as docs/machines.md prints them ("B, KiB, MiB, GiB").
  public var unitList: String {
    var seen: [String] = []
    for unit in units where unit.word != "cycle" && !seen.contains(unit.word) { seen.append(unit.word) }
    return seen.joined(separator: ", ")
  }

  /// The scale of unit `word` for this dimension, if it is one of its units.
  public func scale(of word: String) -> Double? {
    units.first { $0.word == word }?.scale
  }
}

/// A cost that a machine file gives either in clock cycles or in time.
public enum Duration: Hashable, Sendable, CustomStringConvertible {
  case cycles(Double)
  case seconds(Double)

  /// The cost in seconds at core clock `hertz`.
  public func seconds(atClock hertz: Double) -> Double {
    switch self {
    case let .cycles(count): return hertz > 0 ? count / hertz : 0
    case let .seconds(value): return value
    }
  }

  /// The cost in cycles at core clock `hertz`.
  public func cycles(atClock hertz: Double) -> Double {
    switch self {
    case let .cycles(count): return count
    case let .seconds(value): return value * hertz
    }
  }

  public var description: String {
    switch self {
    case let .cycles(count): return "\(formatNumber(count)) cycles"
    case let .seconds(value): return "\(formatNumber(value * 1e6)) us"
    }
  }
}

/// `value` without a trailing `.0` when it is whole, else with up to 6 significant decimals.
func formatNumber(_ value: Double) -> String {
  if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
  var text = String(value)
  if text.contains("e") { return text }
  while text.hasSuffix("0") { text.removeLast() }
  if text.hasSuffix(".") { text.removeLast() }
  return text
}
