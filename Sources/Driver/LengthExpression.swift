// Length expressions of buffer arguments: integers, scalar-argument names, + - * / % and
// parentheses, with C's integer division (`f32[planes*(H/2)*(W/2)]`).

/// An integer expression over the scalar arguments of a launch.
public indirect enum LengthExpression: Hashable, Sendable, CustomStringConvertible {
  case number(Int)
  case name(String)
  case negate(LengthExpression)
  case binary(Character, LengthExpression, LengthExpression)

  /// Parses `text`; throws a LaunchSpecError naming what was expected.
  public static func parse(_ text: String) throws -> LengthExpression {
    var parser = Parser(characters: Array(text))
    let expression = try parser.sum()
    parser.skipSpaces()
    guard parser.position == parser.characters.count else {
      throw LaunchSpecError("unexpected '\(String(parser.characters[parser.position...]))' in length '\(text)'")
    }
    return expression
  }

  /// The value with the given scalar arguments; throws for unknown names and division by zero.
  public func evaluate(_ scalars: [String: Int]) throws -> Int {
    switch self {
    case let .number(value): return value
    case let .name(name):
      guard let value = scalars[name] else {
        throw LaunchSpecError("length uses '\(name)', which is not an integer scalar argument")
      }
      return value
    case let .negate(inner): return -(try inner.evaluate(scalars))
    case let .binary(op, lhs, rhs):
      let a = try lhs.evaluate(scalars)
      let b = try rhs.evaluate(scalars)
      switch op {
      case "+": return a &+ b
      case "-": return a &- b
      case "*": return a &* b
      default:
        guard b != 0 else { throw LaunchSpecError("division by zero in length '\(self)'") }
        return op == "/" ? a / b : a % b
      }
    }
  }

  public var description: String {
    switch self {
    case let .number(value): return String(value)
    case let .name(name): return name
    case let .negate(inner): return "-\(inner)"
    case let .binary(op, lhs, rhs): return "(\(lhs)\(op)\(rhs))"
    }
  }

  private struct Parser {
    let characters: [Character]
    var position = 0

    mutating func skipSpaces() {
      while position < characters.count, characters[position].isWhitespace { position += 1 }
    }

    mutating func sum() throws -> LengthExpression {
      var value = try product()
      while true {
        skipSpaces()
        guard position < characters.count, "+-".contains(characters[position]) else { return value }
        let op = characters[position]
        position += 1
        value = .binary(op, value, try product())
      }
    }

    mutating func product() throws -> LengthExpression {
      var value = try factor()
      while true {
        skipSpaces()
        guard position < characters.count, "*/%".contains(characters[position]) else { return value }
        let op = characters[position]
        position += 1
        value = .binary(op, value, try factor())
      }
    }

    mutating func factor() throws -> LengthExpression {
      skipSpaces()
      guard position < characters.count else { throw LaunchSpecError("length expression ends too early") }
      let character = characters[position]
      if character == "(" {
        position += 1
        let inner = try sum()
        skipSpaces()
        guard position < characters.count, characters[position] == ")" else { throw LaunchSpecError("missing ')' in length") }
        position += 1
        return inner
      }
      if character == "-" {
        position += 1
        return .negate(try factor())
      }
      let start = position
      if character.isNumber {
        while position < characters.count, characters[position].isNumber { position += 1 }
        guard let value = Int(String(characters[start..<position])) else { throw LaunchSpecError("number too large in length") }
        return .number(value)
      }
      if character.isLetter || character == "_" {
        while position < characters.count, characters[position].isLetter || characters[position].isNumber || characters[position] == "_" {
          position += 1
        }
        return .name(String(characters[start..<position]))
      }
      throw LaunchSpecError("unexpected '\(character)' in length expression")
    }
  }
}
