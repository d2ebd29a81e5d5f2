// The verifier's rules for target ops (`bang.*`, `ascend.*`): operand spaces by DMA direction,
// vector operands in on-chip memory with one element type, counts, sizes and strides as i32; the
// strided DMA forms have exactly three more operands (the Ascend one only with `pad = true`).

extension Verifier {
  /// The element type a pointer operand points at (arrays stripped), with its space.
  private func pointed(_ type: IRType) -> (space: AddressSpace, element: IRType)? {
    guard case let .pointer(space, pointee) = type else { return nil }
    var element = pointee
    while case let .array(inner, _) = element { element = inner }
    return (space, element)
  }

  /// `bang.memcpy`: the direction names the operands' spaces.
  mutating func checkBangMemcpy(_ op: Operation) {
    let types = operandTypes(op)
    checkKeyword(op, "dir", AttributeKeywords.bangDirection)
    guard types.count == 3 || types.count == 6, let dst = pointed(types[0]), let src = pointed(types[1]) else {
      return error(op, "takes a destination pointer, a source pointer and a byte count (and, strided, a destination stride, a source stride and a segment number), found \(signature(op))")
    }
    if types[2] != .i32 { error(op, "byte count must be i32, found \(types[2])") }
    for (index, name) in [(3, "destination stride"), (4, "source stride"), (5, "segment number")] where index < types.count && types[index] != .i32 {
      error(op, "\(name) must be i32, found \(types[index])")
    }
    let spaces: (AddressSpace, AddressSpace)?
    switch op.attributes["dir"]?.keywordValue {
    case "GDRAM2NRAM": spaces = (.shared, .global)
    case "NRAM2GDRAM": spaces = (.global, .shared)
    case "NRAM2NRAM": spaces = (.shared, .shared)
    default: spaces = nil
    }
    if let spaces, (dst.space, src.space) != spaces {
      error(op, "direction \(op.attributes["dir"]?.keywordValue ?? "") copies \(spaces.1) to \(spaces.0), found \(src.space) to \(dst.space)")
    }
  }

  /// `ascend.data_copy`: between GM and UB, one element type.
  mutating func checkAscendDataCopy(_ op: Operation) {
    let types = operandTypes(op)
    guard types.count == 3 || types.count == 6, let dst = pointed(types[0]), let src = pointed(types[1]) else {
      return error(op, "takes a destination pointer, a source pointer and an element count (and, strided, a block count, a source stride and a destination stride), found \(signature(op))")
    }
    if types[2] != .i32 { error(op, "element count must be i32, found \(types[2])") }
    for (index, name) in [(3, "block count"), (4, "source stride"), (5, "destination stride")] where index < types.count && types[index] != .i32 {
      error(op, "\(name) must be i32, found \(types[index])")
    }
    if types.count == 6, op.attributes["pad"]?.boolValue != true {
      error(op, "the strided form is DataCopyPad's: it needs pad = true")
    }
    let spaces = [dst.space, src.space]
    if spaces != [.shared, .global] && spaces != [.global, .shared] {
      error(op, "copies between global (GM) and shared (UB) memory, found \(src.space) to \(dst.space)")
    }
    if dst.element != src.element { error(op, "copies \(src.element) into \(dst.element)") }
    if let pad = op.attributes["pad"], pad.boolValue == nil { error(op, "attribute pad must be true or false") }
  }

  /// `bang.vector` and `ascend.vector`: on-chip f32 or f16 operands, a scalar for the scalar forms.
  mutating func checkTargetVector(_ op: Operation) {
    let types = operandTypes(op)
    let isBang = op.opcode == .bangVector
    let binary = isBang ? AttributeKeywords.bangVectorBinary : AttributeKeywords.ascendVectorBinary
    let scalar = isBang ? AttributeKeywords.bangVectorScalar : AttributeKeywords.ascendVectorScalar
    checkKeyword(op, "op", binary + scalar)
    guard types.count == 4, let dst = pointed(types[0]), let a = pointed(types[1]) else {
      return error(op, "takes a destination, a source, a second source or scalar and a count, found \(signature(op))")
    }
    if types[3] != .i32 { error(op, "element count must be i32, found \(types[3])") }
    if dst.space != .shared || a.space != .shared { error(op, "operands must be on-chip (shared), found \(signature(op))") }
    if dst.element != .f32 && dst.element != .f16 { error(op, "element type must be f32 or f16, found \(dst.element)") }
    if a.element != dst.element { error(op, "source elements \(a.element) differ from destination elements \(dst.element)") }
    let isScalar = op.attributes["op"]?.keywordValue.map(scalar.contains) ?? false
    if isScalar {
      if types[2] != dst.element { error(op, "scalar operand must be \(dst.element), found \(types[2])") }
    } else if let b = pointed(types[2]) {
      if b.space != .shared || b.element != dst.element { error(op, "second source must be ptr<shared> to \(dst.element), found \(types[2])") }
    } else {
      error(op, "second source must be a pointer, found \(types[2])")
    }
  }

  /// `bang.vector_unary` and `ascend.vector_unary`: a conversion between on-chip tiles of the
  /// op's source and destination element types.
  mutating func checkTargetVectorUnary(_ op: Operation) {
    let types = operandTypes(op)
    let conversion: (IRType, IRType)?
    if op.opcode == .bangVectorUnary {
      checkKeyword(op, "op", AttributeKeywords.bangVectorUnary.keys.sorted())
      conversion = op.attributes["op"]?.keywordValue.flatMap { AttributeKeywords.bangVectorUnary[$0] }
    } else {
      checkKeyword(op, "op", AttributeKeywords.ascendVectorUnary)
      checkKeyword(op, "round", AttributeKeywords.ascendRoundModes.keys.sorted())
      if op.attributes["round"] == nil { error(op, "needs attribute 'round' (CAST_RINT or CAST_NONE)") }
      conversion = op.attributes["round"]?.keywordValue.flatMap { AttributeKeywords.ascendRoundModes[$0] }
    }
    guard types.count == 3, let dst = pointed(types[0]), let src = pointed(types[1]) else {
      return error(op, "takes a destination, a source and a count, found \(signature(op))")
    }
    if types[2] != .i32 { error(op, "element count must be i32, found \(types[2])") }
    if dst.space != .shared || src.space != .shared { error(op, "operands must be on-chip (shared), found \(signature(op))") }
    if let (from, to) = conversion, src.element != from || dst.element != to {
      error(op, "converts \(from) to \(to), found \(src.element) to \(dst.element)")
    }
  }
}
