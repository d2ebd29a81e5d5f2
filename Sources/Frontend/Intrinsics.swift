// CUDA intrinsics by name -> KIR ops. Every name the bundled headers declare either maps here or
// gets a located diagnostic naming it; nothing is dropped silently.
import CClang
import KIR

extension FunctionTranslator {
  func intrinsic(_ name: String, _ cursor: CXCursor, callee: CXCursor) throws -> Value? {
    let args = arguments(of: cursor)
    let resultType = try owner.irType(cursor.type, at: cursor)
    try refuseUnsupportedFamilies(name, cursor, callee: callee)
    if name.hasPrefix("__builtin_"), let constant = evaluate(cursor) {
      switch constant {
      case let .int(value, _): return builder.constant(int: value, resultType)
      case let .float(value): return builder.constant(value, resultType)
      }
    }
    if let value = try halfPairs(name, args, resultType, cursor) { return value }
    if let value = try synchronisation(name, args, cursor) { return value }
    if let value = try warpOperation(name, args, resultType, cursor) { return value }
    if name.hasPrefix("atomic") { return try atomic(name, args, resultType, cursor) }
    if let value = try conversion(name, args, resultType, cursor) { return value }
    if name.hasPrefix("operator") { return try operatorCall(name, cursor, callee: callee) }
    switch name {
    case "__ldg", "__ldcg", "__ldca", "__ldcs", "__ldlu", "__ldcv":
      let pointer = try rvalue(args[0])
      builder.location = cursor.location
      return builder.value(
        .load, [pointer], type: pointer.type.pointee ?? resultType,
        attributes: name == "__ldg" ? ["readonly": .bool(true)] : [:])
    case "__stcg", "__stcs", "__stwb", "__stwt":
      let pointer = try rvalue(args[0])
      let value = try convert(try rvalue(args[1]), to: pointer.type.pointee ?? .void, at: args[1])
      builder.location = cursor.location
      builder.create(.store, [value, pointer])
      return nil
    case "printf":
      return try printfCall(args, cursor)
    case "__trap", "abort", "__assertfail", "__assert_fail":
      builder.location = cursor.location
      builder.create(.trap, attributes: ["message": .string(name == "__trap" || name == "abort" ? name : "assertion failed")])
      return nil
    case "clock", "clock64":
      builder.location = cursor.location
      let cycles = builder.value(.clock, type: .i64)
      return try convert(cycles, to: resultType, at: cursor)
    case "__nanosleep", "__prof_trigger":
      return nil
    case "sincosf", "sincos", "sincospif", "sincospi":
      return try sincos(name, args, cursor)
    default:
      break
    }
    if name.hasPrefix("make_"), case .vector = resultType {
      let memberTypes = try members(of: resultType, at: cursor)
      var values: [Value] = []
      for (argument, memberType) in zip(args, memberTypes) {
        values.append(try convert(try rvalue(argument), to: memberType, at: argument))
      }
      builder.location = cursor.location
      return builder.value(.make, values, type: resultType)
    }
    if MathFunction.named(name) != nil { return try mathCall(name, args, resultType, cursor, callee: callee) }
    throw LoweringFailure(.unsupportedConstruct, "CUDA function '\(name)' cannot be translated yet", at: cursor)
  }

  private func refuseUnsupportedFamilies(_ name: String, _ cursor: CXCursor, callee: CXCursor) throws {
    var scope = callee.semanticParent
    var scopes: [String] = []
    while !scope.isNull, scope.kind != CXCursor_TranslationUnit {
      scopes.append(scope.spelling)
      scope = scope.semanticParent
    }
    if scopes.contains("wmma") {
      throw LoweringFailure(.tensorCore, "'nvcuda::wmma::\(name)' (tensor cores) cannot be translated yet", at: cursor)
    }
    if name.hasPrefix("curand") {
      throw LoweringFailure(.deviceRandom, "cuRAND function '\(name)' cannot be translated yet", at: cursor)
    }
    if name.hasPrefix("tex") || name.hasPrefix("surf") {
      throw LoweringFailure(.textureMemory, "texture/surface function '\(name)' cannot be translated", at: cursor)
    }
    if ["malloc", "free", "cudaMalloc", "cudaFree"].contains(name) {
      throw LoweringFailure(.dynamicAllocation, "'\(name)' in device code cannot be translated", at: cursor)
    }
    if name.hasPrefix("cuda") && name != "cudaGetLastError" {
      throw LoweringFailure(.dynamicParallelism, "runtime API '\(name)' in device code cannot be translated", at: cursor)
    }
  }

  /// `.some(nil)` for a handled void intrinsic, `nil` when the name is not a synchronisation op.
  private func synchronisation(_ name: String, _ args: [CXCursor], _ cursor: CXCursor) throws -> Value?? {
    builder.location = cursor.location
    switch name {
    case "__syncthreads":
      builder.create(.syncthreads)
      return .some(nil)
    case "__syncthreads_count", "__syncthreads_and", "__syncthreads_or":
      let predicate = try rvalue(args[0])
      builder.location = cursor.location
      let opcode: Opcode =
        name == "__syncthreads_count" ? .syncthreadsCount : name == "__syncthreads_and" ? .syncthreadsAnd : .syncthreadsOr
      return builder.value(opcode, [predicate], type: .i32)
    case "__syncwarp":
      let mask = try args.first.map { try convert(try rvalue($0), to: .u32, at: $0) } ?? builder.constant(int: 0xFFFF_FFFF, .u32)
      builder.location = cursor.location
      builder.create(.syncwarp, [mask])
      return .some(nil)
    case "__threadfence", "__threadfence_block", "__threadfence_system":
      let scope = name == "__threadfence" ? "device" : name == "__threadfence_block" ? "block" : "system"
      builder.create(.threadfence, attributes: ["scope": .keyword(scope)])
      return .some(nil)
    default:
      return nil
    }
  }

  private func warpOperation(_ name: String, _ args: [CXCursor], _ resultType: IRType, _ cursor: CXCursor) throws -> Value? {
    let shuffleModes = [
      "__shfl_sync": "idx", "__shfl_up_sync": "up", "__shfl_down_sync": "down", "__shfl_xor_sync": "xor",
      "__shfl": "idx", "__shfl_up": "up", "__shfl_down": "down", "__shfl_xor": "xor",
    ]
    let hasMask = name.hasSuffix("_sync")
    if let mode = shuffleModes[name] {
      var rest = args
      let mask = hasMask ? try convert(try rvalue(rest.removeFirst()), to: .u32, at: cursor) : builder.constant(int: 0xFFFF_FFFF, .u32)
      let value = try rvalue(rest[0])
      let lane = try convert(try rvalue(rest[1]), to: .i32, at: rest[1])
      let width = rest.count > 2 ? try convert(try rvalue(rest[2]), to: .i32, at: rest[2]) : builder.constant(int: 32, .i32)
      builder.location = cursor.location
      return builder.value(.shuffle, [mask, value, lane, width], type: value.type, attributes: ["mode": .keyword(mode)])
    }
    let votes = ["__any_sync": "any", "__all_sync": "all", "__uni_sync": "uni", "__any": "any", "__all": "all"]
    if let kind = votes[name] {
      var rest = args
      let mask = hasMask ? try convert(try rvalue(rest.removeFirst()), to: .u32, at: cursor) : builder.constant(int: 0xFFFF_FFFF, .u32)
      let predicate = try condition(rest[0])
      builder.location = cursor.location
      let vote = builder.value(.vote, [mask, predicate], type: .bool, attributes: ["kind": .keyword(kind)])
      return try convert(vote, to: resultType, at: cursor)
    }
    if name == "__ballot_sync" || name == "__ballot" {
      var rest = args
      let mask = name == "__ballot_sync" ? try convert(try rvalue(rest.removeFirst()), to: .u32, at: cursor) : builder.constant(int: 0xFFFF_FFFF, .u32)
      let predicate = try condition(rest[0])
      builder.location = cursor.location
      return try convert(builder.value(.ballot, [mask, predicate], type: .u32), to: resultType, at: cursor)
    }
    if name == "__activemask" {
      builder.location = cursor.location
      return try convert(builder.value(.activemask, type: .u32), to: resultType, at: cursor)
    }
    if name.hasPrefix("__match") || name.hasPrefix("__reduce_") {
      throw LoweringFailure(.unsupportedConstruct, "warp intrinsic '\(name)' cannot be translated yet", at: cursor)
    }
    return nil
  }

  private func atomic(_ name: String, _ args: [CXCursor], _ resultType: IRType, _ cursor: CXCursor) throws -> Value? {
    var base = String(name.dropFirst("atomic".count))
    var scope = "device"
    for suffix in ["_block", "_system"] where base.hasSuffix(suffix) {
      base = String(base.dropLast(suffix.count))
      scope = String(suffix.dropFirst())
    }
    let operations = ["Add", "Sub", "Exch", "Min", "Max", "Inc", "Dec", "CAS", "And", "Or", "Xor"]
    guard operations.contains(base), args.count >= 2 else {
      throw LoweringFailure(.unsupportedConstruct, "atomic function '\(name)' cannot be translated", at: cursor)
    }
    let pointer = try rvalue(args[0])
    guard let pointee = pointer.type.pointee else {
      throw LoweringFailure(.unsupportedConstruct, "atomic on a non-pointer", at: cursor)
    }
    var operands = [pointer]
    for argument in args.dropFirst() { operands.append(try convert(try rvalue(argument), to: pointee, at: argument)) }
    builder.location = cursor.location
    var attributes: [String: Attribute] = ["operation": .keyword(base.lowercased())]
    if scope != "device" { attributes["scope"] = .keyword(scope) }
    let old = builder.value(.atomic, operands, type: pointee, attributes: attributes)
    return try convert(old, to: resultType, at: cursor)
  }

  private func printfCall(_ args: [CXCursor], _ cursor: CXCursor) throws -> Value? {
    guard let formatCursor = args.first, let format = stringLiteral(formatCursor) else {
      throw LoweringFailure(.unsupportedConstruct, "printf needs a string literal format", at: cursor)
    }
    if let text = args.dropFirst().first(where: { strippedImplicit($0).kind == CXCursor_StringLiteral }) {
      throw LoweringFailure(.unsupportedConstruct, "string arguments to printf cannot be translated yet", at: text)
    }
    let values = try args.dropFirst().map { try rvalue($0) }
    builder.location = cursor.location
    builder.create(.printf, values, attributes: ["format": .string(format)])
    return cursor.type.canonical.kind == CXType_Void ? nil : builder.constant(int: 0, .i32)
  }

  /// The text of a string literal expression, with C escapes resolved.
  func stringLiteral(_ cursor: CXCursor) -> String? {
    let literal = strippedImplicit(cursor)
    guard literal.kind == CXCursor_StringLiteral else { return nil }
    return unescapeCString(literal.spelling)
  }

  private func sincos(_ name: String, _ args: [CXCursor], _ cursor: CXCursor) throws -> Value? {
    let isFloat = name.hasSuffix("f")
    let isPi = name.contains("pi")
    let type: IRType = isFloat ? .f32 : .f64
    let x = try convert(try rvalue(args[0]), to: type, at: args[0])
    let sinPointer = try rvalue(args[1])
    let cosPointer = try rvalue(args[2])
    builder.location = cursor.location
    let suffix = isFloat ? "f" : ""
    let sine = builder.value(.mathCall, [x], type: type, attributes: ["function": .keyword((isPi ? "sinpi" : "sin") + suffix)])
    let cosine = builder.value(.mathCall, [x], type: type, attributes: ["function": .keyword((isPi ? "cospi" : "cos") + suffix)])
    builder.create(.store, [sine, sinPointer])
    builder.create(.store, [cosine, cosPointer])
    return nil
  }

  private func mathCall(_ name: String, _ args: [CXCursor], _ resultType: IRType, _ cursor: CXCursor, callee: CXCursor) throws -> Value? {
    switch name {
    case "__hadd", "__hsub", "__hmul", "__hdiv":
      let a = try rvalue(args[0])
      let b = try convert(try rvalue(args[1]), to: a.type, at: args[1])
      let opcode: Opcode = name == "__hadd" ? .add : name == "__hsub" ? .sub : name == "__hmul" ? .mul : .div
      builder.location = cursor.location
      return builder.value(opcode, [a, b], type: a.type)
    case "__hneg":
      let a = try rvalue(args[0])
      builder.location = cursor.location
      return builder.value(.neg, [a], type: a.type)
    default:
      break
    }
    var operands: [Value] = []
    let parameterCount = Int(clang_Cursor_getNumArguments(callee))
    for (index, argument) in args.enumerated() {
      let value = try rvalue(argument)
      if index < parameterCount {
        operands.append(try convert(value, toCType: clang_Cursor_getArgument(callee, UInt32(index)).type, at: argument))
      } else {
        operands.append(value)
      }
    }
    builder.location = cursor.location
    return builder.value(.mathCall, operands, type: resultType, attributes: ["function": .keyword(name)])
  }
}
