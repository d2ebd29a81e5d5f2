// C expressions as text with their precedence, so that the emitter parenthesises only where C
// needs it (and where clang's -Wparentheses asks for clarity: shifts and bitwise operators).

/// C operator precedence, lowest first.
enum CPrecedence: Int, Comparable {
  case comma = 1, assignment, conditional, logicalOr, logicalAnd, bitOr, bitXor, bitAnd, equality,
    relational, shift, additive, multiplicative, unary, postfix, primary

  static func < (lhs: CPrecedence, rhs: CPrecedence) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A C expression: its text, its precedence, and its value when it is an integer literal.
struct CExpression: Hashable {
  var text: String
  var precedence: CPrecedence
  /// The value of an integer literal, for folding index arithmetic.
  var integerValue: Int64?

  init(_ text: String, _ precedence: CPrecedence = .primary, integerValue: Int64? = nil) {
    self.text = text
    self.precedence = precedence
    self.integerValue = integerValue
  }

  /// An integer literal of type `int` (index arithmetic).
  static func integer(_ value: Int64) -> CExpression {
    value < 0
      ? CExpression("\(value)", .unary, integerValue: value)
      : CExpression("\(value)", integerValue: value)
  }

  /// The text, parenthesised when its precedence is below `minimum`.
  func operand(_ minimum: CPrecedence) -> String {
    precedence < minimum ? "(\(text))" : text
  }

  /// A binary operation `lhs op rhs` at `precedence` (left-associative).
  static func binary(_ lhs: CExpression, _ op: String, _ rhs: CExpression, _ precedence: CPrecedence)
    -> CExpression
  {
    // Shifts and bitwise operators read ambiguously next to arithmetic: parenthesise their
    // operands unless they are primary or unary.
    let strict = [.shift, .bitAnd, .bitXor, .bitOr].contains(precedence)
    let left = strict && lhs.precedence < .unary && lhs.precedence != precedence
      ? "(\(lhs.text))" : lhs.operand(precedence)
    let right = strict && rhs.precedence < .unary
      ? "(\(rhs.text))" : rhs.operand(CPrecedence(rawValue: precedence.rawValue + 1) ?? .primary)
    return CExpression("\(left) \(op) \(right)", precedence)
  }

  /// `lhs + rhs` over integer indices, folding literals.
  static func add(_ lhs: CExpression?, _ rhs: CExpression) -> CExpression {
    guard let lhs else { return rhs }
    if let a = lhs.integerValue, let b = rhs.integerValue { return .integer(a + b) }
    if rhs.integerValue == 0 { return lhs }
    if lhs.integerValue == 0 { return rhs }
    return binary(lhs, "+", rhs, .additive)
  }

  /// `lhs * factor` over integer indices, folding literals.
  static func scale(_ lhs: CExpression, by factor: Int) -> CExpression {
    if factor == 1 { return lhs }
    if let a = lhs.integerValue { return .integer(a * Int64(factor)) }
    return binary(lhs, "*", .integer(Int64(factor)), .multiplicative)
  }

  /// A prefix operator applied to the expression.
  func prefixed(_ op: String) -> CExpression {
    CExpression(op + operand(.unary), .unary)
  }

  /// A function-call-like postfix expression.
  static func call(_ function: String, _ arguments: [CExpression]) -> CExpression {
    CExpression("\(function)(\(arguments.map(\.text).joined(separator: ", ")))", .postfix)
  }
}

/// A C string literal with the escapes C needs.
func cStringLiteral(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\t": out += "\\t"
    case "\r": out += "\\r"
    default:
      if scalar.value < 0x20 || scalar.value == 0x7F {
        out += String(format: "\\%03o", scalar.value)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}
