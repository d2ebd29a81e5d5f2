// Launch specs: which kernel to run, on what grid, with which arguments. The same flags are
// accepted on the command line (`kport run FILE.cu --kernel k --grid 4 --block 256 --arg n=1024
// --arg x=f32[n]:rand(1)`), in `// kport-launch NAME: ...` comment lines of the .cu file, and in a
// sidecar file. The grammar is grammars/launch-spec.ebnf.

/// An element type of a buffer argument.
public enum ElementType: String, CaseIterable, Sendable {
  case f16, bf16, f32, f64, i8, i16, i32, i64, u8, u16, u32, u64

  /// Size of one element in bytes.
  public var byteSize: Int {
    switch self {
    case .i8, .u8: return 1
    case .f16, .bf16, .i16, .u16: return 2
    case .f32, .i32, .u32: return 4
    case .f64, .i64, .u64: return 8
    }
  }

  public var isFloat: Bool { self == .f16 || self == .bf16 || self == .f32 || self == .f64 }
}

/// How a buffer is filled before the launch.
public enum BufferInitializer: Hashable, Sendable {
  case zeros, ones, iota
  case constant(Double)
  /// Uniform in [low, high); integer types get integers in [low, high).
  case uniform(seed: UInt64, low: Double, high: Double)
  /// Standard normal (Box-Muller).
  case normal(seed: UInt64)
  /// The contents of a .npy file or a raw little-endian file.
  case file(String)
}

/// A buffer argument: element type, length expression over the scalar args, initializer.
public struct BufferSpec: Hashable, Sendable {
  public var type: ElementType
  public var length: LengthExpression
  public var initializer: BufferInitializer
}

/// The value of one `--arg`.
public enum ArgumentSpec: Hashable, Sendable {
  /// A literal as written (`1024`, `0.5`, `1e-5`, `true`).
  case scalar(String)
  case buffer(BufferSpec)
  /// A struct or vector passed by value: its fields in order (`{0.1,2,3}`).
  case aggregate([String])
}

/// One named launch.
public struct LaunchSpec: Hashable, Sendable {
  public var name: String
  public var kernel: String?
  public var grid: [Int] = []
  public var block: [Int] = []
  public var sharedBytes: Int = 0
  public var seed: UInt64 = 0
  /// `--arg NAME=VALUE` in order.
  public var arguments: [(name: String, value: ArgumentSpec)] = []
  /// `--symbol NAME=BUFFER`: module globals filled before the launch.
  public var symbols: [(name: String, value: BufferSpec)] = []

  public init(name: String) { self.name = name }

  public static func == (lhs: LaunchSpec, rhs: LaunchSpec) -> Bool {
    lhs.name == rhs.name && lhs.kernel == rhs.kernel && lhs.grid == rhs.grid && lhs.block == rhs.block
      && lhs.sharedBytes == rhs.sharedBytes && lhs.seed == rhs.seed
      && lhs.arguments.map(\.name) == rhs.arguments.map(\.name)
      && lhs.arguments.map(\.value) == rhs.arguments.map(\.value)
      && lhs.symbols.map(\.name) == rhs.symbols.map(\.name) && lhs.symbols.map(\.value) == rhs.symbols.map(\.value)
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(name)
    hasher.combine(kernel)
  }

  /// The scalar arguments that parse as integers, for length expressions.
  public var integerScalars: [String: Int] {
    var out: [String: Int] = [:]
    for (name, value) in arguments {
      if case let .scalar(text) = value, let number = Int(text) { out[name] = number }
    }
    return out
  }
}

/// A problem with a launch spec, with where it came from.
public struct LaunchSpecError: Error, CustomStringConvertible, Sendable {
  public var message: String
  public var line: Int?
  public var description: String { message }
  public init(_ message: String, line: Int? = nil) {
    self.message = message
    self.line = line
  }
}

extension LaunchSpec {
  /// Applies flags (already split into words) to this spec.
  public mutating func apply(flags words: [String]) throws {
    var index = 0
    func value(_ flag: String) throws -> String {
      guard index + 1 < words.count else { throw LaunchSpecError("'\(flag)' needs a value") }
      index += 1
      return words[index]
    }
    while index < words.count {
      var flag = words[index]
      var inline: String?
      if flag.hasPrefix("--"), let equals = flag.firstIndex(of: "="), !["--arg", "--symbol"].contains(String(flag[..<equals])) {
        inline = String(flag[flag.index(after: equals)...])
        flag = String(flag[..<equals])
      }
      let known = ["--kernel", "--grid", "--block", "--shared", "--seed", "--arg", "--symbol"]
      guard known.contains(flag) else { throw LaunchSpecError("unknown launch flag '\(words[index])'") }
      let argument = try inline ?? value(flag)
      switch flag {
      case "--kernel": kernel = argument
      case "--grid": grid = try dimensions(argument, flag: flag)
      case "--block": block = try dimensions(argument, flag: flag)
      case "--shared":
        guard let bytes = Int(argument), bytes >= 0 else { throw LaunchSpecError("--shared needs a byte count, got '\(argument)'") }
        sharedBytes = bytes
      case "--seed":
        guard let number = UInt64(argument) else { throw LaunchSpecError("--seed needs a non-negative integer, got '\(argument)'") }
        seed = number
      case "--arg":
        let (name, text) = try assignment(argument, flag: flag)
        arguments.removeAll { $0.name == name }
        arguments.append((name, try parseArgument(text)))
      case "--symbol":
        let (name, text) = try assignment(argument, flag: flag)
        guard case let .buffer(buffer) = try parseArgument(text) else {
          throw LaunchSpecError("--symbol \(name) needs a buffer TYPE[LEN]:INIT")
        }
        symbols.removeAll { $0.name == name }
        symbols.append((name, buffer))
      default:
        throw LaunchSpecError("unknown launch flag '\(words[index])'")
      }
      index += 1
    }
  }

  private func dimensions(_ text: String, flag: String) throws -> [Int] {
    let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingWhitespace()) }
    guard (1...3).contains(parts.count), parts.allSatisfy({ ($0 ?? 0) > 0 }) else {
      throw LaunchSpecError("\(flag) needs X[,Y[,Z]] with positive integers, got '\(text)'")
    }
    return parts.map { $0 ?? 1 }
  }

  private func assignment(_ text: String, flag: String) throws -> (String, String) {
    guard let equals = text.firstIndex(of: "=") else { throw LaunchSpecError("\(flag) needs NAME=VALUE, got '\(text)'") }
    let name = String(text[..<equals]).trimmingWhitespace()
    guard !name.isEmpty else { throw LaunchSpecError("\(flag) needs NAME=VALUE, got '\(text)'") }
    return (name, String(text[text.index(after: equals)...]).trimmingWhitespace())
  }
}

extension StringProtocol {
  func trimmingWhitespace() -> String {
    var text = Substring(self)
    while let first = text.first, first.isWhitespace { text = text.dropFirst() }
    while let last = text.last, last.isWhitespace { text = text.dropLast() }
    return String(text)
  }
}
