// Target ops in the interpreter, as the vendor documentation defines them (targets.md A6, A8,
// B7, B8). Each runs once per active lane (an SPMD task runs as a block of one lane).
//
// DMA (`bang.memcpy`, `ascend.data_copy`) moves the bytes element by element through the
// sanitizer (bounds, races, uninitialised reads) and counts as one transfer whose bytes go to
// each address space with no lane accesses: DMA is not a scalar access. Ascend's `DataCopy`
// copies only the whole 32-byte blocks of its count, as the chip does (the rest is silently
// dropped), and its UB address must be 32-byte aligned; `DataCopyPad` is exact. The strided
// forms (`StridedCopy`) move each segment the same way, at the vendors' strides: one transfer.
//
// Vector ops compute element by element over `count` elements (f32, or f16 computed in f32 and
// rounded once, which is exact for + - * /) and count the bytes they produce. Ascend's vector
// instructions need 32-byte-aligned UB operands. A count of 0 or less does nothing (a NOP on
// both chips). Ascend's DMA and vector ops tell the pipe hazard checker which bytes their pipe
// (MTE2, MTE3, V) read and wrote; `ascend.pipe_barrier` clears it (PipeHazards.swift).

import KIR

/// The arithmetic of a vector op.
enum VectorArithmetic {
  case add, sub, mul, div, max, min

  /// The arithmetic and whether the second operand is a scalar, for an op's `op` keyword.
  init?(keyword: String) {
    switch keyword {
    case "add", "Add", "add_scalar", "Adds": self = .add
    case "sub", "Sub", "sub_scalar": self = .sub
    case "mul", "Mul", "mul_scalar", "Muls": self = .mul
    case "Div": self = .div
    case "maxequal", "Max", "Maxs": self = .max
    case "minequal", "Min", "Mins": self = .min
    default: return nil
    }
  }

  static func isScalarForm(_ keyword: String) -> Bool {
    keyword.hasSuffix("_scalar") || ["Adds", "Muls", "Maxs", "Mins"].contains(keyword)
  }

  @inline(__always) func apply(_ a: Float, _ b: Float) -> Float {
    switch self {
    case .add: return a + b
    case .sub: return a - b
    case .mul: return a * b
    case .div: return a / b
    case .max: return a >= b || b.isNaN ? a : b
    case .min: return a <= b || b.isNaN ? a : b
    }
  }
}

extension FunctionCompiler {
  /// `ascend.pipe_barrier`: the interpreter runs a task's ops in order, so every pipe has
  /// finished before the next op; the pipe hazard checker starts afresh. Counted as a barrier:
  /// the cost model prices a pipe synchronisation.
  mutating func compilePipeBarrier(_ op: Operation) -> Step? {
    facts.usesAscendPipes = true
    return .op({ $0.pipeHazards?.barrier() }, meta(op, .barrier))
  }

  /// The byte size of the elements `type` points at (arrays stripped).
  private func elementSize(_ type: IRType) -> Int? {
    type.pointee.flatMap { layouts.size(of: DeviceMemory.flattenArray($0).0) }
  }

  mutating func compileCopy(_ op: Operation) throws -> Step? {
    let destination = try register(op.operands[0], at: op)
    let source = try register(op.operands[1], at: op)
    let amount = try register(op.operands[2], at: op)
    guard let element = elementSize(op.operands[0].type), element > 0 else { throw unsupported(op, "of \(op.operands[0].type)") }
    let countsBytes = op.opcode == .bangMemcpy
    let isAscend = op.opcode == .ascendDataCopy
    let truncates = isAscend && op.attributes["pad"]?.boolValue != true
    let destinationIsOnChip = op.operands[0].type.addressSpace == .shared
    let meta = self.meta(op, .dma)
    let pipe: Pipe = destinationIsOnChip ? .dmaIn : .dmaOut
    if isAscend { facts.usesAscendPipes = true }
    if op.operands.count == 6 {
      let parameters = try (3..<6).map { try register(op.operands[$0], at: op) }
      return .op(
        { context in
          let destinations = context.register(destination, as: UInt64.self)
          let sources = context.register(source, as: UInt64.self)
          let amounts = context.register(amount, as: Int32.self)
          let values = parameters.map { context.register($0, as: Int32.self) }
          context.state.pointee.active.forEach { lane in
            let copy = StridedCopy(
              isAscend: isAscend, toChip: destinationIsOnChip, element: element, amount: Int(amounts[lane]),
              parameters: (Int(values[0][lane]), Int(values[1][lane]), Int(values[2][lane])))
            context.copyStrided(copy, from: sources[lane], to: destinations[lane], lane: lane, meta: meta)
          }
        }, meta)
    }
    let body: OpBody = { context in
      let destinations = context.register(destination, as: UInt64.self)
      let sources = context.register(source, as: UInt64.self)
      let amounts = context.register(amount, as: Int32.self)
      context.state.pointee.active.forEach { lane in
        var bytes = Int(amounts[lane]) * (countsBytes ? 1 : element)
        if truncates { bytes = bytes / 32 * 32 }
        guard bytes > 0 else { return }
        if isAscend {
          let (onChip, offChip) = destinationIsOnChip ? (destinations[lane], sources[lane]) : (sources[lane], destinations[lane])
          guard context.checkAlignment(onChip, to: 32, lane: lane, meta: meta, what: "UB operand of DataCopy"),
            context.checkAlignment(offChip, to: element, lane: lane, meta: meta, what: "GM operand of DataCopy")
          else { return }
          context.notePipeAccess(sources[lane], bytes: bytes, pipe: pipe, isWrite: false, meta: meta)
          context.notePipeAccess(destinations[lane], bytes: bytes, pipe: pipe, isWrite: true, meta: meta)
        }
        context.copyBytes(from: sources[lane], to: destinations[lane], bytes: bytes, element: element, lane: lane, meta: meta)
      }
    }
    return .op(body, meta)
  }

  mutating func compileVector(_ op: Operation) throws -> Step? {
    let keyword = op.attributes["op"]?.keywordValue ?? ""
    guard let arithmetic = VectorArithmetic(keyword: keyword), let leaf = op.operands[0].type.pointee.map({ DeviceMemory.flattenArray($0).0 }),
      leaf == .f32 || leaf == .f16
    else { throw unsupported(op) }
    let isHalf = leaf == .f16
    let isScalar = VectorArithmetic.isScalarForm(keyword)
    let destination = try register(op.operands[0], at: op)
    let first = try register(op.operands[1], at: op)
    let second = try register(op.operands[2], at: op)
    let amount = try register(op.operands[3], at: op)
    let aligns = op.opcode == .ascendVector
    if aligns { facts.usesAscendPipes = true }
    let meta = self.meta(op, .vector)
    let size = isHalf ? 2 : 4
    let body: OpBody = { context in
      let destinations = context.register(destination, as: UInt64.self)
      let firsts = context.register(first, as: UInt64.self)
      let amounts = context.register(amount, as: Int32.self)
      context.state.pointee.active.forEach { lane in
        let count = Int(amounts[lane])
        guard count > 0 else { return }
        var scalar: Float = 0
        if isScalar {
          scalar = isHalf
            ? Float(Float16(bitPattern: context.register(second, as: UInt16.self)[lane]))
            : context.register(second, as: Float.self)[lane]
        }
        let seconds: UInt64 = isScalar ? 0 : context.register(second, as: UInt64.self)[lane]
        if aligns {
          guard context.areVectorOperandsAligned(isScalar ? [destinations[lane], firsts[lane]] : [destinations[lane], firsts[lane], seconds], lane: lane, meta: meta)
          else { return }
          context.notePipeAccess(firsts[lane], bytes: count * size, pipe: .vector, isWrite: false, meta: meta)
          if !isScalar { context.notePipeAccess(seconds, bytes: count * size, pipe: .vector, isWrite: false, meta: meta) }
          context.notePipeAccess(destinations[lane], bytes: count * size, pipe: .vector, isWrite: true, meta: meta)
        }
        var caches = (ResolvedRegion(), ResolvedRegion(), ResolvedRegion())
        for index in 0..<count {
          let offset = index * size
          guard let a = context.addressForRead(Address.advanced(firsts[lane], by: offset), size: size, lane: lane, meta: meta, cache: &caches.0)
          else { break }
          let left = isHalf ? Float(Float16(bitPattern: a.loadUnaligned(as: UInt16.self))) : a.loadUnaligned(as: Float.self)
          var right = scalar
          if !isScalar {
            guard let b = context.addressForRead(Address.advanced(seconds, by: offset), size: size, lane: lane, meta: meta, cache: &caches.1)
            else { break }
            right = isHalf ? Float(Float16(bitPattern: b.loadUnaligned(as: UInt16.self))) : b.loadUnaligned(as: Float.self)
          }
          let result = arithmetic.apply(left, right)
          let resultBits: UInt32 = isHalf ? UInt32(Float16(result).bitPattern) : result.bitPattern
          guard
            let d = context.addressForWrite(
              Address.advanced(destinations[lane], by: offset), size: size, lane: lane, meta: meta, cache: &caches.2,
              isSameValue: { existing in
                isHalf ? existing.loadUnaligned(as: UInt16.self) == UInt16(resultBits) : existing.loadUnaligned(as: UInt32.self) == resultBits
              })
          else { break }
          if isHalf { d.storeBytes(of: UInt16(resultBits), as: UInt16.self) } else { d.storeBytes(of: resultBits, as: UInt32.self) }
        }
        context.finishVectorRegion(&caches.0, isStore: false, line: meta.line)
        context.finishVectorRegion(&caches.1, isStore: false, line: meta.line)
        context.finishVectorRegion(&caches.2, isStore: true, line: meta.line)
        context.profile.vectorBytes[meta.line] &+= count * size
      }
    }
    return .op(body, meta)
  }
}

/// One strided DMA's segments, as the vendor defines them from the op's operands.
///
/// `bang.memcpy` (targets.md A6): `segnum + 1` segments of `bytes` bytes, the strides in bytes
/// from the start of one segment to the start of the next. `ascend.data_copy` (B7, DataCopyPad
/// with `DataCopyExtParams(blockCount, blockLen, srcStride, dstStride, 0)`): `blockCount` blocks
/// of `count × size` bytes, each stride a gap from the end of one block to the start of the
/// next, in bytes on the GM side and in 32-byte blocks on the UB side, where each block starts on
/// a 32-byte boundary: GM→UB pads every block up to 32 bytes (the pad bytes are not written, so a
/// read of them is an uninitialised read), UB→GM skips the padding.
struct StridedCopy {
  /// Bytes per segment.
  var bytes: Int
  var segments: Int
  /// From the start of one segment to the start of the next, on each side.
  var sourcePitch: Int
  var destinationPitch: Int
  /// Why the vendor would not accept the parameters, or nil.
  var invalid: String?
  let element: Int
  /// Ascend's UB side: its address must be 32-byte aligned.
  let onChipAligned: Bool
  let toChip: Bool

  init(isAscend: Bool, toChip: Bool, element: Int, amount: Int, parameters: (Int, Int, Int)) {
    invalid = nil
    self.element = element
    self.toChip = toChip
    onChipAligned = isAscend
    guard isAscend else {
      // (dst_stride, src_stride, segnum)
      bytes = amount
      segments = parameters.2 + 1
      destinationPitch = parameters.0
      sourcePitch = parameters.1
      if parameters.2 < 0 { invalid = "segnum \(parameters.2) is negative" }
      return
    }
    // (blockCount, srcStride, dstStride)
    bytes = amount * element
    segments = parameters.0
    let ubBlock = (bytes + 31) / 32 * 32
    let (sourceGap, destinationGap) = toChip ? (parameters.1, parameters.2 * 32) : (parameters.1 * 32, parameters.2)
    sourcePitch = (toChip ? bytes : ubBlock) + sourceGap
    destinationPitch = (toChip ? ubBlock : bytes) + destinationGap
    if parameters.0 < 0 || parameters.0 > 4095 { invalid = "blockCount \(parameters.0) is not in 0...4095" }
    if parameters.1 < 0 || parameters.2 < 0 { invalid = "a stride (\(parameters.1), \(parameters.2)) is negative" }
  }
}

extension ExecutionContext {
  /// A strided DMA: each segment through the sanitizer as `copyBytes` moves it (Ascend's UB
  /// operand and every UB block 32-byte aligned, the GM operand aligned to the element).
  func copyStrided(_ copy: StridedCopy, from source: UInt64, to destination: UInt64, lane: Int, meta: OpMeta) {
    if let invalid = copy.invalid {
      guard !findings.hasError(.trap, op: meta.index) else { return }
      record(.trap, .error, meta: meta, lane: lane, space: nil, buffer: nil, index: nil, size: nil, message: "invalid strided DMA: \(invalid)", details: nil)
      return
    }
    guard copy.bytes > 0, copy.segments > 0 else { return }
    if copy.onChipAligned {
      let (onChip, offChip) = copy.toChip ? (destination, source) : (source, destination)
      guard checkAlignment(onChip, to: 32, lane: lane, meta: meta, what: "UB operand of DataCopyPad"),
        checkAlignment(offChip, to: copy.element, lane: lane, meta: meta, what: "GM operand of DataCopyPad")
      else { return }
    }
    for segment in 0..<copy.segments {
      if copy.onChipAligned {
        // Ascend: one transfer of DMA in (MTE2) or DMA out (MTE3).
        let pipe: Pipe = copy.toChip ? .dmaIn : .dmaOut
        notePipeAccess(Address.advanced(source, by: segment * copy.sourcePitch), bytes: copy.bytes, pipe: pipe, isWrite: false, meta: meta)
        notePipeAccess(Address.advanced(destination, by: segment * copy.destinationPitch), bytes: copy.bytes, pipe: pipe, isWrite: true, meta: meta)
      }
      copyBytes(
        from: Address.advanced(source, by: segment * copy.sourcePitch), to: Address.advanced(destination, by: segment * copy.destinationPitch),
        bytes: copy.bytes, element: copy.element, lane: lane, meta: meta)
    }
  }
}

extension Address {
  /// `address` moved by `bytes` within its allocation.
  @inline(__always) static func advanced(_ address: UInt64, by bytes: Int) -> UInt64 {
    make(id: id(address), offset: offset(address) &+ bytes)
  }
}

extension ExecutionContext {
  /// Whether every UB operand of an Ascend vector instruction is 32-byte aligned (B8); a
  /// misaligned finding for the first that is not.
  func areVectorOperandsAligned(_ pointers: [UInt64], lane: Int, meta: OpMeta) -> Bool {
    pointers.allSatisfy { checkAlignment($0, to: 32, lane: lane, meta: meta, what: "UB operand of a vector instruction") }
  }

  /// Whether `address` is a multiple of `alignment` bytes into its allocation; a misaligned
  /// finding (an error) when it is not.
  func checkAlignment(_ address: UInt64, to alignment: Int, lane: Int, meta: OpMeta, what: String) -> Bool {
    let offset = Address.offset(address)
    guard offset % alignment != 0 else { return true }
    guard !findings.hasError(.misaligned, op: meta.index) else { return false }
    let described = describeAllocation(Address.id(address))
    record(
      .misaligned, .error, meta: meta, lane: lane, space: described?.space, buffer: described?.name,
      index: described.map { offset / max(1, $0.elementSize) }, size: nil,
      message: "\(what) '\(described?.name ?? "?")' at byte \(offset), not a multiple of \(alignment)", details: nil)
    return false
  }

  /// Ends a vector op's walk over one operand: on-chip traffic of the vector unit, counted in
  /// bytes with no scalar (lane) accesses.
  func finishVectorRegion(_ region: inout ResolvedRegion, isStore: Bool, line: Int) {
    region.accesses = 0
    finishRegion(&region, isStore: isStore, line: line)
  }

  /// A DMA transfer of `bytes` bytes, `element` bytes at a time through the sanitizer; its bytes
  /// count per space with no lane accesses.
  func copyBytes(from source: UInt64, to destination: UInt64, bytes: Int, element: Int, lane: Int, meta: OpMeta) {
    var readCache = ResolvedRegion()
    var writeCache = ResolvedRegion()
    var offset = 0
    while offset < bytes {
      let size = min(element, bytes - offset)
      guard let from = addressForRead(Address.advanced(source, by: offset), size: size, lane: lane, meta: meta, cache: &readCache)
      else { break }
      guard
        let to = addressForWrite(
          Address.advanced(destination, by: offset), size: size, lane: lane, meta: meta, cache: &writeCache,
          isSameValue: { existing in (0..<size).allSatisfy { existing.load(fromByteOffset: $0, as: UInt8.self) == from.load(fromByteOffset: $0, as: UInt8.self) } })
      else { break }
      to.copyMemory(from: from, byteCount: size)
      offset += size
    }
    readCache.accesses = 0
    writeCache.accesses = 0
    finishRegion(&readCache, isStore: false, line: meta.line)
    finishRegion(&writeCache, isStore: true, line: meta.line)
  }
}
