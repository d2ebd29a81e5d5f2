// KIR types: scalars of each width and signedness, CUDA vector types, pointers with an address
// space, fixed-size arrays and named structs.

/// A floating-point format.
public enum FloatKind: String, CaseIterable, Hashable, Sendable {
  case f16, bf16, f32, f64

  /// Storage size in bytes.
  public var byteSize: Int {
    switch self {
    case .f16, .bf16: return 2
    case .f32: return 4
    case .f64: return 8
    }
  }
}

/// A memory space a pointer points into.
///
/// The CUDA spaces exist before target lowering; the target spaces after it. `generic` is a CUDA
/// pointer whose space is not known statically (a device-function parameter, say).
public enum AddressSpace: String, CaseIterable, Hashable, Sendable {
  // CUDA
  case global, shared, local, constant, generic
  // Cambricon MLU
  case gdram, nram, wram, sram
  // Huawei Ascend
  case gm, ub, l1

  /// Whether the space belongs to the CUDA (source) level.
  public var isCUDA: Bool {
    switch self {
    case .global, .shared, .local, .constant, .generic: return true
    case .gdram, .nram, .wram, .sram, .gm, .ub, .l1: return false
    }
  }
}

/// The type of a KIR value.
///
/// Text form: `void`, `i1`, `i8`…`i64`, `u8`…`u64`, `f16`, `bf16`, `f32`, `f64`,
/// `vec<4 x f32>`, `ptr<global, f32>`, `array<16 x f32>` (`array<? x f32>` when unsized),
/// `struct<Name>` (or `struct<"ns::Name">`).
public indirect enum IRType: Hashable, Sendable, CustomStringConvertible {
  case void
  /// `i1`: the result of comparisons and the condition of `scf.if`.
  case bool
  /// An integer of 8, 16, 32 or 64 bits.
  case int(bits: Int, signed: Bool)
  case float(FloatKind)
  /// A CUDA vector type (`float4` is `vec<4 x f32>`); members are x, y, z, w.
  case vector(element: IRType, count: Int)
  case pointer(space: AddressSpace, pointee: IRType)
  /// A fixed-size array; `count == nil` for an unsized one (`extern __shared__ float s[]`).
  case array(element: IRType, count: Int?)
  /// A struct declared at module level by name.
  case structure(String)

  public static let i8 = IRType.int(bits: 8, signed: true)
  public static let i16 = IRType.int(bits: 16, signed: true)
  public static let i32 = IRType.int(bits: 32, signed: true)
  public static let i64 = IRType.int(bits: 64, signed: true)
  public static let u8 = IRType.int(bits: 8, signed: false)
  public static let u16 = IRType.int(bits: 16, signed: false)
  public static let u32 = IRType.int(bits: 32, signed: false)
  public static let u64 = IRType.int(bits: 64, signed: false)
  public static let f16 = IRType.float(.f16)
  public static let bf16 = IRType.float(.bf16)
  public static let f32 = IRType.float(.f32)
  public static let f64 = IRType.float(.f64)

  public var isInteger: Bool { if case .int = self { return true } else { return false } }
  public var isFloat: Bool { if case .float = self { return true } else { return false } }
  public var isBool: Bool { self == .bool }
  public var isPointer: Bool { if case .pointer = self { return true } else { return false } }
  /// Integers, floats and `i1`: the operand types of arithmetic.
  public var isScalar: Bool { isInteger || isFloat || isBool }
  /// Vectors and structs: values with members.
  public var isAggregate: Bool {
    switch self {
    case .vector, .structure: return true
    default: return false
    }
  }

  /// The pointee of a pointer type.
  public var pointee: IRType? {
    if case let .pointer(_, pointee) = self { return pointee }
    return nil
  }

  /// The address space of a pointer type.
  public var addressSpace: AddressSpace? {
    if case let .pointer(space, _) = self { return space }
    return nil
  }

  /// The element type of an array or vector.
  public var elementType: IRType? {
    switch self {
    case let .array(element, _), let .vector(element, _): return element
    default: return nil
    }
  }

  /// The width in bits of an integer type (1 for `i1`).
  public var integerBits: Int? {
    switch self {
    case let .int(bits, _): return bits
    case .bool: return 1
    default: return nil
    }
  }

  /// Whether an integer type is signed.
  public var isSigned: Bool { if case .int(_, true) = self { return true } else { return false } }

  public var description: String {
    switch self {
    case .void: return "void"
    case .bool: return "i1"
    case let .int(bits, signed): return "\(signed ? "i" : "u")\(bits)"
    case let .float(kind): return kind.rawValue
    case let .vector(element, count): return "vec<\(count) x \(element)>"
    case let .pointer(space, pointee): return "ptr<\(space.rawValue), \(pointee)>"
    case let .array(element, count):
      return "array<\(count.map(String.init) ?? "?") x \(element)>"
    case let .structure(name): return "struct<\(Self.symbolText(name))>"
    }
  }

  /// A symbol name as printed: bare when it is an identifier, quoted otherwise.
  public static func symbolText(_ name: String) -> String {
    isIdentifier(name) ? name : quoted(name)
  }
}

/// Whether `text` is a bare identifier in KIR's text form: a letter or `_`, then letters,
/// digits, `_`, `.` or `$`.
public func isIdentifier(_ text: String) -> Bool {
  guard let first = text.unicodeScalars.first,
    first == "_" || (first.properties.isAlphabetic && first.isASCII)
  else { return false }
  return text.unicodeScalars.allSatisfy {
    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_.$".unicodeScalars.contains($0))
  }
}

/// A string literal in KIR's text form, with `\"`, `\\`, `\n`, `\t` and `\u{XX}` escapes.
public func quoted(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\t": out += "\\t"
    default:
      if scalar.value < 0x20 || scalar.value == 0x7F {
        out += "\\u{\(String(scalar.value, radix: 16))}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}
