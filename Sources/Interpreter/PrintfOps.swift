// `cuda.printf`: device printf. The format is parsed once; each active lane prints in lane
// order into the block's output, which the launch concatenates in block order. Conversions:
// d i u o x X c s p f F e E g G a A and %%, with flags, width, precision (also `*`) and the
// length modifiers hh h l ll z j t (integers are cut to the length's width, as C does).

import Foundation
import KIR

/// One piece of a printf format.
enum PrintfPiece {
  case text(String)
  /// A conversion: its spec without length modifier and conversion, its integer width in
  /// bytes (from the length modifier), the conversion character, and how many arguments `*`
  /// fields take before the value.
  case conversion(spec: String, integerBytes: Int, conversion: Character, starArguments: Int)
}

extension FunctionCompiler {
  mutating func compilePrintf(_ op: Operation) throws -> Step? {
    guard let format = op.attributes["format"]?.stringValue else {
      throw unsupported(op, "without a format")
    }
    let pieces = Printf.parse(format)
    var arguments: [(register: Int, kind: ScalarKind)] = []
    for operand in op.operands {
      for (register, kind) in zip(
        try registers(operand, at: op), try leafKinds(of: operand, at: op))
      {
        arguments.append((register, kind))
      }
    }
    let body: OpBody = { context in
      context.state.pointee.active.forEach { lane in
        context.blockOutput += Printf.render(
          pieces, arguments: arguments, lane: lane, context: context)
      }
    }
    return .op(body, meta(op, .other))
  }
}

/// Parsing and rendering of printf formats.
enum Printf {
  static func parse(_ format: String) -> [PrintfPiece] {
    var pieces: [PrintfPiece] = []
    var text = ""
    var characters = Array(format)[...]
    while let character = characters.popFirst() {
      guard character == "%" else {
        text.append(character)
        continue
      }
      if characters.first == "%" {
        characters.removeFirst()
        text.append("%")
        continue
      }
      var spec = "%"
      var stars = 0
      while let next = characters.first, "-+ #0123456789.*".contains(next) {
        if next == "*" { stars += 1 }
        spec.append(next)
        characters.removeFirst()
      }
      var length = ""
      while let next = characters.first, "hlLqjzt".contains(next) {
        length.append(next)
        characters.removeFirst()
      }
      guard let conversion = characters.popFirst() else {
        text += spec + length
        break
      }
      if !text.isEmpty { pieces.append(.text(text)) }
      text = ""
      let bytes: Int
      switch length {
      case "hh": bytes = 1
      case "h": bytes = 2
      case "l", "ll", "q", "j", "z", "t", "L": bytes = 8
      default: bytes = 4
      }
      pieces.append(
        .conversion(spec: spec, integerBytes: bytes, conversion: conversion, starArguments: stars))
    }
    if !text.isEmpty { pieces.append(.text(text)) }
    return pieces
  }

  static func render(
    _ pieces: [PrintfPiece], arguments: [(register: Int, kind: ScalarKind)], lane: Int,
    context: ExecutionContext
  ) -> String {
    var output = ""
    var next = 0
    func argument() -> (bits: UInt64, kind: ScalarKind)? {
      guard next < arguments.count else { return nil }
      let (register, kind) = arguments[next]
      next += 1
      return (
        ScalarBits.read(kind, from: context.rawRegister(register) + lane * kind.byteSize), kind
      )
    }
    for piece in pieces {
      switch piece {
      case .text(let text): output += text
      case .conversion(let spec, let integerBytes, let conversion, let starArguments):
        var resolved = spec
        for _ in 0..<starArguments {
          let value = argument().map { ScalarBits.toInteger($0.bits, kind: $0.kind) } ?? 0
          if let star = resolved.firstIndex(of: "*") {
            resolved.replaceSubrange(star...star, with: String(value))
          }
        }
        guard let (bits, kind) = argument() else {
          output += "<missing>"
          continue
        }
        output += convert(resolved, integerBytes, conversion, bits, kind, context)
      }
    }
    return output
  }

  private static func convert(
    _ spec: String, _ integerBytes: Int, _ conversion: Character, _ bits: UInt64,
    _ kind: ScalarKind, _ context: ExecutionContext
  ) -> String {
    switch conversion {
    case "d", "i":
      let value = ScalarBits.toSigned(
        kind.isFloat ? UInt64(bitPattern: ScalarBits.toInteger(bits, kind: kind)) : bits,
        kind: ScalarKind.i8.sized(integerBytes))
      return String(format: spec + "lld", value)
    case "u", "o", "x", "X":
      let raw = kind.isFloat ? UInt64(bitPattern: ScalarBits.toInteger(bits, kind: kind)) : bits
      let value = ScalarBits.truncate(raw, kind: ScalarKind.u8.sized(integerBytes))
      return String(format: spec + "ll" + String(conversion), value)
    case "c":
      return String(UnicodeScalar(UInt8(truncatingIfNeeded: bits)))
    case "p":
      return "0x" + String(bits, radix: 16)
    case "s":
      return cString(at: bits, context)
    case "f", "F", "e", "E", "g", "G", "a", "A":
      let value =
        kind.isFloat ? ScalarBits.toDouble(bits, kind: kind) : ScalarBits.toDouble(bits, kind: kind)
      return String(format: spec + String(conversion), value)
    default:
      return spec + String(conversion)
    }
  }

  /// The NUL-terminated string at `address` (at most 4096 bytes, within its allocation).
  private static func cString(at address: UInt64, _ context: ExecutionContext) -> String {
    let region = context.resolve(Address.id(address))
    let offset = Address.offset(address)
    guard let base = region.base, offset >= 0, offset < region.byteCount else { return "(null)" }
    var bytes: [UInt8] = []
    var position = offset
    while position < region.byteCount, bytes.count < 4096 {
      let byte = base.load(fromByteOffset: position, as: UInt8.self)
      if byte == 0 { break }
      bytes.append(byte)
      position += 1
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
