// Cooperative groups -> plain KIR. Group objects have no run-time form: a group is known
// statically (the block, the grid, a tile of N threads), and each method becomes the ops it
// stands for. `cg::reduce` over a tile becomes a butterfly of xor shuffles:
//   v = op(v, shfl_xor(v, N/2)); ...; v = op(v, shfl_xor(v, 1))
import CClang
import KIR

/// A cooperative group, known at translation time.
enum CooperativeGroup {
  case block
  case grid
  /// A `thread_block_tile<N>` or `tiled_partition(g, N)`.
  case tile(Int)
  /// `coalesced_threads()`: modelled as the full warp.
  case coalesced

  var tileSize: Int? {
    switch self {
    case let .tile(size): return size
    case .coalesced: return 32
    case .block, .grid: return nil
    }
  }
}

extension FunctionTranslator {
  /// Whether a type is one of the cooperative-groups classes.
  func isGroupType(_ type: CXType) -> Bool {
    let canonical = type.nonReference.canonical
    guard canonical.kind == CXType_Record else { return false }
    return canonical.spelling.contains("cooperative_groups::") && owner.isBundled(canonical.declaration)
  }

  /// Whether a declaration is in namespace `cooperative_groups` (read from its USR, which
  /// names every enclosing scope).
  private func isInGroupsNamespace(_ declaration: CXCursor) -> Bool {
    string(clang_getCursorUSR(declaration)).contains("@N@cooperative_groups@") && owner.isBundled(declaration)
  }

  /// The group a cooperative-groups type stands for (`thread_block_tile<32>` is a tile of 32).
  func group(ofType type: CXType) -> CooperativeGroup? {
    guard isGroupType(type) else { return nil }
    let spelling = type.nonReference.canonical.spelling
    if let range = spelling.range(of: "thread_block_tile<"),
      let size = Int(spelling[range.upperBound...].prefix { $0.isNumber })
    {
      return .tile(size)
    }
    if spelling.hasSuffix("thread_block") { return .block }
    if spelling.hasSuffix("grid_group") { return .grid }
    if spelling.hasSuffix("coalesced_group") { return .coalesced }
    return nil
  }

  /// The group an expression denotes.
  func group(of expression: CXCursor) throws -> CooperativeGroup {
    let stripped = strippedImplicit(expression)
    switch stripped.kind {
    case CXCursor_DeclRefExpr:
      if case let .group(group)? = bindings[stripped.referenced] { return group }
    case CXCursor_CallExpr:
      let callee = stripped.referenced
      let args = arguments(of: stripped)
      if callee.kind == CXCursor_Constructor, let source = args.first { return try group(of: source) }
      switch callee.spelling {
      case "this_thread_block": return .block
      case "this_grid": return .grid
      case "coalesced_threads": return .coalesced
      case "tiled_partition":
        if clang_Cursor_getNumTemplateArguments(callee) > 0 {
          return .tile(Int(clang_Cursor_getTemplateArgumentValue(callee, 0)))
        }
        if args.count == 2, case let .int(size, _)? = evaluate(args[1]) { return .tile(Int(size)) }
        throw LoweringFailure(.unsupportedConstruct, "tiled_partition needs a constant tile size", at: stripped)
      default:
        break
      }
    default:
      break
    }
    if let group = group(ofType: stripped.type) { return group }
    throw LoweringFailure(.unsupportedConstruct, "cannot tell which cooperative group this is", at: expression)
  }

  /// A call of a cooperative-groups method or function (`.some(nil)` when it has no value), or
  /// nil for any other call.
  func groupCall(_ cursor: CXCursor, callee: CXCursor) throws -> Value?? {
    guard isInGroupsNamespace(callee) else { return nil }
    let name = callee.spelling
    var args = arguments(of: cursor)
    let group: CooperativeGroup
    if callee.kind == CXCursor_CXXMethod {
      guard let member = memberCallee(of: cursor), let object = member.children.first
      else {
        throw LoweringFailure(.unsupportedConstruct, "cooperative-groups method without an object", at: cursor)
      }
      group = try self.group(of: object)
    } else if ["this_thread_block", "this_grid", "tiled_partition", "coalesced_threads"].contains(name) {
      throw LoweringFailure(.unsupportedConstruct, "a cooperative group is only supported as a variable's initializer or a call's object", at: cursor)
    } else {
      guard !args.isEmpty else {
        throw LoweringFailure(.unsupportedConstruct, "cooperative-groups function '\(name)' cannot be translated", at: cursor)
      }
      group = try self.group(of: args.removeFirst())
    }
    builder.location = cursor.location
    switch name {
    case "sync", "barrier_wait":
      try groupSync(group, at: cursor)
      return .some(nil)
    case "thread_rank":
      return try convert(try threadRank(group), toCType: cursor.type, at: cursor)
    case "size", "num_threads":
      return try convert(try groupSize(group), toCType: cursor.type, at: cursor)
    case "meta_group_rank", "meta_group_size":
      guard let size = group.tileSize else { break }
      let tileSize = builder.constant(int: Int64(size), .u32)
      let total = name == "meta_group_rank" ? try threadRank(.block) : try groupSize(.block)
      return try convert(builder.value(.div, [total, tileSize], type: .u32), toCType: cursor.type, at: cursor)
    case "group_index", "thread_index", "group_dim", "dim_threads":
      let opcode: Opcode = name == "group_index" ? .blockId : name == "thread_index" ? .threadId : .blockDim
      let parts = ["x", "y", "z"].map { builder.value(opcode, type: .u32, attributes: ["dim": .keyword($0)]) }
      return builder.value(.make, parts, type: .vector(element: .u32, count: 3))
    case "shfl", "shfl_down", "shfl_up", "shfl_xor":
      guard let size = group.tileSize, args.count == 2 else { break }
      let mode = name == "shfl" ? "idx" : String(name.dropFirst("shfl_".count))
      let value = try rvalue(args[0])
      let lane = try convert(try rvalue(args[1]), to: .i32, at: args[1])
      builder.location = cursor.location
      return shuffle(mode, value, lane, width: size)
    case "any", "all", "ballot":
      guard group.tileSize != nil, let predicateCursor = args.first else { break }
      let predicate = try condition(predicateCursor)
      let mask = builder.constant(int: 0xFFFF_FFFF, .u32)
      builder.location = cursor.location
      let result =
        name == "ballot"
        ? builder.value(.ballot, [mask, predicate], type: .u32)
        : builder.value(.vote, [mask, predicate], type: .bool, attributes: ["kind": .keyword(name)])
      return try convert(result, toCType: cursor.type, at: cursor)
    case "reduce":
      guard let size = group.tileSize, args.count == 2 else { break }
      return try reduce(args[0], operation: args[1], width: size, at: cursor)
    default:
      break
    }
    throw LoweringFailure(.unsupportedConstruct, "cooperative-groups call '\(name)' cannot be translated yet", at: cursor)
  }

  private func groupSync(_ group: CooperativeGroup, at cursor: CXCursor) throws {
    switch group {
    case .block:
      builder.create(.syncthreads)
    case .tile, .coalesced:
      builder.create(.syncwarp, [builder.constant(int: 0xFFFF_FFFF, .u32)])
    case .grid:
      throw LoweringFailure(.gridSync, "grid-wide synchronisation cannot be translated", at: cursor)
    }
  }

  /// The linear index of the thread in its block: x + y * dx + z * dx * dy.
  private func linearThreadIndex() -> Value {
    let x = builder.value(.threadId, type: .u32, attributes: ["dim": .keyword("x")])
    let y = builder.value(.threadId, type: .u32, attributes: ["dim": .keyword("y")])
    let z = builder.value(.threadId, type: .u32, attributes: ["dim": .keyword("z")])
    let dx = builder.value(.blockDim, type: .u32, attributes: ["dim": .keyword("x")])
    let dy = builder.value(.blockDim, type: .u32, attributes: ["dim": .keyword("y")])
    let plane = builder.value(.mul, [dx, dy], type: .u32)
    let yz = builder.value(.add, [builder.value(.mul, [y, dx], type: .u32), builder.value(.mul, [z, plane], type: .u32)], type: .u32)
    return builder.value(.add, [x, yz], type: .u32)
  }

  private func threadRank(_ group: CooperativeGroup) throws -> Value {
    let linear = linearThreadIndex()
    switch group {
    case .block:
      return linear
    case .tile, .coalesced:
      return builder.value(.rem, [linear, builder.constant(int: Int64(group.tileSize ?? 32), .u32)], type: .u32)
    case .grid:
      let blockIndex = builder.value(.blockId, type: .u32, attributes: ["dim": .keyword("x")])
      let blockSize = try groupSize(.block)
      return builder.value(.add, [builder.value(.mul, [blockIndex, blockSize], type: .u32), linear], type: .u32)
    }
  }

  private func groupSize(_ group: CooperativeGroup) throws -> Value {
    switch group {
    case .block, .grid:
      let dims = ["x", "y", "z"].map { builder.value(.blockDim, type: .u32, attributes: ["dim": .keyword($0)]) }
      let size = builder.value(.mul, [builder.value(.mul, [dims[0], dims[1]], type: .u32), dims[2]], type: .u32)
      guard case .grid = group else { return size }
      let gridX = builder.value(.gridDim, type: .u32, attributes: ["dim": .keyword("x")])
      return builder.value(.mul, [size, gridX], type: .u32)
    case .tile, .coalesced:
      return builder.constant(int: Int64(group.tileSize ?? 32), .u32)
    }
  }

  private func shuffle(_ mode: String, _ value: Value, _ lane: Value, width: Int) -> Value {
    let mask = builder.constant(int: 0xFFFF_FFFF, .u32)
    let widthValue = builder.constant(int: Int64(width), .i32)
    return builder.value(.shuffle, [mask, value, lane, widthValue], type: value.type, attributes: ["mode": .keyword(mode)])
  }

  /// `cg::reduce(tile, value, op)`: the butterfly leaves the result in every lane.
  private func reduce(_ valueCursor: CXCursor, operation: CXCursor, width: Int, at cursor: CXCursor) throws -> Value {
    var value = try rvalue(valueCursor)
    let spelling = operation.type.canonical.spelling
    let opcode: Opcode
    var minMax: String?
    if spelling.contains("plus") {
      opcode = .add
    } else if spelling.contains("bit_and") {
      opcode = .and
    } else if spelling.contains("bit_or") {
      opcode = .or
    } else if spelling.contains("bit_xor") {
      opcode = .xor
    } else if spelling.contains("less") {
      (opcode, minMax) = (.mathCall, "min")
    } else if spelling.contains("greater") {
      (opcode, minMax) = (.mathCall, "max")
    } else {
      throw LoweringFailure(.unsupportedConstruct, "cg::reduce with operation '\(spelling)' cannot be translated yet", at: cursor)
    }
    builder.location = cursor.location
    var offset = width / 2
    while offset > 0 {
      let other = shuffle("xor", value, builder.constant(int: Int64(offset), .i32), width: width)
      if let minMax {
        let function = value.type == .f32 ? "f\(minMax)f" : value.type == .f64 ? "f\(minMax)" : minMax
        value = builder.value(.mathCall, [value, other], type: value.type, attributes: ["function": .keyword(function)])
      } else {
        value = builder.value(opcode, [value, other], type: value.type)
      }
      offset /= 2
    }
    return try convert(value, toCType: cursor.type, at: cursor)
  }
}
