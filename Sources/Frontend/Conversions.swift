// Conversion intrinsics (`__float2half`, `__float2int_rn`, `__float_as_int`, ...) and the
// operators of the bundled `__half` / `__nv_bfloat16` classes -> casts, bitcasts and arith ops.
import CClang
import Foundation
import KIR

extension FunctionTranslator {
  /// `__X2Y[_rn|_rz|_ru|_rd]` and `__X_as_Y`, or nil for another name.
  func conversion(_ name: String, _ args: [CXCursor], _ resultType: IRType, _ cursor: CXCursor) throws -> Value? {
    guard name.hasPrefix("__"), args.count == 1 else { return nil }
    let body = name.dropFirst(2)
    let scalarNames = ["float", "double", "half", "bfloat16", "int", "uint", "ll", "ull", "short", "ushort", "longlong"]
    if body.contains("_as_") {
      let parts = body.components(separatedBy: "_as_")
      guard parts.count == 2, scalarNames.contains(parts[0]), scalarNames.contains(parts[1]) else { return nil }
      let value = try rvalue(args[0])
      builder.location = cursor.location
      return builder.value(.bitcast, [value], type: resultType)
    }
    let pieces = body.split(separator: "_", maxSplits: 1)
    let conversionName = String(pieces[0])
    let rounding = pieces.count > 1 ? String(pieces[1]) : ""
    guard let two = conversionName.firstIndex(of: "2") else { return nil }
    let from = String(conversionName[..<two])
    let to = String(conversionName[conversionName.index(after: two)...])
    guard scalarNames.contains(from), scalarNames.contains(to), ["", "rn", "rz", "ru", "rd"].contains(rounding),
      resultType.isScalar
    else { return nil }
    var value = try rvalue(args[0])
    if value.type.isFloat && resultType.isInteger && rounding != "rz" {
      let suffix = value.type == .f64 ? "" : "f"
      let function = rounding == "ru" ? "ceil" : rounding == "rd" ? "floor" : "rint"
      builder.location = cursor.location
      value = builder.value(.mathCall, [value], type: value.type, attributes: ["function": .keyword(function + suffix)])
    }
    return try convert(value, to: resultType, at: cursor)
  }

  /// `half2` / `__nv_bfloat162` packing and unpacking, or nil for another name.
  func halfPairs(_ name: String, _ args: [CXCursor], _ resultType: IRType, _ cursor: CXCursor) throws -> Value? {
    switch name {
    case "__float2half2_rn", "__half2half2", "__bfloat162bfloat162", "__float2bfloat162_rn":
      guard case let .vector(element, 2) = resultType else { return nil }
      let value = try convert(try rvalue(args[0]), to: element, at: args[0])
      builder.location = cursor.location
      return builder.value(.make, [value, value], type: resultType)
    case "__floats2half2_rn", "__halves2half2", "__floats2bfloat162_rn", "__halves2bfloat162", "make_half2",
      "make_bfloat162":
      guard case let .vector(element, 2) = resultType, args.count == 2 else { return nil }
      let low = try convert(try rvalue(args[0]), to: element, at: args[0])
      let high = try convert(try rvalue(args[1]), to: element, at: args[1])
      builder.location = cursor.location
      return builder.value(.make, [low, high], type: resultType)
    case "__half22float2", "__float22half2_rn", "__bfloat1622float2", "__float22bfloat162_rn":
      guard case let .vector(element, 2) = resultType else { return nil }
      let pair = try rvalue(args[0])
      builder.location = cursor.location
      let parts = try (0..<2).map { index -> Value in
        let part = builder.value(.extract, [pair], type: pair.type.elementType ?? element, attributes: ["index": .int(Int64(index))])
        return try convert(part, to: element, at: cursor)
      }
      builder.location = cursor.location
      return builder.value(.make, parts, type: resultType)
    case "__low2half", "__high2half", "__low2float", "__high2float", "__low2bfloat16", "__high2bfloat16":
      let pair = try rvalue(args[0])
      builder.location = cursor.location
      let part = builder.value(
        .extract, [pair], type: pair.type.elementType ?? resultType,
        attributes: ["index": .int(name.hasPrefix("__low") ? 0 : 1)])
      return try convert(part, to: resultType, at: cursor)
    default:
      return nil
    }
  }

  /// An operator of a bundled class (`__half + __half`, `h += x`, `(float)h`).
  func operatorCall(_ name: String, _ cursor: CXCursor, callee: CXCursor) throws -> Value? {
    var operandCursors = arguments(of: cursor)
    if callee.kind == CXCursor_CXXMethod || callee.kind == CXCursor_ConversionFunction,
      let member = memberCallee(of: cursor), let object = member.children.first
    {
      operandCursors.insert(object, at: 0)
    }
    let symbol = String(name.dropFirst("operator".count)).trimmingCharacters(in: .whitespaces)
    let resultType = try owner.irType(cursor.type, at: cursor)
    if callee.kind == CXCursor_ConversionFunction, let object = operandCursors.first {
      return try convert(try rvalue(object), to: resultType, at: cursor)
    }
    let binary: [String: CXBinaryOperatorKind] = [
      "+": CXBinaryOperator_Add, "-": CXBinaryOperator_Sub, "*": CXBinaryOperator_Mul, "/": CXBinaryOperator_Div,
      "==": CXBinaryOperator_EQ, "!=": CXBinaryOperator_NE, "<": CXBinaryOperator_LT, "<=": CXBinaryOperator_LE,
      ">": CXBinaryOperator_GT, ">=": CXBinaryOperator_GE,
    ]
    if operandCursors.count == 2, let kind = binary[symbol] {
      let lhs = try rvalue(operandCursors[0])
      let rhs = try convert(try rvalue(operandCursors[1]), to: lhs.type, at: operandCursors[1])
      return try arithmetic(kind, lhs, rhs, resultCType: cursor.type, at: cursor)
    }
    if operandCursors.count == 2, symbol.hasSuffix("="), let kind = binary[String(symbol.dropLast())] {
      let address = try lvalue(operandCursors[0])
      let old = try load(address, at: cursor)
      let rhs = try convert(try rvalue(operandCursors[1]), to: old.type, at: operandCursors[1])
      let updated = try arithmetic(kind, old, rhs, resultCType: operandCursors[0].type.nonReference, at: cursor)
      builder.location = cursor.location
      builder.create(.store, [updated, address])
      return updated
    }
    if operandCursors.count == 2, symbol == "=" {
      let address = try lvalue(operandCursors[0])
      let value = try convert(try rvalue(operandCursors[1]), to: address.type.pointee ?? .void, at: cursor)
      builder.location = cursor.location
      builder.create(.store, [value, address])
      return value
    }
    if operandCursors.count == 1, symbol == "-" {
      let value = try rvalue(operandCursors[0])
      builder.location = cursor.location
      return builder.value(.neg, [value], type: value.type)
    }
    throw LoweringFailure(.unsupportedConstruct, "operator '\(symbol)' of '\(callee.semanticParent.spelling)' cannot be translated", at: cursor)
  }
}
