// Memory: local variables (`mem.alloca`, declared at their first use), on-chip buffers
// (`spmd.buffer`), address arithmetic folded into `Address` indices, loads and stores through
// the dialect (raw pointers on BANG; GlobalTensor helpers and LocalTensor Get/SetValue on
// Ascend C), and the `x += e` form of read-modify-write stores.
import KIR

extension FunctionEmitter {
  func emitAlloca(_ op: Operation) {
    guard let result = op.result, case let .pointer(_, pointee) = result.type else { return }
    if analysis.uses(result) == 0 { return }
    let name = names.fresh(result.name, fallback: "local")
    bindings[result] = .address(.lvalue(CExpression(name), pointee: pointee))
    pendingLocals[result] = op
  }

  func emitBuffer(_ op: Operation) {
    guard let result = op.result, case let .pointer(_, pointee) = result.type else { return }
    if analysis.uses(result) == 0 { return }
    let leafType = ArrayLayout.leaf(pointee)
    guard let leaf = context.spell(leafType) else {
      _ = unsupportedType(leafType, at: op.location)
      return
    }
    if context.target == .ascendc {
      guard leafType.isScalar, !leafType.isBool else {
        error(
          .emitUnsupportedType,
          "on-chip buffer of \(leafType): Ascend C UB tensors hold scalars (int, half, float…), not \(leafType)",
          at: op.location)
        return
      }
      guard setup.isKernel else {
        error(.emitUnsupportedMemoryAccess, "on-chip buffer outside a kernel: Ascend C buffers come from the kernel's TPipe", at: op.location)
        return
      }
    }
    let name = names.fresh(result.name, fallback: "buffer")
    let role = op.attributes["role"]?.keywordValue ?? op.attributes["role"]?.stringValue
    let before = setup.lines.count
    let address = dialect.buffer(
      name: name, leaf: leaf, count: ArrayLayout.leafCount(pointee), pointee: pointee, setup: &setup)
    let labelled = before < setup.lines.count && setup.lines[before].hasPrefix("AscendC::TPipe") ? before + 1 : before
    if let role, labelled < setup.lines.count {
      setup.lines[labelled] += "  // \(role) buffer" + (CodeWriter.sourceComment(op.location).map { ", " + $0 } ?? "")
    }
    bindings[result] = .address(address)
  }

  /// The address computed by an address op (`mem.offset`, `mem.element`, `mem.field`,
  /// `mem.pointer_cast`, `mem.global_address`); nil for other ops or after an error.
  func computeAddress(_ op: Operation) -> Address? {
    switch op.opcode {
    case .offset:
      guard let base = address(op.operands[0]), let index = expression(op.operands[1]) else { return nil }
      return offset(base, by: index, stride: ArrayLayout.leafCount(base.pointee), at: op.location)
    case .element:
      guard let base = address(op.operands[0]), let index = expression(op.operands[1]),
        case let .array(element, _) = base.pointee
      else { return nil }
      if case let .lvalue(text, _) = base {
        return .lvalue(CExpression("\(text.operand(.postfix))[\(index.text)]", .postfix), pointee: element)
      }
      return offset(base, by: index, stride: ArrayLayout.leafCount(element), at: op.location)?.retyped(element)
    case .field:
      guard let base = address(op.operands[0]), let resultType = op.result?.type.pointee else { return nil }
      let index = Int(op.attributes["index"]?.intValue ?? 0)
      guard let member = context.memberName(of: base.pointee, index: index) else {
        _ = unsupportedType(base.pointee, at: op.location)
        return nil
      }
      switch base {
      case let .lvalue(text, _):
        return .lvalue(CExpression("\(text.operand(.postfix)).\(member)", .postfix), pointee: resultType)
      case .pointer:
        guard let element = BangDialect.lvalue(base) else { return nil }
        return .lvalue(CExpression("\(element.operand(.postfix)).\(member)", .postfix), pointee: resultType)
      case .tensor:
        error(.emitUnsupportedMemoryAccess, "member of a struct in on-chip memory: Ascend C UB tensors hold scalars", at: op.location)
        return nil
      }
    case .pointerCast:
      guard let base = address(op.operands[0]), case let .pointer(space, pointee)? = op.result?.type else { return nil }
      return cast(base, to: space, pointee: pointee, at: op.location)
    case .globalAddress:
      let symbol = op.attributes["symbol"]?.symbolValue ?? "?"
      error(
        .emitDeviceGlobal,
        "module variable '@\(symbol)' is not emitted for \(context.target.displayName); pass the data as a kernel parameter",
        at: op.location)
      return nil
    default:
      return nil
    }
  }

  /// `base` moved by `index` elements of `stride` leaf elements each.
  private func offset(_ base: Address, by index: CExpression, stride: Int, at location: Location) -> Address? {
    let term = CExpression.scale(index, by: stride)
    switch base {
    case let .pointer(pointer, current, pointee, space):
      return .pointer(base: pointer, index: .add(current, term), pointee: pointee, space: space)
    case let .tensor(tensor, current, pointee):
      return .tensor(base: tensor, index: .add(current, term), pointee: pointee)
    case .lvalue:
      guard let pointer = pointerValue(base, at: location) else { return nil }
      return .pointer(base: pointer, index: term, pointee: base.pointee, space: .local)
    }
  }

  /// A pointer cast: a new pointee and, rarely, a new space.
  private func cast(_ base: Address, to space: AddressSpace, pointee: IRType, at location: Location) -> Address? {
    let sameLeaf = ArrayLayout.leaf(base.pointee) == ArrayLayout.leaf(pointee)
    if case let .tensor(tensor, index, _) = base {
      guard space == .shared else {
        error(.emitUntraceableSharedPointer, "a pointer into on-chip memory is cast to space \(space.rawValue)", at: location)
        return nil
      }
      if sameLeaf { return base.retyped(pointee) }
      guard let leaf = context.spell(ArrayLayout.leaf(pointee)) else { return nil }
      let whole = index.map { CExpression("\(tensor.operand(.postfix))[\($0.text)]", .postfix) } ?? tensor
      return .tensor(
        base: CExpression("\(whole.operand(.postfix)).ReinterpretCast<\(leaf)>()", .postfix), index: nil,
        pointee: pointee)
    }
    if context.target == .ascendc && space == .shared {
      error(.emitUntraceableSharedPointer, "a pointer from another address space is cast into on-chip memory", at: location)
      return nil
    }
    if sameLeaf, case let .pointer(pointer, index, _, _) = base {
      return .pointer(base: pointer, index: index, pointee: pointee, space: space)
    }
    if sameLeaf, case .lvalue = base { return base.retyped(pointee) }
    guard let value = pointerValue(base, at: location),
      let spelled = context.spell(.pointer(space: space, pointee: pointee))
    else { return nil }
    return .pointer(base: CExpression("(\(spelled))\(value.operand(.unary))", .unary), index: nil, pointee: pointee, space: space)
  }

  /// The C value of a pointer: `base + index`, `&local`, or an Ascend C sub-tensor `t[index]`.
  func pointerValue(_ address: Address, at location: Location) -> CExpression? {
    switch address {
    case let .lvalue(text, pointee):
      var element = text
      var type = pointee
      while case let .array(inner, _) = type {
        element = CExpression("\(element.operand(.postfix))[0]", .postfix)
        type = inner
      }
      return CExpression("&" + element.operand(.unary), .unary)
    case let .pointer(base, index, _, _):
      guard let index, index.integerValue != 0 else { return base }
      return .binary(base, "+", index, .additive)
    case let .tensor(base, index, _):
      guard let index, index.integerValue != 0 else { return base }
      return CExpression("\(base.operand(.postfix))[\(index.text)]", .postfix)
    }
  }

  /// The expression reading the value a `mem.load` loads.
  func emitLoadExpression(_ op: Operation) -> CExpression? {
    guard let source = address(op.operands[0]) else { return nil }
    var helpers = context.helpers
    defer { context.helpers = helpers }
    guard let loaded = dialect.load(source, helpers: &helpers) else {
      error(.emitUnsupportedMemoryAccess, "load from \(op.operands[0].type) has no \(context.target.displayName) form", at: op.location)
      return nil
    }
    if case .tensor = source, !(op.result?.type.isScalar ?? false) {
      error(.emitUnsupportedMemoryAccess, "load of a non-scalar from on-chip memory", at: op.location)
      return nil
    }
    return loaded
  }

  func emitStore(_ op: Operation) {
    let pointer = op.operands[1]
    let stored = op.operands[0]
    if pendingLocals[pointer] != nil {
      guard let value = expression(stored) else { return }
      declareLocal(pointer, initializer: value)
      return
    }
    guard let target = address(pointer) else { return }
    if case .tensor = target, stored.type.isPointer {
      error(.emitUnsupportedMemoryAccess, "a pointer into on-chip memory is stored into on-chip memory", at: op.location)
      return
    }
    if case .pointer(_, _, _, let space) = target, space != .local, context.target == .ascendc,
      case let .pointer(storedSpace, _) = stored.type, storedSpace == .shared
    {
      error(.emitUntraceableSharedPointer, "a pointer into on-chip memory is stored into memory", at: op.location)
      return
    }
    if let compound = compoundAssignment(op, target: target) {
      writer.line(compound + ";", at: op.location)
      return
    }
    guard let value = expression(stored) else { return }
    var helpers = context.helpers
    defer { context.helpers = helpers }
    guard let statement = dialect.store(value, at: target, helpers: &helpers) else {
      error(.emitUnsupportedMemoryAccess, "store to \(pointer.type) has no \(context.target.displayName) form", at: op.location)
      return
    }
    writer.line(statement + ";", at: op.location)
  }

  /// `x += e` for `store (add (load p) e), p` on a C lvalue when the add and the load fold.
  private func compoundAssignment(_ op: Operation, target: Address) -> String? {
    guard let lvalue = C_lvalue(target), let arithmetic = op.operands[0].definingOp,
      analysis.isFolded(arithmetic), arithmetic.operands.count == 2,
      let symbol = [Opcode.add: "+", .sub: "-", .mul: "*"][arithmetic.opcode],
      case let .int(bits, _) = arithmetic.results[0].type, bits >= 32,
      let load = arithmetic.operands[0].definingOp, load.opcode == .load, analysis.isFolded(load),
      let loadAddress = address(load.operands[0]), C_lvalue(loadAddress) == lvalue,
      let rhs = expression(arithmetic.operands[1])
    else { return nil }
    return "\(lvalue.text) \(symbol)= \(rhs.operand(.assignment))"
  }

  /// The plain C lvalue of a local or raw local pointer; nil for memory the dialect wraps.
  private func C_lvalue(_ address: Address) -> CExpression? {
    switch address {
    case .lvalue: return BangDialect.lvalue(address)
    case .pointer(_, _, _, let space):
      return context.target == .bang || space == .local ? BangDialect.lvalue(address) : nil
    case .tensor: return nil
    }
  }

  /// `agg.insert`: a copy of the aggregate with one member replaced, as a variable.
  func emitInsert(_ op: Operation) {
    guard let result = op.result, analysis.uses(result) > 0,
      let aggregate = expression(op.operands[0]), let member = expression(op.operands[1])
    else { return }
    let index = Int(op.attributes["index"]?.intValue ?? 0)
    guard let field = context.memberName(of: result.type, index: index) else {
      _ = unsupportedType(result.type, at: op.location)
      return
    }
    declareResult(op, aggregate)
    guard case let .expression(variable)? = bindings[result] else { return }
    writer.line("\(variable.text).\(field) = \(member.operand(.assignment));", at: op.location)
  }
}
