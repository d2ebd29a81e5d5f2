// Emit templates: the text of an `emit:` field with `$` placeholders, parsed once at load time
// (so an unknown placeholder is a located load error) and expanded by `render` with the operand
// texts and the values the emitter provides. docs/rules.md documents the placeholder set.
import KIR

/// The named placeholders of emit templates. Each is provided by the emitter at render time.
public enum Placeholder: String, CaseIterable, Hashable, Sendable {
  /// All operands, joined with ", " (variadic host calls).
  case args
  /// The target spelling of the op's result type (`float`, `half`, `int32_t`).
  case type
  /// A scratch variable of the result type that the emitter declares before the statement (in
  /// NRAM on BANG); after the statement it holds the op's value.
  case tmp
  /// A one-element on-chip tensor of the result type that the emitter declares: a UB
  /// `AscendC::LocalTensor<T>` on Ascend C, an `__nram__ T[1]` array on BANG (DMA staging).
  case tmpTensor = "tmp_tensor"
  /// The thread-loop variables that simt-to-spmd materialises for threadIdx.x, .y, .z.
  case threadX = "thread_x", threadY = "thread_y", threadZ = "thread_z"
  /// The block-loop variables that distribute blockIdx.x, .y, .z over the target's cores
  /// (starting at taskId / GetBlockIdx(), stepping by taskDim / GetBlockNum()).
  case blockX = "block_x", blockY = "block_y", blockZ = "block_z"
  /// The launch's block size, passed to the kernel as extra parameters by the emitter.
  case blockDimX = "block_dim_x", blockDimY = "block_dim_y", blockDimZ = "block_dim_z"
  /// The launch's grid size, passed to the kernel as extra parameters by the emitter.
  case gridDimX = "grid_dim_x", gridDimY = "grid_dim_y", gridDimZ = "grid_dim_z"

  /// One line of documentation, for docs/rules.md and `kport rules --help`.
  public var summary: String {
    switch self {
    case .args: return "all operands, joined with `, `"
    case .type: return "the target spelling of the result type (`float`, `half`, `int32_t`)"
    case .tmp:
      return "a scratch variable of the result type the emitter declares (NRAM on BANG); "
        + "the template is then a statement and `$tmp` holds the op's value"
    case .tmpTensor:
      return "a one-element on-chip tensor of the result type (UB `LocalTensor` on Ascend C, "
        + "`__nram__` array on BANG), for DMA staging"
    case .threadX, .threadY, .threadZ: return "the thread-loop variable of that dimension"
    case .blockX, .blockY, .blockZ: return "the block-loop variable of that dimension"
    case .blockDimX, .blockDimY, .blockDimZ: return "the block size of that dimension"
    case .gridDimX, .gridDimY, .gridDimZ: return "the grid size of that dimension"
    }
  }
}

/// A parsed emit template.
public struct Template: Hashable, Sendable, CustomStringConvertible {
  /// One piece of a template.
  public enum Piece: Hashable, Sendable {
    case literal(String)
    /// `$N`, or `${N:-default}` when a default is given.
    case operand(Int, defaultText: String?)
    case named(Placeholder)
  }

  /// The template as written (without quotes, escapes decoded).
  public let text: String
  public let pieces: [Piece]
  /// The character offset in `text` where each piece starts (parallel to `pieces`).
  public let pieceOffsets: [Int]

  /// The highest operand index used, if any.
  public var highestOperand: Int? {
    pieces.compactMap { piece -> Int? in
      if case let .operand(index, nil) = piece { return index }
      return nil
    }.max()
  }

  public var description: String { text }

  /// A problem found while parsing a template: an offset into the text and a message.
  public struct ParseError: Error, Hashable, Sendable {
    /// The character offset of the `$` that starts the bad placeholder.
    public var offset: Int
    public var message: String
    /// Whether it is an unknown placeholder name (as opposed to malformed syntax).
    public var isUnknownName: Bool
  }

  /// Parses `text`.
  ///
  /// - Throws: `ParseError` for an unknown placeholder or malformed `${…}`.
  public init(parsing text: String) throws(ParseError) {
    self.text = text
    let characters = Array(text)
    var pieces: [Piece] = []
    var offsets: [Int] = []
    var literal = ""
    var literalStart = 0
    var index = 0
    func flush() {
      if !literal.isEmpty {
        pieces.append(.literal(literal))
        offsets.append(literalStart)
      }
      literal = ""
    }
    func append(_ piece: Piece, at offset: Int) {
      flush()
      pieces.append(piece)
      offsets.append(offset)
    }
    while index < characters.count {
      let character = characters[index]
      guard character == "$" else {
        if literal.isEmpty { literalStart = index }
        literal.append(character)
        index += 1
        continue
      }
      let start = index
      index += 1
      guard index < characters.count else {
        throw ParseError(
          offset: start, message: "'$' at the end of the template; write '$$' for a dollar sign",
          isUnknownName: false)
      }
      if characters[index] == "$" {
        if literal.isEmpty { literalStart = start }
        literal.append("$")
        index += 1
      } else if characters[index] == "{" {
        guard let close = characters[index...].firstIndex(of: "}") else {
          throw ParseError(offset: start, message: "'${' without a closing '}'", isUnknownName: false)
        }
        let body = String(characters[(index + 1)..<close])
        let parts = body.split(separator: ":-", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, let number = Int(parts[0]), number >= 0 else {
          throw ParseError(
            offset: start, message: "'${\(body)}' is not of the form '${N:-default}'",
            isUnknownName: false)
        }
        append(.operand(number, defaultText: String(parts[1])), at: start)
        index = close + 1
      } else if characters[index].isASCII && characters[index].isNumber {
        var end = index
        while end < characters.count && characters[end].isASCII && characters[end].isNumber {
          end += 1
        }
        append(.operand(Int(String(characters[index..<end])) ?? 0, defaultText: nil), at: start)
        index = end
      } else {
        var end = index
        while end < characters.count
          && (characters[end] == "_" || (characters[end].isASCII && characters[end].isLetter)
            || (characters[end].isASCII && characters[end].isNumber))
        {
          end += 1
        }
        let name = String(characters[index..<end])
        guard let placeholder = Placeholder(rawValue: name) else {
          let known = Placeholder.allCases.map { "$" + $0.rawValue }.joined(separator: " ")
          throw ParseError(
            offset: start,
            message: name.isEmpty
              ? "'$' must be followed by an operand number, a placeholder name or '$'"
              : "unknown placeholder '$\(name)'; known: $0…$N ${N:-default} \(known) $$",
            isUnknownName: !name.isEmpty)
        }
        append(.named(placeholder), at: start)
        index = end
      }
    }
    flush()
    self.pieces = pieces
    self.pieceOffsets = offsets
  }
}

/// What the emitter knows when it expands a template for one use of a construct.
public struct RenderContext: Sendable {
  /// The operand texts, in order. They must be free of side effects (the emitter materialises
  /// operands into named variables), since templates may use an operand twice.
  public var operands: [String]
  /// The result type, for `$type`.
  public var resultType: IRType?
  /// The scratch variable's name, for `$tmp`.
  public var temporary: String?
  /// The scratch tensor's name, for `$tmp_tensor`.
  public var temporaryTensor: String?
  /// Values of the loop and launch placeholders (`thread_x`, `grid_dim_y`…), by placeholder.
  public var values: [Placeholder: String]

  /// Creates a context.
  public init(
    operands: [String] = [], resultType: IRType? = nil, temporary: String? = nil,
    temporaryTensor: String? = nil, values: [Placeholder: String] = [:]
  ) {
    self.operands = operands
    self.resultType = resultType
    self.temporary = temporary
    self.temporaryTensor = temporaryTensor
    self.values = values
  }
}

/// Why a template could not be expanded.
public struct RenderError: Error, Hashable, Sendable, CustomStringConvertible {
  public var message: String
  public var description: String { message }
}

extension Template {
  /// Expands the template for `target` with `context`.
  ///
  /// - Returns: the text, or a `RenderError` naming the operand or placeholder that is missing.
  public func render(target: RuleTarget, context: RenderContext) -> Result<String, RenderError> {
    var out = ""
    for piece in pieces {
      switch piece {
      case let .literal(text): out += text
      case let .operand(index, defaultText):
        if index < context.operands.count {
          out += context.operands[index]
        } else if let defaultText {
          out += defaultText
        } else {
          return .failure(
            RenderError(
              message: "the template uses $\(index) but only \(context.operands.count) operand(s) were given"))
        }
      case let .named(placeholder):
        switch placeholder {
        case .args: out += context.operands.joined(separator: ", ")
        case .type:
          guard let type = context.resultType else {
            return .failure(RenderError(message: "the template uses $type but no result type is known"))
          }
          guard let spelled = TypeSpelling.spell(type, for: target) else {
            return .failure(RenderError(message: "type \(type) has no \(target.displayName) spelling"))
          }
          out += spelled
        case .tmp:
          guard let temporary = context.temporary else {
            return .failure(RenderError(message: "the template uses $tmp but no scratch variable was provided"))
          }
          out += temporary
        case .tmpTensor:
          guard let tensor = context.temporaryTensor else {
            return .failure(RenderError(message: "the template uses $tmp_tensor but no scratch tensor was provided"))
          }
          out += tensor
        default:
          guard let value = context.values[placeholder] else {
            return .failure(
              RenderError(message: "the template uses $\(placeholder.rawValue), which the emitter did not provide"))
          }
          out += value
        }
      }
    }
    return .success(out)
  }
}

/// The target spellings of KIR scalar types, for `$type`.
public enum TypeSpelling {
  /// The C spelling of a scalar `type` on `target`, or nil for non-scalar types.
  public static func spell(_ type: IRType, for target: RuleTarget) -> String? {
    switch type {
    case .bool: return "bool"
    case let .int(bits, signed): return "\(signed ? "" : "u")int\(bits)_t"
    case let .float(kind):
      switch kind {
      case .f16: return "half"
      case .bf16: return "bfloat16_t"
      case .f32: return "float"
      case .f64: return "double"
      }
    case .void: return "void"
    case .vector, .pointer, .array, .structure: return nil
    }
  }

  /// The KIR scalar type written `text` in a `match:` pattern (`f32`, `u16`, `i1`), if any.
  public static func scalarType(named text: String) -> IRType? {
    switch text {
    case "i1": return .bool
    case "f16": return .f16
    case "bf16": return .bf16
    case "f32": return .f32
    case "f64": return .f64
    default: break
    }
    guard let first = text.first, first == "i" || first == "u",
      let bits = Int(text.dropFirst()), [8, 16, 32, 64].contains(bits)
    else { return nil }
    return .int(bits: bits, signed: first == "i")
  }
}
