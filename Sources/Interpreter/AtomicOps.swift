// `cuda.atomic`: read-modify-writes returning the old value, lane by lane in lane order (so a
// block's atomics are deterministic). Global atomics hold a lock striped by address when
// several workers run, so they are atomic across blocks. Atomics are checked for bounds and
// (in shared memory) initialisation, and are not race-checked against each other.
//
// inc: old >= v ? 0 : old + 1; dec: old == 0 || old > v ? v : old - 1 (both unsigned, as
// atomicInc/atomicDec); min and max compare by the type (signed, unsigned or float); float add
// rounds in the type (f16 and bf16 through Float); vector values (half2) apply per member.

import KIR

/// The atomic operations.
enum AtomicOperation: String {
  case add, sub, exch, min, max, inc, dec, and, or, xor, cas

  /// The new value stored, from the old value, the operand and (for cas) the compare value.
  func apply(_ old: UInt64, _ value: UInt64, _ compare: UInt64, kind: ScalarKind) -> UInt64 {
    let mask = ScalarBits.truncate(~0, kind: kind)
    switch self {
    case .exch: return value
    case .cas: return old == compare ? value : old
    case .and: return old & value
    case .or: return old | value
    case .xor: return old ^ value
    case .inc: return old >= value ? 0 : (old &+ 1) & mask
    case .dec: return old == 0 || old > value ? value : (old &- 1) & mask
    case .add, .sub:
      if kind == .f32 {
        let a = Float(bitPattern: UInt32(truncatingIfNeeded: old))
        let b = Float(bitPattern: UInt32(truncatingIfNeeded: value))
        return UInt64((self == .add ? a + b : a - b).bitPattern)
      }
      if kind.isFloat {
        // Exact in Double for f64 operands' rounding and for the 16-bit formats: one rounding.
        let a = ScalarBits.toDouble(old, kind: kind)
        let b = ScalarBits.toDouble(value, kind: kind)
        return ScalarBits.fromDouble(self == .add ? a + b : a - b, kind: kind)
      }
      return (self == .add ? old &+ value : old &- value) & mask
    case .min, .max:
      let takeValue: Bool
      if kind.isFloat {
        let a = ScalarBits.toDouble(old, kind: kind)
        let b = ScalarBits.toDouble(value, kind: kind)
        takeValue = a.isNaN || (self == .min ? b < a : b > a)
      } else if kind.isSigned {
        let a = ScalarBits.toSigned(old, kind: kind)
        let b = ScalarBits.toSigned(value, kind: kind)
        takeValue = self == .min ? b < a : b > a
      } else {
        takeValue = self == .min ? value < old : value > old
      }
      return takeValue ? value : old
    }
  }
}

extension FunctionCompiler {
  mutating func compileAtomic(_ op: Operation) throws -> Step? {
    guard let name = op.attributes["operation"]?.keywordValue,
      let operation = AtomicOperation(rawValue: name)
    else { throw unsupported(op, "with an unknown operation") }
    let pointer = try register(op.operands[0], at: op)
    let values = try registers(op.operands[operation == .cas ? 2 : 1], at: op)
    let compares = operation == .cas ? try registers(op.operands[1], at: op) : values
    let results = try defineResult(op)
    guard let type = op.result?.type, let shape = layouts.leaves(of: type),
      let size = layouts.size(of: type),
      shape.count == values.count
    else { throw unsupported(op) }
    let leafKinds = shape.map(\.kind)
    let offsets = shape.map(\.offset)
    let meta = self.meta(op, .atomic)
    let body: OpBody = { context in
      let pointers = context.register(pointer, as: UInt64.self)
      var cache = ResolvedRegion()
      let locked = context.launch.workers > 1
      context.state.pointee.active.forEach { lane in
        let address = pointers[lane]
        guard
          let target = context.addressForAtomic(
            address, size: size, lane: lane, meta: meta, cache: &cache)
        else {
          for (register, kind) in zip(results, leafKinds) {
            ScalarBits.write(
              0, kind: kind, to: context.rawRegister(register) + lane * kind.byteSize)
          }
          return
        }
        context.countBytes(size, accesses: 1, space: cache.space, isStore: false, line: meta.line)
        context.countBytes(size, accesses: 1, space: cache.space, isStore: true, line: meta.line)
        let update = {
          for index in leafKinds.indices {
            let kind = leafKinds[index]
            let width = kind.byteSize
            let old = ScalarBits.read(kind, from: target + offsets[index])
            let value = ScalarBits.read(
              kind, from: context.rawRegister(values[index]) + lane * width)
            let compare = ScalarBits.read(
              kind, from: context.rawRegister(compares[index]) + lane * width)
            ScalarBits.write(
              operation.apply(old, value, compare, kind: kind), kind: kind,
              to: target + offsets[index])
            ScalarBits.write(
              old, kind: kind, to: context.rawRegister(results[index]) + lane * width)
          }
        }
        if locked && cache.space != .shared {
          context.launch.atomicLocks.withLock(address, update)
        } else {
          update()
        }
      }
    }
    return .op(prefixed(scalarPipeAccess(pointer, size: size, reads: true, writes: true, meta: meta), body), meta)
  }
}
