// The one-source vector ops of the targets (`bang.vector_unary`, `ascend.vector_unary`): f32 to
// f16 rounded to nearest even (`__bang_float2half_rn`, `Cast` with CAST_RINT, as CUDA's
// `__float2half` rounds) and f16 to f32 (exact). Every element goes through the sanitizer, like
// the binary vector ops (TargetOps.swift); Ascend's UB operands must be 32-byte aligned.
import KIR

extension FunctionCompiler {
  mutating func compileVectorUnary(_ op: Operation) throws -> Step? {
    guard let to = op.operands[0].type.pointee.map({ DeviceMemory.flattenArray($0).0 }),
      let from = op.operands[1].type.pointee.map({ DeviceMemory.flattenArray($0).0 }),
      (from, to) == (.f32, .f16) || (from, to) == (.f16, .f32)
    else { throw unsupported(op) }
    let narrows = from == .f32
    let destination = try register(op.operands[0], at: op)
    let source = try register(op.operands[1], at: op)
    let amount = try register(op.operands[2], at: op)
    let aligns = op.opcode == .ascendVectorUnary
    if aligns { facts.usesAscendPipes = true }
    let meta = self.meta(op, .vector)
    let (readSize, writeSize) = narrows ? (4, 2) : (2, 4)
    let body: OpBody = { context in
      let destinations = context.register(destination, as: UInt64.self)
      let sources = context.register(source, as: UInt64.self)
      let amounts = context.register(amount, as: Int32.self)
      context.state.pointee.active.forEach { lane in
        let count = Int(amounts[lane])
        guard count > 0 else { return }
        if aligns {
          guard context.areVectorOperandsAligned([destinations[lane], sources[lane]], lane: lane, meta: meta) else { return }
          context.notePipeAccess(sources[lane], bytes: count * readSize, pipe: .vector, isWrite: false, meta: meta)
          context.notePipeAccess(destinations[lane], bytes: count * writeSize, pipe: .vector, isWrite: true, meta: meta)
        }
        var caches = (ResolvedRegion(), ResolvedRegion())
        for index in 0..<count {
          guard
            let a = context.addressForRead(
              Address.advanced(sources[lane], by: index * readSize), size: readSize, lane: lane, meta: meta, cache: &caches.0)
          else { break }
          let bits: UInt32 =
            narrows
            ? UInt32(Float16(a.loadUnaligned(as: Float.self)).bitPattern)
            : Float(Float16(bitPattern: a.loadUnaligned(as: UInt16.self))).bitPattern
          guard
            let d = context.addressForWrite(
              Address.advanced(destinations[lane], by: index * writeSize), size: writeSize, lane: lane, meta: meta, cache: &caches.1,
              isSameValue: { existing in
                narrows ? existing.loadUnaligned(as: UInt16.self) == UInt16(bits) : existing.loadUnaligned(as: UInt32.self) == bits
              })
          else { break }
          if narrows { d.storeBytes(of: UInt16(bits), as: UInt16.self) } else { d.storeBytes(of: bits, as: UInt32.self) }
        }
        context.finishVectorRegion(&caches.0, isStore: false, line: meta.line)
        context.finishVectorRegion(&caches.1, isStore: true, line: meta.line)
        context.profile.vectorBytes[meta.line] &+= count * writeSize
      }
    }
    return .op(body, meta)
  }
}
